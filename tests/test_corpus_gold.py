"""The blind gold on the shared corpus of real news: well formed, verbatim, split once by id."""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

import pytest

from bot.evaluate import command
from bot.evaluate.gold import (
    CORPUS_GOLD_DIR,
    Gold,
    GoldActor,
    GoldEvent,
    GoldTopic,
    corpus_dir,
    load_gold_folder,
    load_splits,
    split_golds,
)
from bot.evaluate.scoring import score_actors, score_events, score_subjects

CORPUS_HERE = (corpus_dir() / "articles").is_dir()
needs_corpus = pytest.mark.skipif(
    not CORPUS_HERE,
    reason=f"the shared corpus is not at {corpus_dir()} (set BRIEFING_CORPUS_DIR to it)",
)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@needs_corpus
def test_every_corpus_gold_string_is_verbatim_from_its_article() -> None:
    for gold in load_gold_folder(CORPUS_GOLD_DIR):
        text = _flat(gold.article.read_text(encoding="utf-8"))
        lowered = text.casefold()
        verbatim = [a.name for a in gold.actors if not a.optional]
        verbatim += [a.role for a in gold.actors if a.role]
        verbatim += [q.text for q in gold.quotes]
        verbatim += [e.expression for e in gold.events] + [e.sentence for e in gold.events]
        verbatim += list(gold.not_actors)
        verbatim += [p.sentence for t in gold.topics for p in t.parties]
        for item in verbatim:
            # Case aside (a role opening a sentence), each string is where the annotator saw it.
            assert _flat(item).casefold() in lowered, f"{gold.name}: {item!r}"


@needs_corpus
def test_the_splits_cover_the_corpus_once_and_follow_their_rule() -> None:
    golds = load_gold_folder(CORPUS_GOLD_DIR)
    splits = load_splits()
    assert not set(splits.dev) & set(splits.test)
    assert sorted(splits.dev + splits.test) == sorted(g.name for g in golds)
    by_split = split_golds(golds, splits)
    assert 0.25 <= len(by_split["test"]) / len(golds) <= 0.45
    for gold in golds:
        in_test = int(hashlib.sha256(gold.name.encode()).hexdigest(), 16) % 3 == 0
        assert (gold.name in splits.test) == in_test, gold.name
    # Every corpus article has gold: the whole corpus is measured, not a chosen part.
    articles = sorted(p.stem for p in (corpus_dir() / "articles").glob("*.txt"))
    assert articles == sorted(g.name for g in golds)


def _gold(**fields: object) -> Gold:
    import datetime as dt

    base: dict[str, object] = {
        "path": Path("x.json"),
        "article": Path("x.txt"),
        "published": dt.date(2020, 1, 2),
        "actors": (),
        "quotes": (),
        "events": (),
    }
    base.update(fields)
    return Gold(**base)  # type: ignore[arg-type]


def test_a_listed_non_actor_counts_against_the_engine_per_article() -> None:
    gold = (GoldActor("Maria Lopez", "person", ("Lopez",), "mayor"),)
    predicted = [
        {"name": "Maria Lopez", "kind": "person", "aliases": ["Lopez"], "role": "mayor"},
        {"name": "Daily Courier", "kind": "org", "aliases": [], "role": None},
        {"name": "Harbour Bridge", "kind": "org", "aliases": [], "role": None},
    ]
    score = score_actors(gold, predicted, ["Daily Courier", "Harbour Bridge", "Portsmouth"])
    assert score.ratios["actors.non_actors"].hits == 2
    assert score.ratios["actors.non_actors"].total == 1
    assert "non-actor listed: Daily Courier" in score.misses
    clean = score_actors(gold, predicted[:1], ["Daily Courier"])
    assert clean.ratios["actors.non_actors"].hits == 0


def test_planned_is_scored_only_where_the_gold_and_the_prediction_say() -> None:
    gold = [
        GoldEvent(
            "next Tuesday", "the council will vote next Tuesday", "2020-01-07", "day", planned=True
        ),
        GoldEvent("on Monday", "the mayor said on Monday", "2019-12-30", "day", planned=False),
    ]
    predicted = [
        {
            "expression": "next Tuesday",
            "date": "2020-01-07",
            "precision": "day",
            "planned": True,
            "source_text": "The council will vote next Tuesday.",
        },
        {
            "expression": "on Monday",
            "date": "2019-12-30",
            "precision": "day",
            "planned": True,
            "source_text": "The mayor said on Monday.",
        },
    ]
    ratio = score_events(gold, predicted).ratios["events.planned_accuracy"]
    assert (ratio.hits, ratio.total) == (1, 2)
    without = [{k: v for k, v in p.items() if k != "planned"} for p in predicted]
    assert "events.planned_accuracy" not in score_events(gold, without).ratios


def test_a_subject_is_found_by_a_shared_content_word_and_not_by_a_filler() -> None:
    gold = [GoldTopic("labour dispute", ("strike", "walkout")), GoldTopic("rail fares", ())]
    score = score_subjects(gold, ["rail strike Rail strike", "new government"])
    assert (
        score.ratios["topics.subject_recall"].hits,
        score.ratios["topics.subject_recall"].total,
    ) == (2, 2)
    assert score.ratios["topics.subject_precision"].hits == 1
    assert score_subjects(gold, ["new world"]).ratios["topics.subject_recall"].hits == 0


@needs_corpus
@pytest.mark.slow
def test_evaluate_prints_the_corpus_splits_beside_the_baselines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert command.main(argparse.Namespace(gold=None, json=False)) == 0
    table = capsys.readouterr().out
    header = table.splitlines()[0].split()
    assert header[:2] == ["test", "dev"]
    assert "corpus test (frozen" in table
    assert command.main(argparse.Namespace(gold=None, json=True)) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["sets"]) == {"test", "dev", "written", "heldout"}
    test_set = report["sets"]["test"]
    assert len(test_set["articles"]) == len(load_splits().test)
    overall = test_set["overall"]
    assert overall["spacy_entities"]["actors.recall"]["value"] > 0.5
    assert 0.0 <= overall["engine"]["actors.f1"]["value"] <= 1.0


@needs_corpus
def test_gold_keeps_snippets_short_so_the_article_text_stays_in_the_shared_folder() -> None:
    for path in sorted(CORPUS_GOLD_DIR.glob("*.json")):
        if path.name == "splits.json":
            continue
        article_words = " ".join(
            re.findall(r"\w+", (corpus_dir() / "articles" / f"{path.stem}.txt").read_text().lower())
        )
        file_words = re.findall(r"\w+", path.read_text(encoding="utf-8").lower())
        for i in range(len(file_words) - 11):
            run = " ".join(file_words[i : i + 12])
            assert f" {run} " not in f" {article_words} ", f"{path.name}: {run!r}"
