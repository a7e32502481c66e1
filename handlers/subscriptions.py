"""/subscribe, /unsubscribe, /settings: one subscription per chat (per thread in a forum)."""

from __future__ import annotations

import datetime as dt
import html
import re
import zoneinfo
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cache

from telegram import Chat, Update

from bot.render.subscribers import render_settings
from bot.services import BriefingContext
from bot.store import Subscription
from handlers.access import may_manage_chat
from handlers.replies import reply_parts, reply_text

_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_ALWAYS = {"always", "daily"}
_ONLY_NEW = {"changes", "new", "only-new"}
_ALL_TOPICS = {"all", "everything"}
_PICTURES = {"pictures", "picture", "chart"}
_NO_PICTURES = {"nopictures", "nopicture", "nochart", "text"}
MAX_ARG_ECHO = 40  # characters of a bad argument quoted back to the user


class SubscribeArgsError(ValueError):
    """A /subscribe argument that is not a time, a time zone or a topic; the message is polite."""


@dataclass(frozen=True)
class SubscribeRequest:
    time: dt.time | None = None
    tz: str | None = None
    topics: list[str] | None = None
    always: bool | None = None
    pictures: bool | None = None
    fields: list[str] = field(default_factory=list)


@cache
def _zones() -> dict[str, str]:
    """IANA zone names by their lower-case form, so "europe/berlin" works too."""
    zones = {name.lower(): name for name in zoneinfo.available_timezones()}
    zones.setdefault("utc", "UTC")
    return zones


def _echo(arg: str) -> str:
    shown = arg if len(arg) <= MAX_ARG_ECHO else arg[:MAX_ARG_ECHO] + "…"
    return html.escape(shown)


def parse_subscribe_args(args: Sequence[str], topic_keys: Collection[str]) -> SubscribeRequest:
    """Each argument is recognised by its shape, in any order."""
    time: dt.time | None = None
    tz: str | None = None
    topics: list[str] | None = None
    always: bool | None = None
    pictures: bool | None = None
    for raw in args:
        arg = raw.strip()
        lower = arg.lower()
        if match := _TIME.match(arg):
            hours, minutes = int(match[1]), int(match[2])
            if hours > 23 or minutes > 59:
                raise SubscribeArgsError(
                    f"{_echo(arg)} is not a time of day; use HH:MM, e.g. 07:30"
                )
            time = dt.time(hours, minutes)
        elif lower in _zones():
            tz = _zones()[lower]
        elif lower in _ALWAYS or lower in _ONLY_NEW:
            always = lower in _ALWAYS
        elif lower in _PICTURES or lower in _NO_PICTURES:
            pictures = lower in _PICTURES
        elif lower in _ALL_TOPICS:
            topics = []
        elif lower in topic_keys:
            topics = [*(topics or []), lower] if lower not in (topics or []) else topics
        elif "/" in arg:
            raise SubscribeArgsError(
                f"{_echo(arg)} is not a time zone I know; use an IANA name such as "
                "Europe/Berlin, America/New_York or UTC"
            )
        else:
            known = ", ".join(sorted(topic_keys)) or "none configured"
            raise SubscribeArgsError(
                f"I don't understand {_echo(arg)}. Give a time (07:30), a time zone "
                f"(Europe/Berlin) or topics ({html.escape(known)})"
            )
    changed = [
        name
        for name, value in (
            ("time", time),
            ("time zone", tz),
            ("topics", topics),
            ("mode", always),
            ("pictures", pictures),
        )
        if value is not None
    ]
    return SubscribeRequest(time, tz, topics, always, pictures, changed)


async def _managed_chat(update: Update, context: BriefingContext) -> Chat | None:
    """The chat whose digest this update may change; None (after saying why) when it may not."""
    chat = update.effective_chat
    if chat is None:
        return None
    if not await may_manage_chat(update, context):
        await reply_text(update, context, "Only this group's administrators can change its digest.")
        return None
    return chat


def thread_of(update: Update) -> int:
    """The forum topic a command was sent in (0 outside forum topics)."""
    message = update.effective_message
    if message is not None and message.is_topic_message and message.message_thread_id:
        return message.message_thread_id
    return 0


async def subscribe(update: Update, context: BriefingContext) -> None:
    """Subscribe this chat (or forum topic) to the daily digest, or change its settings."""
    chat = await _managed_chat(update, context)
    if chat is None:
        return
    services = context.services
    args = context.args if context.args is not None else _args_of(update)
    try:
        request = parse_subscribe_args(args, services.newsroom.lexicon.keys)
    except SubscribeArgsError as exc:
        await reply_text(update, context, f"{exc}.")
        return
    sub = await services.digests.subscribe(
        chat.id,
        thread_of(update),
        chat_type=chat.type,
        time=request.time,
        tz=request.tz,
        topics=request.topics,
        daily=request.always,
        pictures=request.pictures,
    )
    await reply_parts(update, context, _settings_reply(sub, subscribed_now=True))


async def unsubscribe(update: Update, context: BriefingContext) -> None:
    """Stop this chat's daily digest."""
    chat = await _managed_chat(update, context)
    if chat is None:
        return
    if await context.services.digests.unsubscribe(chat.id, thread_of(update)):
        await reply_text(
            update,
            context,
            "Unsubscribed: no more daily digests here. /subscribe brings them back.",
        )
    else:
        await reply_text(
            update, context, "This chat has no digest subscription. /subscribe starts one."
        )


async def show_settings(update: Update, context: BriefingContext) -> None:
    """This chat's digest settings (never another chat's)."""
    chat = update.effective_chat
    if chat is None:
        return
    services = context.services
    sub: Subscription | None = await services.store.subscriptions.get(chat.id, thread_of(update))
    await reply_parts(update, context, _settings_reply(sub, subscribed_now=False))


def _settings_reply(sub: Subscription | None, *, subscribed_now: bool) -> list[str]:
    if sub is None or not sub.active:
        return render_settings(subscribed=False)
    parts = render_settings(
        subscribed=True,
        digest_time=sub.time.strftime("%H:%M"),
        timezone=sub.tz,
        topics=sub.topics,
        always=sub.daily,
        pictures=sub.pictures,
        thread_id=sub.thread_id or None,
    )
    if subscribed_now:
        parts[0] = "Subscribed. " + parts[0]
    return parts


def _args_of(update: Update) -> list[str]:
    """Arguments of a command that did not come through a CommandHandler (channel posts)."""
    message = update.effective_message
    text = (message.text or message.caption or "") if message else ""
    return text.split()[1:]
