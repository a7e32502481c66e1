"""Two bot processes on one PostgreSQL database poll feeds that list the same entries.

Each instance's feed job leases the due polls and claims each entry before it reads its page, so
every page is fetched once and every entry becomes one article, whichever instance takes it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.store import Store
from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.test_instances import StartInstance, start_instance
from tests.e2e.test_webhook import wait_until_serving
from tests.helpers.feed_site import FeedSite, article_page, rss
from tests.postgres import postgres_url

__all__ = ["postgres_url", "start_instance"]  # fixtures, imported so pytest finds them here

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SLUGS = ("quay", "crane", "pilot")


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with FeedSite() as running:
        yield running


async def _follow_due(database_url: str, urls: list[str]) -> None:
    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    async with await Store.open(database_url) as store:
        for url in urls:
            await store.feeds.add(url, url.rsplit("/", 1)[-1], [], None, next_poll_at=past)


async def _counts(database_url: str) -> tuple[int, int, int]:
    """(feeds fetched, feed entries taken, articles from the site)."""
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as conn:
            fetched = await conn.scalar(
                text("SELECT count(*) FROM feeds WHERE last_fetched_at IS NOT NULL")
            )
            taken = await conn.scalar(
                text("SELECT count(*) FROM feed_items WHERE status = 'taken'")
            )
            articles = await conn.scalar(
                text("SELECT count(*) FROM articles WHERE url LIKE 'http://127.0.0.1:%'")
            )
        return int(fetched or 0), int(taken or 0), int(articles or 0)
    finally:
        await engine.dispose()


def test_two_instances_take_each_entry_once(
    bot_api: FakeBotApi, postgres_url: str, start_instance: StartInstance, site: FeedSite
) -> None:
    items = []
    for n, slug in enumerate(SLUGS):
        site.put(
            f"/news/{slug}",
            article_page(
                f"Harbour {slug} story number {n}",
                [
                    f"The harbour {slug} report came out on Monday, and the port authority said "
                    "it would study every one of its recommendations in the coming weeks.",
                    f"Inspector Lea Holm, who wrote the {slug} report, said the harbour had "
                    "changed more in five years than in the fifty before them.",
                ],
                "2024-04-01",
            ),
        )
        items.append({"title": slug, "link": site.url(f"/news/{slug}"), "guid": f"urn:{slug}"})
    # Two feeds listing the same entries: whichever instance polls which, each entry is one.
    feeds = [
        site.put(f"/{name}.xml", rss(name, items), content_type="application/rss+xml")
        for name in ("desk-a", "desk-b")
    ]
    asyncio.run(_follow_due(postgres_url, feeds))

    instances = [start_instance("one"), start_instance("two")]
    for process, url, port in instances:
        wait_until_serving(process, bot_api, url, port)

    # The feed job's first look comes within a minute of start-up; spaCy then reads the pages.
    deadline = time.monotonic() + 180
    counts = (0, 0, 0)
    while time.monotonic() < deadline:
        counts = asyncio.run(_counts(postgres_url))
        if counts == (2, 3, 3):
            break
        time.sleep(1)
    assert counts == (2, 3, 3)
    for slug in SLUGS:
        assert len(site.hits(f"/news/{slug}")) == 1, slug
    # Each due poll was leased to one instance: no feed was fetched twice.
    assert [len(site.hits(f"/{name}.xml")) for name in ("desk-a", "desk-b")] == [1, 1]
    assert all(process.returncode is None for process, _url, _port in instances)
