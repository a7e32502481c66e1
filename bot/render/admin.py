"""Screens for admins: what an added article gave the briefing, and /stats."""

from __future__ import annotations

from typing import Protocol

from bot.briefing.models import ArticleBriefing, Briefing
from bot.render.entries import actor_label, article_line, topic_command
from bot.render.html import escape, messages

ADDED_KEY_ACTORS = 5


class StoreFigures(Protocol):
    """The store's counts that /stats shows (bot.store's StoreStats has them)."""

    @property
    def articles(self) -> int: ...
    @property
    def active_subscriptions(self) -> int: ...
    @property
    def private_subscriptions(self) -> int: ...
    @property
    def group_subscriptions(self) -> int: ...
    @property
    def deliveries_sent(self) -> int: ...
    @property
    def deliveries_failed(self) -> int: ...
    @property
    def deliveries_unconfirmed(self) -> int: ...


def render_add_summary(briefing: ArticleBriefing) -> list[str]:
    """What the engine read from an article an admin just added."""
    article = briefing.article
    planned = sum(1 for e in briefing.events if e.planned)
    lines = [
        f"Added <code>{escape(article.id)}</code>: {article_line(article)}",
        "",
        f"Sentences: {len(article.sentences)}",
        f"Actors: {len(briefing.actors)}",
        f"Quotes: {len(briefing.quotes)}",
        f"Events: {len(briefing.events)} ({planned} planned)",
        f"Places: {len(briefing.places)} · figures: {len(briefing.figures)}",
    ]
    top = sorted(briefing.actors, key=lambda a: (-a.salience, -a.mentions, a.name.casefold()))
    if top:
        lines.append("Key actors: " + ", ".join(actor_label(a) for a in top[:ADDED_KEY_ACTORS]))
    topics = [t for t in briefing.topics if t.sentences or t.positions]
    if topics:
        lines.append("Topics: " + " ".join(topic_command(t) for t in topics))
    lines += ["", "Ask: /brief /who /timeline"]
    return messages(["\n".join(lines)])


def render_stats(stats: StoreFigures, briefing: Briefing) -> list[str]:
    """Admin figures: articles, subscribers, deliveries, and the size of the briefing."""
    lines = [
        "<b>Stats</b>",
        f"Articles stored: {stats.articles}",
        f"Subscriptions: {stats.active_subscriptions} "
        f"({stats.private_subscriptions} private, {stats.group_subscriptions} groups/channels)",
        f"Digests delivered: {stats.deliveries_sent} · failed: {stats.deliveries_failed}"
        + (
            f" · unconfirmed: {stats.deliveries_unconfirmed} (their sender stopped mid-send)"
            if stats.deliveries_unconfirmed
            else ""
        ),
        # With more stored than LATEST_ARTICLES, the briefing holds the latest of them only.
        ("Briefing" if len(briefing.articles) >= stats.articles else "Briefing of the latest")
        + f": {len(briefing.articles)} articles, {len(briefing.actors)} actors, "
        f"{len(briefing.quotes)} quotes, {len(briefing.events)} events, "
        f"{len(briefing.places)} places",
    ]
    return messages(["\n".join(lines)])
