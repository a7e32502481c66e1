"""The database schema: every table the store uses, in one module so migrations can diff it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import JSON, TypeDecorator

# Deterministic constraint names: migrations (Alembic) need them to alter or drop constraints.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The widest article id the store holds (ids are hex digits of the content hash, 8 unless taken).
ARTICLE_ID_MAX = 32
DELIVERY_STATUSES = ("claimed", "sent", "failed", "skipped")

# SQLite only auto-increments a column declared exactly INTEGER PRIMARY KEY; PostgreSQL gets BIGINT.
SurrogateKey = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime stored as UTC; SQLite keeps no zone, so UTC is re-attached on reading."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: the store only takes aware datetimes")
        value = value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ArticleRow(Base):
    """One added article; `seq` orders articles and marks how far each chat's digests have read."""

    __tablename__ = "articles"
    # AUTOINCREMENT: without it SQLite reuses the highest seq after a removal, and a chat whose
    # mark is that seq would never be sent the article that took it over.
    __table_args__ = ({"sqlite_autoincrement": True},)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(ARTICLE_ID_MAX), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text)
    published: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    raw_text: Mapped[str] = mapped_column(Text)
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    added_by: Mapped[int | None] = mapped_column(BigInteger)


class BriefingRow(Base):
    """The engine's reading of one article as ArticleBriefing JSON, so restarts skip spaCy."""

    __tablename__ = "article_briefings"

    article_seq: Mapped[int] = mapped_column(
        ForeignKey("articles.seq", ondelete="CASCADE"), primary_key=True
    )
    engine_version: Mapped[str] = mapped_column(String(64))
    data: Mapped[str] = mapped_column(Text)
    processed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class SubscriptionRow(Base):
    """A chat's (or forum thread's) daily digest; the row outlives /unsubscribe with its mark."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        CheckConstraint("thread_id >= 0", name="thread_id_not_negative"),
        CheckConstraint("last_seq >= 0", name="last_seq_not_negative"),
        # The scheduler reads every active subscription at start-up.
        Index(None, "active"),
    )

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    # 0 rather than NULL for "no thread": NULLs never collide in a key, so the uniqueness of
    # (chat_id, thread_id) would not hold for plain chats.
    thread_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, default=0)
    chat_type: Mapped[str] = mapped_column(String(16))
    time: Mapped[dt.time] = mapped_column(Time)
    tz: Mapped[str] = mapped_column(String(64))
    topics: Mapped[list[str]] = mapped_column(JSON)
    daily: Mapped[bool] = mapped_column(default=False, server_default=false())
    pictures: Mapped[bool] = mapped_column(default=False, server_default=false())
    active: Mapped[bool] = mapped_column(default=True)
    deactivated_reason: Mapped[str | None] = mapped_column(Text)
    last_seq: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class DeliveryRow(Base):
    """One digest for one chat and day; the unique key is what makes delivery exactly-once."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("chat_id", "thread_id", "digest_date"),
        CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in DELIVERY_STATUSES) + ")",
            name="status_known",
        ),
        Index(None, "status"),
    )

    id: Mapped[int] = mapped_column(SurrogateKey, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    thread_id: Mapped[int] = mapped_column(BigInteger, default=0)
    digest_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class AdminLogRow(Base):
    """What an admin did (/add, /remove, /reprocess), for accountability."""

    __tablename__ = "admin_log"

    id: Mapped[int] = mapped_column(SurrogateKey, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)


class FlagRow(Base):
    """A named one-off fact about this database, such as "the bundled articles were loaded"."""

    __tablename__ = "flags"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class PendingArticleRow(Base):
    """An /add waiting for its admin to reply with the publication date: one per admin and chat.

    In the database rather than in memory, so the reply may reach another instance, or this one
    after a restart.
    """

    __tablename__ = "pending_articles"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    asked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


FEED_ITEM_STATUSES = ("claimed", "taken", "skipped", "failed")


class FeedRow(Base):
    """A feed the admins follow, with what the poller needs between polls."""

    __tablename__ = "feeds"
    # AUTOINCREMENT: a removed feed's id is never given to another, so a late `/feed remove 3`
    # cannot remove a feed added since.
    __table_args__ = (Index(None, "next_poll_at"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    title: Mapped[str] = mapped_column(Text)
    topics: Mapped[list[str]] = mapped_column(JSON)
    added_by: Mapped[int | None] = mapped_column(BigInteger)
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_fetched_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    next_poll_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class FeedItemRow(Base):
    """One feed entry the bot took, skipped or is taking: the unique keys make it exactly once.

    Rows outlive their feed (no foreign key): after `/feed remove` and a later re-add, entries
    already taken are still recognised.
    """

    __tablename__ = "feed_items"
    __table_args__ = (
        CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in FEED_ITEM_STATUSES) + ")",
            name="status_known",
        ),
        Index(None, "feed_id", "status"),
    )

    id: Mapped[int] = mapped_column(SurrogateKey, primary_key=True, autoincrement=True)
    feed_id: Mapped[int] = mapped_column(Integer)
    guid_key: Mapped[str] = mapped_column(String(64), unique=True)
    # NULL for an entry without a link: NULLs never collide, so such entries go by GUID alone.
    link_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    link: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    article_id: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)
    claimed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class StoryMemberRow(Base):
    """Which story an article belongs to, and what the grouper read in it to place it.

    The article's seq is the key, so an article is in exactly one story whatever the number of
    instances; `story_key` is the id of the story's first article. `features` (JSON: weighted
    keys and actor salience) lets a start-up rebuild the grouper without reading any briefing.
    """

    __tablename__ = "story_members"

    article_seq: Mapped[int] = mapped_column(
        ForeignKey("articles.seq", ondelete="CASCADE"), primary_key=True
    )
    story_key: Mapped[str] = mapped_column(String(32), index=True)
    features: Mapped[str] = mapped_column(Text)


class ChatFocusRow(Base):
    """The story a chat opened with /story N, by its key, so the focus survives a restart."""

    __tablename__ = "chat_focus"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    story_key: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class StoryBriefingRow(Base):
    """A story's own briefing (Briefing JSON), merged from its articles' when it was built.

    `members` fingerprints the story's articles (`story_members_digest`): a reader whose story
    has other articles than these (one joined or left since, seen by this instance or another)
    finds the row stale and builds the briefing again, never serves it.
    """

    __tablename__ = "story_briefings"

    story_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    members: Mapped[str] = mapped_column(String(64))
    engine_version: Mapped[str] = mapped_column(String(64))
    data: Mapped[str] = mapped_column(Text)
    built_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
