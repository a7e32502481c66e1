"""`briefing-bot evaluate [--gold DIR | --split dev] [--json]`: by default, every set."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.evaluate.gold import (
    CORPUS_GOLD_DIR,
    GOLD_DIR,
    HELDOUT_DIR,
    Gold,
    GoldError,
    corpus_dir,
    load_gold_folder,
    load_splits,
    split_golds,
)
from bot.evaluate.report import evaluation_json, render_summary, render_table, summary_json
from bot.evaluate.run import Evaluation, evaluate_gold

# The sets in the order they are printed: the shared corpus of real news first.
SET_LABELS = {
    "test": "corpus test (frozen: scored, never tuned on)",
    "dev": "corpus dev (read for errors)",
    "written": "written for the tests (tests/gold)",
    "heldout": "written held-out (tests/gold/heldout)",
}


def gold_sets() -> tuple[dict[str, list[Gold]], list[str]]:
    """Every gold set that can be read here, and a note for each that cannot."""
    sets: dict[str, list[Gold]] = {}
    notes: list[str] = []
    if (corpus_dir() / "articles").is_dir():
        corpus = split_golds(load_gold_folder(CORPUS_GOLD_DIR), load_splits())
        sets["test"], sets["dev"] = corpus["test"], corpus["dev"]
    else:
        notes.append(f"corpus sets skipped: {corpus_dir()} is not here (set BRIEFING_CORPUS_DIR)")
    sets["written"] = load_gold_folder(GOLD_DIR)
    sets["heldout"] = load_gold_folder(HELDOUT_DIR)
    return sets, notes


def main(args: argparse.Namespace) -> int:
    """Score the engine; 2 when a gold file is malformed or missing its article."""
    from bot.briefing.lexicon import load_lexicon
    from bot.briefing.nlp import load_model
    from bot.config import Settings

    folder: Path | None = args.gold
    split: str | None = getattr(args, "split", None)
    try:
        if split == "dev":
            # Only dev is ever read article by article: the test split stays a single figure.
            corpus = split_golds(load_gold_folder(CORPUS_GOLD_DIR), load_splits())
            sets, notes = {"gold": corpus["dev"]}, list[str]()
            folder = CORPUS_GOLD_DIR
        elif folder is not None:
            sets, notes = {"gold": load_gold_folder(folder)}, list[str]()
        else:
            sets, notes = gold_sets()
    except GoldError as exc:
        print(f"briefing-bot: {exc}", file=sys.stderr)
        return 2
    for note in notes:
        print(f"briefing-bot: {note}", file=sys.stderr)
    settings = Settings()
    lexicon = load_lexicon(settings.content_dir / "topics.toml")
    nlp = load_model(settings.spacy_model)
    evaluations: dict[str, Evaluation] = {
        name: evaluate_gold(golds, nlp, lexicon) for name, golds in sets.items()
    }
    if folder is not None:
        evaluation = evaluations["gold"]
        if args.json:
            json.dump(evaluation_json(evaluation), sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            sys.stdout.write(render_table(evaluation) + "\n")
        return 0
    labels = {name: SET_LABELS[name] for name in evaluations}
    if args.json:
        json.dump(summary_json(evaluations, labels), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_summary(evaluations, labels) + "\n")
    return 0
