"""Scoring one article's prediction against its gold: actors, quotes, events and subjects.

Everything is scored through the `process --json` contract (or a baseline's partial version of
it), so what is measured is what a user of that JSON sees. Counts are kept, not ratios, so that
articles can be micro-averaged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.evaluate.gold import Gold, GoldActor, GoldEvent, GoldQuote, GoldTopic
from bot.evaluate.text import (
    contains_words,
    expressions_overlap,
    name_key,
    name_keys,
    quote_overlap,
    role_matches,
    stems,
    words,
)

_OVERLAP_SHARE = 0.8  # share of a gold quote's words a prediction must hold when not verbatim
# Words that name no subject on their own: a shared "new" or "government" is no match.
_SUBJECT_STOPWORDS = frozenset(
    {"new", "the", "and", "of", "for", "government", "state", "people", "year", "world"}
)


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


def score_actors(
    gold: Sequence[GoldActor],
    predicted: Sequence[Mapping[str, Any]],
    not_actors: Sequence[str] | None = None,
) -> FieldScore:
    """Precision, recall, roles and kinds; with a `not_actors` list, the non-actors listed too."""
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
    if not_actors is not None:
        # A rate, not a share: non-actors listed as actors, per article.
        banned = name_keys(not_actors)
        listed = [
            _str(p.get("name"))
            for j, p in enumerate(predicted)
            if j not in used and _predicted_keys(p) & banned
        ]
        score.ratios["actors.non_actors"] = Ratio(len(listed), 1)
        score.misses += [f"non-actor listed: {name}" for name in listed]
    return score


def quote_candidate(gold: GoldQuote, predicted: Sequence[Mapping[str, Any]]) -> int | None:
    """The prediction that holds a gold quote: verbatim (the tightest one), else by word overlap."""
    verbatim = [
        i for i, q in enumerate(predicted) if contains_words(_str(q.get("text")), gold.text)
    ]
    if verbatim:
        return min(verbatim, key=lambda i: len(_str(predicted[i].get("text"))))
    overlaps = [(quote_overlap(gold.text, _str(q.get("text"))), i) for i, q in enumerate(predicted)]
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
        kind = predicted[holder].get("kind")
        if kind == quote.kind:
            right_kinds += 1
        else:
            score.misses.append(f"kind of {quote.text!r}: {kind!r}, gold {quote.kind!r}")
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
    right = right_planned = with_planned = 0
    for i in required:
        event, holder = gold[i], holders[i]
        if holder is None:
            score.misses.append(f"missing date: {event.expression!r} in {event.sentence!r}")
            continue
        if event.planned is not None and "planned" in predicted[holder]:
            with_planned += 1
            if predicted[holder].get("planned") is event.planned:
                right_planned += 1
            else:
                score.misses.append(
                    f"planned of {event.expression!r} ({event.sentence!r}): "
                    f"{predicted[holder].get('planned')}, gold {event.planned}"
                )
        date, precision = predicted[holder].get("date"), predicted[holder].get("precision")
        if date == event.date and precision == event.precision:
            right += 1
        else:
            score.misses.append(
                f"date of {event.expression!r} ({event.sentence!r}): {date} {precision}, "
                f"gold {event.date} {event.precision}"
            )
    score.ratios["events.date_accuracy"] = Ratio(right, len(required))
    if with_planned:
        score.ratios["events.planned_accuracy"] = Ratio(right_planned, with_planned)
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
        scores["actors"] = score_actors(gold.actors, actors, gold.not_actors or None)
    if "quotes" in prediction:
        scores["quotes"] = score_quotes(gold, _list(prediction, "quotes"), actors)
    if "events" in prediction:
        scores["events"] = score_events(gold.events, _list(prediction, "events"))
    if "topics" in prediction and gold.topics:
        scores["topics"] = score_subjects(gold.topics, _subjects(prediction))
    return scores


def _subjects(prediction: Mapping[str, Any]) -> list[str]:
    """Each predicted topic as the words that name it: its key and its label."""
    topics = prediction.get("topics") or {}
    if not isinstance(topics, Mapping):
        return []
    names = []
    for key, topic in topics.items():
        label = topic.get("label") if isinstance(topic, Mapping) else None
        names.append(f"{str(key).replace('_', ' ')} {label if isinstance(label, str) else ''}")
    return names


def subject_matches(gold: GoldTopic, predicted: str) -> bool:
    """A predicted subject names a gold one when they share a content stem."""
    gold_stems: set[str] = set()
    for phrase in (gold.key, *gold.keywords):
        gold_stems |= stems(phrase)
    return bool((gold_stems & stems(predicted)) - _SUBJECT_STOPWORDS)


def score_subjects(gold: Sequence[GoldTopic], predicted: Sequence[str]) -> FieldScore:
    """Recall of the article's main subjects, and the share of predicted subjects that are one."""
    score = FieldScore()
    found = [g for g in gold if any(subject_matches(g, p) for p in predicted)]
    score.ratios["topics.subject_recall"] = Ratio(len(found), len(gold))
    right = [p for p in predicted if any(subject_matches(g, p) for g in gold)]
    score.ratios["topics.subject_precision"] = Ratio(len(right), len(predicted))
    score.misses += [f"missing subject: {g.key}" for g in gold if g not in found]
    score.misses += [f"extra subject: {p.strip()}" for p in predicted if p not in right]
    return score
