"""Schema migrations (Alembic), run by the store at start-up on SQLite and PostgreSQL alike.

Several instances may start at once against one empty database, so the upgrade runs inside one
transaction that first takes a database-wide lock: PostgreSQL's advisory lock, SQLite's write
lock (BEGIN IMMEDIATE). The second instance waits, then finds the schema at head. DDL is
transactional on both, so a failed upgrade leaves the schema as it was.

A database already at SCHEMA_HEAD is recognised with one query and without importing Alembic
(about 0.2 s of a start-up whose budget is 2 s); a test keeps SCHEMA_HEAD equal to Alembic's head.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store.records import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The revision that creates the schema the store had before migrations existed (create_all).
BASELINE = "0001"
# The newest revision in migrations/versions: update it with every new migration.
SCHEMA_HEAD = "0006_story_briefings"
BASELINE_TABLES = frozenset(
    {"articles", "article_briefings", "subscriptions", "deliveries", "admin_log", "flags"}
)
# Any fixed 64-bit number, the same in every instance: it names the migration lock.
_PG_LOCK_KEY = 0x42_52_49_45_46_30_31  # "BRIEF01"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration without an ini file; with a connection, migrations use it."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision in the package."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships its baseline
        raise StoreError("no schema migrations found")
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at, or None for one Alembic never touched."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


async def upgrade_schema(engine: AsyncEngine) -> None:
    """Bring the database to the newest revision, adopting one that create_all made."""
    async with engine.connect() as connection:
        if await connection.run_sync(_recorded_revision) == SCHEMA_HEAD:
            return
    async with engine.begin() as connection:
        await connection.run_sync(_upgrade_locked)


def _recorded_revision(connection: Connection) -> str | None:
    """alembic_version's row, read without Alembic; None when there is no such table yet."""
    try:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:  # no such table: the connection's transaction is rolled back on close
        return None
    return None if revision is None else str(revision)


def _upgrade_locked(connection: Connection) -> None:
    from alembic import command

    _lock(connection)
    before = current_revision(connection)
    if before is None:
        _adopt_unversioned(connection)
    head = head_revision()
    if current_revision(connection) != head:
        command.upgrade(alembic_config(connection), "head")
        log.info("database schema upgraded from %s to %s", before or "empty", head)


def _lock(connection: Connection) -> None:
    """Hold the migration lock until this transaction ends."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    elif connection.dialect.name == "sqlite":
        # The driver opens transactions lazily; an explicit IMMEDIATE takes the write lock now.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _adopt_unversioned(connection: Connection) -> None:
    """Stamp a database made by create_all (before migrations) as the baseline it matches."""
    existing = set(inspect(connection).get_table_names()) & BASELINE_TABLES
    if not existing:
        return
    missing = BASELINE_TABLES - existing
    if missing:
        raise StoreError(
            "the database holds some of the bot's tables but not "
            f"{', '.join(sorted(missing))}, and no migration record: restore it from a backup "
            "or point DATABASE_URL at an empty database"
        )
    from alembic import command

    command.stamp(alembic_config(connection), BASELINE)
    log.info("adopted an existing database as schema revision %s", BASELINE)
