"""The briefing model. Every fact points at the sentence it came from (article id + sentence index);
each article stores its sentences once.

The facts (source references, dates, quotes, events, positions, figures) are slotted, frozen
pydantic dataclasses rather than models: a store of 1,000 long articles holds about 600,000 of
them, and a model instance carries a `__dict__` and a fields-set of its own (about 480 bytes for a
two-field reference, against 60 for a slotted one). They validate and serialise to the same JSON.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field
from pydantic.dataclasses import dataclass


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


_FACT_CONFIG = ConfigDict(extra="forbid")


class ActorKind(StrEnum):
    PERSON = "person"
    ORG = "org"
    COUNTRY = "country"
    GROUP = "group"


class Precision(StrEnum):
    DAY = "day"
    WEEK = "week"  # dated to the Monday of that week
    MONTH = "month"
    YEAR = "year"


class QuoteKind(StrEnum):
    DIRECT = "direct"
    REPORTED = "reported"


class TopicKind(StrEnum):
    LEXICON = "lexicon"  # configured in content/topics.toml, each also a command
    SUBJECT = "subject"  # one of an article's own main subjects, discovered from its text


class Stance(StrEnum):
    PROPOSES = "proposes"
    REJECTS = "rejects"
    SUPPORTS = "supports"
    DEMANDS = "demands"


@dataclass(frozen=True, slots=True, kw_only=True, config=_FACT_CONFIG)
class SourceRef:
    """Where a fact was read: the article and the index of the sentence in `Article.sentences`."""

    article_id: str
    sentence: int = Field(ge=0)


@dataclass(frozen=True, slots=True, kw_only=True, config=_FACT_CONFIG)
class DateValue:
    """A resolved date: `value` is the first day of the period (the Monday for a week)."""

    value: dt.date
    precision: Precision

    def iso(self) -> str:
        if self.precision is Precision.YEAR:
            return f"{self.value.year:04d}"
        if self.precision is Precision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    @property
    def end(self) -> dt.date:
        """The last day the period covers."""
        if self.precision is Precision.DAY:
            return self.value
        if self.precision is Precision.WEEK:
            return self.value + dt.timedelta(days=6)
        if self.precision is Precision.MONTH:
            next_month = (self.value.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return next_month - dt.timedelta(days=1)
        return dt.date(self.value.year, 12, 31)

    @property
    def timeline_key(self) -> tuple[dt.date, int]:
        """Where the date stands in a timeline: a period after every day it covers ("2016"
        after the dated events of 2016, "Jan 2016" after 31 Jan), the finer of equal ends first.

        A reader takes a coarse date for "some time in": placed by its first day, "2016" would
        stand before events it may well follow."""
        return self.end, list(Precision).index(self.precision)


class Article(_Model):
    id: str
    title: str
    standfirst: str | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date
    paragraphs: list[str]
    # Sentences of the text the engine parsed (standfirst, then body paragraphs), in order.
    sentences: list[str] = Field(default_factory=list)
    content_hash: str


class Actor(_Model):
    id: str  # stable slug of the canonical name, e.g. "john-kerry"
    name: str  # canonical display name, e.g. "John Kerry"
    kind: ActorKind
    aliases: list[str] = Field(default_factory=list)
    role: str | None = None  # as the article states it: "US Secretary of State"
    affiliation: str | None = None  # the actor id or name of what they belong to, if stated
    salience: float = 0.0  # higher is more central; comparable within one briefing
    mentions: int = 0
    sources: list[SourceRef] = Field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True, config=_FACT_CONFIG)
class Quote:
    speaker_id: str | None  # Actor.id; None when the speaker is unknown
    speaker: str | None  # the speaker's canonical name
    text: str
    kind: QuoteKind
    said_on: DateValue | None = None
    source: SourceRef


@dataclass(frozen=True, slots=True, kw_only=True, config=_FACT_CONFIG)
class Event:
    date: DateValue | None
    expression: str  # the date expression as written: "on Wednesday", "last month"
    summary: str
    actor_ids: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    planned: bool = False  # True for an event still ahead of the publication date
    source: SourceRef


@dataclass(frozen=True, slots=True, kw_only=True, config=_FACT_CONFIG)
class Position:
    actor_id: str | None
    actor: str
    stance: Stance
    text: str
    date: DateValue | None = None
    source: SourceRef


@dataclass(frozen=True, slots=True, kw_only=True, config=_FACT_CONFIG)
class Party:
    """An actor involved in a topic, and the first sentence that ties them to it."""

    actor_id: str
    actor: str
    source: SourceRef


class Topic(_Model):
    key: str  # [a-z0-9_]{1,32}: the lexicon's key, or one made from a discovered subject's words
    label: str
    sentences: list[SourceRef] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    # Briefings stored before subjects were discovered hold only lexicon topics: the defaults.
    kind: TopicKind = TopicKind.LEXICON
    parties: list[Party] = Field(default_factory=list)
    terms: list[str] = Field(default_factory=list)  # how the article names a discovered subject


class Place(_Model):
    name: str
    count: int
    kind: str | None = None  # "country", "city", "region", ... as the gazetteer knows it
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    sources: list[SourceRef] = Field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True, config=_FACT_CONFIG)
class Figure:
    text: str  # as written: "around 1,900 targets"
    value: float | None  # 1900.0
    counts: str | None  # what it counts: "targets"
    source: SourceRef


class ArticleBriefing(_Model):
    """What the engine read from one article."""

    article: Article
    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    engine_version: str


class Briefing(_Model):
    """The merge of every article: actors unified across articles, one timeline."""

    articles: list[Article] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
