"""`briefing-bot demo`: the real application in a terminal, offline, the user an admin."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Settings
from bot.demo import DemoChat
from tests.conftest import ROOT
from tests.helpers.feed_site import FeedSite

pytestmark = pytest.mark.slow


async def test_demo_answers_commands_and_buttons(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shown: list[str] = []
    lines: asyncio.Queue[str | None] = asyncio.Queue()
    for line in ("/who kerry", "/timeline", "#1", "/add", "/subscribe 07:00 Europe/Berlin", None):
        lines.put_nowait(line)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert await DemoChat(settings, out=shown.append).run(lines) == 0
    text = "\n".join(shown)
    assert "US Secretary of State" in text  # HTML rendered as plain text
    assert "<b>" not in text
    assert "Page 2 of" in text  # the #1 button press
    assert "To add an article" in text  # the demo user is an admin
    assert "Europe/Berlin" in text
    assert not (tmp_path / "data").exists()  # the demo leaves no database behind


def _demo_process(folder: Path, *args: str, typed: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot", "demo", *args],
        input=typed,
        capture_output=True,
        text=True,
        cwd=folder,
        env=env,
        timeout=120,
        check=False,
    )


def test_demo_process_ends_cleanly_on_end_of_input(tmp_path: Path) -> None:
    result = _demo_process(tmp_path, typed="/brief\n")
    assert result.returncode == 0, result.stderr
    assert "Munich" in result.stdout
    assert "The New Arab" in result.stdout  # the bundled article's outlet
    assert "Al Jazeera" not in result.stdout
    assert "Traceback" not in result.stderr


async def test_demo_takes_a_pasted_article_after_add_and_saves_pictures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shown: list[str] = []
    lines: asyncio.Queue[str | None] = asyncio.Queue()
    article = [
        "Harbour workers in Eastport walk out",
        "Dock workers in Eastport went on strike on Tuesday, the Eastport Dockers Union said.",
        '"We have waited long enough," union leader Marta Kowalczyk told reporters.',
        "Talks with the port authority will resume next Monday, she said.",
    ]
    for line in ("/add 2023-05-11", *article, "", "/articles", "/timeline", None):
        lines.put_nowait(line)
    pictures = tmp_path / "pictures"
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert await DemoChat(settings, out=shown.append, pictures=pictures).run(lines) == 0
    text = "\n".join(shown)
    assert "an empty line ends it" in text
    assert "Harbour workers in Eastport walk out" in text  # /articles lists the pasted article
    saved = sorted(pictures.glob("*.png"))
    assert saved, text
    assert f"picture saved: {saved[0]}" in text
    assert saved[0].read_bytes().startswith(b"\x89PNG")


async def test_demo_follows_a_feed_file_and_its_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shown: list[str] = []
    lines: asyncio.Queue[str | None] = asyncio.Queue()
    for line in ("/who solberg", "/feed list", None):
        lines.put_nowait(line)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    feed = ROOT / "content" / "demo-feed" / "feed.xml"
    chat = DemoChat(settings, out=shown.append, pictures=tmp_path / "pictures", feed=str(feed))
    assert await chat.run(lines) == 0
    text = "\n".join(shown)
    assert "Following Harbour Desk (demo feed) (feed 1)" in text
    assert "3 new articles" in text
    assert "Union leader" in text  # /who answers from the feed's articles
    assert "3 articles given" in text
    assert not settings.allow_private_urls  # only the demo's own copy allows its local server


def test_demo_with_a_missing_feed_file_is_bad_input(tmp_path: Path) -> None:
    result = _demo_process(tmp_path, "--feed", "nowhere.xml", typed="")
    assert result.returncode == 2
    assert "nowhere.xml: no such feed file" in result.stderr


async def test_demo_follows_a_feed_by_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = ROOT / "content" / "demo-feed"
    with FeedSite() as site:
        for page in folder.iterdir():
            site.put(page.name, page.read_bytes(), content_type="text/html; charset=utf-8")
        feed_url = site.put(
            "feed.xml", (folder / "feed.xml").read_bytes(), content_type="application/rss+xml"
        )
        shown: list[str] = []
        lines: asyncio.Queue[str | None] = asyncio.Queue()
        for line in ("/articles", None):
            lines.put_nowait(line)
        settings = Settings(_env_file=None)  # type: ignore[call-arg]
        chat = DemoChat(settings, out=shown.append, pictures=tmp_path / "pictures", feed=feed_url)
        assert await chat.run(lines) == 0
    text = "\n".join(shown)
    assert f"> /feed add {feed_url}" in text
    assert "3 new articles" in text
    assert "Port of Halden shut as dock workers strike" in text
