"""/feed add|list|remove|poll: the admins' news feeds."""

from __future__ import annotations

import html
import re

from telegram import Update
from telegram.constants import ChatAction

from bot.feeds.parse import FeedError
from bot.fetch import FetchError
from bot.render.feeds import (
    FEED_USAGE,
    render_feed_list,
    render_followed,
    render_poll_report,
    render_poll_reports,
    render_removed,
)
from bot.services import BriefingContext
from bot.store.feeds import FeedExistsError, StoredFeed
from handlers.access import is_bot_admin
from handlers.admin import REFUSAL
from handlers.replies import reply_parts, reply_text

_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_FEED_ID = re.compile(r"^\d{1,9}$")


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


async def feed_command(update: Update, context: BriefingContext) -> None:
    """Follow, list, remove or poll news feeds (admins only)."""
    if not is_bot_admin(update, context):
        await reply_text(update, context, REFUSAL)
        return
    args = context.args or []
    action = args[0].lower() if args else ""
    if action == "add" and len(args) >= 2:
        await _add(update, context, args[1], [a.lower() for a in args[2:]])
    elif action == "list" and len(args) == 1:
        services = context.services
        feeds = await services.feeds.feeds.followed()
        await reply_parts(update, context, render_feed_list(feeds, services.settings.zone))
    elif action == "remove" and len(args) == 2:
        await _remove(update, context, args[1])
    elif action == "poll" and len(args) <= 2:
        await _poll(update, context, args[1] if len(args) == 2 else None)
    else:
        await reply_text(update, context, FEED_USAGE)


async def _add(update: Update, context: BriefingContext, url: str, topics: list[str]) -> None:
    services = context.services
    poller = services.feeds
    if not _URL.match(url):
        await reply_text(
            update, context, "That is not a feed link. Send <code>/feed add https://…</code>."
        )
        return
    unknown = poller.unknown_topics(topics)
    if unknown:
        known = ", ".join(services.newsroom.lexicon.keys)
        await reply_text(
            update,
            context,
            f"There is no topic {html.escape(', '.join(unknown))}. "
            f"The topics are: {html.escape(known)}.",
        )
        return
    existing = await poller.feeds.find_by_url(url)
    if existing is not None:
        await _already(update, context, existing)
        return
    chat = update.effective_chat
    if chat is not None:
        await context.bot.send_chat_action(chat.id, ChatAction.TYPING)
    try:
        document = await poller.fetch(url)
    except (FetchError, FeedError) as exc:
        # Nothing is stored for a feed that cannot be read: the admin fixes the link and retries.
        await reply_text(
            update,
            context,
            f"I could not follow that feed: {html.escape(_sentence(str(exc)))}",
        )
        return
    assert document.parsed is not None  # an unconditional fetch is never "not modified"
    user = update.effective_user
    try:
        feed = await poller.feeds.add(
            url,
            document.parsed.title,
            topics,
            user.id if user else None,
            # The first poll is the one below; the job takes over one interval later.
            next_poll_at=services.now() + poller.interval,
        )
    except FeedExistsError as exc:
        await _already(update, context, exc.existing)
        return
    if user is not None:
        await services.store.log_admin(user.id, "feed add", f"{feed.id} {url}")
    await reply_text(
        update,
        context,
        render_followed(feed, services.settings.feed_poll_minutes, poller.max_per_poll),
    )
    report = await poller.poll(feed, document)
    await reply_text(update, context, render_poll_report(report))


async def _already(update: Update, context: BriefingContext, feed: StoredFeed) -> None:
    await reply_text(
        update,
        context,
        f"That feed is already followed as <b>{html.escape(feed.title)}</b> "
        f"(feed <code>{feed.id}</code>).",
    )


async def _find(update: Update, context: BriefingContext, given: str) -> StoredFeed | None:
    feed = await context.services.feeds.feeds.get(int(given)) if _FEED_ID.match(given) else None
    if feed is None:
        await reply_text(
            update,
            context,
            f"There is no feed <code>{html.escape(given[:40])}</code>. "
            "<code>/feed list</code> shows them.",
        )
    return feed


async def _remove(update: Update, context: BriefingContext, given: str) -> None:
    services = context.services
    feed = await _find(update, context, given)
    if feed is None:
        return
    if not await services.feeds.feeds.remove(feed.id):
        await reply_text(update, context, f"Feed <code>{feed.id}</code> was already removed.")
        return
    user = update.effective_user
    if user is not None:
        await services.store.log_admin(user.id, "feed remove", f"{feed.id} {feed.url}")
    await reply_text(update, context, render_removed(feed))


async def _poll(update: Update, context: BriefingContext, given: str | None) -> None:
    poller = context.services.feeds
    if given is not None:
        feed = await _find(update, context, given)
        if feed is None:
            return
        feeds = [feed]
    else:
        feeds = await poller.feeds.followed()
    chat = update.effective_chat
    if chat is not None and feeds:
        await context.bot.send_chat_action(chat.id, ChatAction.TYPING)
    reports = [await poller.poll(feed) for feed in feeds]
    await reply_parts(update, context, render_poll_reports(reports))
