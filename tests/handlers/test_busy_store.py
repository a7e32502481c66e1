"""A database another process holds locked for a moment: the bot waits instead of failing."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from tests.handlers import updates
from tests.handlers.conftest import BotUnderTest

pytestmark = pytest.mark.slow


async def test_subscribe_waits_for_a_locked_database(bot: BotUnderTest, tmp_path: Path) -> None:
    locked = threading.Event()

    def hold_the_write_lock() -> None:
        with sqlite3.connect(tmp_path / "bot.db", timeout=5) as db:
            db.execute("BEGIN IMMEDIATE")
            locked.set()
            time.sleep(1.5)
            db.rollback()

    holder = threading.Thread(target=hold_the_write_lock)
    holder.start()
    await asyncio.to_thread(locked.wait, 5)
    started = time.monotonic()
    reply = "\n".join(await bot.send(updates.private("/subscribe 07:00")))
    holder.join()
    assert "Subscribed" in reply
    assert time.monotonic() - started >= 1.0  # it really waited for the lock
    assert await bot.services.store.subscriptions.get(500, 0) is not None
