"""The command table: one row per command (name, help text, callback, audience) feeds the
Telegram menu, /help and the handler registration."""

from __future__ import annotations

import enum
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.briefing.lexicon import TopicLexicon
from bot.render.public import render_help
from bot.services import BriefingContext
from handlers import admin, briefing, feeds, stories, subscriptions
from handlers.access import is_bot_admin
from handlers.replies import reply_parts

Callback = Callable[[Update, BriefingContext], Coroutine[Any, Any, None]]


class Audience(enum.Enum):
    EVERYONE = "everyone"
    ADMINS = "admins"  # in the menu of admins' private chats, in /help for admins only
    TOPIC = "topic"  # everyone; a configured topic, listed apart from the commands


@dataclass(frozen=True)
class Command:
    name: str
    arguments: str  # as /help shows them: "[name]", "ID"
    summary: str  # what it does, in /help and the menu
    callback: Callback
    audience: Audience = Audience.EVERYONE

    @property
    def help_line(self) -> str:
        """`/help`'s text after "/name"."""
        return f"{self.arguments} {self.summary}".strip()

    @property
    def menu_text(self) -> str:
        """The menu's description: the summary, with the arguments when there are any."""
        text = self.summary[:1].upper() + self.summary[1:]
        return f"{text}: /{self.name} {self.arguments}" if self.arguments else text


async def help_command(update: Update, context: BriefingContext) -> None:
    """The commands, topics and (for admins) admin commands."""
    table = command_table(context.services.newsroom.lexicon)
    admins = is_bot_admin(update, context)
    await reply_parts(
        update,
        context,
        render_help(
            [(c.name, c.help_line) for c in table if c.audience is Audience.EVERYONE],
            [c.name for c in table if c.audience is Audience.TOPIC],
            [(c.name, c.help_line) for c in table if c.audience is Audience.ADMINS and admins],
        ),
    )


_EVERYONE_FIRST = (
    Command("brief", "", "the top stories, numbered", briefing.brief),
    Command(
        "story",
        "N|all",
        "open story N: later answers cover it alone; all for everything",
        stories.story,
    ),
    Command("who", "[name]", "who is who, or one actor's profile", briefing.who),
    Command("timeline", "[topic|name]", "events in date order", briefing.timeline),
)
# The configured topics come here in the menu, after the commands people use most.
_EVERYONE_THEN = (
    Command("topic", "NAME", "one topic: positions, events, quotes", briefing.topic),
    Command("where", "", "places in the news", briefing.where),
    Command("quotes", "[name]", "what was said", briefing.quotes),
    Command("articles", "", "the articles behind the briefing", briefing.articles),
    Command(
        "subscribe",
        "[HH:MM] [Area/City] [topic ...]",
        "a daily digest",
        subscriptions.subscribe,
    ),
    Command("unsubscribe", "", "stop the daily digest", subscriptions.unsubscribe),
    Command("settings", "", "this chat's digest settings", subscriptions.show_settings),
    Command("digest", "", "preview the digest now", briefing.digest_preview),
    Command("help", "", "what the bot can do", help_command),
    Command("start", "", "start here", briefing.start),
)
_FOR_ADMINS = (
    Command(
        "add",
        "[YYYY-MM-DD] [URL]",
        "add an article (text, reply, document or URL)",
        admin.add_article,
        Audience.ADMINS,
    ),
    Command("remove", "ID", "remove an article", admin.remove_article, Audience.ADMINS),
    Command("reprocess", "", "read every article again", admin.reprocess, Audience.ADMINS),
    Command("stats", "", "articles, subscribers, deliveries", admin.stats, Audience.ADMINS),
    Command(
        "feed",
        "add URL [topic ...] | list | remove ID | poll [ID]",
        "follow RSS, Atom and JSON feeds",
        feeds.feed_command,
        Audience.ADMINS,
    ),
)
_BUILT_IN = {c.name for c in _EVERYONE_FIRST + _EVERYONE_THEN + _FOR_ADMINS}


def command_table(lexicon: TopicLexicon) -> tuple[Command, ...]:
    """Every command in menu order; each configured topic is its own command unless its key
    clashes with a built-in one."""
    topics = tuple(
        Command(t.key, "", f"topic: {t.label}", briefing.topic_command, Audience.TOPIC)
        for t in lexicon.topics
        if t.key not in _BUILT_IN
    )
    return _EVERYONE_FIRST + topics + _EVERYONE_THEN + _FOR_ADMINS


def menu(table: Sequence[Command], *, admins: bool) -> list[tuple[str, str]]:
    """(command, description) for Telegram's menu: everyone's, or with the admin commands."""
    return [(c.name, c.menu_text) for c in table if admins or c.audience is not Audience.ADMINS]
