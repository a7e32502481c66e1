"""Item 6: resident memory with the model loaded and the store's articles and subscriptions in.

Each figure comes from a fresh process (`python -m bench.memory <store> <content>`): memory a
process has touched is rarely given back, so growth is the difference between two processes that
differ only in what their store holds.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

from bench.report import Row, run_probe

PEAK_TARGET_MB = 400.0


def _probe_process(database_url: str, content: Path) -> dict[str, float]:
    return run_probe("bench.memory", database_url, str(content))


def memory_rows(
    few: tuple[int, str], many: tuple[int, str], with_subs: tuple[int, str], content: Path
) -> list[Row]:
    """(count, store URL) for: few articles, many articles, many articles plus subscriptions."""
    small, large, full = (_probe_process(url, content) for _, url in (few, many, with_subs))
    for probe, count in ((small, few[0]), (large, many[0]), (full, many[0])):
        if probe["articles"] != count:
            raise SystemExit(f"the memory probe saw {probe['articles']} articles, not {count}")
    if full["subscriptions"] != with_subs[0]:
        raise SystemExit(f"the memory probe scheduled {full['subscriptions']} digests")
    per_article = (large["started"] - small["started"]) / (many[0] - few[0]) * 1024
    per_sub = (full["started"] - large["started"]) / with_subs[0] * 1024
    return [
        Row(
            "6",
            f"peak RSS: model loaded, {many[0]:,} articles, {with_subs[0]:,} subscriptions "
            "(after imports / + model / + store in brackets)",
            f"{full['peak']:.0f} MB ({full['imported']:.0f} / {full['model']:.0f} / "
            f"{full['started']:.0f} MB)",
            f"<= {PEAK_TARGET_MB:.0f} MB",
            full["peak"] <= PEAK_TARGET_MB,
        ),
        Row(
            "6",
            f"growth per article ({few[0]} -> {many[0]:,} articles) and per subscriber "
            f"(0 -> {with_subs[0]:,})",
            f"{per_article:.0f} KB/article; {per_sub:.1f} KB/subscriber",
        ),
        Row(
            "4",
            f"application start (store open to digests scheduled), {many[0]:,} articles: "
            f"without subscriptions / with {with_subs[0]:,}",
            f"{large['start_seconds']:.1f} s / {full['start_seconds']:.1f} s",
        ),
    ]


async def _started(database_url: str, content: Path) -> tuple[int, int, float, float]:
    """Articles in the view, digest jobs scheduled, RSS while the bot runs, start-up seconds."""
    from bench.inprocess import TimedRequest, settings_for, start_app, stop_app
    from bench.report import rss_mb

    began = time.perf_counter()
    app = await start_app(settings_for(database_url, content), TimedRequest())
    seconds = time.perf_counter() - began
    try:
        services = app.bot_data.services
        scheduled = services.digests.scheduled_count
        return len(services.newsroom.view.articles), scheduled, rss_mb(), seconds
    finally:
        await stop_app(app)


def main() -> None:
    from bench.report import peak_rss_mb, rss_mb
    from bot.briefing.nlp import load_model
    from bot.config import CONTENT_DIR, Settings

    database_url, content = sys.argv[1], Path(sys.argv[2])
    imported = rss_mb()
    nlp = load_model(Settings(_env_file=None).spacy_model)
    seed = next((CONTENT_DIR / "articles").glob("*.txt")).read_text(encoding="utf-8")
    if not nlp(seed).ents:
        raise SystemExit("the model found no entities in the bundled article")
    model = rss_mb()
    articles, jobs, started, seconds = asyncio.run(_started(database_url, content))
    report = {
        "start_seconds": seconds,
        "imported": imported,
        "model": model,
        "started": started,
        "peak": peak_rss_mb(),
        "articles": articles,
        "subscriptions": jobs,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
