"""What every repository shares: the session factory, the store's clock and small SQL helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import CursorResult
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.sql.dml import Insert

_T = TypeVar("_T")

# Rows per IN (...) lookup: far below SQLite's and asyncpg's bound-parameter limits.
LOOKUP_CHUNK = 500


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Database:
    """One engine's sessions and the clock every row's timestamps come from."""

    def __init__(self, engine: AsyncEngine, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.engine = engine
        self.sessions: async_sessionmaker[AsyncSession] = async_sessionmaker(
            engine, expire_on_commit=False
        )
        self._clock = clock

    def now(self) -> dt.datetime:
        """The clock's time in UTC; a naive clock is a bug, not local time."""
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("the store's clock must return aware datetimes")
        return now.astimezone(dt.UTC)

    def upsert(self, table: Any, values: dict[str, Any]) -> Insert:
        """One INSERT of a row that replaces the row with its primary key, if any: a single
        statement, so two instances writing one row at once both succeed (the last one wins)
        where a read then a write would let the second fail on the key."""
        keys = [column.name for column in table.__table__.primary_key]
        dialect = postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert
        insert = dialect(table).values(values)
        changed = {name: insert.excluded[name] for name in values if name not in keys}
        return insert.on_conflict_do_update(index_elements=keys, set_=changed)


def chunks(items: Sequence[_T], size: int) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def rowcount(result: Any) -> int:
    """Rows an UPDATE or DELETE touched (session.execute is typed as returning a plain Result)."""
    assert isinstance(result, CursorResult)
    return result.rowcount
