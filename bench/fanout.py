"""Item 5: the daily digest fan-out to 10,000 chats against the local Bot API server over HTTP.

All digests fall due at the same minute, so the JobQueue starts every chat's delivery at once;
the benchmark does the same with `DigestScheduler.deliver` for each subscription, concurrently.
(a) Telegram's limits on (AIORateLimiter in the bot, 429s from the server beyond them): a slice
of chats, its time against the bound N messages / 30 per second, projected to all chats.
(b) Limits lifted: the bot's CPU time per delivered digest (the server's own thread excluded),
and every chat gets its digest exactly once. (c) A /who sent while (a) is under way.
"""

from __future__ import annotations

import asyncio
import collections
import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from telegram import Update

from bench.inprocess import NOON, TOKEN, settings_for, start_app, stop_app
from bench.report import Row
from bot.digest import DIGESTS_IN_FLIGHT, compose_digest
from bot.render.pictures import warm_up
from bot.store import Subscription
from tests.e2e.fake_bot_api import FakeBotApi
from tests.handlers.updates import private

OVERALL_RATE = 30  # messages per second, Telegram's broadcast limit
BOUND_SLACK = 1.05
CPU_TARGET_MS = 1.0
WHO_TARGET_MS = 200.0
WHO_CHAT = 77  # a private chat with no subscription


@dataclass(frozen=True)
class FanOut:
    chats: int
    messages: int
    wall: float
    bot_cpu: float
    who_latency: float | None
    retries: int  # 429 answers the server gave
    lost: int  # chats that got no digest
    doubled: int  # chats that got it more than once
    errors: dict[str, int]  # exceptions that escaped DigestScheduler.deliver, by type
    bare_cpu: float | None = None  # CPU per bare httpx POST of the same message (limits lifted)


async def _bare_post_cpu(
    api: FakeBotApi, text: str, posts: int, server_thread: int | None
) -> float:
    """CPU per sendMessage POSTed with a plain httpx client, DIGESTS_IN_FLIGHT at a time.

    The floor under python-telegram-bot's HTTPXRequest: the same message to the same server,
    without building a request object or parsing the returned Message.
    """
    url = f"{api.base_url}{TOKEN}/sendMessage"
    queue = iter(range(posts))
    async with httpx.AsyncClient() as client:

        async def worker() -> None:
            for n in queue:
                payload = {"chat_id": 900_000 + n, "text": text, "parse_mode": "HTML"}
                response = await client.post(url, json=payload)
                if not response.json().get("ok"):
                    raise SystemExit(f"the bare POST was refused: {response.text}")

        cpu = time.process_time() - _thread_cpu(server_thread)
        await asyncio.gather(*(worker() for _ in range(DIGESTS_IN_FLIGHT)))
        return (time.process_time() - _thread_cpu(server_thread) - cpu) / posts


def _thread_cpu(thread_id: int | None) -> float:
    if thread_id is None:
        return 0.0
    return time.clock_gettime(time.pthread_getcpuclockid(thread_id))


async def _fan_out(
    database_url: str, content: Path, *, chats: int | None, rate_limit: bool, who_after: float
) -> FanOut:
    api = FakeBotApi(TOKEN, strict_chats=False, flood_control=rate_limit).start()
    server_thread = api._thread.ident if api._thread else None
    try:
        settings = settings_for(database_url, content, telegram_api_url=api.base_url)
        app = await start_app(settings, rate_limit=rate_limit)
        try:
            # The chart renderer's one-off warm-up (a job 3 s after start) is start-up work, not
            # fan-out work: done here first, the job then finds it done.
            await asyncio.to_thread(warm_up)
            services = app.bot_data.services
            subs = (await services.store.subscriptions.active())[:chats]
            day: dt.date = NOON.date()
            digest = compose_digest(services.newsroom.view, subs[0].last_seq, subs[0].topics, day)
            parts = len(digest.parts)
            who_latency: list[float] = []

            async def ask_who() -> None:
                await asyncio.sleep(who_after)
                update = Update.de_json(private("/who", WHO_CHAT), app.bot)
                began = time.perf_counter()
                await app.process_update(update)
                who_latency.append(time.perf_counter() - began)

            before = len(api.requests("sendMessage"))
            cpu = time.process_time() - _thread_cpu(server_thread)
            began = time.perf_counter()
            who = asyncio.create_task(ask_who()) if who_after >= 0 else None
            # return_exceptions: an exception escaping deliver() is what a job would log and drop.
            results = await asyncio.gather(
                *(services.digests.deliver(sub, day) for sub in subs), return_exceptions=True
            )
            wall = time.perf_counter() - began
            if who is not None:
                await who
            cpu = time.process_time() - _thread_cpu(server_thread) - cpu
            # The server records a call just after answering it: let the last records land.
            await asyncio.sleep(0.5)
            lost, doubled = _check(api, subs, parts, before)
            retries = sum(r.status == 429 for r in api.requests("sendMessage")[before:])
            errors = collections.Counter(
                type(r).__name__ for r in results if isinstance(r, BaseException)
            )
            bare = (
                None
                if rate_limit
                else await _bare_post_cpu(api, digest.parts[0], min(len(subs), 2000), server_thread)
            )
            return FanOut(
                len(subs),
                len(subs) * parts,
                wall,
                cpu,
                who_latency[0] if who_latency else None,
                retries,
                lost,
                doubled,
                dict(errors),
                bare,
            )
        finally:
            await stop_app(app)
    finally:
        api.stop()


def _check(api: FakeBotApi, subs: list[Subscription], parts: int, before: int) -> tuple[int, int]:
    """Chats the server saw no digest for, and chats it saw one for more than once."""
    delivered = collections.Counter(
        int(r.params["chat_id"])
        for r in api.requests("sendMessage")[before:]
        if r.ok and int(r.params["chat_id"]) != WHO_CHAT
    )
    lost = sum(delivered[s.chat_id] < parts for s in subs)
    doubled = sum(n > parts for n in delivered.values())
    return lost, doubled


def fanout_rows(
    limited_store: str, free_store: str, content: Path, total: int, slice_chats: int
) -> list[Row]:
    """Two stores with the same subscriptions: a delivery claimed in one run stays claimed."""
    limited = asyncio.run(
        _fan_out(limited_store, content, chats=slice_chats, rate_limit=True, who_after=5.0)
    )
    if limited.lost or limited.doubled or limited.errors:
        raise SystemExit(f"the rate-limited fan-out went wrong: {limited}")
    free = asyncio.run(_fan_out(free_store, content, chats=None, rate_limit=False, who_after=-1))
    bound = limited.messages / OVERALL_RATE
    over = limited.wall / bound
    projected = limited.wall * total / limited.chats
    delivered = free.chats - free.lost
    cpu_ms = free.bot_cpu / max(delivered, 1) * 1e3
    errors = ", ".join(f"{n} {name}" for name, n in free.errors.items()) or "none"
    who_ms = (limited.who_latency or float("inf")) * 1e3
    return [
        Row(
            "5a",
            f"{limited.chats:,} chats at Telegram's limits ({limited.messages:,} messages, "
            f"{limited.retries} answered 429): time / bound N/30 s; projected to {total:,} chats",
            f"{over:.3f} ({limited.wall:.1f} s vs {bound:.1f} s); {projected / 60:.1f} min",
            f"<= {BOUND_SLACK}",
            over <= BOUND_SLACK,
        ),
        Row(
            "5b",
            f"{free.chats:,} chats, limits lifted: bot CPU per delivered digest "
            "(wall time for the whole fan-out in brackets)",
            f"{cpu_ms:.2f} ms ({free.wall:.1f} s)",
            f"<= {CPU_TARGET_MS:.0f} ms",
            cpu_ms <= CPU_TARGET_MS,
        ),
        Row(
            "5b",
            "the floor: CPU per sendMessage POSTed with a bare httpx client (same message and "
            "server); bot CPU per digest / that floor",
            f"{(free.bare_cpu or 0) * 1e3:.2f} ms; {cpu_ms / ((free.bare_cpu or 1) * 1e3):.1f}x",
        ),
        Row(
            "5b",
            f"{free.chats:,} chats, all due at once: lost / duplicated digests (checked per "
            "chat at the server); exceptions out of deliver()",
            f"{free.lost:,} / {free.doubled:,}; {errors}",
            "0 / 0",
            free.lost == 0 and free.doubled == 0,
        ),
        Row(
            "5c",
            "/who sent 5 s into the rate-limited fan-out: time to its answer",
            f"{who_ms:,.0f} ms",
            f"<= {WHO_TARGET_MS:.0f} ms",
            who_ms <= WHO_TARGET_MS,
        ),
    ]
