"""What the store hands out: plain frozen values, never ORM objects tied to a session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class DeliveryStatus(StrEnum):
    CLAIMED = "claimed"  # an instance took this digest; it is being sent (or the sender died)
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"  # nothing new that day for this chat


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as listed by /articles: `seq` is its place in the order articles were added."""

    seq: int
    id: str
    title: str
    published: dt.date
    source: str | None
    url: str | None
    content_hash: str
    added_at: dt.datetime
    added_by: int | None


@dataclass(frozen=True, slots=True)
class Subscription:
    """A chat's daily digest. `last_seq` is the highest article seq its last sent digest covered."""

    chat_id: int
    thread_id: int
    chat_type: str
    time: dt.time
    tz: str
    topics: list[str]
    active: bool
    last_seq: int
    created_at: dt.datetime
    daily: bool = False  # send a digest even on a day with nothing new
    pictures: bool = False  # the digest carries the timeline picture
    deactivated_reason: str | None = None
    updated_at: dt.datetime | None = None

    @property
    def key(self) -> tuple[int, int]:
        """(chat_id, thread_id): what identifies the subscription."""
        return (self.chat_id, self.thread_id)


@dataclass(frozen=True, slots=True)
class DeliveryResult:
    """The outcome of sending one digest; `last_seq` is the highest article seq it covered."""

    chat_id: int
    thread_id: int
    digest_date: dt.date
    status: DeliveryStatus
    error: str | None = None
    last_seq: int = 0


@dataclass(frozen=True, slots=True)
class Delivery:
    """One row of the delivery log."""

    chat_id: int
    thread_id: int
    digest_date: dt.date
    status: DeliveryStatus
    error: str | None
    last_seq: int
    claimed_at: dt.datetime
    sent_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class StoreStats:
    """The figures /stats shows."""

    articles: int
    active_subscriptions: int
    private_subscriptions: int
    group_subscriptions: int  # groups, supergroups and channels
    deliveries_sent: int
    deliveries_failed: int
    # Claimed more than UNCONFIRMED_AFTER ago and never recorded: their sender stopped mid-send.
    deliveries_unconfirmed: int = 0


@dataclass(frozen=True, slots=True)
class PendingArticle:
    """An /add waiting for the admin to reply with its publication date."""

    chat_id: int
    user_id: int
    text: str
    url: str | None
    asked_at: dt.datetime


class StoreError(Exception):
    """The store refused an operation."""


class DuplicateArticleError(StoreError):
    """An article with the same content hash is already stored."""

    def __init__(self, existing: StoredArticle) -> None:
        super().__init__(f"article already stored as {existing.id}: {existing.title}")
        self.existing = existing


class UnknownArticleError(StoreError):
    """A briefing names an article the store does not hold."""
