"""Briefing -> Telegram HTML (escaping, splitting, pagination). Pure: no I/O."""

from __future__ import annotations

from bot.briefing.models import ArticleBriefing


def render_article_report(briefing: ArticleBriefing) -> str:
    a = briefing.article
    return f"{a.title}\n{a.published.isoformat()}  id {a.id}\nactors: {len(briefing.actors)}"
