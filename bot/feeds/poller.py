"""Polling feeds: fetch (conditionally), parse, claim each new entry once, read its page, add it.

Everything slow stays off the event loop: pages come through the async SSRF-guarded fetcher,
feedparser runs on a worker thread and the newsroom runs trafilatura and spaCy on its own.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from telegram.ext import CallbackContext, JobQueue

from bot.briefing.ingest import ArticleMeta, IngestError, decode_article_bytes
from bot.briefing.lexicon import TopicDefinition, TopicLexicon
from bot.briefing.models import Article
from bot.feeds.backoff import next_poll_delay
from bot.feeds.identity import guid_key, link_key
from bot.feeds.parse import FeedEntry, FeedError, ParsedFeed, parse_feed
from bot.fetch import FetchedPage, FetchError, fetch_article, fetch_url
from bot.newsroom import Newsroom
from bot.store.feeds import FeedItemStatus, FeedRepository, StoredFeed

log = logging.getLogger(__name__)

_Context = TypeVar("_Context", bound="CallbackContext[Any, Any, Any, Any]")

# Real feeds run to a few megabytes; a 50 MB "feed" is refused while it streams.
MAX_FEED_BYTES = 5_000_000
# How often the poll job looks for due feeds; each feed keeps its own jittered schedule.
TICK = dt.timedelta(seconds=60)
# Feeds fetched at the same time: a slow site (10 s at worst) must not hold up 99 others, and the
# newsroom reads their articles one at a time anyway.
FEEDS_AT_ONCE = 4
UNEXPECTED = "an unexpected error stopped the poll (the bot's log has the details)"


@dataclass(frozen=True)
class FetchedFeed:
    """One fetch of a feed: the response, and the parsed feed unless it was not modified."""

    page: FetchedPage
    parsed: ParsedFeed | None


@dataclass(frozen=True)
class EntryOutcome:
    title: str
    status: FeedItemStatus
    article_id: str | None = None
    reason: str | None = None


@dataclass
class PollReport:
    """What one poll of one feed did, for the admin who asked and for the log."""

    feed_id: int
    title: str
    error: str | None = None
    not_modified: bool = False
    seen_before: int = 0  # entries taken or refused by an earlier poll (or another instance)
    left_over: int = 0  # new entries beyond FEED_MAX_PER_POLL, left for the next poll
    outcomes: list[EntryOutcome] = field(default_factory=list)

    def count(self, status: FeedItemStatus) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status is status)


def _about(article: Article, topics: Sequence[TopicDefinition]) -> bool:
    """Whether the article names one of the topics' terms (a plural counts)."""
    text = " ".join([article.title, article.standfirst or "", *article.paragraphs])
    return any(
        re.search(rf"\b{re.escape(term)}(?:s|es)?\b", text, re.IGNORECASE)
        for topic in topics
        for term in topic.terms
    )


class FeedPoller:
    """Follows the stored feeds: polls the due ones on the JobQueue, or one now on request."""

    def __init__(
        self,
        feeds: FeedRepository,
        newsroom: Newsroom,
        lexicon: TopicLexicon,
        *,
        allow_private: bool,
        interval: dt.timedelta,
        max_per_poll: int,
        now: Callable[[], dt.datetime],
        rng: random.Random | None = None,
    ) -> None:
        self._feeds = feeds
        self._newsroom = newsroom
        self._lexicon = lexicon
        self._allow_private = allow_private
        self.interval = interval
        self.max_per_poll = max_per_poll
        self._now = now
        # Jitter only: no secret depends on these numbers.
        self._rng = rng or random.Random()  # noqa: S311
        self._sweep = asyncio.Lock()

    @property
    def feeds(self) -> FeedRepository:
        return self._feeds

    def schedule(self, job_queue: JobQueue[_Context]) -> None:
        """Look for due feeds every TICK; the first look is jittered so instances spread out."""
        first = self._rng.uniform(5, TICK.total_seconds())
        job_queue.run_repeating(self._on_tick, interval=TICK, first=first, name="feeds")

    async def _on_tick(self, _context: object) -> None:
        await self.poll_due()

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchedFeed:
        """GET and parse a feed; FetchError or FeedError say, in one line, why it cannot be read."""
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        page = await fetch_url(
            url,
            allow_private=self._allow_private,
            max_bytes=MAX_FEED_BYTES,
            accepted_types=None,
            conditional=conditional,
        )
        if page.not_modified:
            return FetchedFeed(page, None)
        parsed = await asyncio.to_thread(
            parse_feed, page.body, url=page.url, content_type=page.content_type
        )
        return FetchedFeed(page, parsed)

    def unknown_topics(self, topics: Sequence[str]) -> list[str]:
        return [key for key in topics if self._lexicon.get(key) is None]

    async def poll_due(self) -> list[PollReport]:
        """Poll every feed whose time has come and that no other instance took first."""
        if self._sweep.locked():
            return []  # the previous look is still working through its feeds
        async with self._sweep:
            leased = [
                feed
                for feed in await self._feeds.due()
                # Provisional: the poll's outcome sets the real next time (backoff on errors).
                if await self._feeds.lease(feed.id, self._now() + self.interval)
            ]
            at_once = asyncio.Semaphore(FEEDS_AT_ONCE)

            async def poll_one(feed: StoredFeed) -> PollReport:
                async with at_once:
                    return await self.poll(feed)

            return list(await asyncio.gather(*(poll_one(feed) for feed in leased)))

    async def poll(self, feed: StoredFeed, document: FetchedFeed | None = None) -> PollReport:
        """Fetch (unless given) and take what is new; never raises, errors go in the report."""
        report = PollReport(feed.id, feed.title)
        try:
            if document is None:
                document = await self.fetch(
                    feed.url, etag=feed.etag, last_modified=feed.last_modified
                )
            if document.parsed is None:
                report.not_modified = True
                await self._succeeded(feed, feed.title, feed.etag, feed.last_modified)
                return report
            report.title = document.parsed.title
            await self._take_entries(feed, document.parsed, report)
            # Validators only once every new entry was dealt with: a 304 next time must not
            # hide entries left for later or worth another try.
            complete = not report.left_over and not report.count(FeedItemStatus.FAILED)
            await self._succeeded(
                feed,
                document.parsed.title,
                document.page.etag if complete else None,
                document.page.last_modified if complete else None,
            )
        except (FetchError, FeedError) as exc:
            report.error = str(exc)
        except Exception:
            # A feed must never take the bot down: whatever went wrong is logged, shown in
            # /feed list, and the feed is tried again later.
            log.exception("polling feed %d (%s) failed", feed.id, feed.url)
            report.error = UNEXPECTED
        if report.error is not None:
            failures = await self._feeds.record_failure(feed.id, report.error, self._after_failures)
            log.info("feed %d failed (%d in a row): %s", feed.id, failures, report.error)
        else:
            log.info(
                "feed %d polled: %d taken, %d skipped, %d failed, %d seen before, %d left over",
                feed.id,
                report.count(FeedItemStatus.TAKEN),
                report.count(FeedItemStatus.SKIPPED),
                report.count(FeedItemStatus.FAILED),
                report.seen_before,
                report.left_over,
            )
        return report

    def _after_failures(self, failures: int) -> dt.datetime:
        return self._now() + next_poll_delay(self.interval, failures, self._rng)

    async def _succeeded(
        self, feed: StoredFeed, title: str, etag: str | None, last_modified: str | None
    ) -> None:
        await self._feeds.record_success(
            feed.id,
            title=title,
            etag=etag,
            last_modified=last_modified,
            next_poll_at=self._now() + next_poll_delay(self.interval, 0, self._rng),
        )

    async def _take_entries(self, feed: StoredFeed, parsed: ParsedFeed, report: PollReport) -> None:
        keyed = [(entry, guid_key(entry), link_key(entry)) for entry in parsed.entries]
        known = await self._feeds.known(
            [g for _, g, _ in keyed], [link for _, _, link in keyed if link is not None]
        )
        retry = await self._feeds.retryable([g for _, g, _ in keyed if g in known])
        fresh = []
        for entry, guid, link in keyed:
            if guid in retry or (guid not in known and (link is None or link not in known)):
                fresh.append((entry, guid, link))
            else:
                report.seen_before += 1
        report.left_over = max(0, len(fresh) - self.max_per_poll)
        topics = [t for key in feed.topics if (t := self._lexicon.get(key)) is not None]
        try:
            await self._take_fresh(feed, fresh[: self.max_per_poll], topics, report)
        finally:
            if report.count(FeedItemStatus.TAKEN):
                # Once per poll: rebuilding the merged briefing costs about a second at 1,000
                # articles, and twenty of those in a row would slow every answer meanwhile.
                await self._newsroom.reload()

    async def _take_fresh(
        self,
        feed: StoredFeed,
        fresh: Sequence[tuple[FeedEntry, str, str | None]],
        topics: Sequence[TopicDefinition],
        report: PollReport,
    ) -> None:
        for entry, guid, link in fresh:
            # The claim is what makes an entry taken once: another instance, or this one's
            # /feed poll racing the job, gets False here and leaves it alone.
            if not await self._feeds.claim(feed.id, guid, link, entry.link):
                report.seen_before += 1
                continue
            try:
                outcome = await self._take(feed, entry, topics)
            except Exception:
                log.exception("feed %d entry %s failed", feed.id, entry.link)
                outcome = EntryOutcome(entry.title, FeedItemStatus.FAILED, reason=UNEXPECTED)
            report.outcomes.append(outcome)  # first: a taken article is reloaded whatever follows
            await self._feeds.finish(
                guid, outcome.status, article_id=outcome.article_id, reason=outcome.reason
            )
            if outcome.status is not FeedItemStatus.TAKEN:
                log.info(
                    "feed %d entry %s %s: %s", feed.id, entry.link, outcome.status, outcome.reason
                )

    async def _take(
        self, feed: StoredFeed, entry: FeedEntry, topics: Sequence[TopicDefinition]
    ) -> EntryOutcome:
        """Read one entry's page and add it as an article, or say why not."""
        if entry.link is None:
            return EntryOutcome(entry.title, FeedItemStatus.SKIPPED, reason="the entry has no link")
        try:
            page = await fetch_article(entry.link, allow_private=self._allow_private)
        except FetchError as exc:
            return EntryOutcome(entry.title, FeedItemStatus.FAILED, reason=str(exc))
        # The entry's date first; without one the page's own metadata (parse_article_html reads
        # it through trafilatura) or date line; without either the entry is skipped.
        meta = ArticleMeta(published=entry.published, source=feed.title, url=page.url)
        try:
            text = decode_article_bytes(page.body)
            if topics:
                article = await self._newsroom.parse(text, meta)
                if not _about(article, topics):
                    keys = ", ".join(t.key for t in topics)
                    return EntryOutcome(
                        article.title, FeedItemStatus.SKIPPED, reason=f"not about {keys}"
                    )
            added = await self._newsroom.add(text, meta, added_by=None, refresh=False)
        except IngestError as exc:
            return EntryOutcome(entry.title, FeedItemStatus.SKIPPED, reason=str(exc))
        if added.duplicate:
            return EntryOutcome(
                added.article.title,
                FeedItemStatus.SKIPPED,
                article_id=None,
                reason=f"the same text as article {added.article.id}",
            )
        return EntryOutcome(added.article.title, FeedItemStatus.TAKEN, article_id=added.article.id)
