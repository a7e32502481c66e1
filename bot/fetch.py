"""Fetching an article by URL for /add: http(s) only, no private addresses, bounded in every way."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from bot.briefing.ingest import MAX_ARTICLE_BYTES

MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
USER_AGENT = "BriefingBot/0.1 (+article fetch for a news briefing)"


class FetchError(ValueError):
    """The URL cannot be fetched; the message says why, politely, in one line."""


@dataclass(frozen=True)
class FetchedPage:
    url: str  # after redirects
    content_type: str
    body: bytes


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


async def _check_host(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError("only http:// and https:// links can be added")
    if not parts.hostname:
        raise FetchError("the link has no host name")
    if parts.username or parts.password:
        raise FetchError("links with a user name or password are not accepted")
    if allow_private:
        return
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise FetchError(f"the host {parts.hostname} could not be found") from exc
    addresses = {str(info[4][0]) for info in infos}
    if not addresses or not all(_is_public(a) for a in addresses):
        raise FetchError("that link points to a private or local address, which is not allowed")


async def fetch_article(
    url: str, *, allow_private: bool, max_bytes: int = MAX_ARTICLE_BYTES
) -> FetchedPage:
    """GET the page, checking the address before every hop and capping size and time."""
    async with httpx.AsyncClient(
        timeout=TIMEOUT, follow_redirects=False, headers={"User-Agent": USER_AGENT}
    ) as client:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            await _check_host(current, allow_private)
            try:
                async with client.stream("GET", current) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError("the site sent a redirect without a target")
                        current = urljoin(current, location)
                        continue
                    if response.status_code != 200:
                        raise FetchError(f"the site answered HTTP {response.status_code}")
                    content_type = (
                        response.headers.get("content-type", "").split(";")[0].strip().lower()
                    )
                    if content_type not in ACCEPTED_TYPES:
                        raise FetchError(
                            f"the link is {content_type or 'of unknown type'}, "
                            "not a web page or text"
                        )
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise FetchError(f"the page is larger than {max_bytes:,} bytes")
                    body = bytearray()
                    async for chunk in response.aiter_bytes():
                        body.extend(chunk)
                        if len(body) > max_bytes:
                            raise FetchError(f"the page is larger than {max_bytes:,} bytes")
                    return FetchedPage(str(response.url), content_type, bytes(body))
            except httpx.TimeoutException as exc:
                raise FetchError("the site took too long to answer") from exc
            except httpx.HTTPError as exc:
                raise FetchError("the site could not be reached") from exc
        raise FetchError(f"the link redirected more than {MAX_REDIRECTS} times")
