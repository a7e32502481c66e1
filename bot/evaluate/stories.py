"""Story grouping measured against a labelled set: pairwise precision and recall.

The set has three parts: articles written for the tests that follow one event over several days
(`tests/stories/sets/<event>/`, one story per folder), articles that share words but not an event
(`tests/stories/pairs/`, each its own story), and the shared corpus of real news (read from
`../shared/corpus`, never copied; no two of its articles cover the same event).

The grouping's threshold was tuned on the first two; `tests/stories/heldout/` (events and pairs of
the same kinds) was written afterwards and never tuned on, so its figure is the honest one.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.briefing.ingest import ArticleMeta, parse_article_text
from bot.briefing.models import ArticleBriefing
from bot.briefing.stories import group_stories
from bot.evaluate.gold import REPO_ROOT, corpus_dir

STORIES_DIR = REPO_ROOT / "tests" / "stories"
PART_LABELS = {
    "written": "written events and look-alike pairs (tuned on)",
    "heldout": "written held-out (never tuned on)",
    "corpus": "shared corpus (each its own story)",
}


@dataclass(frozen=True)
class LabelledArticle:
    """One article of the set and the story it belongs to."""

    path: Path
    story: str  # the gold label: same label, same story
    part: str  # "sets", "pairs", "heldout" or "corpus"
    published: dt.date | None = None  # from the corpus metadata; written articles have a date line


def labelled_articles(stories_dir: Path = STORIES_DIR) -> list[LabelledArticle]:
    """Every labelled article that can be read here (the corpus only where it is present)."""
    found = [
        LabelledArticle(path, f"set:{path.parent.name}", "sets")
        for path in sorted((stories_dir / "sets").glob("*/*.txt"))
    ]
    found += [
        LabelledArticle(path, f"pair:{path.stem}", "pairs")
        for path in sorted((stories_dir / "pairs").glob("*.txt"))
    ]
    heldout = stories_dir / "heldout"
    found += [
        LabelledArticle(path, f"heldout:{path.parent.name}", "heldout")
        for path in sorted((heldout / "sets").glob("*/*.txt"))
    ]
    found += [
        LabelledArticle(path, f"heldout:{path.stem}", "heldout")
        for path in sorted((heldout / "pairs").glob("*.txt"))
    ]
    for path in sorted((corpus_dir() / "articles").glob("*.txt")):
        meta = json.loads(path.with_suffix(".meta.json").read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(meta["published"])
        found.append(LabelledArticle(path, f"corpus:{path.stem}", "corpus", published))
    return found


@dataclass(frozen=True)
class PairScores:
    """Pairwise scores: a pair of articles is right when both put it in one story or neither."""

    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    pairs: int = 0  # every pair scored

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0


def pairwise_scores(gold: Mapping[str, str], predicted: Mapping[str, int]) -> PairScores:
    """Precision and recall over every pair of the articles `gold` labels."""
    ids = sorted(gold)
    true_pairs = predicted_pairs = correct = pairs = 0
    for a, b in itertools.combinations(ids, 2):
        same_gold = gold[a] == gold[b]
        same_predicted = predicted[a] == predicted[b]
        pairs += 1
        true_pairs += same_gold
        predicted_pairs += same_predicted
        correct += same_gold and same_predicted
    return PairScores(true_pairs, predicted_pairs, correct, pairs)


@dataclass(frozen=True)
class StoryEvaluation:
    """The figures and the mistakes behind them, by article title."""

    articles: int
    gold_stories: int
    predicted_stories: int
    scores: PairScores
    by_part: dict[str, PairScores]  # pairs within each part of the set
    shuffled: tuple[PairScores, ...]  # the same set in other arrival orders
    missed: tuple[tuple[str, str], ...]  # same event, put apart
    merged: tuple[tuple[str, str], ...]  # different events, put together


def arrival_order(items: Sequence[ArticleBriefing]) -> list[ArticleBriefing]:
    """The order a desk receives them in: by publication date, then by id."""
    return sorted(items, key=lambda i: (i.article.published, i.article.id))


def evaluate_grouping(
    items: Sequence[ArticleBriefing], gold: Mapping[str, str], shuffles: int = 3
) -> StoryEvaluation:
    """Group the articles in arrival order (and a few shuffled orders) and score the pairs."""
    ordered = arrival_order(items)
    predicted = _story_of(ordered)
    titles = {i.article.id: i.article.title for i in items}
    missed: list[tuple[str, str]] = []
    merged: list[tuple[str, str]] = []
    for a, b in itertools.combinations(sorted(gold), 2):
        if gold[a] == gold[b] and predicted[a] != predicted[b]:
            missed.append((titles[a], titles[b]))
        elif gold[a] != gold[b] and predicted[a] == predicted[b]:
            merged.append((titles[a], titles[b]))
    shuffled = []
    for seed in range(shuffles):
        order = list(ordered)
        random.Random(seed).shuffle(order)  # noqa: S311 - an arrival order, not a secret
        shuffled.append(pairwise_scores(gold, _story_of(order)))
    return StoryEvaluation(
        articles=len(items),
        gold_stories=len(set(gold.values())),
        predicted_stories=len(set(predicted.values())),
        scores=pairwise_scores(gold, predicted),
        by_part={
            part: pairwise_scores({a: s for a, s in gold.items() if _part(s) == part}, predicted)
            for part in sorted({_part(s) for s in gold.values()})
        },
        shuffled=tuple(shuffled),
        missed=tuple(missed),
        merged=tuple(merged),
    )


def corpus_on_one_day(
    items: Sequence[ArticleBriefing], gold: Mapping[str, str], day: dt.date
) -> list[ArticleBriefing]:
    """The corpus articles re-dated to one day, so that only their text keeps them apart."""
    return [
        item.model_copy(update={"article": item.article.model_copy(update={"published": day})})
        if gold[item.article.id].startswith("corpus:")
        else item
        for item in items
    ]


def _part(label: str) -> str:
    """The part of the set a gold label belongs to ("set:x" and "pair:y" are the tuning part)."""
    prefix = label.partition(":")[0]
    return "written" if prefix in ("set", "pair") else prefix


def _story_of(items: Iterable[ArticleBriefing]) -> dict[str, int]:
    return {
        article_id: story.number
        for story in group_stories(items)
        for article_id in story.article_ids
    }


def process_labelled(
    labelled: Sequence[LabelledArticle], model_name: str, content_dir: Path
) -> tuple[list[ArticleBriefing], dict[str, str]]:
    """Run the engine over the labelled articles (blocking: spaCy); briefings and gold labels."""
    from bot.briefing.lexicon import load_lexicon
    from bot.briefing.nlp import load_model
    from bot.briefing.pipeline import process_articles

    articles = [
        parse_article_text(item.path.read_text(encoding="utf-8"), ArticleMeta(item.published))
        for item in labelled
    ]
    gold = {article.id: item.story for article, item in zip(articles, labelled, strict=True)}
    lexicon = load_lexicon(content_dir / "topics.toml")
    return process_articles(load_model(model_name), articles, lexicon), gold


def render_evaluation(evaluation: StoryEvaluation, label: str = "story grouping") -> str:
    """The figures as a few lines of text, mistakes listed after them."""
    scores = evaluation.scores
    lines = [
        f"{label}: {evaluation.articles} articles, {evaluation.gold_stories} stories "
        f"labelled, {evaluation.predicted_stories} found",
        f"pairwise precision {scores.precision:.3f} ({scores.correct_pairs}/"
        f"{scores.predicted_pairs}), recall {scores.recall:.3f} ({scores.correct_pairs}/"
        f"{scores.true_pairs})",
    ]
    for part, part_scores in evaluation.by_part.items():
        label = PART_LABELS.get(part, part)
        if part_scores.true_pairs == 0:
            # No two belong together: precision and recall say nothing, false merges do.
            lines.append(
                f"  {label}: {part_scores.predicted_pairs} of {part_scores.pairs} pairs "
                "wrongly put together"
            )
            continue
        lines.append(
            f"  {label}: precision {part_scores.precision:.3f} "
            f"({part_scores.correct_pairs}/{part_scores.predicted_pairs}), recall "
            f"{part_scores.recall:.3f} ({part_scores.correct_pairs}/{part_scores.true_pairs})"
        )
    for seed, other in enumerate(evaluation.shuffled):
        lines.append(
            f"  shuffled arrival order {seed}: precision {other.precision:.3f}, "
            f"recall {other.recall:.3f}"
        )
    lines += [f"  missed: {a!r} / {b!r}" for a, b in evaluation.missed]
    lines += [f"  merged: {a!r} / {b!r}" for a, b in evaluation.merged]
    return "\n".join(lines)
