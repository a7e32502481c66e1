"""Chart render time: the timeline and the map for 10, 100 and 1,000 events or places.

    .venv/bin/python -m bench.charts [--runs 5]

Each figure is the median of `--runs` renders (figure built and saved as PNG, as a cache miss
costs), after one warm-up render; the map's one-off cost (loading basemap's coastlines and
borders once per process) is reported on its own. Every PNG is checked (signature and size)
before its time is reported. Nothing here fails on a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import struct
import time
from collections.abc import Callable

from bench.report import Row, render_table
from bot.briefing.models import (
    Article,
    Briefing,
    DateValue,
    Event,
    Place,
    Precision,
    SourceRef,
    Topic,
)
from bot.briefing.query import BriefingIndex
from bot.briefing.view import BriefingView
from bot.render.charts import HEIGHT_PX, WIDTH_PX
from bot.render.drawing import preload_map_geometry
from bot.render.pictures import render_chart

SIZES = (10, 100, 1000)
_TOPICS = ("ceasefire", "peace_talks", "airstrikes", "elections", "sanctions", "aid")
_VERBS = ("met", "rejected the offer", "signed a deal", "visited the front", "called for talks")
_PRECISIONS = (Precision.DAY, Precision.DAY, Precision.DAY, Precision.WEEK, Precision.MONTH)


def synthetic_view(count: int, seed: int = 7) -> BriefingView:
    """A briefing with `count` dated events over two years and `count` places worldwide."""
    rng = random.Random(seed)
    sentences = [f"Sentence {i}." for i in range(count)]
    article = Article(
        id="bench",
        title="Synthetic report",
        published=dt.date(2024, 6, 1),
        paragraphs=[" ".join(sentences)],
        sentences=sentences,
        content_hash="bench",
    )
    start = dt.date(2023, 1, 2)
    events = []
    for i in range(count):
        day = start + dt.timedelta(days=rng.randrange(730))
        precision = rng.choice(_PRECISIONS)
        if precision is Precision.WEEK:
            day -= dt.timedelta(days=day.weekday())
        elif precision is Precision.MONTH:
            day = day.replace(day=1)
        events.append(
            Event(
                date=DateValue(value=day, precision=precision),
                expression="",
                summary=f"Delegation {i} {rng.choice(_VERBS)} in the northern province",
                planned=day > article.published,
                source=SourceRef(article_id="bench", sentence=i),
            )
        )
    events.sort(key=lambda e: e.date.value if e.date else dt.date.min)
    topics = [
        Topic(
            key=key,
            label=key.replace("_", " ").capitalize(),
            sentences=[
                SourceRef(article_id="bench", sentence=i)
                for i in range(count)
                if i % len(_TOPICS) == n
            ],
        )
        for n, key in enumerate(_TOPICS)
    ]
    places = [
        Place(
            name=f"Town {i}",
            count=rng.randint(1, 12),
            kind="city",
            latitude=rng.uniform(-50, 65),
            longitude=rng.uniform(-170, 170),
        )
        for i in range(count)
    ]
    briefing = Briefing(articles=[article], events=events, topics=topics, places=places)
    return BriefingView(count, briefing, BriefingIndex(briefing), ())


def _check_png(png: bytes) -> None:
    if not png.startswith(b"\x89PNG\r\n\x1a\n"):
        raise SystemExit("a chart is not a PNG")
    width, height = struct.unpack(">II", png[16:24])
    if (width, height) != (WIDTH_PX, HEIGHT_PX):
        raise SystemExit(f"a chart is {width}x{height}, not {WIDTH_PX}x{HEIGHT_PX}")


def _median_ms(render: Callable[[], bytes], runs: int) -> float:
    _check_png(render())  # warm-up, and the result is checked before it is timed
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _render(view: BriefingView, kind: str) -> Callable[[], bytes]:
    def run() -> bytes:
        chart = render_chart(view, kind, "")
        if chart is None:
            raise SystemExit(f"no {kind} chart for {len(view.briefing.events)} events")
        return chart.png

    return run


def chart_rows(runs: int = 5) -> list[Row]:
    """Median render times per chart and size, and the map's one-off geometry load."""
    start = time.perf_counter()
    preload_map_geometry()
    rows = [
        Row(
            "charts", "map geometry load (once per process)", f"{time.perf_counter() - start:.2f} s"
        )
    ]
    for size in SIZES:
        view = synthetic_view(size)
        rows.append(
            Row(
                "charts",
                f"timeline render, {size:,} events (median of {runs})",
                f"{_median_ms(_render(view, 'timeline'), runs):.0f} ms",
            )
        )
    for size in SIZES:
        view = synthetic_view(size)
        rows.append(
            Row(
                "charts",
                f"map render, {size:,} places (median of {runs})",
                f"{_median_ms(_render(view, 'where'), runs):.0f} ms",
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(render_table(chart_rows(args.runs)))


if __name__ == "__main__":
    main()
