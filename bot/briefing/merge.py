"""Many ArticleBriefings -> one Briefing: actors unified across articles, one timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from bot.briefing.models import (
    Actor,
    ArticleBriefing,
    Briefing,
    Event,
    Party,
    Place,
    Position,
    Quote,
    Topic,
)


def _name_key(text: str) -> str:
    return " ".join(text.casefold().split())


class _UnionFind:
    """Groups of actor slots; every find compresses its path so big merges stay linear."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        # The lower slot (earlier article) stays the root, which keeps the merge deterministic.
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _recency(items: list[ArticleBriefing]) -> list[int]:
    """Article positions ordered from the most recently published (ties: later in the list)."""
    return sorted(range(len(items)), key=lambda i: (items[i].article.published, i), reverse=True)


def _first_present(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)


def _unify_actors(items: list[ArticleBriefing]) -> tuple[list[Actor], dict[str, str]]:
    """Merged actors and the map from every original actor id to its merged id."""
    slots: list[tuple[int, Actor]] = [
        (position, actor) for position, item in enumerate(items) for actor in item.actors
    ]
    groups = _UnionFind(len(slots))
    by_id: dict[str, int] = {}
    # Names only unify actors of one kind: a person and a country may share a name.
    by_name: dict[tuple[str, str], int] = {}
    for slot, (_, actor) in enumerate(slots):
        if actor.id in by_id:
            groups.union(by_id[actor.id], slot)
        else:
            by_id[actor.id] = slot
        for name in (actor.name, *actor.aliases):
            key = (actor.kind.value, _name_key(name))
            if not key[1]:
                continue
            if key in by_name:
                groups.union(by_name[key], slot)
            else:
                by_name[key] = slot

    members: dict[int, list[int]] = {}
    for slot in range(len(slots)):
        members.setdefault(groups.find(slot), []).append(slot)

    rank = {position: order for order, position in enumerate(_recency(items))}
    merged: list[Actor] = []
    id_map: dict[str, str] = {}
    for root in sorted(members):
        group = [slots[s] for s in members[root]]
        actors = [actor for _, actor in group]
        # Longest name wins; ties go to the earliest seen.
        canonical = max(enumerate(actors), key=lambda pair: (len(pair[1].name), -pair[0]))[1]
        newest_first = [a for _, a in sorted(group, key=lambda pair: rank[pair[0]])]
        aliases: list[str] = []
        seen = {_name_key(canonical.name)}
        for actor in actors:
            for name in (actor.name, *actor.aliases):
                if _name_key(name) not in seen:
                    seen.add(_name_key(name))
                    aliases.append(name)
        for actor in actors:
            id_map[actor.id] = canonical.id
        merged.append(
            Actor(
                id=canonical.id,
                name=canonical.name,
                kind=canonical.kind,
                aliases=aliases,
                role=_first_present(a.role for a in newest_first),
                affiliation=_first_present(a.affiliation for a in newest_first),
                salience=sum(a.salience for a in actors),
                mentions=sum(a.mentions for a in actors),
                sources=[ref for a in actors for ref in a.sources],
            )
        )
    merged = [
        actor.model_copy(update={"affiliation": id_map.get(actor.affiliation, actor.affiliation)})
        if actor.affiliation
        else actor
        for actor in merged
    ]
    merged.sort(key=lambda a: (-a.salience, -a.mentions, a.name.casefold(), a.id))
    return merged, id_map


def _remap_quote(quote: Quote, id_map: dict[str, str], names: dict[str, str]) -> Quote:
    if quote.speaker_id is None:
        return quote
    speaker_id = id_map.get(quote.speaker_id, quote.speaker_id)
    speaker = names.get(speaker_id, quote.speaker)
    if (speaker_id, speaker) == (quote.speaker_id, quote.speaker):
        return quote  # facts are frozen: an unchanged one is shared, not copied
    return replace(quote, speaker_id=speaker_id, speaker=speaker)


def _remap_event(event: Event, id_map: dict[str, str]) -> Event:
    actor_ids = list(dict.fromkeys(id_map.get(a, a) for a in event.actor_ids))
    if actor_ids == event.actor_ids:
        return event
    return replace(event, actor_ids=actor_ids)


def _remap_position(position: Position, id_map: dict[str, str], names: dict[str, str]) -> Position:
    if position.actor_id is None:
        return position
    actor_id = id_map.get(position.actor_id, position.actor_id)
    actor = names.get(actor_id, position.actor)
    if (actor_id, actor) == (position.actor_id, position.actor):
        return position
    return replace(position, actor_id=actor_id, actor=actor)


def _timeline_key(event: Event) -> tuple[int, tuple[dt.date, int]]:
    # Undated events go last; Python's stable sort keeps article order among equals.
    if event.date is None:
        return (1, (dt.date.min, 0))
    return (0, event.date.timeline_key)


def _merge_topics(
    items: list[ArticleBriefing], id_map: dict[str, str], names: dict[str, str]
) -> list[Topic]:
    topics: dict[str, Topic] = {}
    for item in items:
        for topic in item.topics:
            positions = [_remap_position(p, id_map, names) for p in topic.positions]
            parties = [_remap_party(p, id_map, names) for p in topic.parties]
            known = topics.get(topic.key)
            if known is None:
                topics[topic.key] = topic.model_copy(
                    update={"positions": positions, "parties": _unique_parties(parties)}
                )
            else:
                topics[topic.key] = known.model_copy(
                    update={
                        "sentences": [*known.sentences, *topic.sentences],
                        "positions": [*known.positions, *positions],
                        "parties": _unique_parties([*known.parties, *parties]),
                        "terms": list(dict.fromkeys([*known.terms, *topic.terms])),
                    }
                )
    return list(topics.values())


def _remap_party(party: Party, id_map: dict[str, str], names: dict[str, str]) -> Party:
    actor_id = id_map.get(party.actor_id, party.actor_id)
    actor = names.get(actor_id, party.actor)
    if (actor_id, actor) == (party.actor_id, party.actor):
        return party
    return replace(party, actor_id=actor_id, actor=actor)


def _unique_parties(parties: list[Party]) -> list[Party]:
    """One party per actor: the first sentence that ties them to the topic."""
    unique: dict[str, Party] = {}
    for party in parties:
        unique.setdefault(party.actor_id, party)
    return list(unique.values())


def _merge_places(items: list[ArticleBriefing]) -> list[Place]:
    places: dict[str, Place] = {}
    for item in items:
        for place in item.places:
            key = _name_key(place.name)
            known = places.get(key)
            if known is None:
                places[key] = place
                continue
            places[key] = known.model_copy(
                update={
                    "count": known.count + place.count,
                    "kind": known.kind or place.kind,
                    "country_code": known.country_code or place.country_code,
                    "latitude": known.latitude if known.latitude is not None else place.latitude,
                    "longitude": (
                        known.longitude if known.longitude is not None else place.longitude
                    ),
                    "sources": [*known.sources, *place.sources],
                }
            )
    return sorted(places.values(), key=lambda p: (-p.count, p.name.casefold()))


def merge_briefings(items: list[ArticleBriefing]) -> Briefing:
    """One Briefing from many articles' briefings (in the order given); deterministic."""
    unique: list[ArticleBriefing] = []
    seen_ids: set[str] = set()
    for item in items:
        # The same article stored twice must not double its actors' mentions.
        if item.article.id not in seen_ids:
            seen_ids.add(item.article.id)
            unique.append(item)
    actors, id_map = _unify_actors(unique)
    names = {actor.id: actor.name for actor in actors}
    events = [_remap_event(e, id_map) for item in unique for e in item.events]
    events.sort(key=_timeline_key)
    return Briefing(
        articles=[item.article for item in unique],
        actors=actors,
        quotes=[_remap_quote(q, id_map, names) for item in unique for q in item.quotes],
        events=events,
        topics=_merge_topics(unique, id_map, names),
        places=_merge_places(unique),
        figures=[f for item in unique for f in item.figures],
    )
