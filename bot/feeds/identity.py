"""What makes two feed entries the same: their GUID, or their link in canonical form."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.feeds.parse import FeedEntry

# Query parameters that track a click and never choose the article.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_link(url: str) -> str:
    """The link as it names its article: one scheme, lower-case host, no fragment or tracking.

    http and https count as one: many sites list the same article under both.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port != _DEFAULT_PORTS.get(parts.scheme) else ""
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith(_TRACKING)
        ]
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", host + port, path, query, ""))


def _key(text: str) -> str:
    # Fixed-width keys: GUIDs and links run to kilobytes, and unique indexes want short values.
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def guid_key(entry: FeedEntry) -> str:
    return _key("guid\n" + entry.guid)


def link_key(entry: FeedEntry) -> str | None:
    return None if entry.link is None else _key("link\n" + canonical_link(entry.link))
