"""Figures ("around 1,900 targets", "17 nations") and what they count. Stub."""

from __future__ import annotations

from bot.briefing.models import Figure
from bot.briefing.parsed import ParsedArticle
from bot.briefing.places import PlaceIndex


def find_figures(parsed: ParsedArticle, places: PlaceIndex) -> list[Figure]:
    return []
