"""Item 2: the engine's date step against dateparser's `search_dates`, on the same gold texts.

Time: `find_dates` on an already parsed article (the engine parses once for every extractor)
against `search_dates` over the same sentences with RELATIVE_BASE at the publication date,
alternately. Accuracy: both timelines scored by bot/evaluate/ against the gold events.
"""

from __future__ import annotations

from spacy.language import Language

from bench.report import Row, median_pair
from bot.briefing.export import briefing_json
from bot.briefing.ingest import ArticleMeta, decode_article_bytes, parse_article_text
from bot.briefing.lexicon import TopicLexicon
from bot.briefing.pipeline import extract, parse_articles
from bot.briefing.timeline import find_dates
from bot.evaluate.baselines import dateparser_events
from bot.evaluate.gold import GOLD_DIR, Gold, load_gold_folder
from bot.evaluate.scoring import Ratio, score_events


def gold_sets() -> list[Gold]:
    """The development gold and the held-out gold: more dates, less tuning bias."""
    golds = load_gold_folder(GOLD_DIR)
    heldout = GOLD_DIR / "heldout"
    if heldout.is_dir():
        golds += load_gold_folder(heldout)
    return golds


def _total(scores: list[dict[str, Ratio]], key: str) -> Ratio:
    total = Ratio(0, 0)
    for ratios in scores:
        total = total + ratios[key]
    return total


def dates_rows(nlp: Language, lexicon: TopicLexicon, runs: int) -> list[Row]:
    golds = gold_sets()
    articles = [
        parse_article_text(
            decode_article_bytes(g.article.read_bytes()), ArticleMeta(published=g.published)
        )
        for g in golds
    ]
    parsed = list(parse_articles(nlp, articles))
    sentences = [[s.text.strip() for s in p.sentences] for p in parsed]
    engine_scores, baseline_scores = [], []
    for gold, article in zip(golds, parsed, strict=True):
        engine_events = briefing_json(extract(article, lexicon))["events"]
        baseline_events = dateparser_events(
            [s.text.strip() for s in article.sentences], gold.published
        )
        engine_scores.append(score_events(gold.events, engine_events).ratios)
        baseline_scores.append(score_events(gold.events, baseline_events).ratios)
    if not any(find_dates(p) for p in parsed):
        raise SystemExit("the engine found no dates in the gold articles")

    def engine() -> None:
        for article in parsed:
            find_dates(article)

    def baseline() -> None:
        for gold, texts in zip(golds, sentences, strict=True):
            dateparser_events(texts, gold.published)

    engine_s, baseline_s = median_pair(engine, baseline, runs)
    rows = [
        Row(
            "2",
            f"dates in {len(golds)} gold articles: dateparser time / engine find_dates time, "
            f"median of {runs}",
            f"{baseline_s / engine_s:.1f}x faster ({engine_s * 1e3:.1f} vs {baseline_s * 1e3:.0f} ms)",
            "> 1 (faster)",
            engine_s < baseline_s,
        )
    ]
    for key in ("events.date_accuracy", "events.recall", "events.precision"):
        mine, theirs = _total(engine_scores, key), _total(baseline_scores, key)
        better = (mine.value or 0) > (theirs.value or 0)
        rows.append(
            Row(
                "2",
                f"{key}: engine vs dateparser (hits/total)",
                f"{mine.value or 0:.2f} ({mine.hits}/{mine.total}) vs "
                f"{theirs.value or 0:.2f} ({theirs.hits}/{theirs.total})",
                "engine higher" if key == "events.date_accuracy" else "",
                better if key == "events.date_accuracy" else None,
            )
        )
    return rows
