"""Telegram HTML: escaping, measuring as Telegram counts, clipping, and splitting at 4,096.

Every screen is built from these: article and user text goes through `escape`, a reply through
`messages` (blocks joined, then split at paragraph breaks, never inside a tag).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

TELEGRAM_LIMIT = 4096  # characters after entity parsing, counted in UTF-16 code units

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAG = re.compile(r"<[^<>]*>")


# Escaping and measuring


def escape(text: str) -> str:
    """Article or user text made safe for Telegram HTML (control characters dropped)."""
    return html.escape(_CONTROL.sub("", text))


def plural(count: int, noun: str) -> str:
    """ "1 mention", "3 mentions"."""
    return f"{count} {noun}{'s' if count != 1 else ''}"


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's limits."""
    return len(text.encode("utf-16-le")) // 2


def visible_text(markup: str) -> str:
    """What Telegram shows for this HTML: tags removed, entities decoded."""
    return html.unescape(_TAG.sub("", markup))


def visible_length(markup: str) -> int:
    """Length as Telegram counts it against the 4,096 limit (UTF-16 code units)."""
    return utf16_len(visible_text(markup))


def clip(text: str, limit: int) -> str:
    """Text on one line, cut at a word boundary to at most `limit` UTF-16 units (as Telegram
    counts), marked with an ellipsis."""
    text = " ".join(text.split())
    if utf16_len(text) <= limit:
        return text
    units = 0
    cut = text
    for end, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit - 1:  # room for the ellipsis
            cut = text[:end]
            break
    space = cut.rfind(" ")
    if space > len(cut) // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def link(label_html: str, url: str | None) -> str:
    """A link around already-rendered text; only http(s) URLs become links."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return label_html
    return f'<a href="{html.escape(url, quote=True)}">{label_html}</a>'


# Splitting

_ENTITY = r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});"
_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>|[^<]+|<")
_SPECIAL = re.compile(rf"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>|({_ENTITY})|([<>&])")
_STRAY_AMP = re.compile(rf"&(?!{_ENTITY[1:]})")
_ATOM = re.compile(rf"{_ENTITY}|.", re.DOTALL)
_BREAKS = ("\n\n", "\n", " ")


@dataclass(frozen=True)
class _Tag:
    raw: str
    name: str
    closing: bool


_Token = _Tag | str  # a tag, or a run of escaped text


def _well_formed(markup: str) -> bool:
    """Every "<", ">" and "&" is part of a tag or entity, and tags nest and close properly."""
    stack: list[str] = []
    for match in _SPECIAL.finditer(markup):
        closing, name, _attrs, _entity, stray = match.groups()
        if stray is not None:
            return False
        if name is None:
            continue
        if not closing:
            stack.append(name.lower())
        elif not stack or stack.pop() != name.lower():
            return False
    return not stack


def _tokens(markup: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(markup):
        closing, name, _attrs = match.groups()
        if name is not None:
            tokens.append(_Tag(match.group(0), name.lower(), bool(closing)))
        else:
            # A "<", ">" or "&" that starts no tag or entity is text: escape it.
            run = _STRAY_AMP.sub("&amp;", match.group(0))
            tokens.append(run.replace("<", "&lt;").replace(">", "&gt;"))
    return tokens


# Raw characters one visible unit can take at most: "&CounterClockwiseContourIntegral;" is 33.
_LONGEST_ENTITY = 40


def _width(run: str) -> int:
    return utf16_len(html.unescape(run)) if "&" in run else utf16_len(run)


def _fitting_prefix(run: str, room: int) -> int:
    """How much of an escaped text run (in raw characters) fits in `room` visible units,
    never cutting an entity in two."""
    if "&" not in run and run.isascii():
        return min(room, len(run))
    used = 0
    for match in _ATOM.finditer(run):
        used += _width(match.group(0))
        if used > room:
            return match.start()
    return len(run)


def _cut_point(tokens: list[_Token], start: int, over: int, fit: int) -> tuple[int, int]:
    """(token, offset) where a part ends: the last paragraph break before the limit, else the
    last line break, else the last space, else as much as fits."""
    for separator in _BREAKS:
        head = tokens[over]
        assert isinstance(head, str)
        # A cut always takes at least the separator, so every part makes progress.
        if (found := head.rfind(separator, 0, fit)) >= 0:
            return over, found + len(separator)
        for position in range(over - 1, start - 1, -1):
            token = tokens[position]
            if isinstance(token, str) and (found := token.rfind(separator)) >= 0:
                return position, found + len(separator)
    return over, fit


def _apply(stack: list[_Tag], tag: _Tag) -> bool:
    """Open or close `tag` on the stack; False for a close tag nothing opened."""
    if not tag.closing:
        stack.append(tag)
        return True
    names = [open_tag.name for open_tag in stack]
    if tag.name not in names:
        return False
    del stack[len(names) - 1 - names[::-1].index(tag.name) :]
    return True


def _assemble(opened: list[_Tag], body: list[_Token]) -> str:
    """A part: reopened tags, its tokens, then closes for whatever is still open."""
    stack = list(opened)
    out = [tag.raw for tag in opened]
    for token in body:
        if isinstance(token, str):
            out.append(token)
            continue
        before = list(stack)
        if not _apply(stack, token):
            continue  # a stray close tag would make Telegram reject the message
        if token.closing:
            # Closing an outer tag closes the ones still open inside it first.
            out.extend(f"</{tag.name}>" for tag in reversed(before[len(stack) :]))
        else:
            out.append(token.raw)
    out.extend(f"</{tag.name}>" for tag in reversed(stack))
    return "".join(out)


def _strip_end(body: list[_Token]) -> None:
    for position in range(len(body) - 1, -1, -1):
        token = body[position]
        if isinstance(token, str):
            body[position] = token.rstrip()
            if body[position]:
                return


def split_html(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Telegram HTML cut into messages of at most `limit` visible characters each.

    Cuts fall on paragraph breaks, else line breaks, else spaces; a tag open across a cut is
    closed at the end of one part and reopened at the start of the next. Whitespace at a cut
    is dropped, and so are parts with no visible text. Stray "<", ">" and "&" are escaped.
    """
    if limit < 2:
        raise ValueError("limit must allow at least one character of any width")
    if _well_formed(text) and visible_length(text) <= limit:
        # The common case: one message that needs no repair.
        return [text] if visible_text(text).strip() else []
    tokens = _tokens(text)
    parts: list[str] = []
    stack: list[_Tag] = []
    start = 0
    while start < len(tokens):
        # Whitespace and close tags at a cut belong to neither part.
        token = tokens[start]
        if isinstance(token, str) and not token.strip():
            start += 1
            continue
        if isinstance(token, _Tag) and token.closing:
            _apply(stack, token)
            start += 1
            continue
        if isinstance(token, str):
            tokens[start] = token.lstrip()
        width = 0
        end = start
        while end < len(tokens):
            token = tokens[end]
            if isinstance(token, str):
                # A run longer than the room allows even at one unit per entity overflows: do not
                # measure all of it, or a 100 KB run costs 100 KB of work for every part cut off.
                if len(token) > (limit - width + 1) * _LONGEST_ENTITY:
                    break
                token_width = _width(token)
                if width + token_width > limit:
                    break
                width += token_width
            end += 1
        opened = list(stack)
        if end == len(tokens):
            body = tokens[start:]
            start = end
        else:
            run = tokens[end]
            assert isinstance(run, str)
            at, offset = _cut_point(tokens, start, end, _fitting_prefix(run, limit - width))
            head = tokens[at]
            assert isinstance(head, str)
            body = [*tokens[start:at], head[:offset]]
            tokens[at] = head[offset:]
            start = at
        for token in body:
            if isinstance(token, _Tag):
                _apply(stack, token)
        _strip_end(body)
        if any(isinstance(token, str) and visible_text(token).strip() for token in body):
            parts.append(_assemble(opened, body))
    return parts


def messages(blocks: Iterable[str]) -> list[str]:
    """Blocks joined by blank lines (empty ones dropped), split into messages."""
    return split_html("\n\n".join(b for b in blocks if b))
