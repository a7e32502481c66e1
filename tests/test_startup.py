"""Start-up stays light: the bot answers from stored briefings without importing spaCy or matplotlib.

Importing spaCy takes about 0.5 s and matplotlib about 0.5 s here, a large part of the start-up
budget; they are imported on the worker threads that first process an article or draw a picture.
Alembic (0.2 s) is imported only when the database is not at the newest schema revision.
"""

from __future__ import annotations

import asyncio
import gc
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import CONTENT_DIR

HEAVY = ("spacy", "thinc", "matplotlib", "numpy", "dateparser", "trafilatura", "alembic")


def test_the_bot_and_its_handlers_import_without_spacy_or_matplotlib() -> None:
    probe = (
        "import json, sys\n"
        "import bot.cli, bot.app, bot.runner, bot.render.pictures, handlers\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout
    assert json.loads(out) == []


async def test_the_running_bot_leaves_what_its_start_loaded_out_of_full_collections(
    tmp_path: Path,
) -> None:
    # bench.inprocess starts the bot as `briefing-bot run` builds it (freeze_after_start).
    from bench.inprocess import TimedRequest, settings_for, start_app, stop_app

    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(CONTENT_DIR / "topics.toml", content / "topics.toml")
    settings = settings_for(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", content)
    assert gc.get_freeze_count() == 0
    app = await start_app(settings, TimedRequest(), restamp=False)
    try:
        frozen = gc.get_freeze_count()
    finally:
        await stop_app(app)
    assert frozen > 10_000  # the bot's modules and the store's objects, at the least
    assert gc.get_freeze_count() == 0  # unfrozen for whatever runs next in this process


async def test_what_the_start_groups_after_its_first_answers_is_frozen_once_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bench.inprocess import TimedRequest, settings_for, start_app, stop_app
    from bot.app import FULL_PASS_AFTER
    from bot.store import Store
    from tests.test_store import HARBOUR, RAILWAY, RIVER

    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(CONTENT_DIR / "topics.toml", content / "topics.toml")
    settings = settings_for(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", content)
    async with await Store.open(settings.database_url) as store:
        for briefing in (RIVER, HARBOUR, RAILWAY):
            await store.articles.add(briefing, raw_text=briefing.article.title, added_by=None)
        await store.set_flag("seeded")
    monkeypatch.setattr("bot.newsroom.GROUP_AT_ONCE", 0)  # grouped after the first answers
    thresholds = gc.get_threshold()
    app = await start_app(settings, TimedRequest())  # restamped: nothing is reprocessed
    try:
        newsroom = app.bot_data.services.newsroom
        assert newsroom.view.desk.pending
        await newsroom.settled()
        stories = newsroom.view.desk.ranked
        assert len(stories) == 3 and all(gc.is_tracked(s) for s in stories)
        for _ in range(200):  # the freeze follows the late work, on its own task
            unfrozen = {id(o) for o in gc.get_objects()}
            if not unfrozen & {id(s) for s in stories}:
                break
            await asyncio.sleep(0.01)
        assert not unfrozen & {id(s) for s in stories}
        assert gc.get_threshold()[2] == FULL_PASS_AFTER  # full passes made rarer then
    finally:
        await stop_app(app)
    assert gc.get_threshold() == thresholds
