"""Feeds end to end: the real bot process follows a feed served from 127.0.0.1 by the test."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from tests.e2e.conftest import BotProcessFactory
from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.test_bot import ask
from tests.e2e.updates import User
from tests.helpers.feed_site import FeedSite, article_page, rss

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ADMIN = User(4242, "Ada", "ada")
READER = User(5151, "Ben", "ben")

PAGES = {
    "lighthouse": (
        "Lighthouse keeper retires after forty years",
        [
            "Nora Lind switched off the lamp of the North Cape lighthouse for the last time on "
            "Sunday, after forty years as its keeper, the coastal agency said.",
            "Lind said she would miss the storms most of all. The sea was never the same twice, "
            "she told reporters who had travelled to the island for her last night.",
        ],
    ),
    "tunnel": (
        "Rail tunnel under the fjord opens early",
        [
            "The rail tunnel under the fjord opened three weeks ahead of schedule on Monday, the "
            "transport minister Jonas Vik said at the ceremony in the harbour town.",
            "Vik said trains would run every half hour and that the crossing would take eleven "
            "minutes, against almost an hour by the old ferry.",
        ],
    ),
}


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with FeedSite() as running:
        yield running


def _add_and_wait(api: FakeBotApi, text: str) -> str:
    """/feed add answers twice: following, then what the first poll took (after spaCy)."""
    before = len(api.messages(ADMIN.id))
    api.private_message(ADMIN, text)
    return "\n".join(
        m.plain_text for m in api.wait_for_messages(ADMIN.id, 2, timeout=120, since=before)
    )


def test_an_admin_follows_a_feed_and_readers_get_its_articles(
    bot_api: FakeBotApi, bot_process_factory: BotProcessFactory, site: FeedSite
) -> None:
    for slug, (title, paragraphs) in PAGES.items():
        site.put(f"/news/{slug}", article_page(title, paragraphs, "2024-03-04"))
    items = [
        {"title": title, "link": site.url(f"/news/{slug}"), "guid": f"urn:{slug}"}
        for slug, (title, _) in PAGES.items()
    ]
    feed_url = site.put(
        "/rss.xml", rss("Coast & Fjord News", items), content_type="application/rss+xml", etag='"1"'
    )
    bot = bot_process_factory(admin_ids=[ADMIN.id])

    refused = ask(bot_api, READER, f"/feed add {feed_url}")
    assert "only the bot's administrators" in refused
    bad = ask(bot_api, ADMIN, f"/feed add {site.url('/nowhere.xml')}")
    assert bad == "I could not follow that feed: The site answered HTTP 404."

    added = _add_and_wait(bot_api, f"/feed add {feed_url}")
    assert "Following Coast & Fjord News (feed 1)" in added
    assert "2 new articles" in added
    assert "Lighthouse keeper retires after forty years" in added

    assert "Nora Lind" in ask(bot_api, READER, "/who lind")
    articles = ask(bot_api, READER, "/articles")
    assert "Rail tunnel under the fjord opens early" in articles
    listing = ask(bot_api, ADMIN, "/feed list")
    assert "Coast & Fjord News" in listing
    assert feed_url in listing
    assert "2 articles given" in listing
    assert not [r for r in bot_api.requests("sendMessage") if r.status == 400]

    # A restart keeps the feed, its validators and what it gave: nothing is taken twice.
    bot.stop()
    bot_process_factory(admin_ids=[ADMIN.id])
    again = ask(bot_api, ADMIN, "/feed poll 1", timeout=60)
    assert "nothing new" in again
    assert site.hits("/rss.xml")[-1].headers.get("If-None-Match") == '"1"'
    assert len(site.hits("/news/lighthouse")) == 1
    with sqlite3.connect(bot.workdir / "bot.db") as db:
        taken = db.execute("SELECT count(*) FROM feed_items WHERE status = 'taken'").fetchone()
    assert taken == (2,)
