"""Direct and reported speech attributed to actors. Stub."""

from __future__ import annotations

from bot.briefing.actors import ActorIndex
from bot.briefing.models import Quote
from bot.briefing.parsed import ParsedArticle
from bot.briefing.timeline import DateMention


def find_quotes(parsed: ParsedArticle, actors: ActorIndex, dates: list[DateMention]) -> list[Quote]:
    return []
