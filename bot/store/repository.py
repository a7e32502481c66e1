"""The store: articles and their briefings, subscriptions, the delivery log and the admin log."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import (
    URL,
    CursorResult,
    Table,
    bindparam,
    delete,
    event,
    exists,
    func,
    insert,
    make_url,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from bot.briefing.models import ArticleBriefing
from bot.store.migrate import upgrade_schema
from bot.store.records import (
    AdminAction,
    Delivery,
    DeliveryResult,
    DeliveryStatus,
    DuplicateArticleError,
    PendingArticle,
    StoredArticle,
    StoreError,
    StoreStats,
    Subscription,
    UnknownArticleError,
)
from bot.store.schema import (
    AdminLogRow,
    ArticleRow,
    Base,
    BriefingRow,
    DeliveryRow,
    FlagRow,
    PendingArticleRow,
    SubscriptionRow,
)

log = logging.getLogger(__name__)

_T = TypeVar("_T")

# How long an SQLite writer waits for another (a second instance, a backup) before failing.
SQLITE_BUSY_TIMEOUT_MS = 10_000
# Tries at switching a new SQLite file to WAL while other processes do the same (about 5 s).
_WAL_ATTEMPTS = 12
# Rows per IN (...) lookup: far below SQLite's and asyncpg's bound-parameter limits.
_LOOKUP_CHUNK = 500
# A send takes seconds; a claim this old without an outcome lost its sender.
UNCONFIRMED_AFTER = dt.timedelta(minutes=10)
# Delivery outcomes that reached (or deliberately skipped) the chat: they follow it to a new id.
_SETTLED = (DeliveryStatus.SENT.value, DeliveryStatus.SKIPPED.value)

_deliveries: Table = Base.metadata.tables["deliveries"]
_subscriptions: Table = Base.metadata.tables["subscriptions"]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _sqlite_file(url: URL) -> Path | None:
    """The database file an SQLite URL names, or None for an in-memory database."""
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def _create_parent_folder(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)


def _apply_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Per-connection SQLite settings: they do not persist in the file (WAL, which does, is
    switched on once by `_use_wal`)."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        # NORMAL survives application crashes in WAL mode; FULL only adds power-loss safety.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


async def _use_wal(engine: AsyncEngine) -> None:
    """Put the SQLite file in WAL mode: readers (the bot answering /who) never block the digest
    writer, nor it them. The mode is kept in the file, for every later connection and process.

    Several processes opening a new file together race to switch it, and SQLite refuses the
    losers at once rather than let them wait (waiting could deadlock), so the switch is retried.
    """
    for attempt in range(1, _WAL_ATTEMPTS + 1):
        try:
            async with engine.connect() as connection:
                await connection.exec_driver_sql("PRAGMA journal_mode = WAL")
            return
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == _WAL_ATTEMPTS:
                raise
            await asyncio.sleep(0.05 * attempt)


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


def _chunks(items: Sequence[_T], size: int) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _rowcount(result: Any) -> int:
    """Rows an UPDATE or DELETE touched (session.execute is typed as returning a plain Result)."""
    assert isinstance(result, CursorResult)
    return result.rowcount


def _article(row: ArticleRow) -> StoredArticle:
    return StoredArticle(
        seq=row.seq,
        id=row.id,
        title=row.title,
        published=row.published,
        source=row.source,
        url=row.url,
        content_hash=row.content_hash,
        added_at=row.added_at,
        added_by=row.added_by,
    )


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


def _unconfirmed(
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


class Store:
    """Async access to the bot's database; every write is one transaction."""

    def __init__(self, engine: AsyncEngine, *, clock: Callable[[], dt.datetime] = _utc_now) -> None:
        self._engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._clock = clock

    @classmethod
    async def open(cls, database_url: str, *, clock: Callable[[], dt.datetime] = _utc_now) -> Store:
        """Connect, create the SQLite file's folder if needed, and migrate the schema to head."""
        url = make_url(database_url)
        is_sqlite = url.get_backend_name() == "sqlite"
        if is_sqlite and (path := _sqlite_file(url)) is not None:
            _create_parent_folder(path)
        # pre_ping: a server-side database may drop idle connections; a local file never does.
        engine = create_async_engine(url, pool_pre_ping=not is_sqlite)
        if is_sqlite:
            event.listen(engine.sync_engine, "connect", _apply_sqlite_pragmas)
        store = cls(engine, clock=clock)
        try:
            if is_sqlite:
                await _use_wal(engine)
            await upgrade_schema(engine)
        except BaseException:
            await engine.dispose()
            raise
        log.info("store open: %s", url.render_as_string(hide_password=True))
        return store

    async def close(self) -> None:
        await self._engine.dispose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def engine(self) -> AsyncEngine:
        """The engine, for migrations and diagnostics."""
        return self._engine

    def _now(self) -> dt.datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("the store's clock must return aware datetimes")
        return now.astimezone(dt.UTC)

    # Articles and briefings

    async def add_article(
        self, briefing: ArticleBriefing, *, raw_text: str, added_by: int | None
    ) -> StoredArticle:
        """Store an article and its briefing together, or neither."""
        article = briefing.article
        existing = await self.find_article_by_hash(article.content_hash)
        if existing is not None:
            raise DuplicateArticleError(existing)
        now = self._now()
        row = ArticleRow(
            id=article.id,
            content_hash=article.content_hash,
            title=article.title,
            published=article.published,
            source=article.source,
            url=article.url,
            raw_text=raw_text,
            added_at=now,
            added_by=added_by,
        )
        try:
            async with self._sessions.begin() as session:
                session.add(row)
                # The briefing row points at the article's seq, which the flush assigns.
                await session.flush()
                session.add(
                    BriefingRow(
                        article_seq=row.seq,
                        engine_version=briefing.engine_version,
                        data=briefing.model_dump_json(),
                        processed_at=now,
                    )
                )
        except IntegrityError:
            # Two admins adding the same article at once: the loser sees the winner's row.
            existing = await self.find_article_by_hash(article.content_hash)
            if existing is not None:
                raise DuplicateArticleError(existing) from None
            if (same_id := await self.get_article(article.id)) is not None:
                raise StoreError(
                    f"article id {article.id} is already taken by {same_id.title!r}"
                ) from None
            raise
        return _article(row)

    async def find_article_by_hash(self, content_hash: str) -> StoredArticle | None:
        async with self._sessions() as session:
            row = await session.scalar(
                select(ArticleRow).where(ArticleRow.content_hash == content_hash)
            )
        return None if row is None else _article(row)

    async def get_article(self, article_id: str) -> StoredArticle | None:
        async with self._sessions() as session:
            row = await session.scalar(select(ArticleRow).where(ArticleRow.id == article_id))
        return None if row is None else _article(row)

    async def list_articles(self) -> list[StoredArticle]:
        """Every stored article, oldest first."""
        async with self._sessions() as session:
            rows = await session.scalars(select(ArticleRow).order_by(ArticleRow.seq))
            return [_article(row) for row in rows]

    async def remove_article(self, article_id: str) -> bool:
        """Remove an article and its briefing; False if there was no such article."""
        async with self._sessions.begin() as session:
            seq = await session.scalar(select(ArticleRow.seq).where(ArticleRow.id == article_id))
            if seq is None:
                return False
            # Explicit rather than relying on ON DELETE CASCADE, which SQLite honours only when
            # the foreign_keys pragma is on for the connection.
            await session.execute(delete(BriefingRow).where(BriefingRow.article_seq == seq))
            await session.execute(delete(ArticleRow).where(ArticleRow.seq == seq))
        return True

    async def get_briefing(self, article_id: str) -> ArticleBriefing | None:
        """One article's stored briefing."""
        async with self._sessions() as session:
            data = await session.scalar(
                select(BriefingRow.data)
                .join(ArticleRow, ArticleRow.seq == BriefingRow.article_seq)
                .where(ArticleRow.id == article_id)
            )
        return None if data is None else ArticleBriefing.model_validate_json(data)

    async def load_briefings(self) -> list[ArticleBriefing]:
        """Every stored article's briefing, in the order the articles were added."""
        return [
            ArticleBriefing.model_validate_json(data) for data in await self.briefing_documents()
        ]

    async def briefing_documents(self) -> list[str]:
        """The briefings as stored JSON, in article order: callers validate them off the loop."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(BriefingRow.data)
                .join(ArticleRow, ArticleRow.seq == BriefingRow.article_seq)
                .order_by(ArticleRow.seq)
            )
            return list(rows)

    async def stale_briefing_count(self, engine_version: str) -> int:
        """How many stored briefings another engine version made."""
        async with self._sessions() as session:
            count = await session.scalar(
                select(func.count()).where(BriefingRow.engine_version != engine_version)
            )
            return int(count or 0)

    async def replace_briefings(self, briefings: list[ArticleBriefing]) -> None:
        """Swap in re-made briefings for stored articles, all or none.

        Each briefing is matched to its article by id, or failing that by content hash (a new
        engine may normalise text differently); one that matches neither raises
        UnknownArticleError and nothing is changed. Articles not named keep their briefing.
        """
        now = self._now()
        async with self._sessions.begin() as session:
            for briefing in briefings:
                article = briefing.article
                row = await session.scalar(select(ArticleRow).where(ArticleRow.id == article.id))
                if row is None:
                    row = await session.scalar(
                        select(ArticleRow).where(ArticleRow.content_hash == article.content_hash)
                    )
                if row is None:
                    raise UnknownArticleError(f"no stored article {article.id}: {article.title!r}")
                row.id = article.id
                row.content_hash = article.content_hash
                row.title = article.title
                row.published = article.published
                row.source = article.source
                row.url = article.url
                stored = await session.get(BriefingRow, row.seq)
                if stored is None:
                    stored = BriefingRow(article_seq=row.seq)
                    session.add(stored)
                stored.engine_version = briefing.engine_version
                stored.data = briefing.model_dump_json()
                stored.processed_at = now

    async def raw_texts(self) -> list[tuple[str, str, dt.date]]:
        """(article id, text as added, publication date) of every article, oldest first."""
        async with self._sessions() as session:
            rows = await session.execute(
                select(ArticleRow.id, ArticleRow.raw_text, ArticleRow.published).order_by(
                    ArticleRow.seq
                )
            )
            return [(article_id, text, published) for article_id, text, published in rows]

    # Subscriptions

    async def upsert_subscription(
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
            now = self._now()
            async with self._sessions.begin() as session:
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

    async def get_subscription(self, chat_id: int, thread_id: int = 0) -> Subscription | None:
        async with self._sessions() as session:
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
        now = self._now()
        async with self._sessions.begin() as session:
            result = await session.execute(
                update(SubscriptionRow)
                .where(*where, SubscriptionRow.active.is_(True))
                .values(active=False, deactivated_reason=reason, updated_at=now)
                .execution_options(synchronize_session=False)
            )
        return _rowcount(result)

    async def active_subscriptions(
        self, *, at: tuple[dt.time, str] | None = None
    ) -> list[Subscription]:
        """Every active subscription, or those whose digest is due at one (time, zone)."""
        query = select(SubscriptionRow).where(SubscriptionRow.active.is_(True))
        if at is not None:
            query = query.where(SubscriptionRow.time == at[0], SubscriptionRow.tz == at[1])
        async with self._sessions() as session:
            rows = await session.scalars(
                query.order_by(SubscriptionRow.chat_id, SubscriptionRow.thread_id)
            )
            return [_subscription(row) for row in rows]

    async def subscriptions_of_chat(self, chat_id: int) -> list[Subscription]:
        """Every subscription of one chat, active or not, by thread (check `active` to schedule)."""
        async with self._sessions() as session:
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
        now = self._now()
        async with self._sessions.begin() as session:
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
        return _rowcount(moved)

    # Deliveries

    async def claim_delivery(
        self, sub: Subscription, digest_date: dt.date, *, retry_failed: bool = False
    ) -> bool:
        """Take the right to send `sub` its digest for `digest_date`; True for exactly one caller.

        The unique key (chat, thread, date) decides, so this holds across processes and
        instances sharing the database. With `retry_failed`, a digest recorded as failed may be
        claimed again (by exactly one caller as well).
        """
        now = self._now()
        try:
            async with self._sessions.begin() as session:
                session.add(
                    DeliveryRow(
                        chat_id=sub.chat_id,
                        thread_id=sub.thread_id,
                        digest_date=digest_date,
                        status=DeliveryStatus.CLAIMED.value,
                        error=None,
                        last_seq=0,
                        claimed_at=now,
                        sent_at=None,
                    )
                )
        except IntegrityError:
            if not retry_failed:
                return False
            async with self._sessions.begin() as session:
                result = await session.execute(
                    update(DeliveryRow)
                    .where(
                        DeliveryRow.chat_id == sub.chat_id,
                        DeliveryRow.thread_id == sub.thread_id,
                        DeliveryRow.digest_date == digest_date,
                        DeliveryRow.status == DeliveryStatus.FAILED.value,
                    )
                    .values(status=DeliveryStatus.CLAIMED.value, error=None, claimed_at=now)
                    .execution_options(synchronize_session=False)
                )
            return _rowcount(result) == 1
        return True

    async def record_deliveries(self, results: list[DeliveryResult]) -> None:
        """Log a batch of outcomes in one transaction and advance the mark of chats sent to."""
        if not results:
            return
        statuses = [DeliveryStatus(result.status) for result in results]
        if DeliveryStatus.CLAIMED in statuses:
            raise ValueError("record_deliveries takes outcomes: sent, failed or skipped")
        now = self._now()
        async with self._sessions.begin() as session:
            claimed: set[tuple[int, int, dt.date]] = set()
            for chunk in _chunks(results, _LOOKUP_CHUNK):
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

    async def last_delivery(self, sub: Subscription) -> Delivery | None:
        """The most recent digest logged for this subscription, whatever its status."""
        async with self._sessions() as session:
            row = await session.scalar(
                select(DeliveryRow)
                .where(DeliveryRow.chat_id == sub.chat_id, DeliveryRow.thread_id == sub.thread_id)
                .order_by(DeliveryRow.digest_date.desc(), DeliveryRow.id.desc())
                .limit(1)
            )
        return None if row is None else _delivery(row)

    async def get_delivery(self, sub: Subscription, digest_date: dt.date) -> Delivery | None:
        """The log entry for this subscription's digest of one day, if any."""
        async with self._sessions() as session:
            row = await session.scalar(
                select(DeliveryRow).where(
                    DeliveryRow.chat_id == sub.chat_id,
                    DeliveryRow.thread_id == sub.thread_id,
                    DeliveryRow.digest_date == digest_date,
                )
            )
        return None if row is None else _delivery(row)

    # Flags

    async def get_flag(self, name: str) -> str | None:
        """A flag's value, or None if it was never set."""
        async with self._sessions() as session:
            row = await session.get(FlagRow, name)
        return None if row is None else row.value

    async def set_flag(self, name: str, value: str = "1") -> None:
        """Set (or overwrite) a flag."""

        async def attempt() -> None:
            async with self._sessions.begin() as session:
                row = await session.get(FlagRow, name)
                if row is None:
                    session.add(FlagRow(name=name, value=value, updated_at=self._now()))
                else:
                    row.value = value
                    row.updated_at = self._now()

        try:
            await attempt()
        except IntegrityError:
            # Another instance set it between our read and our insert: overwrite theirs.
            await attempt()

    # An /add waiting for its publication date

    async def ask_publication_date(
        self, chat_id: int, user_id: int, text: str, url: str | None
    ) -> None:
        """Keep an article until its admin replies with the date (a newer one replaces it)."""
        async with self._sessions.begin() as session:
            await session.merge(
                PendingArticleRow(
                    chat_id=chat_id, user_id=user_id, text=text, url=url, asked_at=self._now()
                )
            )

    async def pending_article(
        self, chat_id: int, user_id: int, max_age: dt.timedelta
    ) -> PendingArticle | None:
        """The article this admin was asked a date for in this chat, unless asked too long ago."""
        async with self._sessions() as session:
            row = await session.get(PendingArticleRow, (chat_id, user_id))
        if row is None:
            return None
        if self._now() - row.asked_at > max_age:
            await self.drop_pending_article(chat_id, user_id)
            return None
        return PendingArticle(row.chat_id, row.user_id, row.text, row.url, row.asked_at)

    async def drop_pending_article(self, chat_id: int, user_id: int) -> bool:
        """Forget the waiting article; True for exactly one caller, so it is added once."""
        async with self._sessions.begin() as session:
            result = await session.execute(
                delete(PendingArticleRow).where(
                    PendingArticleRow.chat_id == chat_id, PendingArticleRow.user_id == user_id
                )
            )
        return _rowcount(result) == 1

    # Admin log and figures

    async def log_admin(self, user_id: int, action: str, detail: str) -> None:
        async with self._sessions.begin() as session:
            session.add(AdminLogRow(user_id=user_id, action=action, detail=detail, at=self._now()))

    async def admin_log(self, limit: int = 50) -> list[AdminAction]:
        """The latest admin actions, newest first."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(AdminLogRow).order_by(AdminLogRow.id.desc()).limit(limit)
            )
            return [
                AdminAction(user_id=row.user_id, action=row.action, detail=row.detail, at=row.at)
                for row in rows
            ]

    async def stats(self) -> StoreStats:
        async with self._sessions() as session:
            articles = await session.scalar(select(func.count()).select_from(ArticleRow)) or 0
            by_type_rows = await session.execute(
                select(SubscriptionRow.chat_type, func.count())
                .where(SubscriptionRow.active.is_(True))
                .group_by(SubscriptionRow.chat_type)
            )
            by_type: dict[str, int] = dict(by_type_rows.all())
            by_status_rows = await session.execute(
                select(DeliveryRow.status, func.count()).group_by(DeliveryRow.status)
            )
            by_status: dict[str, int] = dict(by_status_rows.all())
            unconfirmed = await session.scalar(
                select(func.count()).where(*_unconfirmed(self._now() - UNCONFIRMED_AFTER))
            )
        active = sum(by_type.values())
        private = by_type.get("private", 0)
        return StoreStats(
            articles=articles,
            active_subscriptions=active,
            private_subscriptions=private,
            group_subscriptions=active - private,
            deliveries_sent=by_status.get(DeliveryStatus.SENT.value, 0),
            deliveries_failed=by_status.get(DeliveryStatus.FAILED.value, 0),
            subscriptions_by_type=by_type,
            deliveries_unconfirmed=unconfirmed or 0,
        )

    async def unconfirmed_deliveries(
        self, claimed_before: dt.datetime, claimed_since: dt.datetime | None = None
    ) -> list[Delivery]:
        """Digests claimed before the given instant (and since another) that have no outcome.

        A sender records every outcome as soon as Telegram answers, so these are digests whose
        process stopped between claim and record (or, if recent, ones still being sent). Each
        may or may not have reached its chat; none is sent again.
        """
        async with self._sessions() as session:
            rows = await session.scalars(
                select(DeliveryRow)
                .where(*_unconfirmed(claimed_before, claimed_since))
                .order_by(DeliveryRow.claimed_at, DeliveryRow.chat_id)
            )
            return [_delivery(row) for row in rows]
