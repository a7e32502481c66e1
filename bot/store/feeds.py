"""Feeds and the entries taken from them; an entry is claimed by a unique row, as digests are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.database import LOOKUP_CHUNK, Database, chunks, rowcount
from bot.store.schema import FeedItemRow, FeedRow

# A claimed entry whose taker never reported back (a process killed mid-poll) may be claimed
# again after this long: long enough that a slow page fetch and spaCy never overlap it.
STALE_CLAIM = dt.timedelta(minutes=30)
# Tries at an entry whose page could not be fetched before it is given up.
MAX_ATTEMPTS = 3


class FeedItemStatus(StrEnum):
    CLAIMED = "claimed"
    TAKEN = "taken"  # became an article
    SKIPPED = "skipped"  # read and refused for good (no date, duplicate text, off-topic)
    FAILED = "failed"  # could not be read this time; tried again up to MAX_ATTEMPTS


class FeedExistsError(ValueError):
    """A feed with this URL is already followed."""

    def __init__(self, existing: StoredFeed) -> None:
        super().__init__(f"feed {existing.id} already follows {existing.url}")
        self.existing = existing


@dataclass(frozen=True)
class StoredFeed:
    id: int
    url: str
    title: str
    topics: tuple[str, ...]
    added_at: dt.datetime
    etag: str | None
    last_modified: str | None
    last_fetched_at: dt.datetime | None
    last_error: str | None
    failures: int
    next_poll_at: dt.datetime
    articles_taken: int = 0


def _feed(row: FeedRow, taken: int = 0) -> StoredFeed:
    return StoredFeed(
        id=row.id,
        url=row.url,
        title=row.title,
        topics=tuple(row.topics),
        added_at=row.added_at,
        etag=row.etag,
        last_modified=row.last_modified,
        last_fetched_at=row.last_fetched_at,
        last_error=row.last_error,
        failures=row.failures,
        next_poll_at=row.next_poll_at,
        articles_taken=taken,
    )


class FeedRepository:
    """The feeds table and the entry claims; every write is one transaction."""

    def __init__(self, database: Database) -> None:
        self._sessions = database.sessions
        self._now = database.now

    async def add(
        self,
        url: str,
        title: str,
        topics: Sequence[str],
        added_by: int | None,
        next_poll_at: dt.datetime,
    ) -> StoredFeed:
        """Follow a feed; FeedExistsError if its URL is followed already."""
        now = self._now()
        row = FeedRow(
            url=url,
            title=title,
            topics=list(topics),
            added_by=added_by,
            added_at=now,
            failures=0,
            next_poll_at=next_poll_at,
        )
        try:
            async with self._sessions.begin() as session:
                session.add(row)
        except IntegrityError:
            existing = await self.find_by_url(url)
            if existing is None:
                raise
            raise FeedExistsError(existing) from None
        return _feed(row)

    async def find_by_url(self, url: str) -> StoredFeed | None:
        async with self._sessions() as session:
            row = await session.scalar(select(FeedRow).where(FeedRow.url == url))
        return None if row is None else _feed(row)

    async def get(self, feed_id: int) -> StoredFeed | None:
        async with self._sessions() as session:
            row = await session.get(FeedRow, feed_id)
            if row is None:
                return None
            taken = await self._taken_counts(session, [feed_id])
        return _feed(row, taken.get(feed_id, 0))

    async def followed(self) -> list[StoredFeed]:
        """Every followed feed, oldest first, with how many articles each has given."""
        async with self._sessions() as session:
            rows = list(await session.scalars(select(FeedRow).order_by(FeedRow.id)))
            taken = await self._taken_counts(session, [row.id for row in rows])
        return [_feed(row, taken.get(row.id, 0)) for row in rows]

    async def _taken_counts(self, session: AsyncSession, feed_ids: list[int]) -> dict[int, int]:
        if not feed_ids:
            return {}
        counts = await session.execute(
            select(FeedItemRow.feed_id, func.count())
            .where(
                FeedItemRow.feed_id.in_(feed_ids),
                FeedItemRow.status == FeedItemStatus.TAKEN.value,
            )
            .group_by(FeedItemRow.feed_id)
        )
        return {feed_id: int(count) for feed_id, count in counts.all()}

    async def remove(self, feed_id: int) -> bool:
        """Stop following a feed; its entries' rows stay, so what it gave is never taken again."""
        async with self._sessions.begin() as session:
            result = await session.execute(delete(FeedRow).where(FeedRow.id == feed_id))
        return rowcount(result) == 1

    async def due(self) -> list[StoredFeed]:
        """Feeds whose next poll time has come, the longest-waiting first."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(FeedRow)
                .where(FeedRow.next_poll_at <= self._now())
                .order_by(FeedRow.next_poll_at)
            )
            return [_feed(row) for row in rows]

    async def lease(self, feed_id: int, until: dt.datetime) -> bool:
        """Take the due poll of this feed; True for exactly one instance, which polls it."""
        async with self._sessions.begin() as session:
            result = await session.execute(
                update(FeedRow)
                .where(FeedRow.id == feed_id, FeedRow.next_poll_at <= self._now())
                .values(next_poll_at=until)
                .execution_options(synchronize_session=False)
            )
        return rowcount(result) == 1

    async def record_success(
        self,
        feed_id: int,
        *,
        title: str,
        etag: str | None,
        last_modified: str | None,
        next_poll_at: dt.datetime,
    ) -> None:
        """A fetch worked (or found nothing new): clear the error, keep the validators."""
        async with self._sessions.begin() as session:
            await session.execute(
                update(FeedRow)
                .where(FeedRow.id == feed_id)
                .values(
                    title=title,
                    etag=etag,
                    last_modified=last_modified,
                    last_fetched_at=self._now(),
                    last_error=None,
                    failures=0,
                    next_poll_at=next_poll_at,
                )
                .execution_options(synchronize_session=False)
            )

    async def record_failure(
        self, feed_id: int, error: str, next_poll_at: Callable[[int], dt.datetime]
    ) -> int:
        """A fetch failed: count it, keep the error for /feed list; returns failures in a row."""
        async with self._sessions.begin() as session:
            row = await session.get(FeedRow, feed_id)
            if row is None:  # removed while it was being polled
                return 0
            row.failures += 1
            row.last_error = error
            row.last_fetched_at = self._now()
            row.next_poll_at = next_poll_at(row.failures)
            return row.failures

    async def known(self, guid_keys: Sequence[str], link_keys: Sequence[str]) -> set[str]:
        """Which of these keys some entry row already holds (taken, skipped or being taken)."""
        found: set[str] = set()
        async with self._sessions() as session:
            for chunk in chunks(guid_keys, LOOKUP_CHUNK):
                found.update(
                    await session.scalars(
                        select(FeedItemRow.guid_key).where(FeedItemRow.guid_key.in_(chunk))
                    )
                )
            for chunk in chunks(link_keys, LOOKUP_CHUNK):
                found.update(
                    key
                    for key in await session.scalars(
                        select(FeedItemRow.link_key).where(FeedItemRow.link_key.in_(chunk))
                    )
                    if key is not None
                )
        return found

    async def retryable(self, guid_keys: Sequence[str]) -> set[str]:
        """Of these keys, those whose entry failed or whose claim went stale: worth a new claim."""
        if not guid_keys:
            return set()
        async with self._sessions() as session:
            rows = await session.scalars(
                select(FeedItemRow.guid_key).where(
                    FeedItemRow.guid_key.in_(list(guid_keys)[:LOOKUP_CHUNK]),
                    self._reclaimable(),
                )
            )
            return set(rows)

    def _reclaimable(self) -> Any:
        return or_(
            (FeedItemRow.status == FeedItemStatus.FAILED.value)
            & (FeedItemRow.attempts < MAX_ATTEMPTS),
            (FeedItemRow.status == FeedItemStatus.CLAIMED.value)
            & (FeedItemRow.claimed_at < self._now() - STALE_CLAIM),
        )

    async def claim(
        self, feed_id: int, guid_key: str, link_key: str | None, link: str | None
    ) -> bool:
        """Take the right to read this entry; True for exactly one caller across instances.

        The unique GUID and link keys decide: an entry seen before under either is not claimed,
        unless its last try failed (within MAX_ATTEMPTS) or its claim went stale.
        """
        now = self._now()
        try:
            async with self._sessions.begin() as session:
                session.add(
                    FeedItemRow(
                        feed_id=feed_id,
                        guid_key=guid_key,
                        link_key=link_key,
                        link=link,
                        status=FeedItemStatus.CLAIMED.value,
                        attempts=1,
                        claimed_at=now,
                    )
                )
        except IntegrityError:
            async with self._sessions.begin() as session:
                result = await session.execute(
                    update(FeedItemRow)
                    .where(FeedItemRow.guid_key == guid_key, self._reclaimable())
                    .values(
                        status=FeedItemStatus.CLAIMED.value,
                        attempts=FeedItemRow.attempts + 1,
                        claimed_at=now,
                        reason=None,
                    )
                    .execution_options(synchronize_session=False)
                )
            return rowcount(result) == 1
        return True

    async def finish(
        self,
        guid_key: str,
        status: FeedItemStatus,
        *,
        article_id: str | None = None,
        reason: str | None = None,
    ) -> None:
        """Record what became of a claimed entry."""
        if status is FeedItemStatus.CLAIMED:
            raise ValueError("finish takes an outcome: taken, skipped or failed")
        async with self._sessions.begin() as session:
            await session.execute(
                update(FeedItemRow)
                .where(FeedItemRow.guid_key == guid_key)
                .values(
                    status=status.value,
                    article_id=article_id,
                    reason=reason,
                    done_at=self._now(),
                )
                .execution_options(synchronize_session=False)
            )
