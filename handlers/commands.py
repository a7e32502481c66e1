"""The command catalogue: one list feeds the Telegram menu, /help and the handler registration."""

from __future__ import annotations

from bot.briefing.lexicon import TopicLexicon

PUBLIC_COMMANDS: tuple[tuple[str, str], ...] = (
    ("brief", "The headline briefing"),
    ("who", "Who is involved, or one person's profile: /who NAME"),
    ("timeline", "Dated events: /timeline [topic|name]"),
    ("topic", "One topic: /topic NAME"),
    ("where", "Places in the news"),
    ("quotes", "What was said: /quotes [name]"),
    ("articles", "The articles behind the briefing"),
    ("subscribe", "Daily digest: /subscribe [HH:MM] [Area/City] [topic ...]"),
    ("unsubscribe", "Stop the daily digest"),
    ("settings", "This chat's digest settings"),
    ("digest", "Preview the digest now"),
    ("help", "What the bot can do"),
    ("start", "Start here"),
)

ADMIN_COMMANDS: tuple[tuple[str, str], ...] = (
    ("add", "Add an article: text, reply, document or URL"),
    ("remove", "Remove an article: /remove ID"),
    ("reprocess", "Run the engine again over every article"),
    ("stats", "Articles, subscribers and deliveries"),
)

RESERVED = {name for name, _ in PUBLIC_COMMANDS + ADMIN_COMMANDS}


def topic_commands(lexicon: TopicLexicon) -> list[tuple[str, str]]:
    """Each configured topic is its own command, unless its key clashes with a built-in one."""
    return [(t.key, f"Topic: {t.label}") for t in lexicon.topics if t.key not in RESERVED]


def public_commands(lexicon: TopicLexicon) -> list[tuple[str, str]]:
    """The public menu: built-in commands with the topics after /brief and /who."""
    built_in = list(PUBLIC_COMMANDS)
    return built_in[:3] + topic_commands(lexicon) + built_in[3:]


def admin_commands() -> list[tuple[str, str]]:
    return list(ADMIN_COMMANDS)
