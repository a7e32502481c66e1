"""Telegram HTML -> readable terminal text, for the offline demo."""

from __future__ import annotations

from html.parser import HTMLParser

# ANSI styles: (start, end) per tag; used only when the terminal asks for colour.
_STYLES = {
    "b": ("\x1b[1m", "\x1b[22m"),
    "strong": ("\x1b[1m", "\x1b[22m"),
    "i": ("\x1b[3m", "\x1b[23m"),
    "em": ("\x1b[3m", "\x1b[23m"),
    "u": ("\x1b[4m", "\x1b[24m"),
    "ins": ("\x1b[4m", "\x1b[24m"),
    "s": ("\x1b[9m", "\x1b[29m"),
    "strike": ("\x1b[9m", "\x1b[29m"),
    "del": ("\x1b[9m", "\x1b[29m"),
    "code": ("\x1b[2m", "\x1b[22m"),
}
_QUOTE_PREFIX = "│ "


class _TerminalText(HTMLParser):
    def __init__(self, ansi: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.ansi = ansi
        self.out: list[str] = []
        # Per open <a>: its href and where its text starts in `out`.
        self.links: list[tuple[str, int]] = []
        self.quote_starts: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.out)))
        elif tag == "blockquote":
            self.quote_starts.append(len(self.out))
        elif self.ansi and tag in _STYLES:
            self.out.append(_STYLES[tag][0])

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            href, start = self.links.pop()
            text = "".join(self.out[start:])
            if href and href != text:
                self.out.append(f" ({href})")
        elif tag == "blockquote" and self.quote_starts:
            start = self.quote_starts.pop()
            body = "".join(self.out[start:]).strip("\n")
            del self.out[start:]
            self.out.append("\n".join(_QUOTE_PREFIX + line for line in body.split("\n")))
        elif self.ansi and tag in _STYLES:
            self.out.append(_STYLES[tag][1])

    def handle_data(self, data: str) -> None:
        self.out.append(data)


def html_to_terminal(text: str, *, ansi: bool = False) -> str:
    """Readable text for a terminal: entities decoded, links as "text (url)", quotes indented;
    bold, italic and underline as ANSI styles when `ansi` is set, else plain."""
    parser = _TerminalText(ansi)
    parser.feed(text)
    parser.close()
    return "".join(parser.out)
