"""/add by URL: only http(s), no private addresses (unless allowed), bounded redirects and size."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import AsyncIterator, Iterator

import pytest
from aiohttp import web

from bot import fetch
from bot.fetch import FetchError, _is_public, fetch_article, fetch_url
from tests.helpers.feed_site import FeedSite

PAGE = "<html><body><article><p>Hello from a local page.</p></article></body></html>"


@pytest.fixture
async def site() -> AsyncIterator[str]:
    async def page(request: web.Request) -> web.Response:
        return web.Response(text=PAGE, content_type="text/html")

    async def hop(request: web.Request) -> web.Response:
        remaining = int(request.match_info["n"])
        target = "/page" if remaining == 0 else f"/hop/{remaining - 1}"
        raise web.HTTPFound(target)

    async def huge(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/plain"})
        await response.prepare(request)
        for _ in range(64):
            await response.write(b"x" * 65536)
        return response

    async def image(request: web.Request) -> web.Response:
        return web.Response(body=b"\x89PNG", content_type="image/png")

    async def missing(request: web.Request) -> web.Response:
        return web.Response(status=404, text="no")

    async def host(request: web.Request) -> web.Response:
        return web.Response(text=f"<p>Asked for {request.host}.</p>", content_type="text/html")

    app = web.Application()
    app.add_routes(
        [
            web.get("/page", page),
            web.get("/hop/{n}", hop),
            web.get("/huge", huge),
            web.get("/image", image),
            web.get("/missing", missing),
            web.get("/host", host),
        ]
    )
    runner = web.AppRunner(app)
    await runner.setup()
    server = web.TCPSite(runner, "127.0.0.1", 0)
    await server.start()
    port = runner.addresses[0][1]
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


async def test_loopback_is_refused_unless_allowed(site: str) -> None:
    with pytest.raises(FetchError, match="private or local"):
        await fetch_article(f"{site}/page", allow_private=False)
    page = await fetch_article(f"{site}/page", allow_private=True)
    assert page.content_type == "text/html"
    assert b"Hello from a local page." in page.body


async def test_redirects_are_followed_and_bounded(site: str) -> None:
    page = await fetch_article(f"{site}/hop/3", allow_private=True)
    assert page.url.endswith("/page")
    with pytest.raises(FetchError, match="redirected more than"):
        await fetch_article(f"{site}/hop/9", allow_private=True)


async def test_size_type_and_status_are_checked(site: str) -> None:
    with pytest.raises(FetchError, match="larger than"):
        await fetch_article(f"{site}/huge", allow_private=True, max_bytes=1_000_000)
    with pytest.raises(FetchError, match="image/png"):
        await fetch_article(f"{site}/image", allow_private=True)
    with pytest.raises(FetchError, match="HTTP 404"):
        await fetch_article(f"{site}/missing", allow_private=True)


class FakeDns:
    """Answers for names the system cannot resolve, counting the questions."""

    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    async def __call__(self, hostname: str, port: int) -> list[str]:
        self.asked.append(hostname)
        if hostname not in self.answers:
            raise OSError(f"unknown host {hostname}")
        return self.answers[hostname]


@pytest.mark.parametrize(
    ("written", "resolved"),
    [("news.test", "news.test"), ("bücher.test", "xn--bcher-kva.test")],
)
async def test_the_connection_goes_to_the_address_that_was_checked(
    site: str, monkeypatch: pytest.MonkeyPatch, written: str, resolved: str
) -> None:
    # The name exists only in this fake DNS: had httpx resolved it again for the connection
    # (the gap DNS rebinding uses), it would have failed to find the host. An international
    # name is resolved, and sent as Host, in its ASCII (IDNA) form.
    dns = FakeDns({resolved: ["127.0.0.1"]})
    monkeypatch.setattr(fetch, "_resolve", dns)
    port = site.rsplit(":", 1)[1]
    page = await fetch_article(f"http://{written}:{port}/host", allow_private=True)
    assert f"Asked for {resolved}:{port}." in page.body.decode()
    assert page.url == f"http://{written}:{port}/host"
    assert dns.asked == [resolved]


async def test_a_name_with_any_private_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "_resolve", FakeDns({"mixed.test": ["93.184.216.34", "10.0.0.7"]}))
    with pytest.raises(FetchError, match="private or local"):
        await fetch_article("https://mixed.test/story", allow_private=False)


async def test_an_unknown_host_and_a_bad_port_are_explained(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fetch, "_resolve", FakeDns({}))
    with pytest.raises(FetchError, match=r"host nowhere\.test could not be found"):
        await fetch_article("http://nowhere.test/a", allow_private=False)
    with pytest.raises(FetchError, match="invalid port"):
        await fetch_article("http://news.test:99999/a", allow_private=False)


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/a.txt",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "http://user:pw@127.0.0.1/",
    ],
)
async def test_other_schemes_and_credentials_are_refused(url: str) -> None:
    with pytest.raises(FetchError):
        await fetch_article(url, allow_private=True)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("93.184.216.34", True),
        ("2606:4700:4700::1111", True),
    ],
)
def test_address_classification(address: str, public: bool) -> None:
    assert _is_public(address) is public


@pytest.fixture
def news_site() -> Iterator[FeedSite]:
    with FeedSite() as running:
        yield running


async def test_a_compressed_page_is_decoded(news_site: FeedSite) -> None:
    url = news_site.put("/zipped", PAGE, gzip=True)
    page = await fetch_article(url, allow_private=True)
    assert page.body == PAGE.encode()


async def test_a_compression_bomb_is_refused_without_inflating_it(news_site: FeedSite) -> None:
    # 100 MB of zeros in about 100 KB: the cap applies to what the body inflates to.
    bomb = gzip.compress(b"\0" * 100_000_000, compresslevel=9)
    news_site.put("/bomb", bomb, content_type="text/html", headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="larger than 1,000,000 bytes"):
        await fetch_article(news_site.url("/bomb"), allow_private=True)


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS])
async def test_deflate_is_read_wrapped_or_raw(news_site: FeedSite, wbits: int) -> None:
    packer = zlib.compressobj(wbits=wbits)
    body = packer.compress(PAGE.encode()) + packer.flush()
    url = news_site.put("/deflate", body, headers={"Content-Encoding": "deflate"})
    assert (await fetch_article(url, allow_private=True)).body == PAGE.encode()


async def test_an_unknown_encoding_is_refused(news_site: FeedSite) -> None:
    url = news_site.put("/br", b"\x1b\x00", headers={"Content-Encoding": "br"})
    with pytest.raises(FetchError, match="encoding"):
        await fetch_article(url, allow_private=True)


async def test_a_conditional_request_gets_not_modified(news_site: FeedSite) -> None:
    url = news_site.put(
        "/feed.xml",
        "<rss/>",
        content_type="application/rss+xml",
        etag='"v1"',
        last_modified="Thu, 11 Feb 2016 10:00:00 GMT",
    )
    first = await fetch_url(url, allow_private=True, max_bytes=1000, accepted_types=None)
    assert (first.status, first.etag, first.last_modified) == (
        200,
        '"v1"',
        "Thu, 11 Feb 2016 10:00:00 GMT",
    )
    again = await fetch_url(
        url,
        allow_private=True,
        max_bytes=1000,
        accepted_types=None,
        conditional={"If-None-Match": '"v1"'},
    )
    assert again.not_modified
    assert again.body == b""
    assert news_site.hits("/feed.xml")[-1].headers["If-None-Match"] == '"v1"'
    # A 304 without having asked is an error, not an empty page.
    news_site.put("/odd", "", status=304)
    with pytest.raises(FetchError, match="HTTP 304"):
        await fetch_url(
            news_site.url("/odd"), allow_private=True, max_bytes=10, accepted_types=None
        )
