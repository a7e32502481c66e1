"""Running the engine and the baselines over gold articles, and summing their counts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.evaluate.baselines import (
    DATEPARSER,
    NAIVE_QUOTES,
    SPACY_ENTITIES,
    SentenceView,
    dateparser_events,
    naive_quotes,
    spacy_entity_actors,
)
from bot.evaluate.gold import Gold
from bot.evaluate.scoring import FieldScore, Ratio, f1, score_prediction

if TYPE_CHECKING:
    from spacy.language import Language

    from bot.briefing.lexicon import TopicLexicon

ENGINE = "engine"
METRICS: tuple[str, ...] = (
    "actors.precision",
    "actors.recall",
    "actors.f1",
    "actors.role_accuracy",
    "actors.kind_accuracy",
    "actors.non_actors",
    "quotes.precision",
    "quotes.recall",
    "quotes.speaker_accuracy",
    "quotes.kind_accuracy",
    "events.precision",
    "events.recall",
    "events.date_accuracy",
    "events.planned_accuracy",
    "topics.subject_recall",
    "topics.subject_precision",
)
# Rates, not shares: lower is better and the value may pass 1.
RATE_METRICS = frozenset({"actors.non_actors"})


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
