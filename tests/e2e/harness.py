"""Run the real bot (`python -m bot run`) as its own process against the fake Bot API server.

The process gets a fresh environment pointing at 127.0.0.1 only, a working folder of its own (so
no `.env` from the repository is read) and a log file; a restart reuses the folder, and so the
database, the way a deployment would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

from tests.e2e.fake_bot_api import FakeBotApi

REPO_ROOT = Path(__file__).resolve().parents[2]
BOT_COMMAND: tuple[str, ...] = (sys.executable, "-m", "bot", "run")

# Settings the bot reads; a developer's own values must never leak into a test run.
_SCRUBBED_PREFIXES = ("TELEGRAM_", "WEBHOOK_", "DIGEST_", "BRIEFING_", "FEED_")
_SCRUBBED = frozenset(
    {
        "ADMIN_USER_IDS",
        "ALLOW_PRIVATE_URLS",
        "DATABASE_URL",
        "SPACY_MODEL",
        "LOG_LEVEL",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    }
)


def bot_environment(
    api: FakeBotApi,
    workdir: Path,
    *,
    admin_ids: Sequence[int] = (),
    extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The environment of a bot process talking to `api`, its database inside `workdir`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in _SCRUBBED and not key.startswith(_SCRUBBED_PREFIXES)
    }
    python_path = [str(REPO_ROOT), *filter(None, [env.get("PYTHONPATH")])]
    env.update(
        {
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_URL": api.base_url,
            "TELEGRAM_FILE_URL": api.base_file_url,
            "ADMIN_USER_IDS": ",".join(str(i) for i in admin_ids),
            "DATABASE_URL": f"sqlite+aiosqlite:///{workdir / 'bot.db'}",
            "ALLOW_PRIVATE_URLS": "true",
            "LOG_LEVEL": "DEBUG",
            "NO_PROXY": "127.0.0.1,localhost",
            "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": os.pathsep.join(python_path),
        }
    )
    env.update(extra or {})
    return env


class BotProcess:
    """One run of the bot process; a context manager that stops it (SIGTERM, then SIGKILL)."""

    def __init__(
        self,
        api: FakeBotApi,
        workdir: Path,
        *,
        admin_ids: Sequence[int] = (),
        env: Mapping[str, str] | None = None,
        command: Sequence[str] | None = None,
    ) -> None:
        self.api = api
        self.workdir = workdir
        self.command = tuple(command or BOT_COMMAND)
        self.environment = bot_environment(api, workdir, admin_ids=admin_ids, extra=env)
        self.log_path = workdir / "bot.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._poll_mark = 0

    def start(self) -> BotProcess:
        """Launch the process; its output (stdout and stderr) goes to `log_path`, appended."""
        if self._process is not None:
            raise RuntimeError("this BotProcess was already started; make a new one to restart")
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._poll_mark = self.api.poll_count()
        with self.log_path.open("ab") as log:
            shown = " ".join(self.command[1:])[:80]
            log.write(f"\n===== start {shown} at {time.time():.3f}\n".encode())
            log.flush()
            self._process = subprocess.Popen(
                self.command,
                cwd=self.workdir,
                env=self.environment,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    def __enter__(self) -> BotProcess:
        return self.start() if self._process is None else self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def process(self) -> subprocess.Popen[bytes]:
        """The running process (after start)."""
        if self._process is None:
            raise RuntimeError("the bot process was not started")
        return self._process

    @property
    def pid(self) -> int:
        """The process id."""
        return self.process.pid

    @property
    def returncode(self) -> int | None:
        """The exit code, or None while it runs."""
        return self.process.poll()

    @property
    def log(self) -> str:
        """Everything the process printed so far (all runs in this folder)."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def wait_until_ready(self, timeout: float = 60.0) -> None:
        """Wait until the bot polls for updates (its start-up is done), or fail with its log."""
        deadline = time.monotonic() + timeout
        while not self.api.wait_for_poll(self._poll_mark, timeout=0.1):
            if self.returncode is not None:
                raise AssertionError(
                    f"the bot exited with code {self.returncode} before polling:\n{self.log_tail()}"
                )
            if time.monotonic() > deadline:
                raise AssertionError(f"the bot did not poll within {timeout} s:\n{self.log_tail()}")

    def wait_for_log(self, text: str, timeout: float = 10.0) -> None:
        """Wait until `text` appears in the log (or fail with the log's tail)."""
        deadline = time.monotonic() + timeout
        while text not in self.log:
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} not logged within {timeout} s:\n{self.log_tail()}")
            if self.returncode is not None and text not in self.log:
                raise AssertionError(f"the bot exited before logging {text!r}:\n{self.log_tail()}")
            time.sleep(0.05)

    def log_tail(self, lines: int = 60) -> str:
        """The last lines of the log, for failure messages."""
        return "\n".join(self.log.splitlines()[-lines:])

    def stop(self, timeout: float = 15.0) -> int | None:
        """SIGTERM, the way a service manager stops it; SIGKILL if it hangs. Returns the code."""
        process = self._process
        if process is None:
            return None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
        return process.returncode

    def kill(self) -> int | None:
        """SIGKILL: a crash, with no chance to shut down cleanly."""
        process = self._process
        if process is None:
            return None
        if process.poll() is None:
            process.kill()
            process.wait(10)
        return process.returncode
