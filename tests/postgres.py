"""A PostgreSQL server for the tests that need one, and a fresh database per test.

Where the server comes from, in order: TEST_POSTGRES_URL (a role allowed to create databases;
.ci/run sets it), a server on 127.0.0.1:5432 that lets the `postgres` role in without a password,
or a private server started with initdb in a temporary folder (as the `postgres` user via runuser
when the tests run as root, since PostgreSQL refuses to run as root). Without any of these the
PostgreSQL tests skip and say why; in CI (CI=true) they fail instead, so a green CI run always
means PostgreSQL was tested.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import functools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import pytest
from sqlalchemy import URL, make_url

_T = TypeVar("_T")

LOCAL_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"


@dataclass(frozen=True)
class PostgresServer:
    """A server the tests may create databases on; `url` names its maintenance database."""

    url: URL
    origin: str  # where it came from, for messages

    def database_url(self, name: str) -> str:
        """A DATABASE_URL for the store, naming database `name` on this server."""
        return self.url.set(database=name).render_as_string(hide_password=False)


def _run_async(coro: Coroutine[Any, Any, _T]) -> _T:
    """Run a coroutine to the end from any context, even inside a running event loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _dsn(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


async def _can_create_databases(url: URL) -> bool:
    conn = await asyncpg.connect(_dsn(url), timeout=3)
    try:
        allowed = await conn.fetchval(
            "SELECT rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user"
        )
    finally:
        await conn.close()
    return bool(allowed)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _postgres_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, or Debian's versioned folder."""
    if found := shutil.which("initdb"):
        return Path(found).parent
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3])
    )
    return versions[-1].parent if versions else None


def _start_private_server() -> PostgresServer | str:
    """initdb and start a throwaway server; a reason string when that is impossible."""
    bin_dir = _postgres_bin()
    if bin_dir is None:
        return "no PostgreSQL server binaries (initdb) on this machine"
    as_user: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="briefing-pg-"))
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(folder, ignore_errors=True)
            return "running as root and there is no `postgres` user to run a server as"
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", _free_port()
    try:
        subprocess.run(
            [
                *as_user,
                str(bin_dir / "initdb"),
                *("-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"),
            ],
            check=True,
            capture_output=True,
        )
        # Durability is worthless for a test server; fsync off makes it several times faster.
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        options += " -c synchronous_commit=off -c full_page_writes=off"
        subprocess.run(
            [
                *as_user,
                str(bin_dir / "pg_ctl"),
                *("-D", str(data), "-o", options, "-l", str(folder / "server.log")),
                *("-w", "-t", "60", "start"),
            ],
            check=True,
            capture_output=True,
        )
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        stderr = exc.stderr.decode(errors="replace").strip()
        return f"could not start a private PostgreSQL server: {stderr}"
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return f"could not start a private PostgreSQL server: {exc}"

    def stop() -> None:
        subprocess.run(
            [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)

    atexit.register(stop)
    url = make_url(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/postgres")
    return PostgresServer(url, f"a private server started in {folder}")


@functools.cache
def find_server() -> PostgresServer | str:
    """The server for this test run (found or started once), or why there is none."""
    configured = os.environ.get("TEST_POSTGRES_URL")
    if configured:
        url = make_url(configured)
        try:
            if _run_async(_can_create_databases(url)):
                return PostgresServer(url, "TEST_POSTGRES_URL")
        except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
            return f"TEST_POSTGRES_URL is set but the server refused: {exc}"
        return "TEST_POSTGRES_URL names a role that may not create databases"
    local = make_url(LOCAL_URL)
    with contextlib.suppress(OSError, asyncpg.PostgresError, TimeoutError):
        if _run_async(_can_create_databases(local)):
            return PostgresServer(local, "the server on 127.0.0.1:5432")
    return _start_private_server()


def require_server() -> PostgresServer:
    """The server, or skip the test with the reason (fail it in CI, where it must run)."""
    found = find_server()
    if isinstance(found, PostgresServer):
        return found
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must test PostgreSQL, but: {found}")
    pytest.skip(f"no PostgreSQL server: {found}")


async def _execute(url: URL, sql: str) -> None:
    conn = await asyncpg.connect(_dsn(url), timeout=10)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@contextlib.contextmanager
def scratch_database(server: PostgresServer) -> Iterator[str]:
    """A new, empty database for one test; dropped afterwards (its connections with it)."""
    name = f"briefing_test_{uuid.uuid4().hex[:12]}"
    _run_async(_execute(server.url, f'CREATE DATABASE "{name}"'))
    try:
        yield server.database_url(name)
    finally:
        _run_async(_execute(server.url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """DATABASE_URL of an empty PostgreSQL database of its own (skips without a server)."""
    with scratch_database(require_server()) as url:
        yield url
