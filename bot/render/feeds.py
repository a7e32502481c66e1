"""Feeds -> Telegram HTML for the admins: the list, what a poll took, following and removing.

Pure, like the rest of rendering: it reads feeds and poll reports through the protocols below,
not the store's or the poller's types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.render.entries import CLIP_LINE, format_date
from bot.render.html import clip, escape, split_html

FEED_USAGE = (
    "Feeds: <code>/feed add URL [topic ...]</code> follows an RSS, Atom or JSON feed (topics "
    "narrow what it gives), <code>/feed list</code> shows them, <code>/feed remove ID</code> "
    "stops one, <code>/feed poll [ID]</code> fetches now."
)
# Entries named one by one in a poll report; the rest are counted.
REPORT_ENTRIES = 10
TAKEN, SKIPPED = "taken", "skipped"


class FeedLine(Protocol):
    """A followed feed as /feed list shows it."""

    @property
    def id(self) -> int: ...
    @property
    def url(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def topics(self) -> Sequence[str]: ...
    @property
    def last_fetched_at(self) -> dt.datetime | None: ...
    @property
    def last_error(self) -> str | None: ...
    @property
    def failures(self) -> int: ...
    @property
    def next_poll_at(self) -> dt.datetime: ...
    @property
    def articles_taken(self) -> int: ...


class EntryLine(Protocol):
    """What became of one entry: taken, skipped or failed (`status` as its string)."""

    @property
    def title(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def article_id(self) -> str | None: ...
    @property
    def reason(self) -> str | None: ...


class PollLines(Protocol):
    """What one poll of one feed did."""

    @property
    def feed_id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def error(self) -> str | None: ...
    @property
    def not_modified(self) -> bool: ...
    @property
    def seen_before(self) -> int: ...
    @property
    def left_over(self) -> int: ...
    @property
    def outcomes(self) -> Sequence[EntryLine]: ...


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def _when(moment: dt.datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return f"{format_date(local.date())} {local:%H:%M} {zone.key}"


def _name(feed_id: int, title: str) -> str:
    return f"<b>{escape(clip(title, CLIP_LINE))}</b> (feed <code>{feed_id}</code>)"


def render_feed_list(feeds: Sequence[FeedLine], zone: ZoneInfo) -> list[str]:
    """Every followed feed: id, title, URL, last fetch, articles given and the last error."""
    if not feeds:
        return ["No feeds are followed yet. " + FEED_USAGE]
    blocks = [f"<b>Feeds ({len(feeds)})</b>"]
    for feed in feeds:
        fetched = (
            f"last fetched {_when(feed.last_fetched_at, zone)}"
            if feed.last_fetched_at
            else "not fetched yet"
        )
        lines = [
            f"<code>{feed.id}</code> · <b>{escape(clip(feed.title, CLIP_LINE))}</b>",
            escape(clip(feed.url, CLIP_LINE)),
            f"{fetched} · {_plural(feed.articles_taken, 'article')} given",
        ]
        if feed.topics:
            lines.append("topics: " + escape(", ".join(feed.topics)))
        if feed.last_error:
            lines.append(
                f"⚠️ last error: {escape(clip(feed.last_error, CLIP_LINE))} "
                f"({_plural(feed.failures, 'failure')} in a row; "
                f"next try {_when(feed.next_poll_at, zone)})"
            )
        blocks.append("\n".join(lines))
    return split_html("\n\n".join(blocks))


def render_followed(feed: FeedLine, interval_minutes: int, max_per_poll: int) -> str:
    """The reply to /feed add: the feed's title and id, and what happens next."""
    topics = f", only entries about {escape(', '.join(feed.topics))}" if feed.topics else ""
    return (
        f"Following {_name(feed.id, feed.title)}: checked every {interval_minutes} minutes, "
        f"at most {max_per_poll} new articles each time{topics}. Reading its newest entries now."
    )


def render_poll_report(report: PollLines) -> str:
    """What one poll took and skipped, or the one line that says why it failed."""
    name = _name(report.feed_id, report.title)
    if report.error is not None:
        return f"{name}: could not be read: {escape(report.error)}."
    if report.not_modified:
        return f"{name}: nothing new (the feed has not changed since the last check)."
    taken = [o for o in report.outcomes if o.status == TAKEN]
    others = [o for o in report.outcomes if o.status != TAKEN]
    lines = [f"{name}: {_plural(len(taken), 'new article')}."]
    for outcome in taken[:REPORT_ENTRIES]:
        lines.append(
            f"• {escape(clip(outcome.title, CLIP_LINE))} "
            f"(<code>{escape(outcome.article_id or '')}</code>)"
        )
    for outcome in others[:REPORT_ENTRIES]:
        verb = "skipped" if outcome.status == SKIPPED else "failed, to retry"
        lines.append(
            f"• {verb}: {escape(clip(outcome.title or 'untitled entry', 120))}: "
            f"{escape(clip(outcome.reason or '', 200))}"
        )
    hidden = max(0, len(taken) - REPORT_ENTRIES) + max(0, len(others) - REPORT_ENTRIES)
    if hidden:
        lines.append(f"… and {hidden} more.")
    if report.seen_before:
        lines.append(f"{_plural(report.seen_before, 'entry', 'entries')} taken or refused before.")
    if report.left_over:
        more = _plural(report.left_over, "more new entry", "more new entries")
        lines.append(f"{more} left for the next check.")
    return "\n".join(lines)


def render_poll_reports(reports: Sequence[PollLines]) -> list[str]:
    if not reports:
        return ["No feeds are followed yet. " + FEED_USAGE]
    return split_html("\n\n".join(render_poll_report(report) for report in reports))


def render_removed(feed: FeedLine) -> str:
    given = _plural(feed.articles_taken, "article")
    return (
        f"Stopped following {_name(feed.id, feed.title)}. The {given} it gave stay in the briefing."
    )
