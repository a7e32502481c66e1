"""Fast lookups in a Briefing: forgiving actor names, per-actor and per-topic facts, free text.

`BriefingIndex` is built once per briefing version; every query after that is a few dict lookups,
so answers stay fast however many articles are loaded.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from bot.briefing.models import (
    Actor,
    ActorKind,
    Article,
    Briefing,
    Event,
    Place,
    Quote,
    SourceRef,
    Topic,
)

# Similarity a typo must reach to count as the name (difflib ratio), and to be suggested.
MATCH_RATIO = 0.8
SUGGEST_RATIO = 0.6
MAX_SUGGESTIONS = 5
# Fuzzy candidates scored with difflib after the bigram prefilter.
_FUZZY_CANDIDATES = 60

# Function words that never identify anyone on their own ("tell us about the talks").
_STOPWORD_TEXT = """a an and are as at be by did do does for from had has have he her his how i in
is it its me my no not of on or our she so that the their them they this to us was we were what
when where which who whom why will with you your about any tell said says say new news"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_POSSESSIVE = re.compile(r"['’](?:s\b)?")
_NON_WORD = re.compile(r"[\W_]+")
_MAX_NGRAM = 5
_MIN_PREFIX = 3
_ARTICLE = re.compile(r"^(?:the|a|an) (?=.)")


def fold(text: str) -> str:
    """Lowercase, accent-free, punctuation-free form of a name or query ("Kerry's" -> "kerry")."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        ch for ch in decomposed if unicodedata.category(ch) not in ("Mn", "Cf", "Cc", "Me")
    )
    without_possessive = _POSSESSIVE.sub(" ", kept.casefold())
    return " ".join(_NON_WORD.sub(" ", without_possessive).split())


def _bigrams(key: str) -> set[str]:
    padded = f" {key} "
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


@dataclass(frozen=True)
class ActorMatch:
    """The actor a query names, or the candidates to offer when it names none or several."""

    query: str
    actor: Actor | None
    suggestions: tuple[Actor, ...] = ()
    exact: bool = False  # True when the query names the actor outright, not by a guess

    @property
    def found(self) -> bool:
        return self.actor is not None


@dataclass(frozen=True)
class SearchResult:
    """What a free-text question mentions that the briefing knows about."""

    actors: tuple[Actor, ...] = ()
    topics: tuple[Topic, ...] = ()
    places: tuple[Place, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.actors or self.topics or self.places)


@dataclass
class _NameIndex:
    """Folded name keys -> actor ids, in tiers from most to least specific."""

    full: dict[str, set[str]] = field(default_factory=dict)  # whole name or alias
    surname: dict[str, set[str]] = field(default_factory=dict)  # last word of a person's name
    token: dict[str, set[str]] = field(default_factory=dict)  # any word of a name, alias or role
    bigram: dict[str, list[str]] = field(default_factory=dict)  # for typo candidates
    sorted_tokens: list[str] = field(default_factory=list)  # for prefix lookups

    def add(self, actor: Actor) -> None:
        # The id works as a name ("john-kerry"), but its words are no alias of their own.
        if id_key := fold(actor.id):
            self.full.setdefault(id_key, set()).add(actor.id)
        for name in (actor.name, *actor.aliases):
            key = fold(name)
            if not key:
                continue
            self.full.setdefault(key, set()).add(actor.id)
            words = key.split()
            if actor.kind is ActorKind.PERSON or len(words) == 1:
                self.surname.setdefault(words[-1], set()).add(actor.id)
            for word in words:
                self.token.setdefault(word, set()).add(actor.id)
        for word in fold(actor.role or "").split():
            self.token.setdefault(word, set()).add(actor.id)

    def finish(self) -> None:
        self.sorted_tokens = sorted(self.token)
        keys = set(self.full) | {k for k in self.token if len(k) >= 3}
        for key in sorted(keys):
            for gram in _bigrams(key):
                self.bigram.setdefault(gram, []).append(key)

    def close_keys(self, query: str, cutoff: float) -> list[tuple[float, str]]:
        """Name keys similar to the query, best first, as (difflib ratio, key)."""
        shared: Counter[str] = Counter()
        for gram in _bigrams(query):
            shared.update(self.bigram.get(gram, ()))
        matcher = difflib.SequenceMatcher(b=query, autojunk=False)
        scored: list[tuple[float, str]] = []
        for key, _ in shared.most_common(_FUZZY_CANDIDATES):
            matcher.set_seq1(key)
            if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
                ratio = matcher.ratio()
                if ratio >= cutoff:
                    scored.append((ratio, key))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return scored

    def ids_for(self, key: str) -> set[str]:
        return self.full.get(key) or self.surname.get(key) or self.token.get(key) or set()

    def with_prefix(self, prefix: str) -> set[str]:
        """Actors with a name word starting with `prefix` ("lav" for a surname "Lavrov")."""
        ids: set[str] = set()
        words = self.sorted_tokens
        for position in range(bisect_left(words, prefix), len(words)):
            if not words[position].startswith(prefix):
                break
            ids |= self.token[words[position]]
        return ids


def _mentions_as_actor_or_place(briefing: Briefing) -> tuple[dict[str, int], list[Place]]:
    """One count of mentions for actors and places: each time the articles name the thing.

    The engine reads a country named as a place ("fighting in Syria") apart from one that acts
    ("Syria said"), so alone the two would show two numbers for one name. Returns the count per
    actor id and the places with their counts, most mentioned first.
    """
    countries = {fold(a.name): a for a in briefing.actors if a.kind is ActorKind.COUNTRY}
    mentions: dict[str, int] = {}
    places: list[Place] = []
    for place in briefing.places:
        actor = countries.get(fold(place.name)) if place.kind == "country" else None
        if actor is None:
            places.append(place)
            continue
        mentions[actor.id] = actor.mentions + place.count
        places.append(place.model_copy(update={"count": mentions[actor.id]}))
    places.sort(key=lambda p: (-p.count, p.name.casefold()))
    return mentions, places


class BriefingIndex:
    """Precomputed lookups over one Briefing (immutable once built)."""

    def __init__(
        self, briefing: Briefing, topic_terms: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        self.briefing = briefing
        self._articles = {a.id: a for a in briefing.articles}
        order = {a.id: i for i, a in enumerate(briefing.articles)}
        self._latest = sorted(
            briefing.articles, key=lambda a: (a.published, order[a.id]), reverse=True
        )
        self._latest_rank = {a.id: i for i, a in enumerate(self._latest)}
        self._actors = {a.id: a for a in briefing.actors}
        self._ranked = sorted(
            briefing.actors, key=lambda a: (-a.salience, -a.mentions, a.name.casefold(), a.id)
        )
        self._rank = {a.id: i for i, a in enumerate(self._ranked)}
        self._names = _NameIndex()
        for actor in self._ranked:
            self._names.add(actor)
        self._names.finish()
        self._index_actor_facts(briefing)
        self._index_topics(briefing, topic_terms or {})
        # Planned, dated events ordered by the last day they cover, for a bisect on "today".
        planned = [e for e in briefing.events if e.planned and e.date is not None]
        planned.sort(key=lambda e: e.date.end if e.date else dt.date.min)
        self._planned = planned
        self._planned_ends = [e.date.end.toordinal() if e.date else 0 for e in planned]
        self._mentions, self._ranked_places = _mentions_as_actor_or_place(briefing)
        self._places = {fold(p.name): p for p in self._ranked_places if fold(p.name)}

    def _index_actor_facts(self, briefing: Briefing) -> None:
        self._quotes_by: dict[str, list[Quote]] = {}
        for quote in briefing.quotes:
            if quote.speaker_id is not None:
                self._quotes_by.setdefault(quote.speaker_id, []).append(quote)

        self._events_for_actor: dict[str, list[Event]] = {}
        self._events_by_article: dict[str, list[int]] = {}
        for position, event in enumerate(briefing.events):
            for actor_id in dict.fromkeys(event.actor_ids):
                self._events_for_actor.setdefault(actor_id, []).append(event)
            self._events_by_article.setdefault(event.source.article_id, []).append(position)

        self._actors_by_article: dict[str, set[str]] = {}
        for actor in briefing.actors:
            for ref in actor.sources:
                self._actors_by_article.setdefault(ref.article_id, set()).add(actor.id)

    def _index_topics(self, briefing: Briefing, terms: Mapping[str, Sequence[str]]) -> None:
        self._topics = {t.key: t for t in briefing.topics}
        topics_at: dict[tuple[str, int], list[str]] = {}
        for topic in briefing.topics:
            for ref in topic.sentences:
                keys = topics_at.setdefault((ref.article_id, ref.sentence), [])
                if topic.key not in keys:
                    keys.append(topic.key)
        self._topic_keys_at = topics_at
        self._events_for_topic: dict[str, list[Event]] = {}
        for event in briefing.events:
            for key in topics_at.get((event.source.article_id, event.source.sentence), ()):
                self._events_for_topic.setdefault(key, []).append(event)
        self._quotes_for_topic: dict[str, list[Quote]] = {}
        for quote in briefing.quotes:
            for key in topics_at.get((quote.source.article_id, quote.source.sentence), ()):
                self._quotes_for_topic.setdefault(key, []).append(quote)
        # Folded key, label and terms (the lexicon's, or the words an article names a discovered
        # subject by) -> topic keys, for free-text questions.
        self._topic_phrases: dict[str, list[str]] = {}
        for topic in briefing.topics:
            phrases = [topic.key, topic.label, *terms.get(topic.key, ()), *topic.terms]
            for phrase in phrases:
                key = fold(phrase)
                if key and topic.key not in self._topic_phrases.get(key, []):
                    self._topic_phrases.setdefault(key, []).append(topic.key)

    # Articles and sentences

    def article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def latest_articles(self, limit: int | None = None) -> list[Article]:
        """Newest first (publication date, then the order they were added)."""
        return self._latest[:limit] if limit is not None else list(self._latest)

    def recency(self, article_id: str) -> int:
        """0 for the newest article, 1 for the one before, ...; unknown articles last."""
        return self._latest_rank.get(article_id, len(self._latest_rank))

    def sentence(self, ref: SourceRef) -> str:
        """The sentence a fact was read from, or "" when the reference points nowhere."""
        article = self._articles.get(ref.article_id)
        if article is None or not 0 <= ref.sentence < len(article.sentences):
            return ""
        return article.sentences[ref.sentence]

    # Actors

    def actor(self, actor_id: str) -> Actor | None:
        return self._actors.get(actor_id)

    def ranked_actors(self) -> list[Actor]:
        """Most central first."""
        return list(self._ranked)

    def mentions(self, actor: Actor) -> int:
        """How often the articles name the actor, as an actor or (a country) as a place."""
        return self._mentions.get(actor.id, actor.mentions)

    def actors_in(self, article_ids: Iterable[str]) -> list[Actor]:
        """Actors mentioned in any of these articles, most central first."""
        ids: set[str] = set()
        for article_id in article_ids:
            ids |= self._actors_by_article.get(article_id, set())
        return sorted((self._actors[i] for i in ids if i in self._actors), key=self._rank_of)

    def _rank_of(self, actor: Actor) -> int:
        return self._rank.get(actor.id, len(self._rank))

    def _ranked_ids(self, ids: Iterable[str]) -> list[Actor]:
        return sorted((self._actors[i] for i in set(ids) if i in self._actors), key=self._rank_of)

    def _resolve(self, query: str, ids: set[str], *, exact: bool = True) -> ActorMatch:
        actors = self._ranked_ids(ids)
        if len(actors) == 1:
            return ActorMatch(query, actors[0], exact=exact)
        return ActorMatch(query, None, tuple(actors[:MAX_SUGGESTIONS]))

    def find_actor(self, query: str) -> ActorMatch:
        """The actor a user means: full name, alias, surname, possessive, or a small typo."""
        key = fold(query)
        if not key:
            return ActorMatch(query, None)
        names = self._names
        for candidate in (key, _ARTICLE.sub("", key)):
            if candidate in names.full:
                return self._resolve(query, names.full[candidate])
            if candidate in names.surname:
                return self._resolve(query, names.surname[candidate])
        words = key.split()
        meaningful = [w for w in words if w not in _STOPWORDS or w in names.full]
        known = [w for w in meaningful if w in names.token]
        if known:
            # Every known word must name the actor: "secretary smith" needs both.
            ids = set.intersection(*(names.token[w] for w in known))
            if ids:
                return self._resolve(query, ids, exact=len(known) == len(meaningful))
        if len(words) == 1 and len(key) >= _MIN_PREFIX and key not in _STOPWORDS:
            ids = names.with_prefix(key)
            if ids:
                return self._resolve(query, ids, exact=False)
        close = names.close_keys(key, SUGGEST_RATIO)
        if close and close[0][0] >= MATCH_RATIO:
            best = close[0][0]
            top_ids = set().union(*(names.ids_for(k) for r, k in close if r == best))
            if len(top_ids) == 1:
                return self._resolve(query, top_ids, exact=False)
        suggested: list[Actor] = []
        for _, close_key in close:
            for actor in self._ranked_ids(names.ids_for(close_key)):
                if actor not in suggested:
                    suggested.append(actor)
        return ActorMatch(query, None, tuple(suggested[:MAX_SUGGESTIONS]))

    def quotes_by(self, actor_id: str) -> list[Quote]:
        return list(self._quotes_by.get(actor_id, ()))

    def events_for_actor(self, actor_id: str) -> list[Event]:
        """In timeline order."""
        return list(self._events_for_actor.get(actor_id, ()))

    # Topics

    def topic(self, key: str) -> Topic | None:
        return self._topics.get(key)

    def topics(self) -> list[Topic]:
        """In the order the articles first raised them."""
        return list(self.briefing.topics)

    def topic_keys_of(self, ref: SourceRef) -> list[str]:
        """The topics whose statements include this sentence."""
        return list(self._topic_keys_at.get((ref.article_id, ref.sentence), ()))

    def events_for_topic(self, key: str) -> list[Event]:
        """Events read from the topic's sentences, in timeline order."""
        return list(self._events_for_topic.get(key, ()))

    def quotes_for_topic(self, key: str) -> list[Quote]:
        return list(self._quotes_for_topic.get(key, ()))

    # Timeline

    def events(self) -> list[Event]:
        """The whole timeline: dated events in date order, undated last."""
        return list(self.briefing.events)

    def events_since(self, article_ids: Iterable[str]) -> list[Event]:
        """Events read from these (new) articles, in timeline order."""
        positions: list[int] = []
        for article_id in set(article_ids):
            positions.extend(self._events_by_article.get(article_id, ()))
        return [self.briefing.events[p] for p in sorted(positions)]

    def upcoming_events(self, today: dt.date) -> list[Event]:
        """Planned events whose date (or period) has not passed by `today`, soonest end first
        ("1 March" before "this year")."""
        start = bisect_left(self._planned_ends, today.toordinal())
        return sorted(
            self._planned[start:],
            key=lambda e: (e.date.end, e.date.value) if e.date else (dt.date.max, dt.date.max),
        )

    def planned_events(self) -> list[Event]:
        """Every event the articles report as still ahead of their publication, soonest first."""
        return self.upcoming_events(dt.date.min)

    # Places

    def places(self) -> list[Place]:
        """Every place, most mentioned first; a country's count includes its naming as an actor."""
        return list(self._ranked_places)

    # Free text

    def search(self, text: str) -> SearchResult:
        """Actors, topics and places a free-text question mentions."""
        originals = _NON_WORD.sub(" ", _POSSESSIVE.sub(" ", text)).split()
        words = fold(text).split()
        if len(words) != len(originals):
            originals = words
        actor_ids: set[str] = set()
        topic_keys: list[str] = []
        places: list[Place] = []
        for size in range(min(_MAX_NGRAM, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                if size == 1 and phrase in _STOPWORDS:
                    # "US" in capitals is a country, "us" is not.
                    original = originals[start]
                    if not (len(original) > 1 and original.isupper()):
                        continue
                actor_ids |= self._names.full.get(phrase, set())
                if size == 1 and len(phrase) >= 3:
                    actor_ids |= self._names.surname.get(phrase, set())
                for key in self._topic_phrases.get(phrase, ()):
                    if key not in topic_keys:
                        topic_keys.append(key)
                place = self._places.get(phrase)
                if place is not None and place not in places:
                    places.append(place)
        order = {t.key: i for i, t in enumerate(self.briefing.topics)}
        return SearchResult(
            actors=tuple(self._ranked_ids(actor_ids)),
            topics=tuple(self._topics[k] for k in sorted(topic_keys, key=order.__getitem__)),
            places=tuple(sorted(places, key=lambda p: (-p.count, p.name.casefold()))),
        )
