"""Load: many users sending commands within a minute to the real bot process, over HTTP, through
the local fake Bot API server. Checks every command is answered exactly once, then reports
latency percentiles (a benchmark figure, never a test).

    .venv/bin/python -m bench.load_e2e [--users 1000] [--seconds 60]

Latency is from the moment the server queues a user's update to the moment the bot's reply reaches
the server. The bot keeps Telegram's real rate limits (30 messages/s overall), so the offered load
(users / seconds) must stay under that for the figure to mean answering speed, not queueing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.harness import BotProcess
from tests.e2e.updates import User

WARM_AFTER_S = 5.0
COMMANDS = ("/who kerry", "/brief", "/timeline", "/ceasefire", "/who carter", "/where", "/quotes")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    users = [User(10_000 + n, f"User{n}") for n in range(args.users)]
    with FakeBotApi() as api, tempfile.TemporaryDirectory() as folder:
        bot = BotProcess(api, Path(folder), env={"LOG_LEVEL": "WARNING"})
        bot.start()
        bot.wait_until_ready()
        sent_at: dict[int, float] = {}
        sent_at_mono: dict[int, float] = {}
        start = time.monotonic()
        for n, user in enumerate(users):
            # Spread the users evenly over the period, as real traffic would arrive.
            delay = start + n * args.seconds / args.users - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            api.private_message(user, COMMANDS[n % len(COMMANDS)])
            sent_at[user.id] = time.time()
            sent_at_mono[user.id] = time.monotonic()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            answered = {r.params.get("chat_id") for r in api.requests("sendMessage") if r.ok}
            if len(answered) >= len(users):
                break
            time.sleep(0.5)
        bot.stop()
        replies: dict[int, list[float]] = {}
        for request in api.requests("sendMessage"):
            if request.ok:
                replies.setdefault(int(request.params["chat_id"]), []).append(request.time)
    missing = [u.id for u in users if u.id not in replies]
    if missing:
        raise SystemExit(
            f"{len(missing)} of {len(users)} commands got no answer (first: {missing[:5]})"
        )
    latencies = [(min(replies[u.id]) - sent_at[u.id]) * 1000 for u in users]
    print(f"{len(users)} users in {args.seconds:.0f} s: every command answered")
    print(f"latency ms, all: {_summary(latencies)}")
    # The first seconds include drawing's cold start (the first /timeline and /where after a
    # start import matplotlib and read the map): shown apart, and in the figures above.
    warm_from = start + WARM_AFTER_S
    warm = [
        lat
        for user, lat in zip(users, latencies, strict=True)
        if sent_at_mono[user.id] >= warm_from
    ]
    slowest = max(range(len(users)), key=lambda n: latencies[n])
    print(f"latency ms, after the first {WARM_AFTER_S:.0f} s: {_summary(warm)}")
    print(
        f"slowest: {COMMANDS[slowest % len(COMMANDS)]} sent {sent_at_mono[users[slowest].id] - start:.1f} s "
        f"after the bot was ready, {latencies[slowest]:.0f} ms"
    )


def _summary(latencies: list[float]) -> str:
    return (
        f"median {statistics.median(latencies):.1f}, p90 {percentile(latencies, 0.9):.1f}, "
        f"p99 {percentile(latencies, 0.99):.1f}, max {max(latencies):.1f}"
    )


if __name__ == "__main__":
    main()
