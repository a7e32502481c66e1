"""Pictures as Telegram sends them: the chart for a /timeline or /where answer or a digest, drawn
to PNG with its caption, and a cache so each is drawn once per briefing version.

The drawing (matplotlib) is imported the first time a picture is drawn, on the worker thread
that draws it: a bot that never draws does not pay for importing matplotlib.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.briefing.models import Event
from bot.briefing.query import BriefingIndex
from bot.briefing.view import BriefingView
from bot.render.charts import GroupBy, MapChart, TimelineChart, map_chart, timeline_chart
from bot.render.entries import HAPPENED_MARK, PLANNED_MARK
from bot.render.html import clip, escape
from bot.render.pages import parse_subject

CAPTION_LIMIT = 1024  # Telegram's limit for a photo caption


def warm_up() -> None:
    """Import the drawing stack and read the map's geometry now (about 1.5 s here, once per
    process), so the first /timeline or /where after a start does not wait for it. Blocking."""
    from bot.render import drawing

    drawing.preload_map_geometry()


def _draw(chart: TimelineChart | MapChart) -> bytes:
    """The chart as PNG bytes. Blocking: call it from a worker thread."""
    from bot.render import drawing

    return drawing.draw_png(chart)


@dataclass(frozen=True)
class Chart:
    """A picture and its caption (Telegram HTML, within the caption limit): `caption` when it goes
    before the text it pictures, `caption_after` (when given) when that text went first."""

    png: bytes
    caption: str
    caption_after: str = ""

    def caption_for(self, *, after_text: bool) -> str:
        return self.caption_after if after_text and self.caption_after else self.caption


def _caption(title: str, details: str, hint: str) -> str:
    text = f"<b>{escape(clip(title, 200))}</b>\n{escape(details)}\n{escape(hint)}"
    return text[:CAPTION_LIMIT]  # the parts above are clipped well within it already


def _timeline_events(index: BriefingIndex, arg: str) -> tuple[list[Event], str, GroupBy] | None:
    """Events, title and grouping a /timeline subject code names (see `parse_subject`)."""
    subject = parse_subject(arg)
    if subject is None:
        return None
    if subject.kind == "everything":
        return index.events(), "Timeline", "topic"
    if subject.kind == "topic" and (topic := index.topic(subject.value)) is not None:
        return index.events_for_topic(topic.key), f"Timeline: {topic.label}", "actor"
    if subject.kind == "actor" and (actor := index.actor(subject.value)) is not None:
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
        details = f"{shown} dated {noun}, {planned:,} planned."

        # The text is what a reader without the picture sees: the legend must hold there.
        def legend(where: str) -> str:
            return (
                f"Every event with its source {where}, marked as in the chart: "
                f"{HAPPENED_MARK} happened, {PLANNED_MARK} planned."
            )

        return Chart(
            png,
            _caption(title, details, legend("follows below")),
            _caption(title, details, legend("is listed above")),
        )
    if kind == "where" and not arg:
        places = map_chart(index.places())
        if not places.points:
            return None
        png = _draw(places)
        count = len(places.points)
        # The list below counts every place: say how many of those the map could not show.
        total = count + places.omitted + len(places.unplaced)
        shown = str(count) if count == total else f"{count} of {total}"
        details = f"{shown} place{'' if total == 1 else 's'} on the map; circle area = mentions."
        title = "Places in the news"
        return Chart(
            png,
            _caption(title, details, "The list follows below."),
            _caption(title, details, "The list is above."),
        )
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


ChartKey = tuple[int, str, str, str]  # (briefing version, story key or "", kind, arg)


def _key(view: BriefingView, kind: str, arg: str) -> ChartKey:
    # A view narrowed to one story draws only that story, under the same version.
    return (view.version, view.story.key if view.story is not None else "", kind, arg)


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

    def drawn(self, view: BriefingView, kind: str, arg: str) -> tuple[bool, Chart | None]:
        """Whether this chart is drawn already (so `get` returns at once), and the chart."""
        key = _key(view, kind, arg)
        if key not in self._charts:
            return False, None
        self._charts[key] = self._charts.pop(key)  # most recently used last
        return True, self._charts[key]

    async def get(self, view: BriefingView, kind: str, arg: str) -> Chart | None:
        """The chart for /timeline or /where at this briefing version, drawn at most once."""
        key = _key(view, kind, arg)
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
