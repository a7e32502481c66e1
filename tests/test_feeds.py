"""Feeds, pure parts: parsing RSS, Atom and JSON Feed, entry identity, and the poll backoff."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import time
from pathlib import Path

import pytest

from bot.feeds.backoff import MAX_BACKOFF, next_poll_delay
from bot.feeds.identity import canonical_link, guid_key, link_key
from bot.feeds.parse import MAX_ENTRIES, FeedEntry, FeedError, parse_feed
from tests.helpers.feed_site import rss

FEED_URL = "https://news.example/feeds/world.xml"

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Gazette &amp; Friends</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2021-05-04T18:30:02Z</updated>
  <entry>
    <title>Bridge to close</title>
    <link href="/news/bridge"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <updated>2021-05-04T18:30:02Z</updated>
  </entry>
  <entry>
    <title>Ferry timetable</title>
    <link href="https://news.example/news/ferry"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6b</id>
    <published>2021-05-02T08:00:00+02:00</published>
    <updated>2021-05-05T08:00:00Z</updated>
  </entry>
</feed>
"""


def test_rss_entries_keep_guid_link_and_the_publishers_own_date() -> None:
    body = rss(
        "World &amp; more",
        [
            {
                "title": "Late-night vote",
                "link": "https://news.example/a/vote?utm_source=rss",
                "guid": "urn:news:vote-2016-02-11",
                # 04:30 UTC on the 12th, but the publisher dated it the 11th
                "pubDate": "Thu, 11 Feb 2016 23:30:00 -0500",
            },
            {"title": "No guid", "link": "https://news.example/a/other"},
        ],
    )
    feed = parse_feed(body.encode(), url=FEED_URL, content_type="application/rss+xml")
    assert feed.kind == "rss20"
    assert feed.title == "World & more"
    first, second = feed.entries
    assert first == FeedEntry(
        guid="urn:news:vote-2016-02-11",
        link="https://news.example/a/vote?utm_source=rss",
        title="Late-night vote",
        published=dt.date(2016, 2, 11),
    )
    assert second.guid == "https://news.example/a/other"  # no guid: the link stands in
    assert second.published is None


def test_atom_links_are_made_absolute_and_published_wins_over_updated() -> None:
    feed = parse_feed(ATOM.encode(), url=FEED_URL, content_type="application/atom+xml")
    assert feed.kind == "atom10"
    assert feed.title == "Harbour Gazette & Friends"
    by_title = {e.title: e for e in feed.entries}
    assert by_title["Bridge to close"].link == "https://news.example/news/bridge"
    assert by_title["Bridge to close"].published == dt.date(2021, 5, 4)
    assert by_title["Ferry timetable"].published == dt.date(2021, 5, 2)
    assert [e.title for e in feed.entries] == ["Bridge to close", "Ferry timetable"]


def test_json_feed_is_read() -> None:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Desk <b>JSON</b>",
        "items": [
            {
                "id": "42",
                "url": "https://news.example/json/42",
                "title": "Talks resume",
                "date_published": "2016-02-10T22:00:00-08:00",
            },
            {"id": "43", "external_url": "/json/43", "content_text": "untitled"},
            "not an item",
        ],
    }
    feed = parse_feed(json.dumps(document).encode(), url=FEED_URL, content_type="application/json")
    assert feed.kind == "json1"
    assert feed.title == "Desk <b>JSON</b>"  # kept as text: rendering escapes it
    assert feed.entries[0] == FeedEntry(
        "42", "https://news.example/json/42", "Talks resume", dt.date(2016, 2, 10)
    )
    assert feed.entries[1].link == "https://news.example/json/43"
    assert feed.entries[1].published is None


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b"", "application/rss+xml", "empty"),
        (b"just some words, not a feed at all", "text/plain", "not an RSS, Atom or JSON feed"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00binary",
            "application/octet-stream",
            "not an RSS, Atom or JSON",
        ),
        (b"<!DOCTYPE html><html><body><p>Home</p></body></html>", "text/plain", "web page"),
        (b"<rss version='2.0'><channel><title>x</title>", "text/html", "web page"),
        (b'{"hello": "world"}', "application/json", "not a JSON Feed"),
        (b'{"version": "https://jsonfeed.org/version/1"}', "application/json", "no items"),
        (b"{broken", "application/json", "broken JSON"),
        (b"<?xml version='1.0'?><note><to>Tove</to></note>", "application/xml", "not an RSS"),
    ],
)
def test_what_is_not_a_feed_is_refused_in_one_line(
    body: bytes, content_type: str, message: str
) -> None:
    with pytest.raises(FeedError, match=message) as refused:
        parse_feed(body, url=FEED_URL, content_type=content_type)
    assert "\n" not in str(refused.value)


def test_a_web_page_that_names_its_feed_says_where_it_is() -> None:
    page = (
        b"<!doctype html><html><head><title>News</title>"
        b'<link rel="stylesheet" href="/style.css">'
        b'<link rel="alternate" type="application/rss+xml" title="RSS" href="/feeds/all.rss">'
        b"</head><body>Home</body></html>"
    )
    with pytest.raises(FeedError) as refused:
        parse_feed(page, url="https://news.example/world/", content_type="text/html")
    assert str(refused.value) == (
        "that link is a web page, not an RSS, Atom or JSON feed; "
        "the page names its feed: https://news.example/feeds/all.rss"
    )


def test_a_huge_feed_is_cut_to_its_newest_entries() -> None:
    items = [
        {
            "title": f"Item {n}",
            "link": f"https://news.example/i/{n}",
            "pubDate": (dt.datetime(2020, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=n)).strftime(
                "%a, %d %b %Y %H:%M:%S +0000"
            ),
        }
        for n in range(MAX_ENTRIES + 50)
    ]
    feed = parse_feed(rss("Big", items).encode(), url=FEED_URL)
    assert len(feed.entries) == MAX_ENTRIES
    assert feed.entries[0].title == f"Item {MAX_ENTRIES + 49}"


def test_a_feed_body_is_never_opened_as_a_path(tmp_path: Path) -> None:
    # feedparser opens a string that names a file or URL; parse_feed hands it the bytes only.
    on_disk = tmp_path / "feed.xml"
    on_disk.write_text(rss("Read from disk", []))
    with pytest.raises(FeedError, match="not an RSS"):
        parse_feed(str(on_disk).encode(), url=FEED_URL)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://news.example/a/vote", "http://www.news.example/a/vote/"),
        ("https://news.example/a/vote?utm_source=rss&id=3", "https://news.example/a/vote?id=3"),
        ("https://News.Example:443/a/vote#comments", "https://news.example/a/vote"),
        ("https://news.example/a?fbclid=x", "https://news.example/a"),
    ],
)
def test_one_article_under_different_links_has_one_canonical_link(one: str, other: str) -> None:
    assert canonical_link(one) == canonical_link(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://news.example/a/vote", "https://news.example/a/vote2"),
        ("https://news.example/a?id=3", "https://news.example/a?id=4"),
        ("https://news.example:8080/a", "https://news.example/a"),
        ("https://news.example/a", "https://other.example/a"),
    ],
)
def test_different_articles_keep_different_links(one: str, other: str) -> None:
    assert canonical_link(one) != canonical_link(other)


def test_entry_keys_are_fixed_width_and_tell_guid_from_link() -> None:
    entry = FeedEntry("x" * 5000, "https://news.example/a", "t", None)
    same_link = FeedEntry("other-guid", "http://www.news.example/a/", "t", None)
    assert len(guid_key(entry)) == 64
    assert link_key(entry) == link_key(same_link)
    assert guid_key(entry) != guid_key(same_link)
    assert link_key(FeedEntry("g", None, "t", None)) is None
    # A GUID that happens to equal a link does not collide with that link's key.
    assert guid_key(FeedEntry("https://news.example/a", None, "t", None)) != link_key(entry)


def test_backoff_doubles_after_each_failure_up_to_a_day_with_jitter() -> None:
    interval = dt.timedelta(minutes=15)
    rng = random.Random(7)
    healthy = [next_poll_delay(interval, 0, rng) for _ in range(200)]
    assert all(dt.timedelta(minutes=13.5) <= d <= dt.timedelta(minutes=16.5) for d in healthy)
    assert len(set(healthy)) > 100  # jittered, not one fixed time
    failing = [next_poll_delay(interval, n, random.Random(1)) for n in range(1, 10)]
    assert failing[0] >= dt.timedelta(minutes=27)  # about 30 minutes after the first failure
    assert failing[2] >= dt.timedelta(minutes=108)  # about 2 hours after the third
    assert all(a <= b for a, b in itertools.pairwise(failing))
    assert failing[-1] <= MAX_BACKOFF
    assert next_poll_delay(interval, 10_000) <= MAX_BACKOFF


def test_entity_bombs_and_external_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-ON-DISK")
    levels = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">{levels}'
        f'<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        '<rss version="2.0"><channel><title>&lol9;&xxe;</title>'
        "<item><title>x</title><link>https://news.example/x</link></item></channel></rss>"
    ).encode()
    started = time.monotonic()
    feed = parse_feed(bomb, url=FEED_URL)
    assert time.monotonic() - started < 5  # a billion "lol"s would take minutes and gigabytes
    assert len(feed.title) < 100
    assert "lollol" not in feed.title
    assert "SECRET" not in feed.title
    assert [e.link for e in feed.entries] == ["https://news.example/x"]
