"""Long lists one page at a time: a page's text, its previous/next buttons and their data.

A button's data is "p|KIND|SUBJECT|PAGE". SUBJECT is "" (everything), "t:KEY" (one topic) or
"a:ID" (one actor): `topic_subject`, `actor_subject` and `parse_subject` are the only code that
reads or writes those prefixes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from bot.render.html import split_html

CALLBACK_DATA_LIMIT = 64  # bytes


@dataclass(frozen=True)
class Page:
    """One page of a long list: its message text and where it sits (pages count from 1)."""

    text: str
    page: int
    pages: int


@dataclass(frozen=True)
class PageRequest:
    """A parsed page button: which list, about what (a subject code, see `parse_subject`), which
    page."""

    kind: str
    arg: str
    page: int


@dataclass(frozen=True)
class Subject:
    """What a list is about: everything, one topic (by key) or one actor (by id)."""

    kind: Literal["everything", "topic", "actor"]
    value: str = ""


def topic_subject(key: str) -> str:
    """The subject code of one topic's list."""
    return f"t:{key}"


def actor_subject(actor_id: str) -> str:
    """The subject code of one actor's list."""
    return f"a:{actor_id}"


def parse_subject(arg: str) -> Subject | None:
    """The subject a page request names; None for a code nothing writes."""
    if not arg:
        return Subject("everything")
    prefix, _, value = arg.partition(":")
    if value and prefix == "t":
        return Subject("topic", value)
    if value and prefix == "a":
        return Subject("actor", value)
    return None


PAGE_KINDS = ("who", "timeline", "quotes", "articles", "where", "stories")
_PAGE_DATA = re.compile(
    rf"p\|({'|'.join(PAGE_KINDS)})\|([\w.:-]{{0,48}})\|([1-9][0-9]{{0,3}})", re.ASCII
)


def page_keyboard_data(kind: str, arg: str, page: int) -> str:
    """Callback data for a page button ("p|who||2"); ValueError when it cannot be encoded."""
    data = f"p|{kind}|{arg}|{page}"
    if len(data.encode()) > CALLBACK_DATA_LIMIT or parse_page_data(data) is None:
        raise ValueError(f"cannot encode a page button for {kind!r} {arg!r} page {page}")
    return data


def parse_page_data(data: str) -> PageRequest | None:
    """The page a button asks for; None for anything malformed, forged or out of range."""
    if len(data.encode("utf-8", "surrogatepass")) > CALLBACK_DATA_LIMIT:
        return None
    match = _PAGE_DATA.fullmatch(data)
    if match is None:
        return None
    kind, arg, page = match.groups()
    return PageRequest(kind, arg, int(page))


def page_buttons(kind: str, arg: str, page: Page) -> list[tuple[str, str]]:
    """(label, callback data) for the previous/next buttons of a page; [] when not needed."""
    buttons: list[tuple[str, str]] = []
    try:
        if page.page > 1:
            buttons.append(("‹ Previous", page_keyboard_data(kind, arg, page.page - 1)))
        if page.page < page.pages:
            buttons.append(("Next ›", page_keyboard_data(kind, arg, page.page + 1)))
    except ValueError:
        return []
    return buttons


def count_page(
    header: str,
    total: int,
    page: int,
    per_page: int,
    entries: Callable[[int, int], list[str]],
    empty: str,
    hint: str = "",
) -> Page:
    """A page of `per_page` entries; only that page's entries are rendered (`entries(start,
    stop)`), which keeps long lists fast. Entries are clipped so that a page always fits."""
    per_page = max(per_page, 1)
    if total <= 0:
        return Page("\n\n".join(x for x in (header, empty) if x), 1, 1)
    pages = -(-total // per_page)
    number = min(max(page, 1), pages)
    first = (number - 1) * per_page
    footer = " · ".join(
        x for x in (f"<i>Page {number} of {pages}</i>" if pages > 1 else "", hint) if x
    )
    text = "\n\n".join(x for x in (header, *entries(first, first + per_page), footer) if x)
    # split_html only guards the limit here: page sizes are chosen so the first part is all.
    return Page(split_html(text)[0], number, pages)
