"""Fetching by URL for /add and feeds: http(s) only, no private addresses, bounded in every way."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from bot.briefing.ingest import MAX_ARTICLE_BYTES

MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
USER_AGENT = "BriefingBot/0.1 (+article fetch for a news briefing)"
# Only encodings the bot decodes itself, within the size cap: a small gzip body can expand a
# thousandfold, and a decoder left to httpx would hold the whole expansion in memory at once.
ACCEPT_ENCODING = "gzip, deflate"


class FetchError(ValueError):
    """The URL cannot be fetched; the message says why, politely, in one line."""


@dataclass(frozen=True)
class FetchedPage:
    url: str  # after redirects
    content_type: str
    body: bytes
    status: int = 200  # 304 when a conditional request found nothing new (body empty)
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _BoundedDecoder:
    """Decodes a gzip or deflate body chunk by chunk, refusing output beyond `limit` bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        self._left = limit
        self._limit = limit
        self._raw_deflate = False
        if encoding in ("", "identity"):
            self._inflate: zlib._Decompress | None = None
        elif encoding in ("gzip", "x-gzip"):
            self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            # Servers send either zlib-wrapped or raw deflate under this name; the header decides.
            self._inflate = None
            self._raw_deflate = True
        else:
            raise FetchError(f"the site sent the body in an encoding ({encoding}) I cannot read")

    def feed(self, chunk: bytes) -> bytes:
        if self._raw_deflate:
            wrapped = len(chunk) >= 2 and (chunk[0] << 8 | chunk[1]) % 31 == 0
            self._inflate = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
            self._raw_deflate = False
        if self._inflate is None:
            data = chunk
        else:
            try:
                # At most one byte past the limit: enough to know the body is too large.
                data = self._inflate.decompress(chunk, self._left + 1)
            except zlib.error as exc:
                raise FetchError("the site sent a corrupt compressed body") from exc
        if len(data) > self._left:
            raise FetchError(f"the page is larger than {self._limit:,} bytes")
        self._left -= len(data)
        return data


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


@dataclass(frozen=True)
class _Hop:
    """Where one request goes: the URL as given, and the address checked for it."""

    url: str
    hostname: str  # ASCII (IDNA) form
    address: str  # the resolved address this hop connects to, never resolved again

    def target(self) -> tuple[str, dict[str, str], dict[str, str]]:
        """URL with the address in place of the name, the Host header, and the TLS name.

        Connecting to the checked address (not the name) closes DNS rebinding: a name that
        resolved to a public address for the check cannot resolve to a private one for the
        connection. TLS still verifies the certificate against the name (`sni_hostname`).
        """
        parts = urlsplit(self.url)
        port = f":{parts.port}" if parts.port else ""
        netloc = f"{_bracketed(self.address)}{port}"
        host = f"{_bracketed(self.hostname)}{port}"
        extensions = {"sni_hostname": self.hostname} if parts.scheme == "https" else {}
        return urlunsplit(parts._replace(netloc=netloc)), {"Host": host}, extensions


def _bracketed(host: str) -> str:
    """An IPv6 literal in brackets, as URLs and Host headers write it."""
    return f"[{host}]" if ":" in host else host


def _ascii_hostname(hostname: str) -> str:
    """The name as DNS and the Host header carry it ("bücher.example" -> "xn--bcher-kva...")."""
    if hostname.isascii():
        return hostname
    try:
        return hostname.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise FetchError("the link's host name is not a valid domain name") from exc


async def _resolve(hostname: str, port: int) -> list[str]:
    """Every address the name resolves to (tests replace this to play DNS)."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(hostname, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


async def _check_hop(url: str, allow_private: bool) -> _Hop:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError("only http:// and https:// links can be added")
    if not parts.hostname:
        raise FetchError("the link has no host name")
    if parts.username or parts.password:
        raise FetchError("links with a user name or password are not accepted")
    hostname = _ascii_hostname(parts.hostname)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = await _resolve(hostname, port)
    except ValueError as exc:  # a port outside 0-65535
        raise FetchError("the link has an invalid port") from exc
    except OSError as exc:
        raise FetchError(f"the host {parts.hostname} could not be found") from exc
    if not addresses:
        raise FetchError(f"the host {parts.hostname} could not be found")
    if not allow_private and not all(_is_public(a) for a in addresses):
        raise FetchError("that link points to a private or local address, which is not allowed")
    return _Hop(url, hostname, addresses[0])


async def fetch_article(
    url: str, *, allow_private: bool, max_bytes: int = MAX_ARTICLE_BYTES
) -> FetchedPage:
    """GET a web page or text for /add (see `fetch_url`)."""
    return await fetch_url(
        url, allow_private=allow_private, max_bytes=max_bytes, accepted_types=ACCEPTED_TYPES
    )


async def fetch_url(
    url: str,
    *,
    allow_private: bool,
    max_bytes: int,
    accepted_types: tuple[str, ...] | None,
    conditional: Mapping[str, str] | None = None,
) -> FetchedPage:
    """GET the URL, checking the address before every hop and capping size and time.

    Each hop's name is resolved once, every address it has is checked, and the connection goes
    to a checked address. With `allow_private` (tests, private deployments) nothing is refused,
    but the address is still pinned the same way. `accepted_types` None takes any content type
    (feeds are often served as text/plain or octet-stream); `conditional` headers
    (If-None-Match, If-Modified-Since) may get a 304 back, returned with an empty body.
    """
    async with httpx.AsyncClient(
        timeout=TIMEOUT,
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
    ) as client:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            target, headers, extensions = (await _check_hop(current, allow_private)).target()
            headers.update(conditional or {})
            try:
                async with client.stream(
                    "GET", target, headers=headers, extensions=extensions
                ) as response:
                    # httpx counts 304 among redirects; it is an answer, with nowhere to go.
                    if response.is_redirect and response.status_code != 304:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError("the site sent a redirect without a target")
                        current = urljoin(current, location)
                        continue
                    content_type = (
                        response.headers.get("content-type", "").split(";")[0].strip().lower()
                    )
                    etag = response.headers.get("etag")
                    last_modified = response.headers.get("last-modified")
                    if response.status_code == 304 and conditional:
                        return FetchedPage(current, content_type, b"", 304, etag, last_modified)
                    if response.status_code != 200:
                        raise FetchError(f"the site answered HTTP {response.status_code}")
                    if accepted_types is not None and content_type not in accepted_types:
                        raise FetchError(
                            f"the link is {content_type or 'of unknown type'}, "
                            "not a web page or text"
                        )
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise FetchError(f"the page is larger than {max_bytes:,} bytes")
                    decoder = _BoundedDecoder(
                        response.headers.get("content-encoding", "").strip().lower(), max_bytes
                    )
                    body = bytearray()
                    async for chunk in response.aiter_raw():
                        body.extend(decoder.feed(chunk))
                    return FetchedPage(current, content_type, bytes(body), 200, etag, last_modified)
            except httpx.TimeoutException as exc:
                raise FetchError("the site took too long to answer") from exc
            except httpx.HTTPError as exc:
                raise FetchError("the site could not be reached") from exc
        raise FetchError(f"the link redirected more than {MAX_REDIRECTS} times")
