"""Date expressions resolved against the publication date, and the events they date. Stub."""

from __future__ import annotations

from dataclasses import dataclass

from bot.briefing.actors import ActorIndex
from bot.briefing.models import DateValue, Event
from bot.briefing.parsed import ParsedArticle
from bot.briefing.places import PlaceIndex


@dataclass(frozen=True)
class DateMention:
    start: int  # token span [start, end) in the Doc
    end: int
    expression: str
    value: DateValue | None
    planned: bool
    sentence: int


def find_dates(parsed: ParsedArticle) -> list[DateMention]:
    return []


def find_events(
    parsed: ParsedArticle, dates: list[DateMention], actors: ActorIndex, places: PlaceIndex
) -> list[Event]:
    return []
