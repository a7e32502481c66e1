"""/feed through the real Application: feeds and article pages served from 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import gzip
import html
import json
import re
from collections.abc import Iterator

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.store.feeds import FeedItemStatus
from tests.handlers import updates
from tests.handlers.conftest import ADMIN_ID, BotUnderTest
from tests.handlers.test_hostile_input import HOSTILE_TEXT, QUICK, _check
from tests.helpers.feed_site import FeedSite, article_page, rss

pytestmark = pytest.mark.slow

STORIES = {
    "bridge": (
        "Harbour bridge to close for repairs",
        [
            "The old harbour bridge will close for six months starting 1 June, the city council "
            "decided on Monday after a long and heated debate.",
            "Mayor Lena Park said the work could not wait any longer. The bridge is older than "
            "most of us and it shows, Park told reporters at City Hall.",
        ],
    ),
    "ferry": (
        "Ferry service to replace the bridge",
        [
            "A ferry will carry commuters across the harbour while the bridge is shut, the port "
            "authority said on Tuesday in a statement to the press.",
            "Captain Omar Reyes, who will run the service, said two boats would sail every twenty "
            "minutes from early morning until late in the evening.",
        ],
    ),
    "market": (
        "Fish market opens on the quay",
        [
            "A new fish market opened on the quay on Wednesday, and traders said the first "
            "morning had brought more buyers than they had hoped for.",
            "Council member Ida Berg said the market would stay open on weekends as well, so "
            "that families could visit it with their children.",
        ],
    ),
    "truce": (
        "Ceasefire holds in the valley",
        [
            "A ceasefire between the two militias held through the night in the valley, the "
            "United Nations envoy Maria Sol said on Thursday in Geneva.",
            "She said aid trucks would try to reach the villages on Friday if the truce was still "
            "holding by the morning, and urged both sides to keep their word.",
        ],
    ),
}


def _joined(replies: list[str]) -> str:
    return "\n".join(replies)


def _visible(replies: list[str]) -> str:
    """The replies as the admin reads them: tags gone, entities decoded."""
    return html.unescape(re.sub(r"<[^<>]*>", "", _joined(replies)))


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with FeedSite() as running:
        yield running


def _publish(site: FeedSite, slug: str, published: str | None = None) -> str:
    title, paragraphs = STORIES[slug]
    return site.put(f"/news/{slug}", article_page(title, paragraphs, published))


def _item(site: FeedSite, slug: str, pub_date: str | None = None, **extra: str) -> dict[str, str]:
    item = {"title": STORIES[slug][0], "link": site.url(f"/news/{slug}"), "guid": f"urn:{slug}"}
    if pub_date:
        item["pubDate"] = pub_date
    item.update(extra)
    return item


async def _admin(bot: BotUnderTest, text: str) -> str:
    return _visible(await bot.send(updates.private(text, user_id=ADMIN_ID)))


async def test_follow_a_feed_take_its_entries_then_only_what_is_new(
    bot: BotUnderTest, site: FeedSite
) -> None:
    _publish(site, "bridge")  # dated by the feed entry
    _publish(site, "ferry", published="2021-05-05")  # dated by the page's metadata only
    _publish(site, "market")  # dated nowhere: skipped
    feed_url = site.put(
        "/rss.xml",
        rss(
            "Harbour Gazette",
            [
                _item(site, "bridge", "Mon, 03 May 2021 09:00:00 +0000"),
                _item(site, "ferry"),
                _item(site, "market"),
            ],
        ),
        content_type="application/rss+xml",
        etag='"v1"',
    )

    reply = await _admin(bot, f"/feed add {feed_url}")
    assert "Following Harbour Gazette (feed 1)" in reply
    assert "2 new articles" in reply
    assert "skipped: Fish market opens on the quay: no publication date" in reply
    stored = {a.title: a for a in await bot.services.store.articles.all()}
    assert stored["Harbour bridge to close for repairs"].published == dt.date(2021, 5, 3)
    assert stored["Ferry service to replace the bridge"].published == dt.date(2021, 5, 5)
    assert stored["Ferry service to replace the bridge"].source == "Harbour Gazette"
    assert "Fish market opens on the quay" not in stored
    # The briefing answers from what the feed gave.
    assert "Omar Reyes" in _joined(await bot.send(updates.private("/who reyes")))

    listing = await _admin(bot, "/feed list")
    assert "1 · Harbour Gazette" in listing
    assert feed_url in listing
    assert "last fetched 11 Feb 2016 12:00 UTC" in listing
    assert "2 articles given" in listing
    assert "last error" not in listing

    # Nothing changed: the conditional request gets a 304 and nothing is read again.
    again = await _admin(bot, "/feed poll 1")
    assert "nothing new" in again
    assert site.hits("/rss.xml")[-1].headers.get("If-None-Match") == '"v1"'
    assert len(site.hits("/news/bridge")) == 1

    # The feed changes: the bridge story under a new GUID and a tracking link is the same entry;
    # a copy of the ferry story at another address is the same text; one entry is new.
    _publish(site, "truce", published="2021-05-06")
    site.put("/copy/ferry", article_page(*STORIES["ferry"], "2021-05-05"))
    site.put(
        "/rss.xml",
        rss(
            "Harbour Gazette",
            [
                _item(
                    site,
                    "bridge",
                    guid="urn:bridge-updated",
                    link=site.url("/news/bridge?utm_source=rss"),
                ),
                _item(site, "ferry", guid="urn:ferry-copy", link=site.url("/copy/ferry")),
                _item(site, "truce"),
                _item(site, "market"),
            ],
        ),
        content_type="application/rss+xml",
        etag='"v2"',
    )
    changed = await _admin(bot, "/feed poll")
    assert "1 new article" in changed
    assert "Ceasefire holds in the valley" in changed
    assert "the same text as article" in changed
    assert "2 entries taken or refused before" in changed
    assert len(site.hits("/news/bridge")) == 1
    assert len(await bot.services.store.articles.all()) == 1 + 3  # the seed, then three


async def test_at_most_max_per_poll_articles_and_the_rest_next_time(
    make_bot: object, site: FeedSite
) -> None:
    bot: BotUnderTest = await make_bot(feed_max_per_poll=2)  # type: ignore[operator]
    for slug in ("bridge", "ferry", "market"):
        _publish(site, slug, published="2021-05-04")
    feed_url = site.put(
        "/rss.xml",
        rss("Gazette", [_item(site, s) for s in ("bridge", "ferry", "market")]),
        content_type="application/rss+xml",
        etag='"same"',
    )
    version = bot.services.newsroom.view.version
    first = await _admin(bot, f"/feed add {feed_url}")
    assert "2 new articles" in first
    # The briefing was rebuilt once for the poll, not once per article.
    assert bot.services.newsroom.view.version == version + 1
    assert "1 more new entry left for the next check" in first
    # The feed did not change, but its validators were not kept: the next poll reads it all.
    second = await _admin(bot, "/feed poll 1")
    assert "1 new article" in second
    assert "If-None-Match" not in site.hits("/rss.xml")[-1].headers
    third = await _admin(bot, "/feed poll 1")
    assert "nothing new" in third
    assert len(await bot.services.store.articles.all()) == 4


async def test_atom_and_json_feeds_and_topics(bot: BotUnderTest, site: FeedSite) -> None:
    _publish(site, "truce", published="2021-05-06")
    _publish(site, "market", published="2021-05-06")
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Valley &lt;Wire&gt;</title><id>urn:wire</id><updated>2021-05-06T10:00:00Z</updated>"
        '<entry><title>Truce</title><link href="/news/truce"/><id>urn:t</id>'
        "<updated>2021-05-06T10:00:00Z</updated></entry>"
        '<entry><title>Market</title><link href="/news/market"/><id>urn:m</id>'
        "<updated>2021-05-06T10:00:00Z</updated></entry></feed>"
    )
    atom_url = site.put("/atom.xml", atom, content_type="application/atom+xml")
    reply = await _admin(bot, f"/feed add {atom_url} ceasefire")
    assert "Following Valley <Wire> (feed 1)" in reply
    assert "only entries about ceasefire" in reply
    assert "1 new article" in reply
    assert "skipped: Fish market opens on the quay: not about ceasefire" in reply

    _publish(site, "bridge")
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Quay JSON",
        "items": [
            {
                "id": "b",
                "url": site.url("/news/bridge"),
                "title": "Bridge",
                "date_published": "2021-05-03T09:00:00+02:00",
            }
        ],
    }
    json_url = site.put("/feed.json", json.dumps(json_feed), content_type="application/feed+json")
    reply = await _admin(bot, f"/feed add {json_url}")
    assert "Following Quay JSON (feed 2)" in reply
    assert "1 new article" in reply
    titles = [a.title for a in await bot.services.store.articles.all()]
    assert "Harbour bridge to close for repairs" in titles

    duplicate = await _admin(bot, f"/feed add {json_url}")
    assert "already followed as Quay JSON (feed 2)" in duplicate
    unknown = await _admin(bot, f"/feed add {site.url('/other.json')} ceasefire weather")
    assert "There is no topic weather" in unknown
    assert "ceasefire" in unknown


async def test_bad_feeds_get_one_clear_line_and_nothing_is_stored(
    bot: BotUnderTest, site: FeedSite
) -> None:
    looping = site.url("/loop")
    site.put("/loop", "", status=302, headers={"Location": looping})
    bomb = gzip.compress(b"<rss>" + b" " * 60_000_000, compresslevel=9)
    cases = {
        site.put("/text", "hello, this is not a feed", content_type="text/plain"): "not an RSS",
        site.put("/home", "<!doctype html><html><body>Home</body></html>"): "web page",
        site.url("/missing"): "HTTP 404",
        looping: "redirected more than 5 times",
        site.put(
            "/bomb", bomb, content_type="application/rss+xml", headers={"Content-Encoding": "gzip"}
        ): "larger than 5,000,000 bytes",
        site.put("/huge", b"<rss>" + b" " * 50_000_000, content_type="application/rss+xml"): (
            "larger than 5,000,000 bytes"
        ),
    }
    for url, reason in cases.items():
        reply = await _admin(bot, f"/feed add {url}")
        assert reply.startswith("I could not follow that feed: "), (url, reply)
        assert reason in reply, (url, reply)
        assert "\n" not in reply
    assert await bot.services.feeds.feeds.followed() == []
    assert "No feeds are followed yet" in await _admin(bot, "/feed list")
    not_a_link = await _admin(bot, "/feed add ftp://example.invalid/feed")
    assert "not a feed link" in not_a_link


async def test_a_private_address_is_refused_unless_allowed(
    make_bot: object, site: FeedSite
) -> None:
    bot: BotUnderTest = await make_bot(allow_private_urls=False)  # type: ignore[operator]
    feed_url = site.put("/rss.xml", rss("Local", []), content_type="application/rss+xml")
    reply = await _admin(bot, f"/feed add {feed_url}")
    assert "private or local address" in reply
    assert await bot.services.feeds.feeds.followed() == []
    assert site.hits("/rss.xml") == []


async def test_a_feed_failing_every_poll_stays_listed_with_its_error(
    bot: BotUnderTest, site: FeedSite
) -> None:
    feed_url = site.put("/rss.xml", rss("Flaky", []), content_type="application/rss+xml")
    assert "Following Flaky (feed 1)" in await _admin(bot, f"/feed add {feed_url}")
    site.put("/rss.xml", "down for maintenance", status=503, content_type="text/plain")
    for attempt in (1, 2, 3):
        reply = await _admin(bot, "/feed poll 1")
        assert "Flaky (feed 1): could not be read: the site answered HTTP 503." in reply
        [feed] = await bot.services.feeds.feeds.followed()
        assert feed.failures == attempt
    listing = await _admin(bot, "/feed list")
    assert "last error: the site answered HTTP 503 (3 failures in a row; next try" in listing
    # Backed off: the next try is about 2 hours away (15 minutes doubled three times, jittered).
    assert feed.next_poll_at - bot.clock.now >= dt.timedelta(minutes=108)
    # The job finds it not due, and the bot keeps answering.
    assert await bot.services.feeds.poll_due() == []
    assert await bot.send(updates.private("/brief"))
    site.put("/rss.xml", rss("Flaky", []), content_type="application/rss+xml")
    assert "0 new articles" in await _admin(bot, "/feed poll 1")
    assert "last error" not in await _admin(bot, "/feed list")


async def test_the_job_polls_due_feeds(bot: BotUnderTest, site: FeedSite) -> None:
    _publish(site, "bridge", published="2021-05-04")
    _publish(site, "ferry", published="2021-05-05")
    for name in ("one", "two"):
        url = site.put(f"/{name}.xml", rss(name, []), content_type="application/rss+xml")
        await _admin(bot, f"/feed add {url}")
    site.put("/one.xml", rss("one", [_item(site, "bridge")]), content_type="application/rss+xml")
    site.put("/two.xml", rss("two", [_item(site, "ferry")]), content_type="application/rss+xml")
    assert await bot.services.feeds.poll_due() == []  # not due for another interval
    bot.clock.now += dt.timedelta(minutes=17)
    reports = await bot.services.feeds.poll_due()
    assert sorted((r.title, r.count(FeedItemStatus.TAKEN)) for r in reports) == [
        ("one", 1),
        ("two", 1),
    ]
    assert await bot.services.feeds.poll_due() == []  # leased and rescheduled
    assert len(await bot.services.store.articles.all()) == 3
    assert bot.app.job_queue is not None
    assert [job.name for job in bot.app.job_queue.get_jobs_by_name("feeds")] == ["feeds"]


async def test_remove_keeps_the_articles_and_only_admins_may(
    bot: BotUnderTest, site: FeedSite
) -> None:
    _publish(site, "bridge", published="2021-05-04")
    feed_url = site.put(
        "/rss.xml", rss("Gazette", [_item(site, "bridge")]), content_type="application/rss+xml"
    )
    for command in (f"/feed add {feed_url}", "/feed list", "/feed remove 1", "/feed poll"):
        refused = _joined(await bot.send(updates.private(command, user_id=500)))
        assert "only the bot's administrators" in refused
    assert site.hits("/rss.xml") == []
    await _admin(bot, f"/feed add {feed_url}")
    assert "no feed 7" in await _admin(bot, "/feed remove 7")
    [raw] = await bot.send(updates.private("/feed remove <b>", user_id=ADMIN_ID))
    assert "no feed <code>&lt;b&gt;</code>" in raw
    removed = await _admin(bot, "/feed remove 1")
    assert "Stopped following Gazette (feed 1). The 1 article it gave stay" in removed
    assert "Harbour bridge to close for repairs" in [
        a.title for a in await bot.services.store.articles.all()
    ]
    assert "No feeds are followed yet" in await _admin(bot, "/feed list")
    usage = await _admin(bot, "/feed")
    assert "/feed add URL" in usage


@QUICK
@given(
    template=st.sampled_from(
        [
            "/feed {}",
            "/feed add {}",
            "/feed add http://127.0.0.1:9/feed.xml {}",
            "/feed remove {}",
            "/feed poll {}",
            "/feed list {}",
        ]
    ),
    argument=HOSTILE_TEXT,
)
async def test_feed_commands_with_hostile_arguments(
    bot: BotUnderTest, template: str, argument: str
) -> None:
    # Only 127.0.0.1 is ever asked: a hostile argument is never a link to another host.
    assume(not argument.lstrip().lower().startswith(("http://", "https://")))
    _check(await bot.send(updates.private(template.format(argument), user_id=ADMIN_ID)))


async def test_feed_is_in_the_admins_menu_and_help_only(bot: BotUnderTest) -> None:
    menus = {
        json.dumps(call.params.get("scope")): json.dumps(call.params.get("commands"))
        for call in bot.api.calls
        if call.method == "setMyCommands"
    }
    admin_menu = next(commands for scope, commands in menus.items() if str(ADMIN_ID) in scope)
    public_menu = next(commands for scope, commands in menus.items() if "default" in scope)
    assert '"feed"' in admin_menu
    assert '"feed"' not in public_menu
    assert "/feed add URL" in await _admin(bot, "/help")
    assert "/feed" not in _visible(await bot.send(updates.private("/help", user_id=500)))
