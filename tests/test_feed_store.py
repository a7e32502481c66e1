"""The feeds repository: entries claimed exactly once across instances, polls leased once."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.store import Store
from bot.store.feeds import MAX_ATTEMPTS, STALE_CLAIM, FeedExistsError, FeedItemStatus
from tests.postgres import require_server, scratch_database

START = dt.datetime(2016, 2, 11, 12, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'feeds.db'}"
        return
    with scratch_database(require_server()) as url:
        yield url


async def test_two_instances_claim_each_entry_exactly_once(database_url: str) -> None:
    clock = Clock()
    first = await Store.open(database_url, clock=clock)
    second = await Store.open(database_url, clock=clock)
    try:
        feed = await first.feeds.add("https://news.example/rss", "News", [], None, START)
        keys = [(f"g{n}", f"l{n}") for n in range(20)]
        claims = await asyncio.gather(
            *(
                store.feeds.claim(feed.id, guid, link, None)
                for guid, link in keys
                for store in (first, second)
            )
        )
        # Each entry was claimed by both instances at once: exactly one of each pair won.
        assert [a + b for a, b in zip(claims[::2], claims[1::2], strict=True)] == [1] * 20
    finally:
        await first.close()
        await second.close()


async def test_an_entry_is_known_by_guid_or_by_link(database_url: str) -> None:
    async with await Store.open(database_url, clock=Clock()) as store:
        feed = await store.feeds.add("https://news.example/rss", "News", [], None, START)
        assert await store.feeds.claim(feed.id, "guid-1", "link-1", "https://news.example/1")
        # A new GUID for an article already taken under its link: refused.
        assert not await store.feeds.claim(feed.id, "guid-2", "link-1", "https://news.example/1")
        # The same GUID with a new link: refused.
        assert not await store.feeds.claim(feed.id, "guid-1", "link-9", None)
        # Entries without links go by GUID alone, and never collide with one another.
        assert await store.feeds.claim(feed.id, "guid-3", None, None)
        assert await store.feeds.claim(feed.id, "guid-4", None, None)
        assert await store.feeds.known(["guid-1", "guid-5"], ["link-1", "link-7"]) == {
            "guid-1",
            "link-1",
        }


async def test_a_failed_entry_is_retried_a_few_times_a_stale_claim_once_more(
    database_url: str,
) -> None:
    clock = Clock()
    async with await Store.open(database_url, clock=clock) as store:
        feeds = store.feeds
        feed = await feeds.add("https://news.example/rss", "News", [], None, START)
        assert await feeds.claim(feed.id, "g", "l", None)
        assert await feeds.retryable(["g"]) == set()  # being read right now
        for _ in range(MAX_ATTEMPTS - 1):
            await feeds.finish("g", FeedItemStatus.FAILED, reason="the site answered HTTP 503")
            assert await feeds.retryable(["g"]) == {"g"}
            assert await feeds.claim(feed.id, "g", "l", None)
        await feeds.finish("g", FeedItemStatus.FAILED, reason="the site answered HTTP 503")
        assert not await feeds.claim(feed.id, "g", "l", None)  # given up after MAX_ATTEMPTS

        # A claim whose taker died is taken again once it is stale, by one caller only.
        assert await feeds.claim(feed.id, "h", "m", None)
        assert not await feeds.claim(feed.id, "h", "m", None)
        clock.now += STALE_CLAIM + dt.timedelta(seconds=1)
        assert await feeds.retryable(["h"]) == {"h"}
        assert [await feeds.claim(feed.id, "h", "m", None) for _ in range(2)] == [True, False]
        await feeds.finish("h", FeedItemStatus.SKIPPED, reason="no publication date")
        clock.now += STALE_CLAIM * 3
        assert not await feeds.claim(feed.id, "h", "m", None)  # skipped is for good


async def test_a_due_poll_is_leased_to_one_instance(database_url: str) -> None:
    clock = Clock()
    async with await Store.open(database_url, clock=clock) as store:
        feed = await store.feeds.add("https://news.example/rss", "News", [], None, START)
        later = await store.feeds.add(
            "https://news.example/later", "Later", [], None, START + dt.timedelta(hours=1)
        )
        assert [f.id for f in await store.feeds.due()] == [feed.id]
        until = START + dt.timedelta(minutes=15)
        leases = await asyncio.gather(*(store.feeds.lease(feed.id, until) for _ in range(5)))
        assert sorted(leases) == [False, False, False, False, True]
        assert await store.feeds.due() == []
        assert not await store.feeds.lease(later.id, until)


async def test_failures_are_counted_and_cleared_and_removal_keeps_what_was_taken(
    database_url: str,
) -> None:
    clock = Clock()
    async with await Store.open(database_url, clock=clock) as store:
        feeds = store.feeds
        feed = await feeds.add("https://news.example/rss", "News", ["ceasefire"], 42, START)
        with pytest.raises(FeedExistsError) as exists:
            await feeds.add("https://news.example/rss", "Again", [], 42, START)
        assert exists.value.existing.id == feed.id

        def retry_at(failures: int) -> dt.datetime:
            return START + dt.timedelta(minutes=15 * 2**failures)

        assert await feeds.record_failure(feed.id, "the site answered HTTP 404", retry_at) == 1
        assert await feeds.record_failure(feed.id, "the site answered HTTP 404", retry_at) == 2
        [listed] = await feeds.followed()
        assert (listed.last_error, listed.failures, listed.last_fetched_at) == (
            "the site answered HTTP 404",
            2,
            START,
        )
        assert listed.next_poll_at == START + dt.timedelta(minutes=60)
        assert listed.topics == ("ceasefire",)

        await feeds.record_success(
            feed.id, title="News", etag='"a"', last_modified=None, next_poll_at=START
        )
        for n, status in enumerate(
            [FeedItemStatus.TAKEN, FeedItemStatus.TAKEN, FeedItemStatus.SKIPPED]
        ):
            assert await feeds.claim(feed.id, f"g{n}", f"l{n}", None)
            await feeds.finish(f"g{n}", status, article_id=f"a{n}")
        [listed] = await feeds.followed()
        assert (listed.last_error, listed.failures, listed.etag) == (None, 0, '"a"')
        assert listed.articles_taken == 2

        assert await feeds.remove(feed.id)
        assert not await feeds.remove(feed.id)
        assert await feeds.followed() == []
        # Followed again later: what the old feed gave is still known, and not taken twice.
        again = await feeds.add("https://news.example/rss", "News", [], 42, START)
        assert again.id != feed.id
        assert not await feeds.claim(again.id, "g0", "l0", None)
