"""Timeline and map pictures: valid PNGs of the promised size, not blank, with the right labels."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import threading

import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from PIL import Image

from bot.briefing.models import Briefing, Place
from bot.briefing.query import BriefingIndex
from bot.briefing.view import BriefingView
from bot.render.charts import (
    HEIGHT_PX,
    MAP_POINTS,
    TIMELINE_ROWS,
    WIDTH_PX,
    map_chart,
    timeline_chart,
)
from bot.render.drawing import build_map_figure, build_timeline_figure, figure_png
from bot.render.pictures import (
    CAPTION_LIMIT,
    Chart,
    ChartCache,
    chart_for_digest,
    render_chart,
)
from tests.helpers.briefings import (
    ORLOV,
    day,
    event,
    hostile_briefing,
    month,
    ref,
    sample_briefing,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def view_of(briefing: Briefing, version: int = 1) -> BriefingView:
    return BriefingView(version, briefing, BriefingIndex(briefing), ())


def figure_texts(figure: Figure) -> list[str]:
    """Every string the figure will draw: titles, notes, legends, tick and point labels."""
    texts = [t.get_text() for t in figure.findobj(Text)]
    for axes in figure.axes:
        texts += [t.get_text() for t in (*axes.get_yticklabels(), *axes.get_xticklabels())]
    return [t for t in texts if t]


def decoded(png: bytes) -> np.ndarray:
    assert png.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (WIDTH_PX, HEIGHT_PX)
        return np.asarray(image.convert("RGB"), dtype=float)


def assert_picture(png: bytes) -> None:
    """A valid PNG of the promised size with real content: not one flat colour."""
    pixels = decoded(png)
    assert pixels.std() > 10
    non_white = (pixels.min(axis=2) < 200).mean()
    assert non_white > 0.01  # more than a title on an empty page


def many_events(count: int) -> Briefing:
    """`count` dated events over three years, a quarter of them planned."""
    base = sample_briefing()
    start = dt.date(2021, 1, 4)
    events = [
        event(
            ref("a1", i % 5),
            f"Event number {i} in the long run",
            day(
                (start + dt.timedelta(days=i)).year,
                (start + dt.timedelta(days=i)).month,
                (start + dt.timedelta(days=i)).day,
            ),
            planned=i % 4 == 0,
        )
        for i in range(count)
    ]
    return base.model_copy(update={"events": events})


def test_timeline_rows_label_each_event_by_its_date_and_summary() -> None:
    briefing = sample_briefing()
    index = BriefingIndex(briefing)
    chart = timeline_chart(index, index.events(), "Timeline")
    figure = build_timeline_figure(chart)
    rows = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert rows[0] == "Feb 2024 · 1,200 families fled Port Elin"  # oldest first, at the bottom
    assert "13 Mar 2024 · Orlov rejected the ceasefire proposal" in rows
    assert "20 Mar 2024 · Ferreira travels to Geneva for talks" in rows
    texts = figure_texts(figure)
    assert "Timeline" in texts
    # Grouped by topic, with past and planned told apart in the legend.
    assert {"happened", "planned", "Ceasefire", "Peace talks"} <= set(texts)
    assert_picture(figure_png(figure))


def test_planned_events_are_hollow_diamonds_and_italic() -> None:
    index = BriefingIndex(sample_briefing())
    figure = build_timeline_figure(timeline_chart(index, index.events(), "Timeline"))
    axes = figure.axes[0]
    planned_labels = {t.get_text() for t in axes.get_yticklabels() if t.get_fontstyle() == "italic"}
    assert planned_labels == {
        "20 Mar 2024 · Ferreira travels to Geneva for talks",
        "1 Apr 2024 · A ceasefire would start",
        "Apr 2024 · Talks planned in Geneva",
    }
    markers = [line for line in axes.get_lines() if line.get_marker() in ("o", "D")]
    hollow = [m for m in markers if m.get_marker() == "D" and m.get_markerfacecolor() == "white"]
    assert len(markers) == 6 and len(hollow) == 3


def test_topic_timeline_is_grouped_by_actor() -> None:
    index = BriefingIndex(sample_briefing())
    chart = timeline_chart(index, index.events_for_topic("ceasefire"), "Ceasefire", "actor")
    assert {row.group for row in chart.rows} == {ORLOV.name, "Northern Alliance"}
    assert ORLOV.name in figure_texts(build_timeline_figure(chart))


def test_long_summaries_are_shortened_to_fit_beside_the_axis() -> None:
    base = sample_briefing()
    long_summary = "The delegation " + "travelled onwards again " * 10 + "to the summit"
    briefing = base.model_copy(
        update={"events": [event(ref("a1", 1), long_summary, day(2024, 3, 20))]}
    )
    index = BriefingIndex(briefing)
    figure = build_timeline_figure(timeline_chart(index, index.events(), "Timeline"))
    (label,) = figure.axes[0].get_yticklabels()
    assert label.get_text().startswith("20 Mar 2024 · The delegation travelled")
    assert label.get_text().endswith("…")
    png = figure_png(figure)
    assert_picture(png)
    # The label stays inside the picture: its left edge is not cut off.
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    assert label.get_window_extent(renderer).x0 >= 0


def test_a_thousand_events_show_the_latest_rows_and_count_the_rest() -> None:
    index = BriefingIndex(many_events(1000))
    chart = timeline_chart(index, index.events(), "Timeline")
    assert len(chart.rows) == TIMELINE_ROWS and chart.total == 1000 and chart.cut
    assert chart.rows[-1].label == "Event number 999 in the long run"  # the latest
    assert sum(past + planned for _, past, planned in chart.periods) == 1000
    assert sum(planned for _, _, planned in chart.periods) == 250
    assert chart.period_name == "month"
    figure = build_timeline_figure(chart)
    texts = figure_texts(figure)
    assert any("Latest 12 of 1,000 dated events" in t for t in texts)
    assert "All 1,000 events per month" in texts
    assert len(figure.axes[-1].get_yticklabels()) == TIMELINE_ROWS
    assert_picture(figure_png(figure))


def test_undated_events_are_counted_not_drawn() -> None:
    base = sample_briefing()
    undated = event(ref("a1", 3), "Families fled", None)
    briefing = base.model_copy(update={"events": [*base.events, undated]})
    index = BriefingIndex(briefing)
    chart = timeline_chart(index, index.events(), "Timeline")
    assert chart.undated == 1 and len(chart.rows) == 6
    assert any("1 undated not shown" in t for t in figure_texts(build_timeline_figure(chart)))


def test_text_is_drawn_as_written_dollars_markup_and_emoji() -> None:
    base = sample_briefing()
    money = event(ref("a1", 1), "Donors pledged $5 billion and $3 billion", month(2024, 3))
    briefing = base.model_copy(update={"events": [money]})
    index = BriefingIndex(briefing)
    figure = build_timeline_figure(timeline_chart(index, index.events(), "Timeline"))
    (label,) = figure.axes[0].get_yticklabels()
    assert label.get_text() == r"Mar 2024 · Donors pledged \$5 billion and \$3 billion"
    assert_picture(figure_png(figure))  # mathtext would have raised or eaten the dollars
    chart = render_chart(view_of(hostile_briefing()), "timeline", "a:eve")
    assert chart is not None
    assert_picture(chart.png)
    assert "<script>" not in chart.caption and "&lt;script&gt;" in chart.caption


def test_map_places_cities_at_their_coordinates_and_countries_at_their_centre() -> None:
    places = [
        Place(
            name="Geneva", count=3, kind="city", country_code="CH", latitude=46.2, longitude=6.15
        ),
        Place(name="Port Elin", count=1, kind="city"),  # unknown to any gazetteer
        Place(name="Switzerland", count=2, kind="country", country_code="CH"),
        Place(
            name="Lausanne", count=1, kind="city", country_code="CH", latitude=46.52, longitude=6.63
        ),
    ]
    chart = map_chart(places)
    assert [p.name for p in chart.points] == ["Geneva", "Switzerland", "Lausanne"]
    assert chart.unplaced == ("Port Elin",)
    centre = chart.points[1]
    assert 45.8 < centre.latitude < 47.8 and 5.9 < centre.longitude < 10.5  # inside the country
    figure = build_map_figure(chart)
    texts = figure_texts(figure)
    assert "Geneva (3)" in texts and "SWITZERLAND (2)" in texts
    assert any("Not on the map: Port Elin" in t for t in texts)
    sizes: dict[float, float] = {}
    for collection in figure.axes[0].collections:
        if isinstance(collection, PathCollection):
            offsets = np.asarray(collection.get_offsets(), dtype=float)
            for lat, size in zip(offsets[:, 1], collection.get_sizes(), strict=True):
                sizes[round(float(lat), 2)] = float(size)
    assert sizes[46.2] > sizes[46.52]  # three mentions drawn bigger than one
    assert_picture(figure_png(figure))


def test_map_shows_land_and_water() -> None:
    places = [
        Place(name="Harbour Town", count=2, kind="city", latitude=-33.9, longitude=18.4),
        Place(name="Hill Town", count=1, kind="city", latitude=-26.2, longitude=28.0),
    ]
    pixels = decoded(figure_png(build_map_figure(map_chart(places))))
    colours = {tuple(int(c) for c in px) for px in pixels[::20, ::20].reshape(-1, 3)}
    assert (0xF4, 0xF1, 0xEA) in colours  # land
    assert (0xDC, 0xEB, 0xF5) in colours  # sea


def test_nothing_to_draw_gives_no_chart() -> None:
    base = sample_briefing()
    empty = base.model_copy(update={"events": [], "places": [Place(name="Nowhere", count=1)]})
    view = view_of(empty)
    assert render_chart(view, "timeline", "") is None
    assert render_chart(view, "where", "") is None
    assert render_chart(view_of(base), "timeline", "t:no_such_topic") is None
    assert chart_for_digest(view, []) is None


def test_render_chart_captions_fit_telegram() -> None:
    view = view_of(many_events(1000))
    chart = render_chart(view, "timeline", "")
    assert chart is not None
    assert len(chart.caption) <= CAPTION_LIMIT
    assert "latest 12 of 1,000 dated events, 250 planned" in chart.caption
    actor = render_chart(view_of(sample_briefing()), "timeline", f"a:{ORLOV.id}")
    assert actor is not None and "Timeline: Viktor Orlov" in actor.caption
    assert_picture(actor.png)


def test_chart_for_digest_narrows_to_topics() -> None:
    view = view_of(sample_briefing())
    everything = chart_for_digest(view, [])
    assert everything is not None
    assert_picture(everything)
    ceasefire = chart_for_digest(view, ["ceasefire"])
    assert ceasefire is not None and ceasefire != everything
    assert chart_for_digest(view, ["sanctions"]) is None  # a topic with no dated events


async def test_cache_draws_once_per_version_and_off_the_event_loop() -> None:
    threads: list[int] = []

    def render(view: BriefingView, kind: str, arg: str) -> Chart:
        threads.append(threading.get_ident())
        return Chart(f"{view.version}{kind}{arg}".encode(), "caption")

    cache = ChartCache(render)
    first = view_of(sample_briefing(), version=1)
    charts = await asyncio.gather(*(cache.get(first, "timeline", "") for _ in range(5)))
    assert {c.png for c in charts if c} == {b"1timeline"}
    assert cache.renders == 1  # five requests at once, one render
    assert await cache.get(first, "timeline", "") is charts[0]
    await cache.get(first, "where", "")
    assert cache.renders == 2
    second = view_of(sample_briefing(), version=2)
    newer = await cache.get(second, "timeline", "")
    assert newer is not None and newer.png == b"2timeline" and cache.renders == 3
    assert threading.get_ident() not in threads


async def test_a_failed_render_is_not_cached() -> None:
    attempts: list[int] = []

    def render(view: BriefingView, kind: str, arg: str) -> Chart:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("boom")
        return Chart(b"png", "caption")

    cache = ChartCache(render)
    view = view_of(sample_briefing())
    with pytest.raises(RuntimeError):
        await cache.get(view, "timeline", "")
    assert await cache.get(view, "timeline", "") == Chart(b"png", "caption")


def test_events_keep_their_own_dates_on_the_axis() -> None:
    index = BriefingIndex(sample_briefing())
    figure = build_timeline_figure(timeline_chart(index, index.events(), "Timeline"))
    axes = figure.axes[0]
    labels = [t.get_text() for t in axes.get_yticklabels()]
    markers = [
        line for line in axes.get_lines() if isinstance(line, Line2D) and line.get_marker() == "o"
    ]
    # Past events: their markers go left to right as their rows go down the list.
    xs = [float(np.asarray(line.get_xdata(), dtype=float)[0]) for line in markers]
    assert xs == sorted(xs) and len(set(xs)) == 3
    assert labels.index("13 Mar 2024 · Orlov rejected the ceasefire proposal") < labels.index(
        "18 Mar 2024 · Orlov said he was open to talks"
    )


def test_a_thousand_places_draw_the_most_mentioned_and_say_so() -> None:
    places = [
        Place(
            name=f"Town {i}",
            count=1 + i % 7,
            kind="city",
            latitude=-40 + (i % 80),
            longitude=-170 + (i * 7) % 340,
        )
        for i in range(1000)
    ]
    chart = map_chart(places)
    assert len(chart.points) == MAP_POINTS and chart.omitted == 1000 - MAP_POINTS
    assert min(p.count for p in chart.points) >= max(
        p.count for p in places if p.name not in {q.name for q in chart.points}
    )
    figure = build_map_figure(chart)
    assert any(f"{MAP_POINTS} most mentioned shown, 900 more" in t for t in figure_texts(figure))
    assert_picture(figure_png(figure))
