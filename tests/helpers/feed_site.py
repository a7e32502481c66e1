"""A news site on 127.0.0.1 for feed tests: feeds and article pages, served from its own thread.

Its own thread and event loop, so the same site serves async handler tests and end-to-end tests
whose bot is another process. Pages answer conditional requests (ETag, Last-Modified) with 304
the way real servers do, and every request is recorded.
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
from dataclasses import dataclass, field
from types import TracebackType

from aiohttp import web


@dataclass
class SitePage:
    body: bytes
    content_type: str
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteRequest:
    path: str
    headers: dict[str, str]
    status: int


class FeedSite:
    """Serves whatever the test put at a path; 404 for anything else."""

    def __init__(self) -> None:
        self._pages: dict[str, SitePage] = {}
        self._lock = threading.Lock()
        self.requests: list[SiteRequest] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def put(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        **options: object,
    ) -> str:
        """Serve `body` at `path` (options as in SitePage); returns its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        page = SitePage(data, content_type, **options)  # type: ignore[arg-type]
        with self._lock:
            self._pages[path.lstrip("/")] = page
        return self.url(path)

    def hits(self, path: str) -> list[SiteRequest]:
        with self._lock:
            return [r for r in self.requests if r.path == path.lstrip("/")]

    async def _serve(self, request: web.Request) -> web.StreamResponse:
        path = request.match_info["path"]
        with self._lock:
            page = self._pages.get(path)
        status = 404 if page is None else page.status
        if page is not None and page.status == 200:
            matches_etag = page.etag is not None and request.headers.get("If-None-Match") == (
                page.etag
            )
            matches_date = page.last_modified is not None and (
                request.headers.get("If-Modified-Since") == page.last_modified
            )
            if matches_etag or matches_date:
                status = 304
        with self._lock:
            self.requests.append(SiteRequest(path, dict(request.headers), status))
        if page is None:
            return web.Response(status=404, text="not found")
        headers = dict(page.headers)
        if page.etag:
            headers["ETag"] = page.etag
        if page.last_modified:
            headers["Last-Modified"] = page.last_modified
        if status == 304:
            return web.Response(status=304, headers=headers)
        body = page.body
        if page.gzip:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        headers["Content-Type"] = page.content_type
        return web.Response(body=body, status=status, headers=headers)

    def start(self) -> FeedSite:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(sock, ready), daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the feed site did not start")
        return self

    def _run(self, sock: socket.socket, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        app = web.Application()
        app.add_routes([web.get("/{path:.*}", self._serve)])
        self._runner = web.AppRunner(app)
        loop.run_until_complete(self._runner.setup())
        loop.run_until_complete(web.SockSite(self._runner, sock).start())
        ready.set()
        loop.run_forever()
        loop.run_until_complete(self._runner.cleanup())
        loop.close()

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def __enter__(self) -> FeedSite:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def rss(title: str, items: list[dict[str, str]]) -> str:
    """An RSS 2.0 document; each item has title, link, and optionally guid and pubDate."""
    rendered = []
    for item in items:
        parts = [f"<title>{item['title']}</title>", f"<link>{item['link']}</link>"]
        if "guid" in item:
            parts.append(f"<guid>{item['guid']}</guid>")
        if "pubDate" in item:
            parts.append(f"<pubDate>{item['pubDate']}</pubDate>")
        rendered.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.invalid/</link>"
        "<description>test feed</description>" + "".join(rendered) + "</channel></rss>"
    )


def article_page(title: str, paragraphs: list[str], published: str | None = None) -> str:
    """A news page trafilatura can read; `published` (YYYY-MM-DD) goes in its metadata."""
    meta = (
        f'<meta property="article:published_time" content="{published}T09:00:00Z">'
        if published
        else ""
    )
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title>{meta}</head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )
