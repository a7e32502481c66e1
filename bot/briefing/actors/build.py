"""Building the actors: each draft becomes an Actor with its aliases, sources, affiliation and
salience.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from bot.briefing.actors.reading import Draft, Reading, is_subject, speaks, trim
from bot.briefing.gazetteer import ascii_fold
from bot.briefing.models import Actor, ActorKind, SourceRef

# Salience weights: a subject or a speaker is more central than a passing mention, an actor
# named early more than one named in the last paragraph.
_SUBJECT_WEIGHT = 1.0
_SPEAKER_WEIGHT = 2.0
_EARLY_WEIGHT = 2.0


@dataclass
class ActorIndex:
    actors: list[Actor] = field(default_factory=list)
    token_actor: dict[int, str] = field(default_factory=dict)  # token index -> Actor.id
    genders: dict[str, str] = field(default_factory=dict)  # Actor.id -> "f" / "m" where known
    _by_id: dict[str, Actor] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {actor.id: actor for actor in self.actors}

    def actor_at(self, token_index: int) -> Actor | None:
        actor_id = self.token_actor.get(token_index)
        return None if actor_id is None else self.by_id(actor_id)

    def by_id(self, actor_id: str) -> Actor | None:
        if len(self._by_id) != len(self.actors):  # the list was replaced after construction
            self._by_id = {actor.id: actor for actor in self.actors}
        return self._by_id.get(actor_id)


def slug(name: str) -> str:
    """A stable id from a display name: "John Kerry" -> "john-kerry"."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(name).lower()).strip("-") or "actor"


def _affiliation(reading: Reading, role: Span) -> str | None:
    """The organisation or country a role names ("US Defence Secretary" -> United States)."""
    attached = [t for t in role if _describes(t, role.root)]
    for token in attached:
        key = reading.claimed.get(token.i)
        if key is not None and reading.drafts[key].kind in {ActorKind.ORG, ActorKind.GROUP}:
            return reading.drafts[key].name
    for token in attached:
        country = reading.country_of(token)
        if country is not None:
            return country.name
    for token in attached:
        # A body that is only background to the person (their employer, named once) is no
        # actor, but still what the role names ("an obstetrician at Tern University").
        ent = reading.entity_at.get(token.i)
        if ent is not None and ent.label_ == "ORG":
            start, end = trim(reading.doc, ent.start, ent.end)
            return reading.doc[start:end].text or None
    return None


def _resolve(reading: Reading, draft: Draft) -> str | None:
    if draft.role_span is not None:
        found = _affiliation(reading, reading.doc[draft.role_span[0] : draft.role_span[1]])
        if found is not None:
            return found
    return draft.affiliation


def build_actors(reading: Reading) -> tuple[list[Actor], dict[int, str], dict[str, str]]:
    """The actors the drafts make, ranked by salience; the token -> actor id map; and the map
    from draft key to actor id."""
    total = max(1, len(reading.parsed.sentences))
    built: list[Actor] = []
    ids: dict[str, str] = {}
    for draft in reading.drafts.values():
        named = [m for m in draft.mentions if m.counts]
        if not named:
            continue
        actor_id = slug(draft.name)
        if actor_id in ids.values():
            actor_id = f"{actor_id}-{draft.kind.value}"
        ids[draft.key] = actor_id
        refs: list[SourceRef] = []
        seen: set[int] = set()  # sentences already cited: one reference each
        for mention in sorted(named, key=lambda m: m.start):
            sentence = reading.parsed.sentence_index(mention.start)
            if sentence not in seen:
                seen.add(sentence)
                refs.append(reading.parsed.ref(mention.start))
        heads = [reading.doc[m.head] for m in draft.mentions]
        first = min(r.sentence for r in refs)
        salience = (
            len(named)
            + _SUBJECT_WEIGHT * sum(is_subject(h) for h in heads)
            + _SPEAKER_WEIGHT * sum(speaks(h) for h in heads)
            + _EARLY_WEIGHT * (1 - first / total)
        )
        aliases = list(dict.fromkeys([draft.name, *draft.aliases]))
        built.append(
            Actor(
                id=actor_id,
                name=draft.name,
                kind=draft.kind,
                aliases=aliases,
                role=draft.role,
                affiliation=_resolve(reading, draft),
                salience=round(salience, 3),
                mentions=len(named),
                sources=refs,
            )
        )
    built = _credit_countries(built)
    built.sort(key=lambda a: (-a.salience, a.name))
    token_actor = {i: ids[key] for i, key in reading.claimed.items() if key in ids}
    return built, token_actor, ids


def genders(reading: Reading, actor_ids: dict[str, str]) -> dict[str, str]:
    """The gender a title or a pronoun told for each person actor, by actor id."""
    return {
        actor_id: gender
        for key, actor_id in actor_ids.items()
        if (gender := reading.drafts[key].gender) is not None
    }


_AFFILIATE_SHARE = 0.5  # what a country's ministries and officials add to its salience


def _credit_countries(actors: list[Actor]) -> list[Actor]:
    """A country is as central as its own acts plus part of what its bodies do."""
    extra: dict[str, float] = {}
    for actor in actors:
        if actor.kind in {ActorKind.ORG, ActorKind.GROUP} and actor.affiliation:
            extra[actor.affiliation] = extra.get(actor.affiliation, 0.0) + actor.salience
    return [
        actor.model_copy(
            update={"salience": round(actor.salience + _AFFILIATE_SHARE * extra[actor.name], 3)}
        )
        if actor.kind is ActorKind.COUNTRY and actor.name in extra
        else actor
        for actor in actors
    ]


_AFFILIATING_DEPS = frozenset({"poss", "compound", "nmod", "amod", "npadvmod", "case", "pobj"})


def _describes(token: Token, root: Token) -> bool:
    """The token modifies the role's head noun directly or through "of" / "at" / "with"
    ("the ECDC's chief scientist", "a virologist at the Carlos III Health Institute"), rather
    than sitting in a clause inside it ("point-man for defeating IS")."""
    for _ in range(8):
        if token.i == root.i:
            return True
        if token.dep_ == "prep":
            if token.lower_ not in {"of", "at", "with", "for"}:
                return False
        elif token.dep_ not in _AFFILIATING_DEPS:
            return False
        token = token.head
    return False
