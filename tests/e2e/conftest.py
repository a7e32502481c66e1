"""Fixtures: a fresh fake Bot API server per test and a factory for bot processes against it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import pytest

from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.harness import BotProcess

BotProcessFactory = Callable[..., BotProcess]


@pytest.fixture
def bot_api() -> Iterator[FakeBotApi]:
    """A running fake Bot API server on 127.0.0.1 (a new one per test: state never leaks)."""
    with FakeBotApi() as api:
        yield api
    assert not api.server_errors, "the fake Bot API server failed:\n" + "\n".join(api.server_errors)


@pytest.fixture
def bot_process_factory(bot_api: FakeBotApi, tmp_path: Path) -> Iterator[BotProcessFactory]:
    """Start bot processes against `bot_api`; all share one folder (and database) per test.

    Each call starts a new process, so calling it again after `stop()` or `kill()` is a restart.
    Every process is stopped at teardown and its log printed (pytest shows it on failure).
    """
    started: list[BotProcess] = []

    def start(
        *,
        admin_ids: Sequence[int] = (),
        env: Mapping[str, str] | None = None,
        command: Sequence[str] | None = None,
        wait: bool = True,
    ) -> BotProcess:
        process = BotProcess(
            bot_api, tmp_path / "bot", admin_ids=admin_ids, env=env, command=command
        )
        started.append(process)
        process.start()
        if wait:
            process.wait_until_ready()
        return process

    yield start
    for process in started:
        process.stop()
    if started:
        print(f"----- bot log ({started[0].log_path}) -----\n{started[0].log_tail(400)}")
