"""/timeline and /where through the real Application: the text answer at once, and its picture
after it; once the picture is drawn, the picture first, then the text.

A hand-made briefing keeps these fast (no spaCy).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image
from telegram import Update

from bot.app import build_application
from bot.briefing.models import ArticleBriefing, Place
from bot.briefing.view import BriefingView
from bot.config import Settings
from bot.render.charts import HEIGHT_PX, WIDTH_PX
from bot.render.pictures import Chart, ChartCache, render_chart
from bot.services import BriefingApp
from tests.handlers import updates
from tests.handlers.bot_api import Call, RecordingRequest
from tests.handlers.conftest import TOKEN, Clock, ErrorWatch, stop
from tests.helpers.briefings import article, day, event, ref, sample_briefing

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def charted_briefing() -> ArticleBriefing:
    """The sample briefing's first article, its places given coordinates."""
    sample = sample_briefing()
    first = sample.articles[0]
    return ArticleBriefing(
        article=first,
        actors=sample.actors,
        events=[e for e in sample.events if e.source.article_id == first.id],
        topics=sample.topics,
        places=[
            Place(
                name="Geneva",
                count=3,
                kind="city",
                country_code="CH",
                latitude=46.2,
                longitude=6.15,
                sources=[ref("a1", 1)],
            ),
            Place(name="Port Elin", count=1, kind="city", sources=[ref("a1", 3)]),
        ],
        engine_version="test",
    )


@dataclass
class ChartBot:
    app: BriefingApp
    api: RecordingRequest
    errors: ErrorWatch = field(init=False)

    def __post_init__(self) -> None:
        self.errors = ErrorWatch(self.app)

    async def send(self, text: str) -> list[Call]:
        """Process one private message; the calls the bot made in answer."""
        before = len(self.api.calls)
        await self.app.process_update(Update.de_json(updates.private(text), self.app.bot))
        self.errors.check()
        return [c for c in self.api.calls[before:] if c.method in ("sendPhoto", "sendMessage")]

    async def add(self, briefing: ArticleBriefing) -> None:
        services = self.app.bot_data.services
        await services.store.articles.add(briefing, raw_text=briefing.article.id, added_by=None)
        await services.newsroom.reload()


@pytest.fixture
async def chart_bot(tmp_path: Path, content_dir: Path) -> AsyncIterator[ChartBot]:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=TOKEN,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        content_dir=content_dir,
    )
    api = RecordingRequest()
    clock = Clock(dt.datetime(2024, 3, 21, 12, 0, tzinfo=dt.UTC))
    app = build_application(settings, request=api, now=clock, rate_limit=False)
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    await app.start()
    bot = ChartBot(app, api)
    await bot.add(charted_briefing())
    yield bot
    await stop(bot)  # type: ignore[arg-type]
    bot.errors.check()


def assert_png(content: bytes) -> None:
    assert content.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(content)) as image:
        assert image.size == (WIDTH_PX, HEIGHT_PX)


async def test_timeline_sends_the_text_then_the_chart_then_both_drawn_first(
    chart_bot: ChartBot,
) -> None:
    calls = await chart_bot.send("/timeline")
    assert [c.method for c in calls] == ["sendMessage", "sendPhoto"]
    caption = str(calls[1].params["caption"])
    assert caption.startswith("<b>Timeline</b>")
    assert "4 dated events, 2 planned" in caption
    assert "is listed above" in caption and "below" not in caption
    assert len(caption) <= 1024
    assert "<b>Timeline</b> (4)" in str(calls[0].params["text"])
    (photo,) = chart_bot.api.photos
    assert_png(photo)
    # Drawn now: the picture goes first, its caption pointing at the text below it.
    again = await chart_bot.send("/timeline")
    assert [c.method for c in again] == ["sendPhoto", "sendMessage"]
    assert "follows below" in str(again[0].params["caption"])
    assert str(again[0].params["caption"]).replace("follows below", "is listed above") == caption


async def test_the_text_does_not_wait_for_the_drawing(chart_bot: ChartBot) -> None:
    texts_sent_when_drawn: list[int] = []

    def watching(view: BriefingView, kind: str, arg: str) -> Chart | None:
        calls = list(chart_bot.api.calls)
        texts_sent_when_drawn.append(sum(c.method == "sendMessage" for c in calls))
        return render_chart(view, kind, arg)

    chart_bot.app.bot_data.services.charts = ChartCache(watching)
    texts_before = sum(c.method == "sendMessage" for c in chart_bot.api.calls)
    calls = await chart_bot.send("/timeline")
    assert [c.method for c in calls] == ["sendMessage", "sendPhoto"]
    assert texts_sent_when_drawn == [texts_before + 1]  # the answer's text was out already


async def test_timeline_of_a_topic_and_of_an_actor(chart_bot: ChartBot) -> None:
    topic = await chart_bot.send("/timeline ceasefire")
    assert "Timeline: Ceasefire" in str(topic[1].params["caption"])
    actor = await chart_bot.send("/timeline orlov")
    assert [c.method for c in actor] == ["sendMessage", "sendPhoto"]
    assert "Timeline: Viktor Orlov" in str(actor[1].params["caption"])
    assert "1 dated event," in str(actor[1].params["caption"])
    assert len(chart_bot.api.photos) == 2 and chart_bot.api.photos[0] != chart_bot.api.photos[1]


async def test_where_sends_a_map_then_the_list(chart_bot: ChartBot) -> None:
    calls = await chart_bot.send("/where")
    assert [c.method for c in calls] == ["sendMessage", "sendPhoto"]
    # Port Elin has no known location: the caption and the list agree on how many places there are.
    assert "1 of 2 places on the map" in str(calls[1].params["caption"])
    assert "The list is above." in str(calls[1].params["caption"])
    assert "Places</b> (2)" in str(calls[0].params["text"])
    assert "Geneva" in str(calls[0].params["text"])
    assert_png(chart_bot.api.photos[0])


async def test_charts_are_cached_until_the_briefing_changes(chart_bot: ChartBot) -> None:
    calls: list[tuple[int, str, str]] = []
    threads: list[int] = []

    def counting(view: BriefingView, kind: str, arg: str) -> Chart | None:
        calls.append((view.version, kind, arg))
        threads.append(threading.get_ident())
        return render_chart(view, kind, arg)

    chart_bot.app.bot_data.services.charts = ChartCache(counting)
    await asyncio.gather(chart_bot.send("/timeline"), chart_bot.send("/timeline"))
    await chart_bot.send("/timeline")
    assert len(calls) == 1
    assert len(set(chart_bot.api.photos)) == 1 and len(chart_bot.api.photos) == 3
    assert threading.get_ident() not in threads  # drawn off the event loop's thread
    later = article("a9", "Later report", dt.date(2024, 3, 22), ["Talks resumed on Friday."])
    await chart_bot.add(
        ArticleBriefing(
            article=later,
            events=[event(ref("a9", 0), "Talks resumed", day(2024, 3, 22))],
            engine_version="test",
        )
    )
    calls_after = await chart_bot.send("/timeline")
    assert len(calls) == 2 and calls[0][0] < calls[1][0]
    assert "5 dated events" in str(calls_after[1].params["caption"])


async def test_no_dated_events_means_no_picture(chart_bot: ChartBot) -> None:
    empty = await chart_bot.send("/timeline sanctions")
    assert [c.method for c in empty] == ["sendMessage"]
    assert "No dated events yet" in str(empty[0].params["text"])


async def test_a_failing_chart_still_answers_in_text(chart_bot: ChartBot) -> None:
    def broken(view: BriefingView, kind: str, arg: str) -> Chart | None:
        raise RuntimeError("the drawing broke")

    chart_bot.app.bot_data.services.charts = ChartCache(broken)
    calls = await chart_bot.send("/where")
    assert [c.method for c in calls] == ["sendMessage"]
    assert "Geneva" in str(calls[0].params["text"])
