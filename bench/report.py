"""One row per measured figure, the table they make, and the process measurements they share."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Row:
    """A figure, the target it is held to, and whether it met it (None: no target)."""

    item: str
    measure: str
    value: str
    target: str = ""
    met: bool | None = None


def render_table(rows: Sequence[Row]) -> str:
    """A Markdown table: readable in a terminal and pasted as is into docs/benchmarks.md."""
    lines = ["| # | measure | value | target | met |", "|---|---|---|---|---|"]
    for row in rows:
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        lines.append(f"| {row.item} | {row.measure} | {row.value} | {row.target} | {met} |")
    return "\n".join(lines)


def median_pair(
    first: Callable[[], object], second: Callable[[], object], runs: int
) -> tuple[float, float]:
    """Medians of two callables timed alternately, so drift on a shared machine hits both."""
    a, b = [], []
    for _ in range(runs):
        start = time.perf_counter()
        first()
        a.append(time.perf_counter() - start)
        start = time.perf_counter()
        second()
        b.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)


def percentile(samples: Sequence[float], share: float) -> float:
    """Nearest-rank percentile: with 100 samples, p99 is the second slowest."""
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


def _proc_status_mb(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def rss_mb() -> float:
    """Resident set size of this process now, from /proc."""
    return _proc_status_mb("VmRSS")


def peak_rss_mb() -> float:
    """The highest resident set size this process's own image has had (VmHWM).

    Not getrusage's ru_maxrss: Linux carries that across exec, so a probe started by a large
    parent (the benchmark run holds its corpus and stores) reported the parent's size as its
    own peak: 1,392 MB where the probe itself never went past 400.
    """
    return _proc_status_mb("VmHWM")


def machine_load() -> str:
    """The 1/5/15-minute load averages: other work on the machine while the benchmarks ran."""
    with open("/proc/loadavg", encoding="ascii") as loadavg:
        return " ".join(loadavg.read().split()[:3])


def run_probe(module: str, *args: str) -> dict[str, Any]:
    """Run `python -m module args...` in a fresh process; its last line of output is JSON."""
    out = subprocess.run(
        [sys.executable, "-m", module, *args], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result
