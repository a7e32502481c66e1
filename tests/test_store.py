"""The store against real databases: what a restart, a crash or a second instance would see.

Every test that does not reach into SQLite itself runs twice: on an SQLite file and on an empty
PostgreSQL database of its own (tests/postgres.py finds or starts the server; without one the
PostgreSQL runs skip and say why, except in CI, where they fail).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Row, func, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import IntegrityError

from bot.briefing.ingest import ArticleMeta, parse_article_text
from bot.briefing.models import (
    Actor,
    ActorKind,
    ArticleBriefing,
    Quote,
    QuoteKind,
    SourceRef,
)
from bot.store import (
    DeliveryResult,
    DeliveryStatus,
    DuplicateArticleError,
    Store,
    StoredArticle,
    Subscription,
    UnknownArticleError,
)
from bot.store.schema import Base, UTCDateTime
from tests.postgres import require_server, scratch_database

EIGHT = dt.time(8, 0)
DAY = dt.date(2026, 3, 2)


def make_briefing(title: str, body: str, *, published: dt.date = DAY) -> ArticleBriefing:
    """A small but complete briefing for an article made of `title` and `body`."""
    text = f"{title}\n\n{body}\n\nThe talks are due to continue next week, officials said."
    article = parse_article_text(text, ArticleMeta(published=published, source="Test Wire"))
    speaker = Actor(
        id="ana-lopez",
        name="Ana Lopez",
        kind=ActorKind.PERSON,
        aliases=["Lopez"],
        role="foreign minister",
        mentions=2,
        sources=[SourceRef(article_id=article.id, sentence=0)],
    )
    quote = Quote(
        speaker_id=speaker.id,
        speaker=speaker.name,
        text="We will not leave the table",
        kind=QuoteKind.DIRECT,
        source=SourceRef(article_id=article.id, sentence=0),
    )
    return ArticleBriefing(article=article, actors=[speaker], quotes=[quote], engine_version="t1")


HARBOUR = make_briefing(
    "Ministers meet over harbour dispute",
    "The foreign minister, Ana Lopez, said on Monday that the two governments would meet again.",
)
RIVER = make_briefing(
    "Drought talks stall over river quotas",
    "Negotiators from the three countries failed to agree how much water each may take.",
)
RAILWAY = make_briefing(
    "New railway link opens between the capitals",
    "The first train left the northern station on Tuesday morning with four hundred passengers.",
)


def db_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Read the file directly, as another program would, bypassing the store."""
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


async def count_rows(store: Store, table: str) -> int:
    """Rows in a table, read past the store's API (which never shows briefing rows on their own)."""
    async with store.engine.connect() as conn:
        counted = await conn.scalar(select(func.count()).select_from(Base.metadata.tables[table]))
    assert counted is not None
    return counted


async def briefings(store: Store) -> list[ArticleBriefing]:
    """The stored briefings, read the way the newsroom reads them."""
    documents = await store.articles.briefing_documents()
    return [ArticleBriefing.model_validate_json(document) for document in documents]


async def article_named(store: Store, article_id: str) -> StoredArticle | None:
    return next((a for a in await store.articles.all() if a.id == article_id), None)


async def log_rows(store: Store, table: str, **where: object) -> list[Row[Any]]:
    """A log's rows, newest first, read past the store's API: the bot writes them, never reads."""
    logged = Base.metadata.tables[table]
    query = select(logged).where(*(logged.c[name] == value for name, value in where.items()))
    async with store.engine.connect() as conn:
        return list(await conn.execute(query.order_by(logged.c.id.desc())))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "briefing.db"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, db_path: Path) -> Iterator[str]:
    """An empty database: an SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield db_url(db_path)
        return
    with scratch_database(require_server()) as url:
        yield url


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    opened = await Store.open(database_url)
    yield opened
    await opened.close()


@pytest.fixture
async def sqlite_store(db_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(db_url(db_path))
    yield opened
    await opened.close()


async def subscribe(
    store: Store, chat_id: int, thread_id: int = 0, **changes: object
) -> Subscription:
    return await store.subscriptions.upsert(
        chat_id,
        thread_id,
        chat_type=str(changes.pop("chat_type", "private")),
        default_time=EIGHT,
        default_tz="UTC",
        **changes,  # type: ignore[arg-type]
    )


# Opening


async def test_open_creates_the_folder_and_a_wal_database(db_path: Path) -> None:
    assert not db_path.parent.exists()
    store = await Store.open(db_url(db_path))
    await store.close()

    assert db_path.is_file()  # noqa: ASYNC240 (a test's one stat call)
    assert rows(db_path, "PRAGMA journal_mode") == [("wal",)]
    tables = {
        name for (name,) in rows(db_path, "SELECT name FROM sqlite_master WHERE type='table'")
    }
    assert {"articles", "article_briefings", "subscriptions", "deliveries", "admin_log"} <= tables


async def test_foreign_keys_are_enforced_on_store_connections(sqlite_store: Store) -> None:
    async with sqlite_store.engine.connect() as conn:
        assert (await conn.exec_driver_sql("PRAGMA foreign_keys")).scalar() == 1
        timeout = (await conn.exec_driver_sql("PRAGMA busy_timeout")).scalar()
        assert timeout is not None
        assert timeout >= 1000


# Articles


async def test_added_article_is_listed_with_its_briefing(store: Store) -> None:
    stored = await store.articles.add(HARBOUR, raw_text="the text as pasted", added_by=42)

    assert stored.id == HARBOUR.article.id
    assert stored.title == "Ministers meet over harbour dispute"
    assert stored.published == DAY
    assert stored.source == "Test Wire"
    assert stored.added_by == 42
    assert stored.added_at.tzinfo is not None
    assert stored.added_at.utcoffset() == dt.timedelta(0)
    assert await article_named(store, stored.id) == stored
    assert await store.articles.find_by_hash(HARBOUR.article.content_hash) == stored
    assert await briefings(store) == [HARBOUR]
    assert await store.articles.raw_texts() == [(stored.id, "the text as pasted", DAY)]


async def test_an_id_another_article_holds_is_lengthened(store: Store) -> None:
    held = await store.articles.add(HARBOUR, raw_text="h", added_by=None)
    digest = HARBOUR.article.content_hash
    other = held.id + "f" * (len(digest) - len(held.id))  # begins with the same 8 digits

    assert await store.articles.free_id(RIVER.article.content_hash) == RIVER.article.id
    assert await store.articles.free_id(other) == other[:12]


async def test_articles_are_listed_oldest_first(store: Store) -> None:
    first = await store.articles.add(RIVER, raw_text="r", added_by=None)
    second = await store.articles.add(HARBOUR, raw_text="h", added_by=None)

    listed = await store.articles.all()
    assert [a.id for a in listed] == [RIVER.article.id, HARBOUR.article.id]
    assert first.seq < second.seq
    assert [b.article.id for b in await briefings(store)] == [a.id for a in listed]


async def test_the_same_article_twice_is_refused_and_names_the_first(store: Store) -> None:
    first = await store.articles.add(HARBOUR, raw_text="first paste", added_by=1)
    # The same text pasted again by another admin, spaced differently: the same content hash.
    again = make_briefing(
        "Ministers  meet over harbour dispute",
        "The foreign minister, Ana Lopez,  said on Monday that the two governments "
        "would meet  again.",
    )
    assert again.article.content_hash == HARBOUR.article.content_hash

    with pytest.raises(DuplicateArticleError) as caught:
        await store.articles.add(again, raw_text="second paste", added_by=2)

    assert caught.value.existing == first
    assert await store.articles.all() == [first]


async def test_concurrent_adds_of_one_article_store_it_once(database_url: str) -> None:
    one = await Store.open(database_url)
    two = await Store.open(database_url)
    try:
        outcomes = await asyncio.gather(
            one.articles.add(RIVER, raw_text="a", added_by=1),
            two.articles.add(RIVER, raw_text="b", added_by=2),
            return_exceptions=True,
        )
        assert sum(isinstance(o, DuplicateArticleError) for o in outcomes) == 1
        assert await count_rows(one, "articles") == 1
    finally:
        await one.close()
        await two.close()


async def test_a_failed_briefing_insert_leaves_no_half_article(
    sqlite_store: Store, db_path: Path
) -> None:
    store = sqlite_store
    # Make the second insert of add_article fail inside the database, as a crash or full disk would.
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "CREATE TRIGGER refuse_briefing BEFORE INSERT ON article_briefings "
            "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )

    with pytest.raises(IntegrityError, match="disk full"):
        await store.articles.add(HARBOUR, raw_text="text", added_by=7)

    assert rows(db_path, "SELECT count(*) FROM articles") == [(0,)]
    assert await store.articles.all() == []
    assert await store.articles.find_by_hash(HARBOUR.article.content_hash) is None

    # Nothing half-written blocks a retry once the fault is gone.
    with sqlite3.connect(db_path) as conn:
        conn.execute("DROP TRIGGER refuse_briefing")
    await store.articles.add(HARBOUR, raw_text="text", added_by=7)
    assert await briefings(store) == [HARBOUR]


async def test_remove_takes_the_article_and_its_briefing(store: Store) -> None:
    kept = await store.articles.add(RIVER, raw_text="r", added_by=None)
    gone = await store.articles.add(HARBOUR, raw_text="h", added_by=None)

    assert await store.articles.remove(gone.id) is True
    assert await store.articles.remove(gone.id) is False
    assert await store.articles.remove("nosuchid") is False

    assert await store.articles.all() == [kept]
    assert await briefings(store) == [RIVER]
    assert await article_named(store, gone.id) is None
    assert await count_rows(store, "article_briefings") == 1
    # A removed article can be added again (the hash is free).
    assert (await store.articles.add(HARBOUR, raw_text="h", added_by=None)).id == gone.id


async def test_seq_is_never_reused_after_removing_the_newest(store: Store) -> None:
    # A chat whose digest covered seq 2 must still get the article added after 2 was removed.
    await store.articles.add(RIVER, raw_text="r", added_by=None)
    newest = await store.articles.add(HARBOUR, raw_text="h", added_by=None)
    await store.articles.remove(newest.id)

    later = await store.articles.add(RAILWAY, raw_text="t", added_by=None)

    assert later.seq > newest.seq


async def test_replace_briefings_swaps_them_all_or_none(store: Store) -> None:
    await store.articles.add(RIVER, raw_text="r", added_by=None)
    await store.articles.add(HARBOUR, raw_text="h", added_by=None)
    remade_river = RIVER.model_copy(update={"engine_version": "t2", "actors": []})
    remade_harbour = HARBOUR.model_copy(update={"engine_version": "t2", "quotes": []})

    # One briefing for an article the store never held: nothing may change.
    with pytest.raises(UnknownArticleError):
        await store.articles.replace_briefings([remade_river, RAILWAY])
    assert await briefings(store) == [RIVER, HARBOUR]

    await store.articles.replace_briefings([remade_river, remade_harbour])
    assert await briefings(store) == [remade_river, remade_harbour]


async def test_replace_briefings_follows_an_article_whose_id_changed(store: Store) -> None:
    stored = await store.articles.add(RIVER, raw_text="r", added_by=None)
    renamed_article = RIVER.article.model_copy(update={"id": "newid001"})
    remade = RIVER.model_copy(update={"article": renamed_article, "engine_version": "t2"})

    await store.articles.replace_briefings([remade])

    assert await article_named(store, stored.id) is None
    moved = await article_named(store, "newid001")
    assert moved is not None
    assert moved.seq == stored.seq
    assert await briefings(store) == [remade]


# Subscriptions


async def test_subscribe_uses_the_defaults_then_changes_only_named_fields(store: Store) -> None:
    created = await subscribe(store, 100)
    assert (created.time, created.tz, created.topics, created.active, created.last_seq) == (
        EIGHT,
        "UTC",
        [],
        True,
        0,
    )

    await subscribe(store, 100, time=dt.time(7, 30))
    await subscribe(store, 100, tz="Europe/Berlin")
    changed = await subscribe(store, 100, topics=["ceasefire", "peace_talks"])

    assert changed.time == dt.time(7, 30)
    assert changed.tz == "Europe/Berlin"
    assert changed.topics == ["ceasefire", "peace_talks"]
    assert changed.created_at == created.created_at
    assert await store.subscriptions.get(100) == changed

    # A different default later (DIGEST_TIME changed) does not overwrite a chat's own choice.
    again = await store.subscriptions.upsert(
        100, chat_type="private", default_time=dt.time(9, 0), default_tz="Asia/Tokyo"
    )
    assert (again.time, again.tz) == (dt.time(7, 30), "Europe/Berlin")


async def test_subscribe_rejects_an_unknown_zone(store: Store) -> None:
    with pytest.raises(ValueError, match="IANA"):
        await subscribe(store, 100, tz="Mars/Olympus")
    assert await store.subscriptions.get(100) is None


async def test_forum_threads_have_their_own_subscriptions(store: Store) -> None:
    await subscribe(store, -1001, chat_type="supergroup", time=dt.time(6, 0))
    await subscribe(store, -1001, 55, chat_type="supergroup", topics=["ceasefire"])

    plain = await store.subscriptions.get(-1001)
    thread = await store.subscriptions.get(-1001, 55)
    assert plain is not None
    assert thread is not None
    assert (plain.time, plain.topics) == (dt.time(6, 0), [])
    assert (thread.time, thread.topics) == (EIGHT, ["ceasefire"])
    assert [s.key for s in await store.subscriptions.active()] == [(-1001, 0), (-1001, 55)]


async def test_unsubscribe_then_subscribe_resumes_with_settings_and_mark(store: Store) -> None:
    sub = await subscribe(store, 100, topics=["airstrikes"])
    await store.deliveries.claim(sub, DAY)
    await store.deliveries.record([DeliveryResult(100, 0, DAY, DeliveryStatus.SENT, None, 3)])

    assert await store.subscriptions.unsubscribe(100) is True
    assert await store.subscriptions.unsubscribe(100) is False
    assert await store.subscriptions.active() == []
    stopped = await store.subscriptions.get(100)
    assert stopped is not None
    assert not stopped.active

    back = await subscribe(store, 100)
    assert back.active
    assert back.topics == ["airstrikes"]
    assert back.last_seq == 3


async def test_a_blocked_chat_is_deactivated_everywhere(store: Store) -> None:
    await subscribe(store, -200, chat_type="supergroup")
    await subscribe(store, -200, 9, chat_type="supergroup")
    await subscribe(store, 300)

    assert await store.subscriptions.deactivate_chat(-200, "Forbidden: bot was kicked") == 2
    assert await store.subscriptions.deactivate_chat(-200, "again") == 0

    assert [s.chat_id for s in await store.subscriptions.active()] == [300]
    kicked = await store.subscriptions.get(-200, 9)
    assert kicked is not None
    assert kicked.deactivated_reason == "Forbidden: bot was kicked"


async def test_a_migrated_group_keeps_its_subscription_and_sent_digests(store: Store) -> None:
    old = await subscribe(store, -5, chat_type="group", time=dt.time(18, 0), tz="Asia/Tokyo")
    await store.deliveries.claim(old, DAY)
    await store.deliveries.record([DeliveryResult(-5, 0, DAY, DeliveryStatus.SENT, None, 4)])
    next_day = DAY + dt.timedelta(days=1)
    await store.deliveries.claim(old, next_day)
    await store.deliveries.record(
        [DeliveryResult(-5, 0, next_day, DeliveryStatus.FAILED, "migrated", 0)]
    )

    assert await store.subscriptions.migrate_chat(-5, -1005) == 1

    assert await store.subscriptions.get(-5) is None
    new = await store.subscriptions.get(-1005)
    assert new is not None
    assert (new.time, new.tz, new.last_seq, new.chat_type) == (
        dt.time(18, 0),
        "Asia/Tokyo",
        4,
        "supergroup",
    )
    # The digest the group already had is not sent again; the one that failed can be.
    assert await store.deliveries.claim(new, DAY) is False
    assert await store.deliveries.claim(new, next_day) is True


async def test_migrating_onto_an_existing_subscription_keeps_the_new_chats_own(
    store: Store,
) -> None:
    await subscribe(store, -5, chat_type="group", time=dt.time(18, 0))
    await subscribe(store, -1005, chat_type="supergroup", time=dt.time(6, 0))

    assert await store.subscriptions.migrate_chat(-5, -1005) == 0

    assert await store.subscriptions.get(-5) is None
    kept = await store.subscriptions.get(-1005)
    assert kept is not None
    assert kept.time == dt.time(6, 0)


async def test_subscriptions_of_a_chat_include_stopped_ones(store: Store) -> None:
    await subscribe(store, -200, chat_type="supergroup")
    await subscribe(store, -200, 9, chat_type="supergroup")
    await subscribe(store, 300)
    await store.subscriptions.unsubscribe(-200, 9)

    listed = await store.subscriptions.of_chat(-200)

    assert [(s.thread_id, s.active) for s in listed] == [(0, True), (9, False)]
    assert await store.subscriptions.of_chat(12345) == []


# Deliveries


async def test_a_digest_is_claimed_once_per_chat_and_day(store: Store) -> None:
    sub = await subscribe(store, 100)
    other = await subscribe(store, 100, 7)

    assert await store.deliveries.claim(sub, DAY) is True
    assert await store.deliveries.claim(sub, DAY) is False
    assert await store.deliveries.claim(other, DAY) is True
    assert await store.deliveries.claim(sub, DAY + dt.timedelta(days=1)) is True

    [claimed] = await log_rows(store, "deliveries", chat_id=100, thread_id=0, digest_date=DAY)
    assert claimed.status == DeliveryStatus.CLAIMED


async def test_two_instances_on_one_database_claim_each_digest_once(database_url: str) -> None:
    one = await Store.open(database_url)
    two = await Store.open(database_url)
    try:
        subs = [await subscribe(one, chat_id) for chat_id in range(1, 21)]
        claims = await asyncio.gather(
            *(store.deliveries.claim(sub, DAY) for sub in subs for store in (one, two))
        )
        # Pairs: each chat was claimed by both instances at once; exactly one of each pair won.
        assert [a + b for a, b in zip(claims[::2], claims[1::2], strict=True)] == [1] * 20
        assert await count_rows(two, "deliveries") == 20
    finally:
        await one.close()
        await two.close()


async def test_a_failed_digest_is_not_claimed_again(store: Store) -> None:
    sub = await subscribe(store, 100)
    await store.deliveries.claim(sub, DAY)
    await store.deliveries.record([DeliveryResult(100, 0, DAY, DeliveryStatus.FAILED, "timeout")])

    assert await store.deliveries.claim(sub, DAY) is False


async def test_recorded_deliveries_advance_the_mark_of_sent_chats_only(store: Store) -> None:
    sent = await subscribe(store, 1)
    failed = await subscribe(store, 2)
    skipped = await subscribe(store, 3)
    for sub in (sent, failed, skipped):
        assert await store.deliveries.claim(sub, DAY)

    await store.deliveries.record(
        [
            DeliveryResult(1, 0, DAY, DeliveryStatus.SENT, None, 5),
            DeliveryResult(2, 0, DAY, DeliveryStatus.FAILED, "Bad Request: chat not found", 5),
            DeliveryResult(3, 0, DAY, DeliveryStatus.SKIPPED, None, 5),
        ]
    )

    marks = {s.chat_id: s.last_seq for s in await store.subscriptions.active()}
    assert marks == {1: 5, 2: 0, 3: 0}
    advanced = await store.subscriptions.get(1)
    assert advanced is not None
    assert advanced.updated_at is not None
    assert advanced.updated_at > sent.created_at
    [delivered] = await log_rows(store, "deliveries", chat_id=sent.chat_id)
    assert (delivered.status, delivered.last_seq, delivered.digest_date) == (
        DeliveryStatus.SENT,
        5,
        DAY,
    )
    assert delivered.sent_at is not None
    assert delivered.sent_at.tzinfo is not None
    [refused] = await log_rows(store, "deliveries", chat_id=failed.chat_id)
    assert (refused.status, refused.error, refused.sent_at) == (
        DeliveryStatus.FAILED,
        "Bad Request: chat not found",
        None,
    )


async def test_the_mark_never_moves_backwards(store: Store) -> None:
    sub = await subscribe(store, 1)
    later = DAY + dt.timedelta(days=1)
    await store.deliveries.record([DeliveryResult(1, 0, later, DeliveryStatus.SENT, None, 9)])
    # A late outcome from an older digest arrives after the newer one.
    await store.deliveries.record([DeliveryResult(1, 0, DAY, DeliveryStatus.SENT, None, 4)])

    current = await store.subscriptions.get(1)
    assert current is not None
    assert current.last_seq == 9
    logged = await log_rows(store, "deliveries", chat_id=sub.chat_id)
    assert {row.digest_date: row.last_seq for row in logged} == {DAY: 4, later: 9}


async def test_a_large_batch_is_recorded_in_one_call(store: Store) -> None:
    # More outcomes than one lookup chunk holds, so the chunked lookup is exercised too.
    subs = [await subscribe(store, chat_id) for chat_id in range(1, 601)]
    for sub in subs:
        await store.deliveries.claim(sub, DAY)

    await store.deliveries.record(
        [DeliveryResult(s.chat_id, 0, DAY, DeliveryStatus.SENT, None, 2) for s in subs]
    )

    assert {s.last_seq for s in await store.subscriptions.active()} == {2}
    assert (await store.stats()).deliveries_sent == 600


async def test_claims_left_without_an_outcome_are_reported_as_unconfirmed(
    database_url: str,
) -> None:
    now = [dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)]
    store = await Store.open(database_url, clock=lambda: now[0])
    try:
        for chat_id in (1, 2, 3):
            await store.deliveries.claim(await subscribe(store, chat_id), DAY)
        await store.deliveries.record([DeliveryResult(1, 0, DAY, DeliveryStatus.SENT, None, 2)])
        assert (await store.stats()).deliveries_unconfirmed == 0  # 2 and 3 may still be sending
        now[0] += dt.timedelta(minutes=11)
        assert (await store.stats()).deliveries_unconfirmed == 2
        day_before = now[0] - dt.timedelta(days=1)
        unconfirmed = await store.deliveries.unconfirmed(now[0], day_before)
        assert [(d.chat_id, d.status) for d in unconfirmed] == [
            (2, DeliveryStatus.CLAIMED),
            (3, DeliveryStatus.CLAIMED),
        ]
        assert await store.deliveries.unconfirmed(now[0], now[0]) == []
    finally:
        await store.close()


async def test_an_add_waiting_for_its_date_is_kept_until_answered_or_stale(
    database_url: str,
) -> None:
    now = [dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)]
    hour = dt.timedelta(hours=1)
    store = await Store.open(database_url, clock=lambda: now[0])
    try:
        await store.articles.hold_for_date(-100, 42, "First text", None)
        await store.articles.hold_for_date(-100, 42, "Second text", "https://example.org/a")
        await store.articles.hold_for_date(-100, 43, "Another admin's", None)
        pending = await store.articles.pending(-100, 42, hour)
        assert pending is not None  # the newer question replaced the older
        assert (pending.text, pending.url) == ("Second text", "https://example.org/a")
        assert await store.articles.pending(-200, 42, hour) is None  # another chat
        assert await store.articles.drop_pending(-100, 42)
        assert not await store.articles.drop_pending(-100, 42)  # taken once
        now[0] += 2 * hour
        assert await store.articles.pending(-100, 43, hour) is None  # asked too long ago
        assert not await store.articles.drop_pending(-100, 43)  # and forgotten
    finally:
        await store.close()


async def test_claimed_is_not_an_outcome(store: Store) -> None:
    with pytest.raises(ValueError, match="outcomes"):
        await store.deliveries.record([DeliveryResult(1, 0, DAY, DeliveryStatus.CLAIMED)])


# Admin log, figures, restarts


async def test_stats_count_what_admins_ask_about(store: Store) -> None:
    await store.articles.add(RIVER, raw_text="r", added_by=1)
    await store.articles.add(HARBOUR, raw_text="h", added_by=1)
    for chat_id, chat_type in [(1, "private"), (2, "private"), (-3, "group"), (-4, "supergroup")]:
        await subscribe(store, chat_id, chat_type=chat_type)
    await subscribe(store, 5)
    await store.subscriptions.unsubscribe(5)
    one = await store.subscriptions.get(1)
    two = await store.subscriptions.get(2)
    assert one is not None
    assert two is not None
    await store.deliveries.claim(one, DAY)
    await store.deliveries.claim(two, DAY)
    await store.deliveries.record(
        [
            DeliveryResult(1, 0, DAY, DeliveryStatus.SENT, None, 2),
            DeliveryResult(2, 0, DAY, DeliveryStatus.FAILED, "Forbidden", 0),
        ]
    )

    stats = await store.stats()

    assert (stats.articles, stats.active_subscriptions) == (2, 4)
    assert (stats.private_subscriptions, stats.group_subscriptions) == (2, 2)
    assert (stats.deliveries_sent, stats.deliveries_failed) == (1, 1)


async def test_admin_actions_are_logged_newest_first(store: Store) -> None:
    await store.log_admin(42, "add", "a1b2c3d4 Ministers meet")
    await store.log_admin(42, "remove", "a1b2c3d4")

    logged = await log_rows(store, "admin_log")
    assert [(a.user_id, a.action, a.detail) for a in logged] == [
        (42, "remove", "a1b2c3d4"),
        (42, "add", "a1b2c3d4 Ministers meet"),
    ]


async def test_flags_are_set_once_and_kept(database_url: str) -> None:
    async with await Store.open(database_url) as store:
        assert await store.get_flag("seeded") is None
        await store.set_flag("seeded")
        await store.set_flag("schema_note", "first")
        await store.set_flag("schema_note", "second")

    async with await Store.open(database_url) as reopened:
        assert await reopened.get_flag("seeded") == "1"
        assert await reopened.get_flag("schema_note") == "second"


async def test_everything_is_still_there_after_reopening(database_url: str) -> None:
    # A clock in another zone: the store must keep the instant and hand it back as UTC.
    noon_berlin = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    first = await Store.open(database_url, clock=lambda: noon_berlin)
    stored = await first.articles.add(HARBOUR, raw_text="text", added_by=9)
    sub = await first.subscriptions.upsert(
        -77,
        4,
        chat_type="supergroup",
        time=dt.time(21, 15),
        tz="America/New_York",
        topics=["ceasefire"],
        daily=True,
        default_time=EIGHT,
        default_tz="UTC",
    )
    await first.deliveries.claim(sub, DAY)
    await first.deliveries.record([DeliveryResult(-77, 4, DAY, DeliveryStatus.SENT, None, 1)])
    await first.log_admin(9, "add", stored.id)
    await first.close()

    second = await Store.open(database_url)
    try:
        reopened = await article_named(second, stored.id)
        assert reopened == stored
        assert reopened is not None
        assert reopened.added_at == noon_berlin
        assert reopened.added_at.tzinfo == dt.UTC
        assert reopened.added_at.hour == 11
        assert await briefings(second) == [HARBOUR]

        [again] = await second.subscriptions.active()
        assert (again.key, again.time, again.tz, again.topics, again.daily, again.last_seq) == (
            (-77, 4),
            dt.time(21, 15),
            "America/New_York",
            ["ceasefire"],
            True,
            1,
        )
        assert again.created_at == noon_berlin
        # The restarted instance must not send the day's digest again.
        assert await second.deliveries.claim(again, DAY) is False
        [delivered] = await log_rows(second, "deliveries")
        assert delivered.sent_at == noon_berlin
        assert [a.action for a in await log_rows(second, "admin_log")] == ["add"]
    finally:
        await second.close()


async def test_a_naive_clock_is_refused(db_path: Path) -> None:
    store = await Store.open(db_url(db_path), clock=lambda: dt.datetime(2026, 3, 2, 12, 0))
    try:
        with pytest.raises(ValueError, match="aware"):
            await store.log_admin(1, "add", "x")
    finally:
        await store.close()


def test_times_are_stored_as_utc_and_naive_ones_refused() -> None:
    column = UTCDateTime()
    noon_berlin = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))

    stored = column.process_bind_param(noon_berlin, sqlite.dialect())
    assert stored == dt.datetime(2026, 3, 2, 11, 0)
    assert column.process_result_value(stored, sqlite.dialect()) == noon_berlin
    with pytest.raises(ValueError, match="naive"):
        column.process_bind_param(dt.datetime(2026, 3, 2, 12, 0), sqlite.dialect())
