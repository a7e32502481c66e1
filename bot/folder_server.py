"""A folder served over HTTP on 127.0.0.1, so the demo follows a feed file from disk.

The feed and the pages its entries link to then take the same path as any feed: the guarded
fetcher, conditional requests, trafilatura. Only this machine can reach it.
"""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without printing each request into the demo's chat."""

    def log_message(self, format: str, *args: Any) -> None:
        return None


class FolderServer:
    """Serves `folder` at http://127.0.0.1:PORT/ from a daemon thread until stopped."""

    def __init__(self, folder: Path) -> None:
        handler = partial(_QuietHandler, directory=str(folder))
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="demo-feed-folder", daemon=True
        )

    def url(self, name: str) -> str:
        port = self._server.server_address[1]
        return f"http://127.0.0.1:{port}/{quote(name)}"

    def __enter__(self) -> FolderServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
