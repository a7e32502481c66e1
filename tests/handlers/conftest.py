"""A real Application (real handlers, real SQLite store) with a recording request in place of HTTP."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from telegram import Update

from bot.app import build_application
from bot.briefing.ingest import parse_article_text
from bot.briefing.lexicon import TopicLexicon
from bot.briefing.models import ArticleBriefing
from bot.briefing.pipeline import process_article
from bot.config import CONTENT_DIR, Settings
from bot.services import BriefingApp, BriefingContext, Services
from tests.conftest import SEED
from tests.handlers.bot_api import RecordingRequest

ADMIN_ID = 42
TOKEN = "123456:TEST-token-not-real-000000000000"


@pytest.fixture(scope="session")
def seed_briefing(nlp: Language, lexicon: TopicLexicon) -> ArticleBriefing:
    article = parse_article_text(SEED.read_text(encoding="utf-8"))
    return process_article(nlp, article, lexicon)


class Clock:
    """A settable clock for digests: tests move time instead of waiting for it."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


class ErrorWatch:
    """What reached the bot's error handler.

    A handler that crashes still gets the user an apology, so a test that only reads the replies
    would pass: every error fails the test unless it was raised inside `expected()`."""

    def __init__(self, application: BriefingApp) -> None:
        self.unexpected: list[BaseException] = []
        self.expected: list[BaseException] = []
        self._expecting = False
        application.add_error_handler(self._record)

    async def _record(self, update: object, context: BriefingContext) -> None:
        assert context.error is not None
        (self.expected if self._expecting else self.unexpected).append(context.error)

    @contextlib.contextmanager
    def expecting(self) -> Iterator[list[BaseException]]:
        """Errors raised inside this block are the test's to check, not a failure."""
        self._expecting = True
        try:
            yield self.expected
        finally:
            self._expecting = False

    def check(self) -> None:
        """Fail with the first unexpected error (its traceback chained) if there was one."""
        if self.unexpected:
            errors = list(self.unexpected)
            self.unexpected.clear()
            raise AssertionError(
                f"the error handler ran {len(errors)} time(s), first for {errors[0]!r}"
            ) from errors[0]


@dataclass
class BotUnderTest:
    app: BriefingApp
    api: RecordingRequest
    clock: Clock
    errors: ErrorWatch = field(init=False)

    def __post_init__(self) -> None:
        self.errors = ErrorWatch(self.app)

    @property
    def services(self) -> Services:
        return self.app.bot_data.services

    async def send(self, payload: dict[str, Any]) -> list[str]:
        """Process one update; returns the texts the bot sent in answer."""
        before = len(self.api.calls)
        await self.app.process_update(Update.de_json(payload, self.app.bot))
        self.errors.check()
        calls = self.api.calls[before:]
        return [
            str(c.params.get("text", ""))
            for c in calls
            if c.method in ("sendMessage", "editMessageText")
        ]


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """Topics from the real lexicon; no bundled articles (tests add what they need)."""
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(CONTENT_DIR / "topics.toml", folder / "topics.toml")
    return folder


@pytest.fixture
async def make_bot(
    tmp_path: Path, content_dir: Path, seed_briefing: ArticleBriefing
) -> AsyncIterator[Callable[..., Any]]:
    started: list[BotUnderTest] = []

    async def factory(
        *,
        seed: bool = True,
        db_name: str = "bot.db",
        start: dt.datetime = dt.datetime(2016, 2, 11, 12, 0, tzinfo=dt.UTC),
        **overrides: Any,
    ) -> BotUnderTest:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_bot_token=TOKEN,
            admin_user_ids=frozenset({ADMIN_ID}),
            database_url=f"sqlite+aiosqlite:///{tmp_path / db_name}",
            content_dir=content_dir,
            **{"allow_private_urls": True, **overrides},
        )
        api = RecordingRequest()
        clock = Clock(start)
        app = build_application(settings, request=api, now=clock, rate_limit=False)
        await app.initialize()
        assert app.post_init is not None
        await app.post_init(app)
        await app.start()
        bot = BotUnderTest(app, api, clock)
        started.append(bot)
        if seed and not await bot.services.store.articles.all():
            await bot.services.store.articles.add(
                seed_briefing, raw_text=SEED.read_text(), added_by=None
            )
            await bot.services.newsroom.reload()
        return bot

    yield factory
    for under_test in started:
        await stop(under_test)
    # Errors outside `send` (a digest job, a restart) fail the test too.
    for under_test in started:
        under_test.errors.check()


@pytest.fixture
async def bot(make_bot: Callable[..., Any]) -> BotUnderTest:
    under_test: BotUnderTest = await make_bot()
    return under_test


async def stop(under_test: BotUnderTest) -> None:
    """Shut one bot down as run_polling would; safe to call twice (a restart test stops early)."""
    app = under_test.app
    if not app._initialized:
        return
    if app.running:
        await app.stop()
    assert app.post_shutdown is not None
    await app.post_shutdown(app)
    await app.shutdown()
