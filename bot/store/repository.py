"""The store: one repository each for articles, subscriptions and deliveries, over one database,
plus the flags, the admin log and the figures /stats shows, which span them."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlalchemy import URL, event, func, make_url, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.store.articles import ArticleRepository
from bot.store.database import Database, utc_now
from bot.store.deliveries import UNCONFIRMED_AFTER, DeliveryRepository, unconfirmed_where
from bot.store.feeds import FeedRepository
from bot.store.migrate import upgrade_schema
from bot.store.records import DeliveryStatus, StoreStats
from bot.store.schema import AdminLogRow, ArticleRow, DeliveryRow, FlagRow, SubscriptionRow
from bot.store.stories import StoryRepository
from bot.store.subscriptions import SubscriptionRepository

log = logging.getLogger(__name__)

# How long an SQLite writer waits for another (a second instance, a backup) before failing.
SQLITE_BUSY_TIMEOUT_MS = 10_000
# Tries at switching a new SQLite file to WAL while other processes do the same (about 5 s).
_WAL_ATTEMPTS = 12


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


class Store:
    """Async access to the bot's database; every write is one transaction."""

    def __init__(self, engine: AsyncEngine, *, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._db = Database(engine, clock)
        self.articles = ArticleRepository(self._db)
        self.subscriptions = SubscriptionRepository(self._db)
        self.deliveries = DeliveryRepository(self._db)
        self.feeds = FeedRepository(self._db)
        self.stories = StoryRepository(self._db)

    @classmethod
    async def open(cls, database_url: str, *, clock: Callable[[], dt.datetime] = utc_now) -> Store:
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
        await self._db.engine.dispose()

    async def fold_log(self) -> None:
        """After a large write (every story's briefing, once): SQLite copies its write-ahead log
        back into the database now, as far as readers allow, rather than leave every read to
        look pages up in a log of 100 MB and the next commits to copy it. PostgreSQL: nothing."""
        if self._db.engine.dialect.name != "sqlite":
            return
        async with self._db.engine.connect() as connection:
            await connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")

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
        return self._db.engine

    # Flags

    async def get_flag(self, name: str) -> str | None:
        """A flag's value, or None if it was never set."""
        async with self._db.sessions() as session:
            row = await session.get(FlagRow, name)
        return None if row is None else row.value

    async def set_flag(self, name: str, value: str = "1") -> None:
        """Set (or overwrite) a flag."""

        async def attempt() -> None:
            async with self._db.sessions.begin() as session:
                row = await session.get(FlagRow, name)
                if row is None:
                    session.add(FlagRow(name=name, value=value, updated_at=self._db.now()))
                else:
                    row.value = value
                    row.updated_at = self._db.now()

        try:
            await attempt()
        except IntegrityError:
            # Another instance set it between our read and our insert: overwrite theirs.
            await attempt()

    # Admin log and figures

    async def log_admin(self, user_id: int, action: str, detail: str) -> None:
        async with self._db.sessions.begin() as session:
            session.add(
                AdminLogRow(user_id=user_id, action=action, detail=detail, at=self._db.now())
            )

    async def stats(self) -> StoreStats:
        async with self._db.sessions() as session:
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
                select(func.count()).where(*unconfirmed_where(self._db.now() - UNCONFIRMED_AFTER))
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
            deliveries_unconfirmed=unconfirmed or 0,
        )
