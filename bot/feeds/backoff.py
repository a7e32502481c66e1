"""When a feed is polled next: every interval with jitter, exponentially later after errors."""

from __future__ import annotations

import datetime as dt
import random

# A feed failing for days is still tried daily, so it recovers by itself when the site does.
MAX_BACKOFF = dt.timedelta(hours=24)
# Each poll lands within ±10% of the interval: feeds added together drift apart, and several
# instances do not hit the same sites in the same second.
JITTER = 0.1


def next_poll_delay(
    interval: dt.timedelta, failures: int, rng: random.Random | None = None
) -> dt.timedelta:
    """The wait before the next poll after `failures` errors in a row (0 after a success)."""
    base = interval * (2 ** min(failures, 16)) if failures > 0 else interval
    base = min(base, MAX_BACKOFF)
    spread = (rng or random).uniform(1 - JITTER, 1 + JITTER)
    return min(base * spread, MAX_BACKOFF)
