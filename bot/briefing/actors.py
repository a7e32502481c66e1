"""Actors: people, organisations, countries and groups with aliases, roles and salience. Stub."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.briefing.models import Actor
from bot.briefing.parsed import ParsedArticle
from bot.briefing.places import PlaceIndex


@dataclass
class ActorIndex:
    actors: list[Actor] = field(default_factory=list)
    token_actor: dict[int, str] = field(default_factory=dict)  # token index -> Actor.id

    def actor_at(self, token_index: int) -> Actor | None:
        actor_id = self.token_actor.get(token_index)
        return None if actor_id is None else self.by_id(actor_id)

    def by_id(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)


def find_actors(parsed: ParsedArticle, places: PlaceIndex) -> ActorIndex:
    return ActorIndex()
