"""Stores full of processed articles and subscriptions, built once per run for the bot benchmarks.

Articles are the synthetic corpus as the engine processed it, copied under new ids and hashes until
there are enough: a store of 1,000 briefings costs no spaCy time once the corpus is processed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import shutil
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import insert

from bot.briefing.models import ArticleBriefing
from bot.config import CONTENT_DIR
from bot.store import Store
from bot.store.schema import SubscriptionRow

DIGEST_TIME = dt.time(8, 0)


def copy_briefing(briefing: ArticleBriefing, copy: int) -> ArticleBriefing:
    """The same briefing stored as another article: every reference follows the new id."""
    if copy == 0:
        return briefing
    article = briefing.article
    new_hash = hashlib.sha256(f"{article.content_hash}:{copy}".encode()).hexdigest()
    new_id = new_hash[:8]
    data = briefing.model_dump_json()
    # Ids are hex digests, so a plain replacement cannot hit anything but the id itself.
    data = data.replace(article.content_hash, new_hash).replace(f'"{article.id}"', f'"{new_id}"')
    return ArticleBriefing.model_validate_json(data)


def briefings_for(pool: Sequence[ArticleBriefing], count: int) -> list[ArticleBriefing]:
    """`count` distinct briefings: the pool first, then copies of it."""
    return [copy_briefing(pool[i % len(pool)], i // len(pool)) for i in range(count)]


def content_dir(folder: Path) -> Path:
    """Topics from the real lexicon and no bundled articles: the store holds everything."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(CONTENT_DIR / "topics.toml", folder / "topics.toml")
    return folder


async def fill_articles(database_url: str, briefings: Sequence[ArticleBriefing]) -> None:
    async with await Store.open(database_url) as store:
        for briefing in briefings:
            raw = "\n\n".join([briefing.article.title, *briefing.article.paragraphs])
            await store.articles.add(briefing, raw_text=raw, added_by=None)
        # Without the flag an empty store would seed the bundled articles (and load spaCy).
        await store.set_flag("seeded")


async def fill_subscriptions(database_url: str, count: int, *, first_chat: int = 10_000) -> None:
    """`count` active subscriptions: four private chats to one group, all due at 08:00 UTC."""
    now = dt.datetime.now(dt.UTC)
    rows: list[dict[str, object]] = []
    for n in range(count):
        group = n % 5 == 4
        rows.append(
            {
                "chat_id": -(1_000_000_000_000 + first_chat + n) if group else first_chat + n,
                "thread_id": 0,
                "chat_type": "supergroup" if group else "private",
                "time": DIGEST_TIME,
                "tz": "UTC",
                "topics": [],
                "daily": True,
                "active": True,
                "deactivated_reason": None,
                "last_seq": 0,
                "created_at": now,
                "updated_at": now,
            }
        )
    async with await Store.open(database_url) as store, store.engine.begin() as connection:
        # One executemany: setting up 10,000 chats through /subscribe is not what is measured.
        await connection.execute(insert(SubscriptionRow), rows)


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


def build_store(path: Path, briefings: Sequence[ArticleBriefing], subscriptions: int = 0) -> str:
    """A fresh SQLite store at `path`; returns its URL."""
    path.unlink(missing_ok=True)
    url = sqlite_url(path)
    asyncio.run(fill_articles(url, briefings))
    if subscriptions:
        asyncio.run(fill_subscriptions(url, subscriptions))
    return url
