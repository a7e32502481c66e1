"""`make bench` / `python -m bench`: every benchmark, then one table. Nothing here fails on a time.

Each benchmark checks its results before it reports a speed (and stops the run if they are
wrong); a missed target is a "no" in the table, never an exit status.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import tempfile
import time
from pathlib import Path

from bench.costs import corpus_rows, long_rows, process_rows
from bench.dates import dates_rows
from bench.engine import bench_articles, engine_rows, save_pool
from bench.fanout import fanout_rows
from bench.latency import latency_rows
from bench.memory import memory_rows
from bench.report import Row, machine_load, render_table
from bench.scale import ARTICLES, scale_rows
from bench.startup import startup_rows
from bench.stores import briefings_for, build_store, content_dir
from bot.briefing.lexicon import load_lexicon
from bot.briefing.nlp import load_model
from bot.briefing.parsed import article_text
from bot.briefing.pipeline import process_articles
from bot.config import CONTENT_DIR, Settings


def _machine() -> str:
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} x {cpu}, Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="repeats for the paired timings")
    parser.add_argument("--corpus", type=int, default=200, help="synthetic articles")
    parser.add_argument("--articles", type=int, default=1000, help="articles in the big store")
    parser.add_argument("--chats", type=int, default=10_000, help="subscribed chats")
    parser.add_argument("--slice", type=int, default=1000, help="chats in the rate-limited run")
    parser.add_argument(
        "--scale-articles", type=int, default=ARTICLES, help="articles in the scale benchmark"
    )
    args = parser.parse_args()

    began = time.perf_counter()
    loads = [machine_load()]
    settings = Settings(_env_file=None)
    lexicon = load_lexicon(CONTENT_DIR / "topics.toml")
    nlp = load_model(settings.spacy_model)
    rows: list[Row] = []

    print("1/8 engine vs bare spaCy ...", flush=True)
    engine, pool = engine_rows(nlp, lexicon, args.runs, args.corpus)
    save_pool(lexicon, pool)
    rows += engine
    print("2/8 dates vs dateparser ...", flush=True)
    rows += dates_rows(nlp, lexicon, args.runs)
    loads.append(machine_load())

    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as folder:
        work = Path(folder)
        content = content_dir(work / "content")
        print("   building stores ...", flush=True)
        sizes = sorted({1, 100, args.articles})
        stores = {n: build_store(work / f"articles-{n}.db", briefings_for(pool, n)) for n in sizes}
        subscribed = build_store(
            work / "subscribed.db", briefings_for(pool, args.articles), args.chats
        )
        # Start-up at the bundled article's size too: the corpus's articles are long.
        (bundled,) = process_articles(nlp, [bench_articles()[0]], lexicon)
        bundled_store = build_store(work / "bundled.db", briefings_for([bundled], args.articles))
        bundled_words = len(article_text(bundled.article).split())
        # The digest of the fan-out is one message: one article, new to every chat.
        limited = build_store(work / "fanout-limited.db", pool[:1], args.chats)
        free = build_store(work / "fanout-free.db", pool[:1], args.chats)

        print("3/8 answer latency ...", flush=True)
        rows += latency_rows(stores, content)
        print("4/8 start-up ...", flush=True)
        rows += startup_rows(
            stores[args.articles],
            content,
            args.articles,
            bundled_url=bundled_store,
            bundled_words=bundled_words,
        )
        loads.append(machine_load())
        print("5/8 digest fan-out ...", flush=True)
        rows += fanout_rows(limited, free, content, args.chats, args.slice)
        print("6/8 memory ...", flush=True)
        rows += memory_rows(
            (100, stores[100]),
            (args.articles, stores[args.articles]),
            (args.chats, subscribed),
            content,
        )
        loads.append(machine_load())

    print("7/8 engine costs: real corpus, whole process, long inputs ...", flush=True)
    rows += corpus_rows(args.runs) + process_rows(args.runs)
    rows += long_rows([125_000, 250_000, 500_000, 990_000])
    loads.append(machine_load())
    print(f"8/8 scale: {args.scale_articles:,} stored articles in stories ...", flush=True)
    rows += scale_rows(args.scale_articles)
    loads.append(machine_load())

    print()
    print(render_table(rows))
    print()
    print(f"machine: {_machine()}")
    print(f"date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"load averages (1/5/15 min) at start, after 2, 4, 6, 7 and 8: {' | '.join(loads)}")
    print(f"whole run: {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
