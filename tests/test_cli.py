"""`briefing-bot process`: the JSON contract on the seed, and bad input as one line + exit 2."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.conftest import ROOT, SEED

GOOD_BODY = (
    "The city council voted on Monday to close the old harbour bridge for repairs, officials said. "
    "The mayor said the work would take about six months and cost more than the city had hoped."
)


@pytest.fixture(autouse=True)
def _no_dotenv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)


def _bad(capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert fragment in lines[0]
    assert "Traceback" not in err


def test_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _bad(capsys, ["process", str(tmp_path / "nope.txt")], "no such file")


def test_folder_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _bad(capsys, ["process", str(tmp_path)], "folder")


def test_empty_and_whitespace(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    _bad(capsys, ["process", str(empty), "--published", "2020-01-01"], "empty")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n\t ")
    _bad(capsys, ["process", str(blank), "--published", "2020-01-01"], "empty")


def test_binary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    _bad(capsys, ["process", str(binary), "--published", "2020-01-01"], "binary")


def test_too_large(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(GOOD_BODY * 20_000)
    _bad(capsys, ["process", str(big), "--published", "2020-01-01"], "limit")


def test_no_date(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text(GOOD_BODY)
    _bad(capsys, ["process", str(plain)], "--published")


def test_bad_published_value(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text(GOOD_BODY)
    _bad(capsys, ["process", str(plain), "--published", "2020-02-30"], "YYYY-MM-DD")


def test_non_english(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    french = tmp_path / "fr.txt"
    french.write_text(
        "Le gouvernement a annoncé lundi une nouvelle réforme des retraites. Selon le ministre, "
        "les syndicats seront reçus à Matignon dans les prochains jours pour discuter du texte "
        "avant son examen par les députés au printemps."
    )
    _bad(capsys, ["process", str(french), "--published", "2020-01-01"], "English")


@pytest.mark.slow
def test_seed_json_contract() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "process", str(SEED), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["article"] == {
        **data["article"],
        "title": "US-Russia tensions rise as Munich Syria talks kick off",
        "published": "2016-02-11",
    }
    assert isinstance(data["article"]["id"], str)
    for key in ("actors", "quotes", "events", "places", "figures"):
        assert isinstance(data[key], list)
    assert isinstance(data["topics"], dict)
    for actor in data["actors"]:
        assert actor["kind"] in {"person", "org", "country", "group"}
        assert set(actor) >= {"name", "kind", "aliases", "role"}
    for event in data["events"]:
        assert set(event) >= {"date", "precision", "text"}
    for quote in data["quotes"]:
        assert set(quote) >= {"speaker", "text", "date"}
    for topic in data["topics"].values():
        assert set(topic) >= {"label", "positions", "events", "quotes", "sentences"}


@pytest.mark.slow
def test_only_the_program_freezes_what_it_loaded(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`briefing-bot process` exits after its article, so it leaves what it loaded to the exit
    (gc.freeze); main() given its arguments, as here, leaves the collector as it found it."""
    article = tmp_path / "bridge.txt"
    article.write_text(
        "Harbour bridge to close\n\nThe mayor of Dover, Ann Holt, said on Monday that the old "
        "harbour bridge would close for six months of repairs. The Port Authority said the "
        "work would cost more than the city had hoped.\n",
        encoding="utf-8",
    )
    argv = ["process", str(article), "--published", "2021-03-03", "--json"]
    frozen = gc.get_freeze_count()
    assert main(argv) == 0
    assert gc.get_freeze_count() == frozen
    in_process = json.loads(capsys.readouterr().out)
    program = subprocess.run(
        [
            sys.executable,
            "-c",
            "import gc, sys; from bot.cli import main; code = main(); "
            "print(gc.get_freeze_count(), file=sys.stderr); sys.exit(code)",
            *argv,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert program.returncode == 0, program.stderr
    assert int(program.stderr.strip().splitlines()[-1]) > 10_000
    printed = json.loads(program.stdout)
    assert printed["article"] == in_process["article"]
    assert [a["name"] for a in printed["actors"]] == [a["name"] for a in in_process["actors"]]
    assert printed["actors"], "the article's actors"


@pytest.mark.parametrize("token", [None, "changeme"])
def test_run_without_a_usable_token_points_to_demo(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, token: str | None
) -> None:
    if token is None:
        monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    else:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    _bad(capsys, ["run"], "briefing-bot demo")


@pytest.mark.slow
def test_the_report_reads_figures_and_counts_naturally(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "fossil.txt"
    article.write_text(
        "Fossil find in Dorset\n\nA fossil of a marine reptile found on a beach in Dorset is 189 "
        "million years old, the museum said on Monday. Its curator, Ann Holt, said the ceasefire "
        "between rival collectors had held.\n",
        encoding="utf-8",
    )
    assert main(["process", str(article), "--published", "2021-03-03"]) == 0
    report = capsys.readouterr().out
    assert "189 million years old = 189 million" in report
    assert "e+08" not in report
    assert ": 1 sentence\n" in report
    assert "1 sentences" not in report
