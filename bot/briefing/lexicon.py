"""The topic lexicon: which topics the bot follows, their terms, and the cues that show a stance.

Data only, read from content/topics.toml; matching it against a parse is bot/briefing/topics.py.
Kept apart so the bot can read the lexicon at start-up without importing spaCy.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from bot.briefing.models import Stance

TOPIC_KEY = re.compile(r"^[a-z0-9_]{1,32}$")
# Tables whose key starts with "_" configure the engine instead of naming a topic.
STANCES_TABLE = "_stances"


class LexiconError(ValueError):
    """The topic lexicon file is malformed; the message names the topic and the problem."""


@dataclass(frozen=True)
class StanceCue:
    """A word that shows a stance: `word` in dictionary form, then any words it takes."""

    stance: Stance
    word: str
    then: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopicDefinition:
    key: str
    label: str
    terms: tuple[str, ...]  # each names the topic on its own
    stances: tuple[StanceCue, ...] = ()  # cues for this topic only, beside the lexicon's
    # Words with other senses ("vote" on a bill, a "travel ban"): they count for the topic only in
    # an article that also uses one of `terms`, since a word keeps one sense through a story.
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopicLexicon:
    topics: tuple[TopicDefinition, ...]
    stances: tuple[StanceCue, ...] = ()  # cues every topic shares

    def get(self, key: str) -> TopicDefinition | None:
        return next((t for t in self.topics if t.key == key), None)

    @property
    def keys(self) -> list[str]:
        return [t.key for t in self.topics]


def load_lexicon(path: Path) -> TopicLexicon:
    """Read and check the topic lexicon file (TOML, one table per topic, `_stances` for cues)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"cannot read topic lexicon {path}: {exc}") from exc
    topics = []
    shared: tuple[StanceCue, ...] = ()
    for key, table in data.items():
        if key == STANCES_TABLE:
            shared = _read_stances(key, table)
            continue
        if key.startswith("_"):
            raise LexiconError(f"unknown settings table {key!r}: only {STANCES_TABLE!r} is known")
        if not TOPIC_KEY.match(key):
            raise LexiconError(f"topic key {key!r} must match [a-z0-9_]{{1,32}}")
        if not isinstance(table, dict):
            raise LexiconError(f"topic {key!r} must be a table with label and terms")
        label = table.get("label", key.replace("_", " ").capitalize())
        terms = table.get("terms")
        if not isinstance(label, str) or not isinstance(terms, list) or not terms:
            raise LexiconError(f"topic {key!r} needs a text label and a non-empty list of terms")
        related = table.get("related", [])
        if not isinstance(related, list):
            raise LexiconError(f"topic {key!r}: related must be a list of terms")
        if not all(isinstance(t, str) and t.strip() for t in [*terms, *related]):
            raise LexiconError(f"topic {key!r}: every term must be non-empty text")
        own = _read_stances(key, table["stances"]) if "stances" in table else ()
        topics.append(
            TopicDefinition(
                key,
                label,
                tuple(t.strip().lower() for t in terms),
                own,
                tuple(t.strip().lower() for t in related),
            )
        )
    return TopicLexicon(tuple(topics), shared)


def _read_stances(where: str, table: object) -> tuple[StanceCue, ...]:
    if not isinstance(table, dict):
        raise LexiconError(f"{where}: stances must be a table of stance = [cue words]")
    cues = []
    for name, words in table.items():
        try:
            stance = Stance(name)
        except ValueError:
            known = ", ".join(s.value for s in Stance)
            raise LexiconError(f"{where}: unknown stance {name!r} (known: {known})") from None
        if not isinstance(words, list) or not all(isinstance(w, str) and w.split() for w in words):
            raise LexiconError(f"{where}: stance {name!r} needs a list of non-empty cue words")
        for phrase in words:
            first, *rest = phrase.lower().split()
            cues.append(StanceCue(stance, first, tuple(rest)))
    return tuple(cues)
