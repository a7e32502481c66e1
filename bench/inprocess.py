"""The real Application (handlers, store, digests) with an in-process Bot API that notes send times."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, update
from telegram import Update

from bot.app import build_application
from bot.briefing import version as engine
from bot.briefing.lexicon import load_lexicon
from bot.config import Settings
from bot.services import BriefingApp
from bot.store import Store
from bot.store.schema import BriefingRow
from tests.handlers.bot_api import RecordingRequest

TOKEN = "123456:TEST-token-not-real-000000000000"
ADMIN_ID = 42
# Noon UTC: four hours after the 08:00 digests, beyond the catch-up grace, so start-up sends none.
NOON = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)
_SENDS = frozenset({"sendMessage", "editMessageText"})
# The collector's thresholds before any bot ran: a running bot changes them (see
# bot.app._freeze_when_settled), and stop_app puts them back for the next one in this process.
_THRESHOLDS = gc.get_threshold()


@dataclass
class TimedRequest(RecordingRequest):
    """Answers like Telegram, inside this process, and notes when each message went out."""

    sent_at: list[float] = field(default_factory=list)

    def answer(self, api_method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if api_method in _SENDS:
            self.sent_at.append(time.perf_counter())
        return super().answer(api_method, params)


def settings_for(database_url: str, content_dir: Path, **overrides: Any) -> Settings:
    return Settings(
        _env_file=None,
        telegram_bot_token=TOKEN,
        admin_user_ids=frozenset({ADMIN_ID}),
        database_url=database_url,
        content_dir=content_dir,
        **overrides,
    )


async def restamp_briefings(settings: Settings) -> None:
    """Mark the stored briefings as made by the engine on disk now.

    The engine's version includes a fingerprint of its source, and others edit that source while
    a run is under way: the bot would then reprocess every article with spaCy at start-up, which
    is not what a start-up benchmark measures. The briefings' shape is the same pydantic model.
    """
    # The fingerprint is cached per process; this process may have computed it before the edit.
    engine._code_fingerprint.cache_clear()
    version = engine.engine_version(load_lexicon(settings.content_dir / "topics.toml"))
    async with await Store.open(settings.database_url) as store, store.engine.begin() as db:
        changed = await db.execute(
            update(BriefingRow)
            .where(BriefingRow.engine_version != version)
            # The version is also inside the briefing's JSON, which is what the newsroom reads.
            .values(
                engine_version=version,
                data=func.json_set(BriefingRow.data, "$.engine_version", version),
            )
        )
    if changed.rowcount:
        logging.getLogger(__name__).warning(
            "the engine's source changed during the run: %d stored briefings re-stamped",
            changed.rowcount,
        )


async def start_app(
    settings: Settings,
    request: RecordingRequest | None = None,
    *,
    rate_limit: bool = False,
    restamp: bool = True,
) -> BriefingApp:
    """Initialise and start the application as run_polling would, minus the polling."""
    if restamp:
        await restamp_briefings(settings)
    # As `briefing-bot run` builds it; stop_app unfreezes, for the next bot in this process.
    app = build_application(
        settings, request=request, now=lambda: NOON, rate_limit=rate_limit, freeze_after_start=True
    )
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    await app.start()
    return app


async def stop_app(app: BriefingApp) -> None:
    if app.running:
        await app.stop()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)
    await app.shutdown()
    gc.unfreeze()
    gc.set_threshold(*_THRESHOLDS)


async def timed_update(
    app: BriefingApp, request: TimedRequest, payload: dict[str, Any]
) -> tuple[float, list[str]]:
    """Seconds from process_update to the first outgoing message, and the texts sent."""
    before = len(request.calls)
    request.sent_at.clear()
    update = Update.de_json(payload, app.bot)
    began = time.perf_counter()
    await app.process_update(update)
    if not request.sent_at:
        raise SystemExit(f"no reply to {payload['message'].get('text')!r}")
    texts = [str(c.params.get("text", "")) for c in request.calls[before:] if c.method in _SENDS]
    return request.sent_at[0] - began, texts
