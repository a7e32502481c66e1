"""Stories in the store, on SQLite and PostgreSQL: one story per article whatever the number of
instances, a story's key following its first article, and each chat's open story."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.briefing.desk import members_digest
from bot.briefing.lexicon import load_lexicon
from bot.briefing.models import ArticleBriefing, Briefing
from bot.briefing.stories import StoryGrouper
from bot.config import CONTENT_DIR
from bot.newsroom import Newsroom
from bot.store import Store
from bot.store.stories import StoryMember
from tests.test_store import DAY, HARBOUR, RAILWAY, RIVER, database_url, db_path, make_briefing

__all__ = ["database_url", "db_path"]  # the fixtures, shared with the other store tests

FEATURES = '{"keys":{"w:harbour":2.0},"salience":{}}'


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    opened = await Store.open(database_url)
    yield opened
    await opened.close()


async def _started(store: Store, tmp_path: Path, **options: int) -> Newsroom:
    """A newsroom over this store, started (no bundled articles: tmp_path lists none)."""
    newsroom = Newsroom(
        store, load_lexicon(CONTENT_DIR / "topics.toml"), "unused", tmp_path, **options
    )
    await newsroom.start()
    return newsroom


async def _add_current(store: Store, newsroom: Newsroom, briefing: ArticleBriefing) -> None:
    """Store the article as made by this newsroom's engine, so that no start reprocesses it."""
    current = briefing.model_copy(update={"engine_version": newsroom.engine_version})
    await store.articles.add(current, raw_text=briefing.article.title, added_by=None)


async def _three(store: Store) -> list[int]:
    return [
        (await store.articles.add(b, raw_text=b.article.title, added_by=None)).seq
        for b in (RIVER, HARBOUR, RAILWAY)
    ]


async def test_an_article_joins_one_story_and_the_first_writer_wins(
    database_url: str, store: Store
) -> None:
    river, harbour, railway = await _three(store)
    assert await store.stories.join(
        [
            StoryMember(river, RIVER.article.id, FEATURES),
            StoryMember(harbour, RIVER.article.id, "{}"),
        ]
    )
    # A second instance that grouped the harbour article elsewhere writes nothing at all.
    async with await Store.open(database_url) as other:
        assert not await other.stories.join(
            [
                StoryMember(railway, RAILWAY.article.id, "{}"),
                StoryMember(harbour, HARBOUR.article.id, "{}"),
            ]
        )
    assert await store.stories.members() == [
        StoryMember(river, RIVER.article.id, FEATURES),
        StoryMember(harbour, RIVER.article.id, "{}"),
    ]
    assert await store.stories.members([harbour, railway]) == [
        StoryMember(harbour, RIVER.article.id, "{}")
    ]


async def test_removing_a_story_s_first_article_renames_it_for_members_and_chats(
    store: Store,
) -> None:
    river, harbour, railway = await _three(store)
    story = RIVER.article.id
    await store.stories.join(
        [
            StoryMember(river, story, "{}"),
            StoryMember(harbour, story, "{}"),
            StoryMember(railway, RAILWAY.article.id, "{}"),
        ]
    )
    await store.stories.set_focus(7, story)
    await store.stories.set_focus(8, RAILWAY.article.id)

    assert await store.articles.remove(RIVER.article.id)
    assert await store.stories.members() == [
        StoryMember(harbour, HARBOUR.article.id, "{}"),
        StoryMember(railway, RAILWAY.article.id, "{}"),
    ]
    assert await store.stories.focus(7) == HARBOUR.article.id
    # A story that lost its only article is gone: the chat's focus stays, to be told so.
    assert await store.articles.remove(RAILWAY.article.id)
    assert await store.stories.focus(8) == RAILWAY.article.id


async def test_new_briefings_drop_every_membership(store: Store) -> None:
    river, harbour, _ = await _three(store)
    await store.stories.join([StoryMember(river, "x", "{}"), StoryMember(harbour, "x", "{}")])
    remade = RIVER.model_copy(update={"engine_version": "t2"})
    await store.articles.replace_briefings([remade])
    assert await store.stories.members() == []


async def test_a_chat_s_focus_is_set_changed_and_cleared(store: Store) -> None:
    assert await store.stories.focus(7) is None
    await store.stories.set_focus(7, "abc")
    await store.stories.set_focus(7, "def")
    await store.stories.set_focus(9, "abc")
    assert (await store.stories.focus(7), await store.stories.focus(9)) == ("def", "abc")
    await store.stories.set_focus(7, None)
    assert await store.stories.focus(7) is None
    assert await store.stories.focus(9) == "abc"


async def test_two_instances_writing_one_chat_s_focus_and_one_story_s_row_at_once_both_succeed(
    database_url: str, store: Store
) -> None:
    # A chat's first /story N lands on two instances at once, and both store the story's
    # briefing: each write is one statement, so neither fails on the other's new row.
    async with await Store.open(database_url) as other:
        for chat in range(20):
            await asyncio.gather(
                store.stories.set_focus(chat, "abc"), other.stories.set_focus(chat, "def")
            )
            assert await store.stories.focus(chat) in {"abc", "def"}
            await asyncio.gather(
                store.stories.keep_briefing(f"k{chat}", "m1", "v", "{}"),
                other.stories.keep_briefing(f"k{chat}", "m2", "v", "{}"),
            )
            assert await store.stories.briefing_members("v") == {
                **{f"k{c}": await _members_of(store, f"k{c}") for c in range(chat + 1)}
            }
        await other.stories.set_focus(0, "ghi")  # and a later write replaces the row
        assert await store.stories.focus(0) == "ghi"


async def _members_of(store: Store, key: str) -> str:
    found = [m for m in ("m1", "m2") if await store.stories.briefing(key, m, "v") is not None]
    assert len(found) == 1, found  # one row per story, of one writer
    return found[0]


async def test_a_second_instance_reads_the_stories_the_first_one_grouped(
    database_url: str, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lexicon = load_lexicon(CONTENT_DIR / "topics.toml")
    first = Newsroom(store, lexicon, "unused", tmp_path)
    await first.start()
    for briefing in (RIVER, HARBOUR, RAILWAY):
        # Made by this engine, so that neither start reprocesses them.
        current = briefing.model_copy(update={"engine_version": first.engine_version})
        await store.articles.add(current, raw_text=briefing.article.title, added_by=None)
    await first.reload()
    grouped = first.view.desk.ranked
    assert sum(s.article_count for s in grouped) == 3

    def regroup(*_: object) -> int:
        raise AssertionError("the second instance grouped an article the first one had placed")

    monkeypatch.setattr(StoryGrouper, "add_features", regroup)
    async with await Store.open(database_url) as other_store:
        second = Newsroom(other_store, lexicon, "unused", tmp_path)
        await second.start()
        assert second.view.desk.ranked == grouped
    await first.close()
    await second.close()


async def test_an_instance_that_loses_the_race_to_place_articles_takes_the_winner_s_stories(
    database_url: str, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = await _started(store, tmp_path)
    async with await Store.open(database_url) as other_store:
        second = await _started(other_store, tmp_path)
        for briefing in (RIVER, HARBOUR, RAILWAY):
            await _add_current(store, first, briefing)
        join = store.stories.join
        lost: list[bool] = []

        async def second_places_them_first(members: list[StoryMember]) -> bool:
            if not lost:  # between the first instance's grouping and its write
                await second.reload()
            won = await join(members)
            lost.append(not won)
            return won

        monkeypatch.setattr(store.stories, "join", second_places_them_first)
        await first.reload()
        assert lost[0], "the race this test is about did not happen"
        # The loser places the articles where the store says: the same stories, one per article.
        assert first.view.desk.ranked == second.view.desk.ranked
        assert sum(s.article_count for s in first.view.desk.ranked) == 3
        await second.close()
    await first.close()


async def test_closing_waits_for_the_late_work_to_unwind_before_the_store_closes(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A start-up leaves its grouping for after the first answers; a shutdown then cancels it in
    # the middle of a query, whose session must close while the store is still open (else the
    # process hangs on exit).
    lexicon = load_lexicon(CONTENT_DIR / "topics.toml")
    newsroom = Newsroom(store, lexicon, "unused", tmp_path)
    for briefing in (RIVER, HARBOUR, RAILWAY):
        current = briefing.model_copy(update={"engine_version": newsroom.engine_version})
        await store.articles.add(current, raw_text=briefing.article.title, added_by=None)
    await store.set_flag("seeded")
    monkeypatch.setattr("bot.newsroom.GROUP_AT_ONCE", 0)
    started, unwound = asyncio.Event(), []

    async def querying(*_: object) -> None:
        started.set()
        try:
            await asyncio.Event().wait()  # a query that has not answered yet
        finally:
            await asyncio.sleep(0)  # closing the session takes a turn of the loop
            unwound.append(True)

    monkeypatch.setattr(Newsroom, "_update_stories", querying)
    await newsroom.start()
    await asyncio.wait_for(started.wait(), 5)
    await newsroom.close()
    assert unwound == [True]


async def test_one_more_article_is_listed_without_listing_every_article_again(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    newsroom = await _started(store, tmp_path, latest_articles=2)

    async def add(title: str, day: int) -> str:
        body = f"Officials of the {title} commission met on day {day} to read the annual report."
        briefing = make_briefing(title, body, published=DAY + dt.timedelta(days=day))
        await _add_current(store, newsroom, briefing)
        return briefing.article.id

    async def latest() -> list[str]:
        await newsroom.reload()
        await newsroom.settled()  # over the cap, the latest are merged after the view
        return [a.id for a in newsroom.view.briefing.articles]

    first, second, third = [await add(t, d) for t, d in (("One", 1), ("Two", 5), ("Three", 3))]
    assert await latest() == [second, third]

    async def every_seq() -> list[int]:
        raise AssertionError("every stored article was listed again for one more")

    with monkeypatch.context() as patched:
        patched.setattr(store.articles, "seqs", every_seq)
        newest, old = await add("Four", 9), await add("Five", 0)  # Five is older than them all
        assert await latest() == [second, newest]
        assert [a.id for a in newsroom.view.articles] == [first, second, third, newest, old]
        assert set(newsroom.view.seq_of) == {first, second, third, newest, old}
        assert sum(s.article_count for s in newsroom.view.desk.ranked) == 5
    # Another instance removes one of the latest: the next newest comes back into the window.
    assert await store.articles.remove(newest)
    assert await latest() == [second, third]
    assert newest not in newsroom.view.seq_of and len(newsroom.view.articles) == 4
    await newsroom.close()


async def test_the_articles_after_a_seq_come_with_the_count_and_sum_of_every_seq(
    store: Store,
) -> None:
    seqs = await _three(store)
    after, count, total = await store.articles.listed_after(seqs[0])
    assert [a.seq for a in after] == seqs[1:] and (count, total) == (3, sum(seqs))
    assert await store.articles.remove(after[0].id)
    after, count, total = await store.articles.listed_after(seqs[0])
    assert [a.seq for a in after] == seqs[2:] and (count, total) == (2, seqs[0] + seqs[2])


async def test_sync_follows_another_instance_s_articles_without_listing_every_seq(
    database_url: str, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    newsroom = await _started(store, tmp_path)
    await _add_current(store, newsroom, RIVER)
    await newsroom.reload()
    reloads = 0
    reload = newsroom.reload

    async def counted() -> None:
        nonlocal reloads
        reloads += 1
        await reload()

    async def every_seq() -> list[int]:
        raise AssertionError("sync listed every stored seq")

    monkeypatch.setattr(newsroom, "reload", counted)
    async with await Store.open(database_url) as other:  # another instance's writes
        with monkeypatch.context() as patched:
            patched.setattr(store.articles, "seqs", every_seq)
            await newsroom.sync()
            assert reloads == 0  # nothing changed: nothing rebuilt
            await _add_current(other, newsroom, HARBOUR)
            await newsroom.sync()
            assert reloads == 1
        assert [a.id for a in newsroom.view.articles] == [RIVER.article.id, HARBOUR.article.id]
        # One removed and one added between two syncs: the count stays, the sum does not (a
        # removal is rare, and the reload then lists every seq once).
        assert await other.articles.remove(RIVER.article.id)
        await _add_current(other, newsroom, RAILWAY)
    await newsroom.sync()
    assert reloads == 2
    assert [a.id for a in newsroom.view.articles] == [HARBOUR.article.id, RAILWAY.article.id]
    await newsroom.sync()
    assert reloads == 2
    await newsroom.close()


def _harbour(day: int) -> ArticleBriefing:
    body = f"Harbour dispute talks between the two ports went on for day {day} in the old town."
    return make_briefing(f"Harbour dispute talks, day {day}", body, published=DAY)


async def test_a_story_s_briefing_is_stored_and_read_back_only_for_the_same_articles(
    database_url: str, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = await _started(store, tmp_path)

    async def add(briefing: ArticleBriefing) -> None:
        await _add_current(store, first, briefing)

    await add(_harbour(1))
    await add(_harbour(2))
    await first.reload()
    await first.settled()  # the story's briefing is built and stored after the view
    (story,) = first.view.desk.ranked
    assert story.article_count == 2
    built = await first.story_index(story)
    version = first.engine_version
    stored = await store.stories.briefing(story.key, members_digest(story), version)
    assert stored is not None and Briefing.model_validate_json(stored) == built.briefing
    assert await store.stories.briefing(story.key, "another set of articles", version) is None

    def merging(*_: object) -> Briefing:
        raise AssertionError("a story whose briefing the store holds was merged again")

    async with await Store.open(database_url) as other_store:
        second = await _started(other_store, tmp_path)
        with monkeypatch.context() as patched:
            patched.setattr("bot.briefing.desk.merge_briefings", merging)
            opened = await second.story_index(second.view.desk.ranked[0])
        assert opened.briefing == built.briefing
        # A third article joins the story through the second instance: the first, which had
        # the story's briefing for two articles, never serves that one as the story's now.
        await add(_harbour(3))
        await second.reload()
        await second.settled()  # kept up to date as the article joins, in the store too
        (grown,) = second.view.desk.ranked
        assert grown.article_count == 3
        assert await store.stories.briefing(grown.key, members_digest(story), version) is None
        assert await store.stories.briefing(grown.key, members_digest(grown), version)
        await first.reload()
        (seen,) = first.view.desk.ranked
        assert len((await first.story_index(seen)).briefing.articles) == 3
        # The first instance stores what it opened as late work; instances that write one
        # story's row race (the last writer wins, and a row is served only to its own members),
        # so let that write land before the second instance changes the story again.
        await first.settled()
        # An article leaves: the story's stored briefing follows.
        assert await second.remove(grown.article_ids[-1])
        await second.settled()
        (shrunk,) = second.view.desk.ranked
        assert await store.stories.briefing_members(version) == {shrunk.key: members_digest(shrunk)}
        assert members_digest(shrunk) == members_digest(story)
        await second.close()
    await first.close()


async def test_storing_many_stories_briefings_at_once_folds_the_store_s_log_after(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    newsroom = await _started(store, tmp_path)
    folds: list[int] = []
    fold = store.fold_log

    async def counted() -> None:
        folds.append(len(await store.stories.briefing_members(newsroom.engine_version)))
        await fold()  # on SQLite a checkpoint, on PostgreSQL nothing: neither fails

    monkeypatch.setattr(store, "fold_log", counted)
    monkeypatch.setattr("bot.newsroom.FOLD_AFTER_STORIES", 1)
    await _add_current(store, newsroom, _harbour(1))
    await newsroom.reload()
    await newsroom.settled()
    assert folds == []  # one story's briefing: nothing to fold
    for briefing in (RIVER, RAILWAY):
        await _add_current(store, newsroom, briefing)
    await newsroom.reload()
    await newsroom.settled()
    assert folds == [3]  # after the two new stories' briefings were stored
    await newsroom.close()
