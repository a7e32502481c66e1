"""The delivery log: a digest is claimed before it is sent and its outcome recorded after."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement

from bot.store.database import LOOKUP_CHUNK, Database, chunks
from bot.store.records import Delivery, DeliveryResult, DeliveryStatus, Subscription
from bot.store.schema import Base, DeliveryRow

# A send takes seconds; a claim this old without an outcome lost its sender.
UNCONFIRMED_AFTER = dt.timedelta(minutes=10)

_deliveries: Table = Base.metadata.tables["deliveries"]
_subscriptions: Table = Base.metadata.tables["subscriptions"]


def unconfirmed_where(
    claimed_before: dt.datetime, claimed_since: dt.datetime | None = None
) -> list[ColumnElement[bool]]:
    """Deliveries claimed in that window whose outcome was never recorded."""
    where = [
        DeliveryRow.status == DeliveryStatus.CLAIMED.value,
        DeliveryRow.claimed_at < claimed_before,
    ]
    if claimed_since is not None:
        where.append(DeliveryRow.claimed_at >= claimed_since)
    return where


def _delivery(row: DeliveryRow) -> Delivery:
    return Delivery(
        chat_id=row.chat_id,
        thread_id=row.thread_id,
        digest_date=row.digest_date,
        status=DeliveryStatus(row.status),
        error=row.error,
        last_seq=row.last_seq,
        claimed_at=row.claimed_at,
        sent_at=row.sent_at,
    )


class DeliveryRepository:
    """Claims and outcomes of digests; the unique (chat, thread, date) row makes a send once."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def claim(self, sub: Subscription, digest_date: dt.date) -> bool:
        """Take the right to send `sub` its digest for `digest_date`; True for exactly one caller.

        The unique key (chat, thread, date) decides, so this holds across processes and
        instances sharing the database.
        """
        try:
            async with self._db.sessions.begin() as session:
                session.add(
                    DeliveryRow(
                        chat_id=sub.chat_id,
                        thread_id=sub.thread_id,
                        digest_date=digest_date,
                        status=DeliveryStatus.CLAIMED.value,
                        error=None,
                        last_seq=0,
                        claimed_at=self._db.now(),
                        sent_at=None,
                    )
                )
        except IntegrityError:
            return False
        return True

    async def record(self, results: list[DeliveryResult]) -> None:
        """Log a batch of outcomes in one transaction and advance the mark of chats sent to."""
        if not results:
            return
        statuses = [DeliveryStatus(result.status) for result in results]
        if DeliveryStatus.CLAIMED in statuses:
            raise ValueError("record_deliveries takes outcomes: sent, failed or skipped")
        now = self._db.now()
        async with self._db.sessions.begin() as session:
            claimed: set[tuple[int, int, dt.date]] = set()
            for chunk in chunks(results, LOOKUP_CHUNK):
                rows = await session.execute(
                    select(
                        DeliveryRow.chat_id, DeliveryRow.thread_id, DeliveryRow.digest_date
                    ).where(
                        DeliveryRow.chat_id.in_({r.chat_id for r in chunk}),
                        DeliveryRow.digest_date.in_({r.digest_date for r in chunk}),
                    )
                )
                claimed.update((chat, thread, day) for chat, thread, day in rows)

            outcomes = [
                {
                    "b_chat_id": result.chat_id,
                    "b_thread_id": result.thread_id,
                    "b_digest_date": result.digest_date,
                    "b_status": status.value,
                    "b_error": result.error,
                    "b_last_seq": result.last_seq,
                    "b_sent_at": now if status is DeliveryStatus.SENT else None,
                }
                for result, status in zip(results, statuses, strict=True)
            ]
            known = [
                o
                for o in outcomes
                if (o["b_chat_id"], o["b_thread_id"], o["b_digest_date"]) in claimed
            ]
            unknown = [
                o
                for o in outcomes
                if (o["b_chat_id"], o["b_thread_id"], o["b_digest_date"]) not in claimed
            ]
            # Core statements on the tables with a list of parameters: one executemany each,
            # not one round trip per chat (a broadcast may record thousands).
            if known:
                await session.execute(
                    update(_deliveries)
                    .where(
                        _deliveries.c.chat_id == bindparam("b_chat_id"),
                        _deliveries.c.thread_id == bindparam("b_thread_id"),
                        _deliveries.c.digest_date == bindparam("b_digest_date"),
                    )
                    .values(
                        status=bindparam("b_status"),
                        error=bindparam("b_error"),
                        last_seq=bindparam("b_last_seq"),
                        sent_at=bindparam("b_sent_at", type_=_deliveries.c.sent_at.type),
                    ),
                    known,
                )
            if unknown:
                # Outcomes nobody claimed first (a caller that skipped claim_delivery).
                await session.execute(
                    insert(_deliveries),
                    [
                        {
                            "chat_id": o["b_chat_id"],
                            "thread_id": o["b_thread_id"],
                            "digest_date": o["b_digest_date"],
                            "status": o["b_status"],
                            "error": o["b_error"],
                            "last_seq": o["b_last_seq"],
                            "claimed_at": now,
                            "sent_at": o["b_sent_at"],
                        }
                        for o in unknown
                    ],
                )
            advanced = [
                {
                    "b_chat_id": result.chat_id,
                    "b_thread_id": result.thread_id,
                    "b_last_seq": result.last_seq,
                    "b_now": now,
                }
                for result, status in zip(results, statuses, strict=True)
                if status is DeliveryStatus.SENT
            ]
            if advanced:
                await session.execute(
                    update(_subscriptions)
                    .where(
                        _subscriptions.c.chat_id == bindparam("b_chat_id"),
                        _subscriptions.c.thread_id == bindparam("b_thread_id"),
                        # Never backwards: a late, older outcome must not re-send articles.
                        _subscriptions.c.last_seq < bindparam("b_last_seq"),
                    )
                    .values(
                        last_seq=bindparam("b_last_seq"),
                        updated_at=bindparam("b_now", type_=_subscriptions.c.updated_at.type),
                    ),
                    advanced,
                )

    async def unconfirmed(
        self, claimed_before: dt.datetime, claimed_since: dt.datetime | None = None
    ) -> list[Delivery]:
        """Digests claimed before the given instant (and since another) that have no outcome.

        A sender records every outcome as soon as Telegram answers, so these are digests whose
        process stopped between claim and record (or, if recent, ones still being sent). Each
        may or may not have reached its chat; none is sent again.
        """
        async with self._db.sessions() as session:
            rows = await session.scalars(
                select(DeliveryRow)
                .where(*unconfirmed_where(claimed_before, claimed_since))
                .order_by(DeliveryRow.claimed_at, DeliveryRow.chat_id)
            )
            return [_delivery(row) for row in rows]
