"""`briefing-bot evaluate`: score the engine against hand-made gold annotations, beside baselines.

The engine is scored through the `process --json` contract only (`export.briefing_json`), so what
is measured is what a user of that JSON sees. The gold format is documented in tests/gold/README.md.
Baselines run on the same parsed text: raw spaCy entities as actors, dateparser's `search_dates` as
the timeline, and every quoted or "said" sentence with its first PERSON as quotes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

    from bot.briefing.lexicon import TopicLexicon

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO_ROOT / "tests" / "gold"

KINDS = frozenset({"person", "org", "country", "group"})
PRECISIONS = frozenset({"day", "week", "month", "year"})
QUOTE_KINDS = frozenset({"direct", "reported"})

ENGINE = "engine"
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
METRICS: tuple[str, ...] = (
    "actors.precision",
    "actors.recall",
    "actors.f1",
    "actors.role_accuracy",
    "actors.kind_accuracy",
    "quotes.precision",
    "quotes.recall",
    "quotes.speaker_accuracy",
    "quotes.kind_accuracy",
    "events.precision",
    "events.recall",
    "events.date_accuracy",
)

_ENTITY_KINDS = {"PERSON": "person", "ORG": "org", "GPE": "country", "NORP": "group"}
_SPEECH_LEMMAS = frozenset(
    {"say", "tell", "add", "warn", "urge", "state", "announce", "insist", "claim", "emphasise"}
)
_QUOTE_MARKS = frozenset('"“”«»')
# Words two spans of one date expression may differ by ("on Monday" / "Monday"), and deictic words
# that alone do not make two expressions the same ("last week" is not "last month").
_DATE_FILLERS = frozenset(
    {"on", "in", "at", "by", "for", "since", "until", "from", "to", "the", "a", "an", "of"}
    | {"starting", "beginning", "during", "into", "around", "as", "early", "late"}
    | {"last", "next", "this", "later", "earlier", "coming", "past"}
)
_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_HAS_MONTH = re.compile(rf"\b(?:{_MONTH_NAMES})\b", re.IGNORECASE)
_HAS_DAY_NUMBER = re.compile(r"\b(?:[12]?\d|3[01])(?:st|nd|rd|th)?\b")
_HAS_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_OVERLAP_SHARE = 0.8  # share of a gold quote's words a prediction must hold when not verbatim
_OVERLAP_MIN_WORDS = 4


class GoldError(ValueError):
    """A gold file is malformed; the message names the file and the problem."""


# --- Gold annotations -------------------------------------------------------------------------


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


@dataclass(frozen=True)
class Gold:
    path: Path
    article: Path
    published: dt.date
    actors: tuple[GoldActor, ...]
    quotes: tuple[GoldQuote, ...]
    events: tuple[GoldEvent, ...]

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
    """Relative to the repository root, or failing that to the gold file's folder."""
    candidate = Path(raw)
    if candidate.is_absolute():
        return candidate
    for base in (REPO_ROOT, gold_path.parent):
        if (base / candidate).is_file():
            return base / candidate
    raise GoldError(f"{gold_path.name}: article {raw!r} not found")


def parse_gold(data: Mapping[str, Any], path: Path) -> Gold:
    """A gold file's JSON object -> Gold, checked so that scoring never meets a malformed item."""
    where = path.name
    try:
        published = dt.date.fromisoformat(_text(data, "published", where))
    except ValueError as exc:
        raise GoldError(f"{where}: 'published' must be YYYY-MM-DD") from exc
    actors = []
    for i, item in enumerate(_field(data, "actors", where)):
        at = f"{where} actors[{i}]"
        aliases = item.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise GoldError(f"{at}: 'aliases' must be a list of strings")
        actors.append(
            GoldActor(
                name=_text(item, "name", at),
                kind=_choice(item, "kind", KINDS, at),
                aliases=tuple(aliases),
                role=_optional_text(item, "role", at),
                optional=bool(item.get("optional", False)),
            )
        )
    names = {a.name for a in actors}
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
    events = []
    for i, item in enumerate(_field(data, "events", where)):
        at = f"{where} events[{i}]"
        event = GoldEvent(
            expression=_text(item, "expression", at),
            sentence=_text(item, "sentence", at),
            date=_text(item, "date", at),
            precision=_choice(item, "precision", PRECISIONS, at),
            optional=bool(item.get("optional", False)),
        )
        _check_date(event.date, event.precision, at)
        events.append(event)
    return Gold(
        path=path,
        article=_article_path(_text(data, "article", where), path),
        published=published,
        actors=tuple(actors),
        quotes=tuple(quotes),
        events=tuple(events),
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
    if not paths:
        raise GoldError(f"{folder}: no gold files (*.json)")
    return [load_gold(path) for path in paths]


# --- Text comparison --------------------------------------------------------------------------


def name_key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name ("the U.S." -> "us")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[.'’`]", "", text)  # U.S. = US, Workers' = Workers
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def name_keys(names: Iterable[str]) -> frozenset[str]:
    return frozenset(key for key in map(name_key, names) if key)


def words(text: str) -> list[str]:
    """Lower-case word tokens; punctuation and quotation styles do not matter."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return re.findall(r"\w+(?:'\w+)?", text)


def contains_words(haystack: str, needle: str) -> bool:
    """Whether the words of `needle` occur as a contiguous run in `haystack`."""
    inner = " ".join(words(needle))
    return bool(inner) and f" {inner} " in f" {' '.join(words(haystack))} "


def expressions_overlap(gold: str, predicted: str) -> bool:
    """Two spans name the same date expression if they share a content word ("on Monday")."""
    gold_words = set(words(gold)) - _DATE_FILLERS or set(words(gold))
    predicted_words = set(words(predicted)) - _DATE_FILLERS or set(words(predicted))
    return bool(gold_words & predicted_words)


def role_matches(gold: str, predicted: str | None) -> bool:
    """A role matches when either normalised role holds the other as a run of words."""
    if not predicted or not name_key(predicted):
        return False
    return contains_words(predicted, gold) or contains_words(gold, predicted)


def _quote_overlap(gold: str, predicted: str) -> float:
    gold_words = words(gold)
    if len(gold_words) < _OVERLAP_MIN_WORDS:
        return 0.0
    present = set(words(predicted))
    return sum(1 for w in gold_words if w in present) / len(gold_words)


# --- Scores -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ratio:
    """hits / total, kept as counts so that articles can be micro-averaged."""

    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)


def f1(precision: Ratio, recall: Ratio) -> float | None:
    """Harmonic mean; no predictions at all scores 0, no gold leaves it undefined."""
    if recall.value is None:
        return None
    p, r = precision.value or 0.0, recall.value
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class FieldScore:
    ratios: dict[str, Ratio] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _strength(gold: GoldActor, predicted: Mapping[str, Any]) -> int:
    """Prefer pairing a gold actor with the prediction named like it over one sharing an alias."""
    name = name_key(_str(predicted.get("name")))
    return (name == name_key(gold.name)) * 2 + (name in gold.keys)


def _predicted_keys(actor: Mapping[str, Any]) -> frozenset[str]:
    aliases = actor.get("aliases") or []
    return name_keys([_str(actor.get("name")), *(a for a in aliases if isinstance(a, str))])


def match_actors(
    gold: Sequence[GoldActor], predicted: Sequence[Mapping[str, Any]]
) -> dict[int, int]:
    """One-to-one gold index -> predicted index, as many required gold actors matched as possible.

    Augmenting paths (Kuhn): required gold actors are placed first, and an actor once matched
    stays matched, so optional gold only takes predictions the required ones cannot use.
    """
    gold_keys = [g.keys for g in gold]
    predicted_keys = [_predicted_keys(p) for p in predicted]
    owner: dict[int, int] = {}

    def place(g: int, seen: set[int]) -> bool:
        candidates = sorted(
            (p for p in range(len(predicted)) if gold_keys[g] & predicted_keys[p]),
            key=lambda p: -_strength(gold[g], predicted[p]),
        )
        for p in candidates:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or place(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in sorted(range(len(gold)), key=lambda i: gold[i].optional):
        place(g, set())
    return {g: p for p, g in owner.items()}


def score_actors(gold: Sequence[GoldActor], predicted: Sequence[Mapping[str, Any]]) -> FieldScore:
    matched = match_actors(gold, predicted)
    required = [i for i, g in enumerate(gold) if not g.optional]
    found = [i for i in required if i in matched]
    absorbed = sum(1 for i in matched if gold[i].optional)
    score = FieldScore()
    score.ratios["actors.precision"] = Ratio(len(found), len(predicted) - absorbed)
    score.ratios["actors.recall"] = Ratio(len(found), len(required))
    with_role = [i for i in found if gold[i].role]
    right_roles = 0
    for i in with_role:
        role = predicted[matched[i]].get("role")
        if role_matches(gold[i].role or "", role if isinstance(role, str) else None):
            right_roles += 1
        else:
            score.misses.append(f"role of {gold[i].name}: {role!r}, gold {gold[i].role!r}")
    score.ratios["actors.role_accuracy"] = Ratio(right_roles, len(with_role))
    right_kinds = 0
    for i in found:
        kind = predicted[matched[i]].get("kind")
        if kind == gold[i].kind:
            right_kinds += 1
        else:
            score.misses.append(f"kind of {gold[i].name}: {kind!r}, gold {gold[i].kind!r}")
    score.ratios["actors.kind_accuracy"] = Ratio(right_kinds, len(found))
    score.misses += [f"missing actor: {gold[i].name}" for i in required if i not in matched]
    used = set(matched.values())
    score.misses += [
        f"extra actor: {_str(p.get('name'))}" for j, p in enumerate(predicted) if j not in used
    ]
    return score


def quote_candidate(gold: GoldQuote, predicted: Sequence[Mapping[str, Any]]) -> int | None:
    """The prediction that holds a gold quote: verbatim (the tightest one), else by word overlap."""
    verbatim = [
        i for i, q in enumerate(predicted) if contains_words(_str(q.get("text")), gold.text)
    ]
    if verbatim:
        return min(verbatim, key=lambda i: len(_str(predicted[i].get("text"))))
    overlaps = [
        (_quote_overlap(gold.text, _str(q.get("text"))), i) for i, q in enumerate(predicted)
    ]
    best = max(overlaps, default=(0.0, -1), key=lambda pair: pair[0])
    return best[1] if best[0] >= _OVERLAP_SHARE else None


def speaker_matches(
    gold_actor: GoldActor | None,
    speaker: str | None,
    predicted_actors: Sequence[Mapping[str, Any]],
) -> bool:
    """The predicted speaker (or an alias of the predicted actor so named) names the gold actor."""
    if gold_actor is None:
        return speaker is None
    if not speaker:
        return False
    keys = {name_key(speaker)}
    for actor in predicted_actors:
        if name_key(_str(actor.get("name"))) == name_key(speaker):
            keys |= _predicted_keys(actor)
    return bool(keys & gold_actor.keys)


def score_quotes(
    gold: Gold,
    predicted: Sequence[Mapping[str, Any]],
    predicted_actors: Sequence[Mapping[str, Any]],
) -> FieldScore:
    score = FieldScore()
    holders = [quote_candidate(q, predicted) for q in gold.quotes]
    required = [i for i, q in enumerate(gold.quotes) if not q.optional]
    useful = {holders[i] for i in required} - {None}
    only_optional = {holders[i] for i, q in enumerate(gold.quotes) if q.optional} - useful - {None}
    score.ratios["quotes.precision"] = Ratio(len(useful), len(predicted) - len(only_optional))
    found = [i for i in required if holders[i] is not None]
    score.ratios["quotes.recall"] = Ratio(len(found), len(required))
    right_speakers = right_kinds = 0
    for i in required:
        quote, holder = gold.quotes[i], holders[i]
        if holder is None:
            score.misses.append(f"missing quote: {quote.text!r} ({quote.speaker})")
            continue
        speaker = predicted[holder].get("speaker")
        speaker = speaker if isinstance(speaker, str) else None
        gold_actor = gold.actor(quote.speaker) if quote.speaker else None
        if speaker_matches(gold_actor, speaker, predicted_actors):
            right_speakers += 1
        else:
            score.misses.append(f"speaker of {quote.text!r}: {speaker!r}, gold {quote.speaker!r}")
        right_kinds += predicted[holder].get("kind") == quote.kind
    score.ratios["quotes.speaker_accuracy"] = Ratio(right_speakers, len(required))
    score.ratios["quotes.kind_accuracy"] = Ratio(right_kinds, len(found))
    used = useful | only_optional
    score.misses += [
        f"extra quote: {_str(q.get('text'))[:70]!r}"
        for j, q in enumerate(predicted)
        if j not in used
    ]
    return score


def _event_sentence(event: Mapping[str, Any]) -> str:
    return _str(event.get("source_text")) or _str(event.get("text"))


def event_candidate(gold: GoldEvent, predicted: Sequence[Mapping[str, Any]]) -> int | None:
    """The prediction read from the gold sentence whose expression shares most with the gold one."""
    gold_words = set(words(gold.expression))
    candidates = [
        i
        for i, e in enumerate(predicted)
        if contains_words(_event_sentence(e), gold.sentence)
        and expressions_overlap(gold.expression, _str(e.get("expression")))
    ]
    return max(
        candidates,
        default=None,
        key=lambda i: len(gold_words & set(words(_str(predicted[i].get("expression"))))),
    )


def score_events(gold: Sequence[GoldEvent], predicted: Sequence[Mapping[str, Any]]) -> FieldScore:
    score = FieldScore()
    holders = [event_candidate(g, predicted) for g in gold]
    required = [i for i, g in enumerate(gold) if not g.optional]
    useful = {holders[i] for i in required} - {None}
    only_optional = {holders[i] for i, g in enumerate(gold) if g.optional} - useful - {None}
    score.ratios["events.precision"] = Ratio(len(useful), len(predicted) - len(only_optional))
    found = [i for i in required if holders[i] is not None]
    score.ratios["events.recall"] = Ratio(len(found), len(required))
    right = 0
    for i in required:
        event, holder = gold[i], holders[i]
        if holder is None:
            score.misses.append(f"missing date: {event.expression!r} in {event.sentence!r}")
            continue
        date, precision = predicted[holder].get("date"), predicted[holder].get("precision")
        if date == event.date and precision == event.precision:
            right += 1
        else:
            score.misses.append(
                f"date of {event.expression!r} ({event.sentence!r}): {date} {precision}, "
                f"gold {event.date} {event.precision}"
            )
    score.ratios["events.date_accuracy"] = Ratio(right, len(required))
    used = useful | only_optional
    score.misses += [
        f"extra date: {_str(e.get('expression'))!r} in {_event_sentence(e)[:60]!r}"
        for j, e in enumerate(predicted)
        if j not in used
    ]
    return score


def _list(prediction: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    items = prediction.get(key) or []
    return [item for item in items if isinstance(item, Mapping)]


def score_prediction(gold: Gold, prediction: Mapping[str, Any]) -> dict[str, FieldScore]:
    """Score a briefing JSON object (or a baseline's partial one) against one gold file."""
    actors = _list(prediction, "actors")
    scores: dict[str, FieldScore] = {}
    if "actors" in prediction:
        scores["actors"] = score_actors(gold.actors, actors)
    if "quotes" in prediction:
        scores["quotes"] = score_quotes(gold, _list(prediction, "quotes"), actors)
    if "events" in prediction:
        scores["events"] = score_events(gold.events, _list(prediction, "events"))
    return scores


# --- Baselines --------------------------------------------------------------------------------


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


# --- Running the evaluation -------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleResult:
    gold: Gold
    scores: dict[str, dict[str, FieldScore]]  # system -> field -> score


@dataclass(frozen=True)
class Evaluation:
    articles: tuple[ArticleResult, ...]


def ratios(results: Iterable[ArticleResult], system: str) -> dict[str, Ratio]:
    """Micro-average: one system's counts summed over articles."""
    total: dict[str, Ratio] = {}
    for result in results:
        for score in result.scores.get(system, {}).values():
            for key, ratio in score.ratios.items():
                total[key] = total[key] + ratio if key in total else ratio
    return total


def metric_value(values: Mapping[str, Ratio], metric: str) -> float | None:
    if metric.endswith(".f1"):
        prefix = metric.removesuffix("f1")
        precision, recall = values.get(prefix + "precision"), values.get(prefix + "recall")
        return f1(precision, recall) if precision and recall else None
    ratio = values.get(metric)
    return None if ratio is None else ratio.value


def evaluate_gold(golds: Sequence[Gold], nlp: Language, lexicon: TopicLexicon) -> Evaluation:
    """Run the engine and the baselines over every gold article (one spaCy pass per article)."""
    from bot.briefing.export import briefing_json
    from bot.briefing.ingest import ArticleMeta, decode_article_bytes, parse_article_text
    from bot.briefing.pipeline import extract, parse_articles

    articles = [
        parse_article_text(
            decode_article_bytes(gold.article.read_bytes()), ArticleMeta(published=gold.published)
        )
        for gold in golds
    ]
    results = []
    for gold, parsed in zip(golds, parse_articles(nlp, articles), strict=True):
        # extract() on the parsed article is process_article() minus a second spaCy pass.
        engine = briefing_json(extract(parsed, lexicon))
        texts = [s.text.strip() for s in parsed.sentences]
        views = [
            SentenceView(
                text=s.text.strip(),
                verb_lemmas=frozenset(t.lemma_.lower() for t in s if t.pos_ in {"VERB", "AUX"}),
                people=tuple(e.text for e in s.ents if e.label_ == "PERSON"),
            )
            for s in parsed.sentences
        ]
        predictions: dict[str, Mapping[str, Any]] = {
            ENGINE: engine,
            SPACY_ENTITIES: {
                "actors": spacy_entity_actors((e.text, e.label_) for e in parsed.doc.ents)
            },
            NAIVE_QUOTES: {"quotes": naive_quotes(views)},
            DATEPARSER: {"events": dateparser_events(texts, gold.published)},
        }
        scores = {name: score_prediction(gold, p) for name, p in predictions.items()}
        results.append(ArticleResult(gold, scores))
    return Evaluation(tuple(results))


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def render_table(evaluation: Evaluation) -> str:
    """One readable table: metric rows; engine and baseline columns, overall then per article."""
    scopes = [("overall", list(evaluation.articles))] + [
        (f"[{n}]", [result]) for n, result in enumerate(evaluation.articles, start=1)
    ]
    systems = (ENGINE, *BASELINE_LABELS)
    values = [(label, {s: ratios(results, s) for s in systems}) for label, results in scopes]

    head = f"{'field':<7} {'metric':<16}"
    lines = [
        f"{'':<24}" + "".join(f"{label:^19}" for label, _ in values),
        head + "".join(f"{'engine':>9}{'baseline':>10}" for _ in values),
    ]
    for metric in METRICS:
        field_name, name = metric.split(".", 1)
        row = f"{field_name:<7} {name:<16}"
        baseline = BASELINE_OF_FIELD[field_name]
        for _, by_system in values:
            row += f"{_cell(metric_value(by_system[ENGINE], metric)):>9}"
            row += f"{_cell(metric_value(by_system[baseline], metric)):>10}"
        lines.append(row)
    engine = values[0][1][ENGINE]
    counts = [f"{m} {engine[m].hits}/{engine[m].total}" for m in METRICS if m in engine]
    lines += ["", "engine, overall counts:"]
    lines += [f"  {', '.join(counts[i : i + 4])}" for i in range(0, len(counts), 4)]
    lines.append("baselines:")
    lines += [f"  {f}: {BASELINE_LABELS[b]}" for f, b in BASELINE_OF_FIELD.items()]
    lines.append("articles (required items):")
    for n, result in enumerate(evaluation.articles, start=1):
        gold = result.gold
        lines.append(
            f"  [{n}] {gold.name}: {sum(not a.optional for a in gold.actors)} actors, "
            f"{sum(not q.optional for q in gold.quotes)} quotes, "
            f"{sum(not e.optional for e in gold.events)} dates"
        )
    return "\n".join(line.rstrip() for line in lines)


def _ratios_json(values: Mapping[str, Ratio], fields: Iterable[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for metric in METRICS:
        if metric.split(".", 1)[0] not in fields:
            continue
        ratio = values.get(metric)
        if metric.endswith(".f1"):
            out[metric] = {"value": metric_value(values, metric)}
        elif ratio is not None:
            out[metric] = {"value": ratio.value, "hits": ratio.hits, "total": ratio.total}
    return out


def _systems_json(results: Sequence[ArticleResult]) -> dict[str, Any]:
    systems: dict[str, Any] = {ENGINE: _ratios_json(ratios(results, ENGINE), BASELINE_OF_FIELD)}
    for field_name, baseline in BASELINE_OF_FIELD.items():
        systems[baseline] = _ratios_json(ratios(results, baseline), [field_name])
    return systems


def evaluation_json(evaluation: Evaluation) -> dict[str, Any]:
    """The same numbers as the table, plus what the engine missed in each article."""
    return {
        "baselines": {
            f: {"name": b, "label": BASELINE_LABELS[b]} for f, b in BASELINE_OF_FIELD.items()
        },
        "overall": _systems_json(evaluation.articles),
        "articles": [
            {
                "gold": result.gold.name,
                "article": str(result.gold.article),
                "published": result.gold.published.isoformat(),
                "scores": _systems_json([result]),
                "engine_misses": {
                    name: score.misses for name, score in result.scores[ENGINE].items()
                },
            }
            for result in evaluation.articles
        ],
    }


def main(args: argparse.Namespace) -> int:
    """`briefing-bot evaluate [--gold DIR] [--json]`."""
    from bot.briefing.lexicon import load_lexicon
    from bot.briefing.nlp import load_model
    from bot.config import Settings

    folder: Path = args.gold or GOLD_DIR
    try:
        golds = load_gold_folder(folder)
    except GoldError as exc:
        print(f"briefing-bot: {exc}", file=sys.stderr)
        return 2
    settings = Settings()
    lexicon = load_lexicon(settings.content_dir / "topics.toml")
    evaluation = evaluate_gold(golds, load_model(settings.spacy_model), lexicon)
    if args.json:
        json.dump(evaluation_json(evaluation), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_table(evaluation) + "\n")
    return 0
