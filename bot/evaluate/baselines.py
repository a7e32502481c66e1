"""The floors the engine must beat, run on the same spaCy parse: raw entities as actors, every
quoted or "said" sentence by its first PERSON as quotes, dateparser's `search_dates` as timeline."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

SPACY_ENTITIES = "spacy_entities"
DATEPARSER = "dateparser"
NAIVE_QUOTES = "naive_quotes"
# Each field is compared with the baseline that produces that field.
BASELINE_OF_FIELD = {"actors": SPACY_ENTITIES, "quotes": NAIVE_QUOTES, "events": DATEPARSER}
BASELINE_LABELS = {
    SPACY_ENTITIES: "raw spaCy entities (PERSON, ORG, GPE, NORP)",
    NAIVE_QUOTES: "every quoted or speech-verb sentence, speaker = its first PERSON",
    DATEPARSER: "dateparser search_dates per sentence, English, RELATIVE_BASE = published",
}

_ENTITY_KINDS = {"PERSON": "person", "ORG": "org", "GPE": "country", "NORP": "group"}
_SPEECH_LEMMAS = frozenset(
    {"say", "tell", "add", "warn", "urge", "state", "announce", "insist", "claim", "emphasise"}
)
_QUOTE_MARKS = frozenset('"“”«»')
_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_HAS_MONTH = re.compile(rf"\b(?:{_MONTH_NAMES})\b", re.IGNORECASE)
_HAS_DAY_NUMBER = re.compile(r"\b(?:[12]?\d|3[01])(?:st|nd|rd|th)?\b")
_HAS_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def spacy_entity_actors(entities: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    """(text, label) entities -> actors, one per distinct text, as raw NER would list them."""
    actors: dict[str, dict[str, Any]] = {}
    for text, label in entities:
        kind = _ENTITY_KINDS.get(label)
        if kind and text.strip() and text not in actors:
            actors[text] = {"name": text, "kind": kind, "aliases": [], "role": None}
    return list(actors.values())


def dateparser_precision(expression: str) -> str:
    """The precision a reader can tell from the matched words alone; otherwise a day."""
    lowered = expression.casefold()
    has_month = bool(_HAS_MONTH.search(expression)) or "month" in lowered
    without_year = _HAS_YEAR.sub("", expression)
    if has_month and not _HAS_DAY_NUMBER.search(without_year):
        return "month"
    if not has_month and (_HAS_YEAR.search(expression) or "year" in lowered):
        return "year"
    return "day"


def dateparser_events(sentences: Iterable[str], published: dt.date) -> list[dict[str, Any]]:
    """The timeline `dateparser.search.search_dates` reads, one event per match."""
    from dateparser.search import search_dates  # imported here: slow, and only evaluate needs it

    base = dt.datetime.combine(published, dt.time(12), tzinfo=dt.UTC)
    settings: Any = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period"}
    events: list[dict[str, Any]] = []
    for sentence in sentences:
        # English only, as the engine: per-sentence language guessing is slower and reads worse.
        for expression, moment in search_dates(sentence, languages=["en"], settings=settings) or []:
            precision = dateparser_precision(expression)
            iso = {"year": f"{moment.year:04d}", "month": f"{moment.year:04d}-{moment.month:02d}"}
            events.append(
                {
                    "expression": expression,
                    "date": iso.get(precision, moment.date().isoformat()),
                    "precision": precision,
                    "source_text": sentence,
                }
            )
    return events


@dataclass(frozen=True)
class SentenceView:
    """What the quote baseline knows about a sentence: its text, lemmas and PERSON entities."""

    text: str
    verb_lemmas: frozenset[str]
    people: tuple[str, ...]


def naive_quotes(sentences: Iterable[SentenceView]) -> list[dict[str, Any]]:
    """Every sentence with a quotation mark or a speech verb is a quote by its first PERSON."""
    quotes = []
    for sentence in sentences:
        quoted = any(ch in _QUOTE_MARKS for ch in sentence.text)
        if quoted or sentence.verb_lemmas & _SPEECH_LEMMAS:
            quotes.append(
                {
                    "text": sentence.text,
                    "speaker": sentence.people[0] if sentence.people else None,
                    "kind": "direct" if quoted else "reported",
                }
            )
    return quotes
