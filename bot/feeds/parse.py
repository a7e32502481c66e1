"""Feed bytes -> a `ParsedFeed`: RSS and Atom through feedparser, JSON Feed read here.

feedparser's released versions (6.0.x) read no JSON Feed (its support sits unreleased on the
develop branch), so JSON Feed 1.0/1.1 is read with the standard json module.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import io
import json
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

# Entries read from one document: a feed with more is cut, newest first, so work stays bounded.
MAX_ENTRIES = 200
_JSON_FEED_VERSION = re.compile(r"^https?://jsonfeed\.org/version/1(\.\d+)?/?$")
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>])", re.I)
# <link rel="alternate" type="application/rss+xml" href="..."> in a page's head: its feed.
_LINK_TAG = re.compile(rb"<link\b[^>]{0,500}>", re.I)
_FEED_TYPE = re.compile(
    rb"""type\s*=\s*["']application/(?:rss|atom|feed)\+(?:xml|json)["']""", re.I
)
_HREF = re.compile(rb"""href\s*=\s*["']([^"'<>\s]{1,500})["']""", re.I)


class FeedError(ValueError):
    """The document is not a feed the bot can follow; the message says why, in one line."""


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, as much as the bot needs to decide whether and how to take it."""

    guid: str  # the entry's own id, else its link, else a hash of its title
    link: str | None  # the article page (absolute http(s) URL), if the entry names one
    title: str
    published: dt.date | None  # as the publisher dated it, in the publisher's own time zone


@dataclass(frozen=True)
class ParsedFeed:
    kind: str  # feedparser's version name ("rss20", "atom10", ...) or "json1"
    title: str
    entries: tuple[FeedEntry, ...]


def parse_feed(body: bytes, *, url: str, content_type: str = "") -> ParsedFeed:
    """Read an RSS, Atom or JSON Feed document; raise FeedError for anything else."""
    if not body.strip():
        raise FeedError("the feed is empty")
    if body.lstrip()[:1] in (b"{", b"["):
        return _parse_json_feed(body, url)
    if content_type in ("text/html", "application/xhtml+xml") or _HTML_START.match(body[:1024]):
        named = _feed_named_by_page(body, url)
        hint = f"; the page names its feed: {named}" if named else ""
        raise FeedError(f"that link is a web page, not an RSS, Atom or JSON feed{hint}")
    return _parse_xml_feed(body, url, content_type)


def _feed_named_by_page(page: bytes, url: str) -> str | None:
    """The feed a web page advertises in its head, so the admin can follow that instead."""
    for tag in _LINK_TAG.findall(page[:200_000]):
        href = _HREF.search(tag)
        if href and _FEED_TYPE.search(tag) and b"alternate" in tag.lower():
            return _http_link(href.group(1).decode("utf-8", "replace"), url)
    return None


def _parse_xml_feed(body: bytes, url: str, content_type: str) -> ParsedFeed:
    import feedparser  # imported here: only polling needs it, never start-up

    # A stream, never a string: feedparser treats a string as a URL or a path and would open it.
    parsed = feedparser.parse(
        io.BytesIO(body),
        response_headers={
            "content-type": content_type or "application/xml",
            "content-location": url,
        },
    )
    if not parsed.get("version"):
        raise FeedError("that is not an RSS, Atom or JSON feed")
    title = _one_line(str(parsed.feed.get("title") or "")) or _host(url)
    entries = [_xml_entry(entry, url) for entry in parsed.entries[: MAX_ENTRIES * 2]]
    return ParsedFeed(str(parsed.version), title, _newest_first(entries))


def _xml_entry(entry: Any, base: str) -> FeedEntry:
    link = _http_link(entry.get("link"), base)
    title = _one_line(str(entry.get("title") or ""))
    published = _entry_date(
        entry.get("published") or entry.get("updated"),
        entry.get("published_parsed") or entry.get("updated_parsed"),
    )
    guid = str(entry.get("id") or "").strip() or link or _title_guid(title, entry.get("summary"))
    return FeedEntry(guid=guid, link=link, title=title, published=published)


def _parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FeedError("that is not an RSS, Atom or JSON feed (it is broken JSON)") from exc
    if not isinstance(document, dict) or not _JSON_FEED_VERSION.match(
        str(document.get("version", ""))
    ):
        raise FeedError("that is JSON, but not a JSON Feed")
    items = document.get("items")
    if not isinstance(items, list):
        raise FeedError("that JSON Feed has no items list")
    title = _one_line(str(document.get("title") or "")) or _host(url)
    entries: list[FeedEntry] = []
    for item in items[: MAX_ENTRIES * 2]:
        if not isinstance(item, dict):
            continue
        link = _http_link(item.get("url") or item.get("external_url"), url)
        entry_title = _one_line(str(item.get("title") or ""))
        guid = str(item.get("id") or "").strip() or link or _title_guid(entry_title, None)
        published = _entry_date(item.get("date_published") or item.get("date_modified"), None)
        entries.append(FeedEntry(guid=guid, link=link, title=entry_title, published=published))
    return ParsedFeed("json1", title, _newest_first(entries))


def _newest_first(entries: list[FeedEntry]) -> tuple[FeedEntry, ...]:
    # Undated entries keep their place after the dated ones: feeds list newest first anyway.
    ordered = sorted(entries, key=lambda e: e.published or dt.date.min, reverse=True)
    return tuple(ordered[:MAX_ENTRIES])


def _entry_date(raw: object, parsed: object) -> dt.date | None:
    """The entry's date as written (its own offset kept), else feedparser's UTC reading."""
    if isinstance(raw, str) and raw.strip():
        text = raw.strip()
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
        try:
            return email.utils.parsedate_to_datetime(text).date()
        except (TypeError, ValueError, IndexError):
            pass
    if isinstance(parsed, time.struct_time):
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _http_link(value: object, base: str) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    link = urljoin(base, value.strip())
    return link if urlsplit(link).scheme in ("http", "https") else None


def _title_guid(title: str, summary: object) -> str:
    text = f"{title}\n{summary or ''}"
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def _host(url: str) -> str:
    return urlsplit(url).hostname or url
