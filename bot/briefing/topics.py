"""Topics from the lexicon file: their sentences and each party's position. Stub."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from bot.briefing.actors import ActorIndex
from bot.briefing.models import Quote, Topic
from bot.briefing.parsed import ParsedArticle
from bot.briefing.timeline import DateMention

TOPIC_KEY = re.compile(r"^[a-z0-9_]{1,32}$")


class LexiconError(ValueError):
    """The topic lexicon file is malformed; the message names the topic and the problem."""


@dataclass(frozen=True)
class TopicDefinition:
    key: str
    label: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class TopicLexicon:
    topics: tuple[TopicDefinition, ...]

    def get(self, key: str) -> TopicDefinition | None:
        return next((t for t in self.topics if t.key == key), None)

    @property
    def keys(self) -> list[str]:
        return [t.key for t in self.topics]


def load_lexicon(path: Path) -> TopicLexicon:
    """Read and check the topic lexicon file (TOML, one table per topic)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"cannot read topic lexicon {path}: {exc}") from exc
    topics = []
    for key, table in data.items():
        if not TOPIC_KEY.match(key):
            raise LexiconError(f"topic key {key!r} must match [a-z0-9_]{{1,32}}")
        if not isinstance(table, dict):
            raise LexiconError(f"topic {key!r} must be a table with label and terms")
        label = table.get("label", key.replace("_", " ").capitalize())
        terms = table.get("terms")
        if not isinstance(label, str) or not isinstance(terms, list) or not terms:
            raise LexiconError(f"topic {key!r} needs a text label and a non-empty list of terms")
        if not all(isinstance(t, str) and t.strip() for t in terms):
            raise LexiconError(f"topic {key!r}: every term must be non-empty text")
        topics.append(TopicDefinition(key, label, tuple(t.strip().lower() for t in terms)))
    return TopicLexicon(tuple(topics))


def find_topics(
    parsed: ParsedArticle,
    lexicon: TopicLexicon,
    actors: ActorIndex,
    dates: list[DateMention],
    quotes: list[Quote],
) -> list[Topic]:
    return []
