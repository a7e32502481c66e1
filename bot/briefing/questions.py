"""Questions in words, answered from the briefing: when something is, what happened on a day,
and what someone said.

Pure: a question is read by its shape ("when are ...", "what happened on ...", "what did ... say"),
and the answer is the events or quotes the briefing holds, each with its source.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.briefing.dates import Tense, resolve_date_expression
from bot.briefing.models import DateValue, Event, Precision
from bot.briefing.query import ActorMatch, BriefingIndex, fold

MAX_ANSWER_EVENTS = 8

_WHEN = re.compile(
    r"^\s*when\s+(?P<aux>is|are|was|were|did|does|do|will|has|have|had)\s+(?P<subject>.+?)"
    r"[\s?!.]*$",
    re.IGNORECASE,
)
_HAPPENED = re.compile(
    r"^\s*what\s+(?:happened|happens|took\s+place|is\s+happening)\s+(?P<when>.+?)[\s?!.]*$",
    re.IGNORECASE,
)
_SAID = re.compile(
    r"^\s*what\s+(?:did|does|do|has|have|had|is|was)\s+(?P<name>.+?)\s+"
    r"(?:say|said|saying|tell|told|think)(?:\s+about\s+.+?)?[\s?!.]*$",
    re.IGNORECASE,
)
_PAST_AUXILIARIES = frozenset({"was", "were", "did", "has", "have", "had"})
# Words a "when" question wraps its subject in: "when did the strike start?" asks about "strike".
_QUESTION_WORD_TEXT = """the a an this that these those be being been start started begin began
begun end ended finish finished happen happened take took taken place held hold go going set due
next first last open opened close closed resume resumed"""
_QUESTION_WORDS = frozenset(_QUESTION_WORD_TEXT.split())
# Words news uses for the same thing, so "when are the talks?" finds "the meeting in Munich".
_TALKS = frozenset({"talk", "meet", "met", "negotiation", "summit", "conference"})
_SAME_THING: dict[str, frozenset[str]] = {
    "talk": _TALKS,
    "meet": _TALKS,
    "negotiation": _TALKS,
    "strike": frozenset({"strike", "walkout", "stoppage", "walked"}),
    "vote": frozenset({"vote", "election", "ballot", "poll", "round"}),
    "election": frozenset({"vote", "election", "ballot", "poll", "round"}),
    "ceasefire": frozenset({"ceasefire", "truce"}),
}
_WORD = re.compile(r"[^\W\d_][\w'-]*")


def _stem(word: str) -> str:
    """Plural and -ing forms meet their base word ("talks" -> "talk", "meetings" -> "meet")."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    return word


def _stems(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(fold(text))}


@dataclass(frozen=True)
class WhenQuestion:
    """ "When are the talks?": the subject's words and whether it asks about the past."""

    subject: str
    words: tuple[str, ...]
    past: bool


@dataclass(frozen=True)
class HappenedQuestion:
    """ "What happened on Thursday?": the day (or period) asked about, resolved."""

    expression: str
    date: DateValue | None


@dataclass(frozen=True)
class SaidQuestion:
    """ "What did Lavrov say?": the name as asked."""

    name: str


Question = WhenQuestion | HappenedQuestion | SaidQuestion


def read_question(text: str, reference: dt.date) -> Question | None:
    """The kind of question this is, or None for anything else (a name, a topic, a remark).

    `reference` is the day relative dates count from: the newest article's publication date."""
    if match := _SAID.match(text):
        return SaidQuestion(match["name"].strip())
    if match := _WHEN.match(text):
        subject = match["subject"].strip()
        words = tuple(sorted(w for w in _stems(subject) if w not in _QUESTION_WORDS and len(w) > 1))
        if words:
            return WhenQuestion(subject, words, match["aux"].lower() in _PAST_AUXILIARIES)
        return None
    if match := _HAPPENED.match(text):
        expression = match["when"].strip()
        return HappenedQuestion(
            expression, resolve_date_expression(expression, reference, Tense.PAST)
        )
    return None


def _event_words(index: BriefingIndex, event: Event) -> set[str]:
    return _stems(event.summary) | _stems(index.sentence(event.source))


def events_about(index: BriefingIndex, question: WhenQuestion) -> list[Event]:
    """Dated events that name every word of the subject (or a word news uses for it).

    Ahead-of-time events come first for a question about what is to come, past ones for a
    question about the past; timeline order within each."""
    wanted = [_SAME_THING.get(word, frozenset({word})) for word in question.words]
    found = [
        event
        for event in index.events()
        if event.date is not None
        and all(choices & _event_words(index, event) for choices in wanted)
    ]
    # The question's tense picks which come first; the others still answer it if it has no other.
    first = [e for e in found if e.planned != question.past]
    return (first + [e for e in found if e.planned == question.past])[:MAX_ANSWER_EVENTS]


def events_on(index: BriefingIndex, when: DateValue) -> list[Event]:
    """Events dated within the day or period asked about, no vaguer than it, in timeline order."""
    order = list(Precision)
    found = [
        event
        for event in index.events()
        if event.date is not None
        and order.index(event.date.precision) <= order.index(when.precision)
        and when.value <= event.date.value <= when.end
    ]
    return found[:MAX_ANSWER_EVENTS]


def newest_publication(index: BriefingIndex) -> dt.date | None:
    """The day relative dates in a question count from."""
    latest = index.latest_articles(1)
    return latest[0].published if latest else None


def speaker(index: BriefingIndex, question: SaidQuestion) -> ActorMatch:
    """Who the question asks about, or the near misses when the briefing does not know them."""
    return index.find_actor(question.name)
