"""What a new user reads in the demo agrees with itself: counts, order and dates across screens."""

from __future__ import annotations

import asyncio
import re

import pytest

from bot.config import Settings
from bot.demo import DemoChat

pytestmark = pytest.mark.slow

# "#1" and "#2" press the timeline's Next buttons: its last page holds the coarse dates.
COMMANDS = ("/who", "/where", "/who Syria", "/ceasefire", "/timeline", "#1", "#2")


class _MarkingLines(asyncio.Queue[str | None]):
    """The typed lines; each one read marks where the bot's answer to it begins."""

    def __init__(self, shown: list[str]) -> None:
        super().__init__()
        self.shown = shown

    async def get(self) -> str | None:
        line = await super().get()
        self.shown.append(f"\0{line}")
        return line


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The demo's answer to each command, as the terminal shows it."""
    workdir = tmp_path_factory.mktemp("demo")
    shown: list[str] = []

    async def chat() -> None:
        lines = _MarkingLines(shown)
        for line in (*COMMANDS, None):
            lines.put_nowait(line)
        settings = Settings(_env_file=None)  # type: ignore[call-arg]
        assert await DemoChat(settings, out=shown.append, pictures=workdir / "pics").run(lines) == 0

    asyncio.run(chat())
    answers: dict[str, list[str]] = {}
    current: list[str] = []
    for item in shown:
        if item.startswith("\0"):
            current = answers.setdefault(item[1:], [])
        else:
            current.append(item)
    return {command: "\n".join(answers[command]) for command in COMMANDS}


def _positions(text: str) -> list[str]:
    block = text.split("Positions", 1)[1].split("\n\n", 1)[0]
    return [line for line in block.splitlines() if line.startswith("•")]


def test_ceasefire_lists_each_position_once_dated_when_it_was_said(
    screens: dict[str, str],
) -> None:
    text = screens["/ceasefire"]
    positions = _positions(text)
    parties = [re.match(r"• (.+?) \(", line) for line in positions]
    stances = [m.group(1) for m in parties if m is not None]
    assert len(stances) == len(positions)
    assert len(set(stances)) == len(stances), positions  # no position listed twice
    assert f"{len(positions)} positions" in text.splitlines()[1]  # the header counts them
    rejection = next(line for line in positions if line.startswith("• United States rejects"))
    # A US official said it "on Wednesday", 10 Feb; 1 March is when the ceasefire would start.
    assert "(10 Feb 2016" in rejection
    assert "1 Mar 2016" not in rejection.split(":", 1)[0]


def test_timeline_puts_a_year_after_its_dated_events_and_its_legend_holds_for_the_text(
    screens: dict[str, str],
) -> None:
    text = "\n".join(screens[c] for c in ("/timeline", "#1", "#2"))
    entries = [line for line in text.splitlines() if line.startswith(("●", "◇"))]
    assert "● happened, ◇ planned" in text  # the legend, and the entries carry its marks
    assert any(line.startswith("● 9 Feb 2016") for line in entries)
    planned = [line for line in entries if "· planned" in line]
    assert planned and all(line.startswith("◇") for line in planned)
    order = [line.split(" (“")[0] for line in entries]
    assert order.index("◇ 2016 · planned") > order.index("◇ 1 Mar 2016 · planned")
    assert order.index("● Jan 2016") < order.index("● week of 1 Feb 2016")


def test_who_shows_the_score_it_ranks_by(screens: dict[str, str]) -> None:
    text = screens["/who"]
    assert "Ranked by score" in text
    ranked = re.findall(r"^\d+\. .* · score (\d+) · (\d+) mentions?$", text, flags=re.M)
    assert len(ranked) == 10, text
    scores = [int(score) for score, _ in ranked]
    assert scores == sorted(scores, reverse=True)  # what ranks is on every line


def test_who_and_where_count_a_country_the_same(screens: dict[str, str]) -> None:
    where = re.search(r"^• Syria \(country, SY\) · (\d+) mentions", screens["/where"], re.M)
    who = re.search(r"^(\d+) mentions in 1 article$", screens["/who Syria"], re.M)
    assert where is not None and who is not None
    # "fighting in Syria" (a place) and "Syria's government" (an actor) both name Syria.
    assert who.group(1) == where.group(1)
