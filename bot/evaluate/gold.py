"""Gold annotations: the format (tests/gold/README.md), its checks, and where the articles live.

Two kinds of gold file share one format. Articles written for the tests name their text by path;
articles from the shared corpus of real news (`../shared/corpus`, never copied into the repository)
name it by corpus id, and their text is read from the corpus folder at evaluation time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.evaluate.text import name_keys

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO_ROOT / "tests" / "gold"
HELDOUT_DIR = GOLD_DIR / "heldout"
CORPUS_GOLD_DIR = GOLD_DIR / "corpus"
SPLITS_FILE = CORPUS_GOLD_DIR / "splits.json"
# CI and every session have the shared folder beside the repository; elsewhere point at it.
CORPUS_ENV = "BRIEFING_CORPUS_DIR"

KINDS = frozenset({"person", "org", "country", "group"})
PRECISIONS = frozenset({"day", "week", "month", "year"})
QUOTE_KINDS = frozenset({"direct", "reported"})
STANCES = frozenset({"proposes", "supports", "rejects", "demands"})
_CORPUS_ID = re.compile(r"\d{4}-\d{2}-\d{2}-[a-z0-9-]+")


class GoldError(ValueError):
    """A gold file is malformed; the message names the file and the problem."""


def corpus_dir() -> Path:
    """The shared corpus folder: BRIEFING_CORPUS_DIR, else `../shared/corpus` beside the repo."""
    configured = os.environ.get(CORPUS_ENV)
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "corpus"


@dataclass(frozen=True)
class GoldActor:
    name: str
    kind: str
    aliases: tuple[str, ...]
    role: str | None
    optional: bool = False

    @property
    def keys(self) -> frozenset[str]:
        return name_keys([self.name, *self.aliases])


@dataclass(frozen=True)
class GoldQuote:
    speaker: str | None
    text: str
    kind: str
    optional: bool = False


@dataclass(frozen=True)
class GoldEvent:
    expression: str
    sentence: str
    date: str
    precision: str
    optional: bool = False
    planned: bool | None = None  # None where the gold does not say (the older written sets)


@dataclass(frozen=True)
class GoldParty:
    actor: str
    position: str | None
    sentence: str


@dataclass(frozen=True)
class GoldTopic:
    """One of an article's main subjects, as a reader names it."""

    key: str
    keywords: tuple[str, ...]
    parties: tuple[GoldParty, ...] = ()


@dataclass(frozen=True)
class Gold:
    path: Path
    article: Path
    published: dt.date
    actors: tuple[GoldActor, ...]
    quotes: tuple[GoldQuote, ...]
    events: tuple[GoldEvent, ...]
    not_actors: tuple[str, ...] = ()
    topics: tuple[GoldTopic, ...] = field(default=())

    @property
    def name(self) -> str:
        return self.path.stem

    def actor(self, name: str) -> GoldActor | None:
        return next((a for a in self.actors if a.name == name), None)


def _field(item: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in item:
        raise GoldError(f"{where}: missing {key!r}")
    return item[key]


def _text(item: Mapping[str, Any], key: str, where: str) -> str:
    value = _field(item, key, where)
    if not isinstance(value, str) or not value.strip():
        raise GoldError(f"{where}: {key!r} must be a non-empty string")
    return value


def _optional_text(item: Mapping[str, Any], key: str, where: str) -> str | None:
    value = item.get(key)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise GoldError(f"{where}: {key!r} must be a non-empty string or null")
    return value


def _strings(item: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GoldError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def _choice(item: Mapping[str, Any], key: str, allowed: frozenset[str], where: str) -> str:
    value = _text(item, key, where)
    if value not in allowed:
        raise GoldError(f"{where}: {key!r} is {value!r}, not one of {sorted(allowed)}")
    return value


def _check_date(date: str, precision: str, where: str) -> None:
    """The ISO shape must fit the precision; a week is written as its Monday."""
    shapes = {"day": r"\d{4}-\d{2}-\d{2}", "week": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}"}
    if not re.fullmatch(shapes.get(precision, r"\d{4}"), date):
        raise GoldError(f"{where}: date {date!r} does not have {precision} precision")
    if precision in {"day", "week"}:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError as exc:
            raise GoldError(f"{where}: {date!r} is not a calendar date") from exc
        if precision == "week" and day.weekday() != 0:
            raise GoldError(f"{where}: a week is dated to its Monday, {date} is not one")


def _article_path(raw: str, gold_path: Path) -> Path:
    """A corpus id, or a path relative to the repository root or to the gold file's folder."""
    if _CORPUS_ID.fullmatch(raw):
        path = corpus_dir() / "articles" / f"{raw}.txt"
        if not path.is_file():
            raise GoldError(
                f"{gold_path.name}: corpus article {raw!r} not found in {path.parent} "
                f"(set {CORPUS_ENV} to the shared corpus folder)"
            )
        return path
    candidate = Path(raw)
    if candidate.is_absolute():
        return candidate
    for base in (REPO_ROOT, gold_path.parent):
        if (base / candidate).is_file():
            return base / candidate
    raise GoldError(f"{gold_path.name}: article {raw!r} not found")


def _actors(data: Mapping[str, Any], where: str) -> tuple[GoldActor, ...]:
    actors = []
    for i, item in enumerate(_field(data, "actors", where)):
        at = f"{where} actors[{i}]"
        actors.append(
            GoldActor(
                name=_text(item, "name", at),
                kind=_choice(item, "kind", KINDS, at),
                aliases=_strings(item, "aliases", at),
                role=_optional_text(item, "role", at),
                optional=bool(item.get("optional", False)),
            )
        )
    return tuple(actors)


def _quotes(data: Mapping[str, Any], names: set[str], where: str) -> tuple[GoldQuote, ...]:
    quotes = []
    for i, item in enumerate(_field(data, "quotes", where)):
        at = f"{where} quotes[{i}]"
        speaker = _optional_text(item, "speaker", at)
        if speaker is not None and speaker not in names:
            raise GoldError(f"{at}: speaker {speaker!r} is not the name of a gold actor")
        quotes.append(
            GoldQuote(
                speaker=speaker,
                text=_text(item, "text", at),
                kind=_choice(item, "kind", QUOTE_KINDS, at),
                optional=bool(item.get("optional", False)),
            )
        )
    return tuple(quotes)


def _events(data: Mapping[str, Any], where: str) -> tuple[GoldEvent, ...]:
    events = []
    for i, item in enumerate(_field(data, "events", where)):
        at = f"{where} events[{i}]"
        planned = item.get("planned")
        if planned is not None and not isinstance(planned, bool):
            raise GoldError(f"{at}: 'planned' must be true, false or absent")
        event = GoldEvent(
            expression=_text(item, "expression", at),
            sentence=_text(item, "sentence", at),
            date=_text(item, "date", at),
            precision=_choice(item, "precision", PRECISIONS, at),
            optional=bool(item.get("optional", False)),
            planned=planned,
        )
        _check_date(event.date, event.precision, at)
        events.append(event)
    return tuple(events)


def _topics(data: Mapping[str, Any], names: set[str], where: str) -> tuple[GoldTopic, ...]:
    topics = []
    for i, item in enumerate(data.get("topics", [])):
        at = f"{where} topics[{i}]"
        parties = []
        for j, party in enumerate(item.get("parties", [])):
            pat = f"{at} parties[{j}]"
            actor = _text(party, "actor", pat)
            if actor not in names:
                raise GoldError(f"{pat}: {actor!r} is not the name of a gold actor")
            position = _optional_text(party, "position", pat)
            if position is not None and position not in STANCES:
                raise GoldError(f"{pat}: position {position!r} is not one of {sorted(STANCES)}")
            parties.append(GoldParty(actor, position, _text(party, "sentence", pat)))
        topics.append(
            GoldTopic(_text(item, "key", at), _strings(item, "keywords", at), tuple(parties))
        )
    return tuple(topics)


def parse_gold(data: Mapping[str, Any], path: Path) -> Gold:
    """A gold file's JSON object -> Gold, checked so that scoring never meets a malformed item."""
    where = path.name
    try:
        published = dt.date.fromisoformat(_text(data, "published", where))
    except ValueError as exc:
        raise GoldError(f"{where}: 'published' must be YYYY-MM-DD") from exc
    actors = _actors(data, where)
    names = {a.name for a in actors}
    return Gold(
        path=path,
        article=_article_path(_text(data, "article", where), path),
        published=published,
        actors=actors,
        quotes=_quotes(data, names, where),
        events=_events(data, where),
        not_actors=_strings(data, "not_actors", where),
        topics=_topics(data, names, where),
    )


def load_gold(path: Path) -> Gold:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: cannot be read as JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise GoldError(f"{path.name}: the top level must be an object")
    return parse_gold(data, path)


def load_gold_folder(folder: Path) -> list[Gold]:
    paths = sorted(folder.glob("*.json"))
    paths = [p for p in paths if p != SPLITS_FILE]
    if not paths:
        raise GoldError(f"{folder}: no gold files (*.json)")
    return [load_gold(path) for path in paths]


@dataclass(frozen=True)
class CorpusSplits:
    """The corpus divided by id before any tuning: dev is read for errors, test stays frozen."""

    dev: tuple[str, ...]
    test: tuple[str, ...]


def load_splits(path: Path = SPLITS_FILE) -> CorpusSplits:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return CorpusSplits(tuple(data["dev"]), tuple(data["test"]))
    except (OSError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise GoldError(f"{path}: not a splits file ({exc})") from exc


def split_golds(golds: Sequence[Gold], splits: CorpusSplits) -> dict[str, list[Gold]]:
    """Corpus gold by split; a gold file in neither split is an error, not a silent extra."""
    by_split: dict[str, list[Gold]] = {"dev": [], "test": []}
    for gold in golds:
        if gold.name in splits.test:
            by_split["test"].append(gold)
        elif gold.name in splits.dev:
            by_split["dev"].append(gold)
        else:
            raise GoldError(f"{gold.name}: in neither split of {SPLITS_FILE.name}")
    return by_split
