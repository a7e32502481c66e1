"""Places: gazetteer-confirmed locations (the NER model's mislabels included). Stub, being built."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.briefing.models import Place
from bot.briefing.parsed import ParsedArticle


@dataclass
class PlaceIndex:
    places: list[Place] = field(default_factory=list)
    token_place: dict[int, str] = field(default_factory=dict)  # token index -> place name

    def place_at(self, token_index: int) -> str | None:
        return self.token_place.get(token_index)


def find_places(parsed: ParsedArticle) -> PlaceIndex:
    return PlaceIndex()
