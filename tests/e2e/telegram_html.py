"""Telegram's HTML parse mode: parse to plain text + entities, or say why Telegram would refuse it.

The rules follow the Bot API's "HTML style" section and the messages Telegram returns. Two places
are deliberately stricter than Telegram, because output that hits them is a rendering bug in the
bot even where Telegram lets it through: a bare "&" (Telegram keeps it literally, html.escape
would not have left it) and entities nested inside code/pre, links inside links or quotes inside
quotes (Telegram silently drops the inner formatting).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tests.e2e.updates import utf16_len

JsonDict = dict[str, Any]

_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,8})|([A-Za-z][A-Za-z0-9]{0,31}));")
_ATTRIBUTE_NAME = re.compile(r"[A-Za-z0-9_-]+")


class TelegramHtmlError(ValueError):
    """Text that Telegram would refuse with "can't parse entities"."""


@dataclass(frozen=True)
class ParsedText:
    """Message text as Telegram stores it: plain text plus entities with UTF-16 offsets."""

    text: str
    entities: tuple[JsonDict, ...] = ()

    @property
    def length(self) -> int:
        """Length in UTF-16 code units, the unit of Telegram's 4096/1024 limits."""
        return utf16_len(self.text)


@dataclass
class _OpenTag:
    name: str
    byte_offset: int
    start: int
    attributes: dict[str, str] = field(default_factory=dict)
    language: str | None = None


class _Parser:
    """One pass over the source; positions are str indices, errors report UTF-8 byte offsets."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.out: list[str] = []
        self.length = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[JsonDict] = []

    def byte_offset(self, index: int) -> int:
        return len(self.source[:index].encode("utf-8"))

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.length += utf16_len(text)

    def run(self) -> ParsedText:
        source, i = self.source, 0
        while i < len(source):
            char = source[i]
            if char == "&":
                decoded, i = self.decode_entity(i)
                self.emit(decoded)
            elif char == "<":
                i = self.close_tag(i) if source.startswith("</", i) else self.open_tag(i)
            else:
                # Runs of plain text in one step: the common case is long article prose.
                end = i + 1
                while end < len(source) and source[end] not in "&<":
                    end += 1
                self.emit(source[i:end])
                i = end
        if self.stack:
            raise TelegramHtmlError(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return ParsedText("".join(self.out), tuple(self.entities))

    def decode_entity(self, i: int) -> tuple[str, int]:
        match = _ENTITY.match(self.source, i)
        if match is None:
            raise TelegramHtmlError(
                f'Unescaped "&" at byte offset {self.byte_offset(i)}: write &amp; '
                "(only &lt; &gt; &amp; &quot; and numeric entities are understood)"
            )
        decimal, hexadecimal, name = match.groups()
        if name is not None:
            if name not in _NAMED_ENTITIES:
                raise TelegramHtmlError(
                    f'Unsupported HTML entity "&{name};" at byte offset {self.byte_offset(i)}'
                )
            return _NAMED_ENTITIES[name], match.end()
        code = int(decimal) if decimal is not None else int(hexadecimal, 16)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise TelegramHtmlError(
                f"Invalid numeric HTML entity at byte offset {self.byte_offset(i)}"
            )
        return chr(code), match.end()

    def open_tag(self, begin: int) -> int:
        source, i = self.source, begin + 1
        while i < len(source) and not source[i].isspace() and source[i] not in "<>":
            i += 1
        name = source[begin + 1 : i].lower()
        if name not in _ENTITY_TYPES:
            raise TelegramHtmlError(
                f'Unsupported start tag "{name}" at byte offset {self.byte_offset(begin)}'
            )
        attributes, i = self.attributes(name, begin, i)
        tag = _OpenTag(name, self.byte_offset(begin), self.length, attributes)
        self.check_tag(tag)
        self.stack.append(tag)
        return i + 1

    def attributes(self, name: str, begin: int, i: int) -> tuple[dict[str, str], int]:
        source, found = self.source, dict[str, str]()
        unclosed = TelegramHtmlError(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        while True:
            while i < len(source) and source[i].isspace():
                i += 1
            if i >= len(source) or source[i] == "<":
                raise unclosed
            if source[i] == ">":
                return found, i
            match = _ATTRIBUTE_NAME.match(source, i)
            if match is None:
                raise TelegramHtmlError(
                    f'Expected an attribute name in the tag "{name}" at byte offset '
                    f"{self.byte_offset(i)}"
                )
            key, i = match.group().lower(), match.end()
            while i < len(source) and source[i].isspace():
                i += 1
            if i >= len(source) or source[i] != "=":
                found[key] = ""
                continue
            i += 1
            while i < len(source) and source[i].isspace():
                i += 1
            if i >= len(source):
                raise unclosed
            if source[i] in "\"'":
                end = source.find(source[i], i + 1)
                if end < 0:
                    raise unclosed
                raw, i = source[i + 1 : end], end + 1
            else:
                end = i
                while end < len(source) and not source[end].isspace() and source[end] != ">":
                    end += 1
                raw, i = source[i:end], end
            found[key] = _decode_attribute(raw)

    def check_tag(self, tag: _OpenTag) -> None:
        attrs, where = tag.attributes, f"at byte offset {tag.byte_offset}"
        if tag.name == "span" and attrs.get("class") != "tg-spoiler":
            raise TelegramHtmlError(f'Tag "span" must have class "tg-spoiler" {where}')
        if tag.name == "a" and not attrs.get("href"):
            raise TelegramHtmlError(f'Tag "a" must have a non-empty "href" {where}')
        if tag.name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
            raise TelegramHtmlError(f'Tag "tg-emoji" needs a numeric "emoji-id" {where}')
        parent = self.stack[-1] if self.stack else None
        if (
            parent is not None
            and parent.name == "pre"
            and tag.name == "code"
            and self.length == parent.start
        ):
            language = attrs.get("class", "")
            if language.startswith("language-"):
                parent.language = language[len("language-") :]
            return
        for open_tag in self.stack:
            if open_tag.name in ("code", "pre"):
                raise TelegramHtmlError(
                    f'Tag "{tag.name}" {where} is inside "{open_tag.name}", which can\'t '
                    "contain other entities"
                )
            if open_tag.name == tag.name and tag.name in ("a", "blockquote"):
                raise TelegramHtmlError(f'Tag "{tag.name}" {where} can\'t be nested in itself')

    def close_tag(self, begin: int) -> int:
        end = self.source.find(">", begin)
        if end < 0:
            raise TelegramHtmlError(f"Unclosed end tag at byte offset {self.byte_offset(begin)}")
        name = self.source[begin + 2 : end].strip().lower()
        if not self.stack:
            raise TelegramHtmlError(f"Unexpected end tag at byte offset {self.byte_offset(begin)}")
        tag = self.stack.pop()
        if name and name != tag.name:
            raise TelegramHtmlError(
                f"Unmatched end tag at byte offset {self.byte_offset(begin)}, "
                f'expected "</{tag.name}>", found "</{name}>"'
            )
        self.add_entity(tag)
        return end + 1

    def add_entity(self, tag: _OpenTag) -> None:
        length = self.length - tag.start
        parent = self.stack[-1] if self.stack else None
        if tag.name == "code" and parent is not None and parent.name == "pre":
            return  # pre>code is one pre entity; its language was moved onto the pre
        if length == 0:
            return  # Telegram drops empty entities
        entity: JsonDict = {"type": _ENTITY_TYPES[tag.name], "offset": tag.start, "length": length}
        if tag.name == "a":
            entity["url"] = tag.attributes["href"]
        elif tag.name == "pre" and tag.language:
            entity["language"] = tag.language
        elif tag.name == "blockquote" and "expandable" in tag.attributes:
            entity["type"] = "expandable_blockquote"
        elif tag.name == "tg-emoji":
            entity["custom_emoji_id"] = tag.attributes["emoji-id"]
        self.entities.append(entity)


def _decode_attribute(raw: str) -> str:
    parser = _Parser(raw)
    parts, i = [], 0
    while i < len(raw):
        if raw[i] == "&":
            decoded, i = parser.decode_entity(i)
            parts.append(decoded)
        else:
            parts.append(raw[i])
            i += 1
    return "".join(parts)


def parse_telegram_html(source: str) -> ParsedText:
    """The plain text and entities Telegram makes of `source`; TelegramHtmlError if it refuses."""
    return _Parser(source).run()


def validate_telegram_html(text: str) -> str | None:
    """Why Telegram would refuse `text` in HTML parse mode ("can't parse entities: ..."), or None.

    Length is not checked here: see `ParsedText.length` from `parse_telegram_html`.
    """
    try:
        parse_telegram_html(text)
    except TelegramHtmlError as exc:
        return str(exc)
    return None
