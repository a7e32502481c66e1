"""Item 3: answer latency inside the bot, from process_update to the outgoing send call.

The real handlers and store; the Bot API is answered in-process, so the figure is the bot's own
work. Commands are interleaved round by round, so a noisy moment on the machine hits them all.
"""

from __future__ import annotations

import asyncio
import html
import statistics
from pathlib import Path

from bench.inprocess import TimedRequest, settings_for, start_app, stop_app, timed_update
from bench.report import Row, percentile
from bot.services import BriefingApp
from tests.handlers.updates import private

P99_TARGET_MS = 10.0
GROWTH_TARGET = 10.0


def _commands(app: BriefingApp) -> list[str]:
    view = app.bot_data.services.newsroom.view
    top = max(view.briefing.actors, key=lambda a: a.salience)
    return ["/who", f"/who {top.name}", "/timeline", "/ceasefire", "/brief"]


def _check(command: str, texts: list[str]) -> None:
    """A fast answer that says nothing is no result: each reply must carry the briefing."""
    reply = html.unescape(" ".join(texts))
    if len(reply) < 80:
        raise SystemExit(f"{command!r} got a near-empty reply: {reply!r}")
    if command.startswith("/who ") and command.split(maxsplit=1)[1] not in reply:
        raise SystemExit(f"{command!r} did not answer about that actor: {reply[:200]!r}")


async def _measure(database_url: str, content: Path, rounds: int) -> dict[str, list[float]]:
    request = TimedRequest()
    app = await start_app(settings_for(database_url, content), request)
    try:
        # Time a bot that has settled, as the scale step does: on a store as built, the start's
        # late work stores every story's briefing once, which a restarted bot does not repeat.
        await app.bot_data.services.newsroom.settled()
        commands = _commands(app)
        samples: dict[str, list[float]] = {c: [] for c in commands}
        for n in range(rounds + 3):
            for command in commands:
                seconds, texts = await timed_update(app, request, private(command, 500 + n))
                if n < 3:  # warm-up rounds: first answers fill caches
                    _check(command, texts)
                    continue
                samples[command].append(seconds)
            request.clear()
        return samples
    finally:
        await stop_app(app)


def latency_rows(stores: dict[int, str], content: Path, rounds: int = 100) -> list[Row]:
    """`stores`: article count -> database URL (1, 100 and 1,000 articles)."""
    results = {n: asyncio.run(_measure(url, content, rounds)) for n, url in sorted(stores.items())}
    largest, middle = max(results), sorted(results)[-2]
    rows = []
    for index, command in enumerate(results[largest]):
        cells = []
        for n in sorted(results):
            samples = list(results[n].values())[index]
            cells.append(f"{statistics.median(samples) * 1e3:.1f}")
        big = list(results[largest].values())[index]
        mid = list(results[middle].values())[index]
        p99 = percentile(big, 0.99) * 1e3
        growth = statistics.median(big) / statistics.median(mid)
        label = "/who NAME" if command.startswith("/who ") else command
        rows.append(
            Row(
                "3",
                f"{label}: median ms at {', '.join(map(str, sorted(results)))} articles; "
                f"p99 at {largest:,}; growth {middle}->{largest:,}",
                f"{' / '.join(cells)}; p99 {p99:.1f} ms; {growth:.1f}x",
                f"p99 <= {P99_TARGET_MS:.0f} ms; growth << {GROWTH_TARGET:.0f}x",
                p99 <= P99_TARGET_MS and growth < GROWTH_TARGET / 2,
            )
        )
    return rows
