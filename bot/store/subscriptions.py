"""Subscriptions: one per chat (per thread in a forum), kept when stopped so a return resumes."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, exists, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from bot.store.database import Database, rowcount
from bot.store.records import DeliveryStatus, Subscription
from bot.store.schema import DeliveryRow, SubscriptionRow

# Delivery outcomes that reached (or deliberately skipped) the chat: they follow it to a new id.
_SETTLED = (DeliveryStatus.SENT.value, DeliveryStatus.SKIPPED.value)


def _check_time(value: dt.time | None) -> None:
    if value is not None and value.tzinfo is not None:
        raise ValueError(
            "a digest time is wall-clock time in the subscription's zone, without tzinfo"
        )


def _check_zone(value: str | None) -> None:
    if value is None:
        return
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"{value!r} is not an IANA time zone") from exc


def _subscription(row: SubscriptionRow) -> Subscription:
    return Subscription(
        chat_id=row.chat_id,
        thread_id=row.thread_id,
        chat_type=row.chat_type,
        time=row.time,
        tz=row.tz,
        topics=list(row.topics),
        active=row.active,
        last_seq=row.last_seq,
        created_at=row.created_at,
        daily=row.daily,
        pictures=row.pictures,
        deactivated_reason=row.deactivated_reason,
        updated_at=row.updated_at,
    )


class SubscriptionRepository:
    """Who gets a digest, when, in which zone and on which topics."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def upsert(
        self,
        chat_id: int,
        thread_id: int = 0,
        *,
        chat_type: str,
        time: dt.time | None = None,
        tz: str | None = None,
        topics: list[str] | None = None,
        daily: bool | None = None,
        pictures: bool | None = None,
        default_time: dt.time,
        default_tz: str,
    ) -> Subscription:
        """Subscribe a chat with the defaults, or change only the fields given; reactivates it."""
        for value in (time, default_time):
            _check_time(value)
        for zone in (tz, default_tz):
            _check_zone(zone)

        async def attempt() -> Subscription:
            now = self._db.now()
            async with self._db.sessions.begin() as session:
                row = await session.get(SubscriptionRow, (chat_id, thread_id))
                if row is None:
                    row = SubscriptionRow(
                        chat_id=chat_id,
                        thread_id=thread_id,
                        chat_type=chat_type,
                        time=default_time if time is None else time,
                        tz=default_tz if tz is None else tz,
                        topics=[] if topics is None else list(topics),
                        daily=False if daily is None else daily,
                        pictures=False if pictures is None else pictures,
                        active=True,
                        deactivated_reason=None,
                        last_seq=0,
                        created_at=now,
                        updated_at=now,
                    )
                    session.add(row)
                else:
                    row.chat_type = chat_type
                    if time is not None:
                        row.time = time
                    if tz is not None:
                        row.tz = tz
                    if topics is not None:
                        row.topics = list(topics)
                    if daily is not None:
                        row.daily = daily
                    if pictures is not None:
                        row.pictures = pictures
                    row.active = True
                    row.deactivated_reason = None
                    row.updated_at = now
                await session.flush()
                return _subscription(row)

        try:
            return await attempt()
        except IntegrityError:
            # Another instance inserted this chat between our read and our insert: update it.
            return await attempt()

    async def get(self, chat_id: int, thread_id: int = 0) -> Subscription | None:
        async with self._db.sessions() as session:
            row = await session.get(SubscriptionRow, (chat_id, thread_id))
        return None if row is None else _subscription(row)

    async def unsubscribe(self, chat_id: int, thread_id: int = 0) -> bool:
        """Deactivate one subscription (kept, so a later /subscribe resumes where it left off)."""
        deactivated = await self._deactivate(
            (SubscriptionRow.chat_id == chat_id, SubscriptionRow.thread_id == thread_id),
            "unsubscribed",
        )
        return deactivated > 0

    async def deactivate_chat(self, chat_id: int, reason: str) -> int:
        """Deactivate every subscription of a chat (the bot was blocked or removed)."""
        return await self._deactivate((SubscriptionRow.chat_id == chat_id,), reason)

    async def _deactivate(self, where: tuple[Any, ...], reason: str) -> int:
        now = self._db.now()
        async with self._db.sessions.begin() as session:
            result = await session.execute(
                update(SubscriptionRow)
                .where(*where, SubscriptionRow.active.is_(True))
                .values(active=False, deactivated_reason=reason, updated_at=now)
                .execution_options(synchronize_session=False)
            )
        return rowcount(result)

    async def active(self, *, at: tuple[dt.time, str] | None = None) -> list[Subscription]:
        """Every active subscription, or those whose digest is due at one (time, zone)."""
        query = select(SubscriptionRow).where(SubscriptionRow.active.is_(True))
        if at is not None:
            query = query.where(SubscriptionRow.time == at[0], SubscriptionRow.tz == at[1])
        async with self._db.sessions() as session:
            rows = await session.scalars(
                query.order_by(SubscriptionRow.chat_id, SubscriptionRow.thread_id)
            )
            return [_subscription(row) for row in rows]

    async def of_chat(self, chat_id: int) -> list[Subscription]:
        """Every subscription of one chat, active or not, by thread (check `active` to schedule)."""
        async with self._db.sessions() as session:
            rows = await session.scalars(
                select(SubscriptionRow)
                .where(SubscriptionRow.chat_id == chat_id)
                .order_by(SubscriptionRow.thread_id)
            )
            return [_subscription(row) for row in rows]

    async def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> int:
        """Move a group's subscriptions to its new supergroup id; returns how many moved.

        Digests the group was sent (or skipped) move too, so the supergroup does not get that
        day's digest again; claimed and failed ones stay behind so it can be sent under the new id.
        Where the supergroup already has its own subscription for a thread, that one wins.
        """
        if old_chat_id == new_chat_id:
            return 0
        now = self._db.now()
        async with self._db.sessions.begin() as session:
            taken = set(
                await session.scalars(
                    select(SubscriptionRow.thread_id).where(SubscriptionRow.chat_id == new_chat_id)
                )
            )
            if taken:
                await session.execute(
                    delete(SubscriptionRow)
                    .where(
                        SubscriptionRow.chat_id == old_chat_id,
                        SubscriptionRow.thread_id.in_(taken),
                    )
                    .execution_options(synchronize_session=False)
                )
            moved = await session.execute(
                update(SubscriptionRow)
                .where(SubscriptionRow.chat_id == old_chat_id)
                .values(chat_id=new_chat_id, chat_type="supergroup", updated_at=now)
                .execution_options(synchronize_session=False)
            )
            other = aliased(DeliveryRow)
            await session.execute(
                update(DeliveryRow)
                .where(
                    DeliveryRow.chat_id == old_chat_id,
                    DeliveryRow.status.in_(_SETTLED),
                    ~exists().where(
                        other.chat_id == new_chat_id,
                        other.thread_id == DeliveryRow.thread_id,
                        other.digest_date == DeliveryRow.digest_date,
                    ),
                )
                .values(chat_id=new_chat_id)
                .execution_options(synchronize_session=False)
            )
        return rowcount(moved)
