"""Briefing -> Telegram HTML (escaping, splitting, pagination). Pure: no I/O.

Every `render_*` function returns a list of messages for `parse_mode=HTML` (the `*_page` ones
and `render_actor_list` one `Page`); each message is within Telegram's 4,096-character limit,
uses only Telegram's tags (b, i, a, code, blockquote), and escapes every piece of article or
user text. Long lists page: `Page` + `page_buttons` give the text and its inline buttons, and
`parse_page_data` validates a pressed button's data.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.briefing.models import (
    Actor,
    Article,
    ArticleBriefing,
    Briefing,
    DateValue,
    Event,
    Place,
    Precision,
    Quote,
    QuoteKind,
    SourceRef,
)
from bot.briefing.query import BriefingIndex, SearchResult

TELEGRAM_LIMIT = 4096  # characters after entity parsing, counted in UTF-16 code units
CALLBACK_DATA_LIMIT = 64  # bytes

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAG = re.compile(r"<[^<>]*>")

# Caps that keep one answer readable; the full lists are one command away.
BRIEF_ARTICLES = 3
BRIEF_ACTORS = 5
BRIEF_TOPICS = 4
BRIEF_EVENTS = 5
PROFILE_QUOTES = 5
PROFILE_EVENTS = 8
PROFILE_SOURCES = 5
SOURCES_PER_ARTICLE = 3
TOPIC_POSITIONS = 8
TOPIC_EVENTS = 8
TOPIC_QUOTES = 5
DIGEST_ITEMS = 10
ACTORS_PER_PAGE = 10
CLIP_QUOTE = 400
CLIP_LINE = 300
CLIP_NAME = 120
# Page sizes for which the longest possible entries still fit one message (see the entries).
TIMELINE_PER_PAGE = 5
QUOTES_PER_PAGE = 5
ARTICLES_PER_PAGE = 6
PLACES_PER_PAGE = 10


# Escaping and measuring


def escape(text: str) -> str:
    """Article or user text made safe for Telegram HTML (control characters dropped)."""
    return html.escape(_CONTROL.sub("", text))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def visible_text(markup: str) -> str:
    """What Telegram shows for this HTML: tags removed, entities decoded."""
    return html.unescape(_TAG.sub("", markup))


def visible_length(markup: str) -> int:
    """Length as Telegram counts it against the 4,096 limit (UTF-16 code units)."""
    return _utf16_len(visible_text(markup))


def clip(text: str, limit: int) -> str:
    """Text on one line, cut at a word boundary to at most `limit` UTF-16 units (as Telegram
    counts), marked with an ellipsis."""
    text = " ".join(text.split())
    if _utf16_len(text) <= limit:
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


def _width(run: str) -> int:
    return _utf16_len(html.unescape(run)) if "&" in run else _utf16_len(run)


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


def _messages(blocks: Iterable[str]) -> list[str]:
    return split_html("\n\n".join(b for b in blocks if b))


# Pagination


@dataclass(frozen=True)
class Page:
    """One page of a long list: its message text and where it sits (pages count from 1)."""

    text: str
    page: int
    pages: int


@dataclass(frozen=True)
class PageRequest:
    """A parsed page button: which list, for what (actor id, topic key or ""), which page."""

    kind: str
    arg: str
    page: int


PAGE_KINDS = ("who", "timeline", "quotes", "articles", "topic", "where")
MAX_PAGE = 9999
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


# Dates and citations


def format_date(day: dt.date) -> str:
    """10 Feb 2016 (fixed English month names: no locale dependence)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_date_value(value: DateValue | None) -> str:
    """A resolved date at its precision: 10 Feb 2016, week of 1 Feb 2016, Jan 2016, 2016."""
    if value is None:
        return "undated"
    if value.precision is Precision.DAY:
        return format_date(value.value)
    if value.precision is Precision.WEEK:
        return f"week of {format_date(value.value)}"
    if value.precision is Precision.MONTH:
        return f"{_MONTHS[value.value.month - 1]} {value.value.year}"
    return str(value.value.year)


def link(label_html: str, url: str | None) -> str:
    """A link around already-rendered text; only http(s) URLs become links."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return label_html
    return f'<a href="{html.escape(url, quote=True)}">{label_html}</a>'


def _article_line(article: Article) -> str:
    """Title (linked to the article when it has a URL), outlet and date."""
    outlet = clip(article.source, CLIP_NAME) if article.source else None
    details = ", ".join(x for x in (outlet, format_date(article.published)) if x)
    title = link(f"<b>{escape(clip(article.title, CLIP_LINE))}</b>", article.url)
    return f"{title} ({escape(details)})"


def _cite(index: BriefingIndex, ref: SourceRef) -> str:
    """Source: article title and date (escaped)."""
    article = index.article(ref.article_id)
    if article is None:
        return f"<i>article {escape(ref.article_id)}</i>"
    return f"<i>{escape(clip(article.title, 120))}</i>, {format_date(article.published)}"


def _event_text(index: BriefingIndex, event: Event) -> str:
    return event.summary or index.sentence(event.source) or event.expression


def _actor_label(actor: Actor) -> str:
    role = f", {escape(clip(actor.role, CLIP_NAME))}" if actor.role else ""
    return f"<b>{escape(clip(actor.name, CLIP_NAME))}</b>{role}"


def _affiliation(index: BriefingIndex, actor: Actor) -> str | None:
    if not actor.affiliation:
        return None
    owner = index.actor(actor.affiliation)
    return owner.name if owner is not None else actor.affiliation


# Entries (one per list item; a page renders only its own)


def actor_entries(actors: Sequence[Actor], start: int = 1) -> list[str]:
    """Numbered lines: name, role, kind and mentions."""
    entries = []
    for number, actor in enumerate(actors, start=start):
        mentions = _plural(actor.mentions, "mention")
        entries.append(f"{number}. {_actor_label(actor)} · {actor.kind.value} · {mentions}")
    return entries


def timeline_entries(index: BriefingIndex, events: Sequence[Event]) -> list[str]:
    """One entry per event: absolute date, planned or past, what happened, the source."""
    entries = []
    for event in events:
        when = format_date_value(event.date)
        status = " · <i>planned</i>" if event.planned else ""
        expression = f" <i>(“{escape(clip(event.expression, 60))}”)</i>" if event.expression else ""
        text = escape(clip(_event_text(index, event), CLIP_QUOTE))
        entries.append(
            f"{'🗓' if event.planned else '•'} <b>{when}</b>{status}{expression}\n"
            f"{text}\n— {_cite(index, event.source)}"
        )
    return entries


def quote_entries(
    index: BriefingIndex, quotes: Sequence[Quote], *, speaker: bool = True
) -> list[str]:
    """One entry per quote: who, the words, direct or reported, when, the source."""
    entries = []
    for quote in quotes:
        name = clip(quote.speaker or "Unknown speaker", CLIP_NAME)
        who = f"<b>{escape(name)}</b>: " if speaker else ""
        words = escape(clip(quote.text, CLIP_QUOTE))
        said = f"“{words}”" if quote.kind is QuoteKind.DIRECT else f"{words} <i>(reported)</i>"
        when = f" ({format_date_value(quote.said_on)})" if quote.said_on else ""
        entries.append(f"{who}{said}{when}\n— {_cite(index, quote.source)}")
    return entries


ArticleRow = tuple[str, str, dt.date | None, str | None]  # id, title, published, source


def article_entries(rows: Sequence[ArticleRow]) -> list[str]:
    """One entry per stored article: id (for /remove), title, outlet and date."""
    entries = []
    for article_id, title, published, source in rows:
        outlet = clip(source, CLIP_NAME) if source else None
        details = ", ".join(x for x in (outlet, format_date(published) if published else None) if x)
        suffix = f"\n{escape(details)}" if details else ""
        entries.append(
            f"<code>{escape(clip(article_id, 64))}</code> "
            f"<b>{escape(clip(title, CLIP_LINE))}</b>{suffix}"
        )
    return entries


# Replies


def render_brief(index: BriefingIndex, today: dt.date | None = None) -> list[str]:
    """The headline briefing: latest articles, key actors, topics with positions, what's next.

    With `today`, "next" means still ahead of today; without, what the articles report as
    planned."""
    articles = index.latest_articles()
    if not articles:
        return [escape("No articles yet. Admins can add one with /add.")]
    count = _plural(len(articles), "article")
    blocks = [f"<b>Briefing</b> · {count}, latest {format_date(articles[0].published)}"]
    blocks.append(
        "<b>Latest</b>\n" + "\n".join(f"• {_article_line(a)}" for a in articles[:BRIEF_ARTICLES])
    )
    actors = index.ranked_actors()[:BRIEF_ACTORS]
    if actors:
        blocks.append("<b>Key actors</b>\n" + "\n".join(f"• {_actor_label(a)}" for a in actors))
    topics = sorted(
        (t for t in index.topics() if t.sentences or t.positions),
        key=lambda t: -(len(t.sentences) + len(t.positions)),
    )[:BRIEF_TOPICS]
    if topics:
        lines = ["<b>Topics</b>"]
        for topic in topics:
            statements = len(topic.sentences)
            lines.append(
                f"• <b>{escape(clip(topic.label, CLIP_NAME))}</b> /{escape(topic.key)} "
                f"({_plural(statements, 'statement')})"
            )
            for position in topic.positions[:2]:
                lines.append(
                    f"   {escape(clip(position.actor, CLIP_NAME))} <i>{position.stance.value}</i>: "
                    f"{escape(clip(position.text, 160))}"
                )
        blocks.append("\n".join(lines))
    upcoming = index.upcoming_events(today) if today else index.planned_events()
    if upcoming:
        heading = "Coming up" if today else "Planned"
        blocks.append(
            f"<b>{heading}</b>\n"
            + "\n".join(
                f"• <b>{format_date_value(e.date)}</b> {escape(clip(_event_text(index, e), 200))}"
                for e in upcoming[:BRIEF_EVENTS]
            )
        )
    blocks.append("More: /who /timeline /where /quotes /articles")
    return _messages(blocks)


def _count_page(
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


def render_actor_list(index: BriefingIndex, page: int = 1, per_page: int = ACTORS_PER_PAGE) -> Page:
    """Actors, most central first, one page at a time."""
    actors = index.ranked_actors()
    return _count_page(
        f"<b>Who's who</b> ({len(actors)})",
        len(actors),
        page,
        per_page,
        lambda start, stop: ["\n".join(actor_entries(actors[start:stop], start=start + 1))],
        "No actors yet.",
        "Profile: /who NAME",
    )


def render_timeline_page(
    index: BriefingIndex,
    events: Sequence[Event],
    title: str,
    page: int = 1,
    per_page: int = TIMELINE_PER_PAGE,
) -> Page:
    """One page of a timeline, in date order."""
    return _count_page(
        f"<b>Timeline: {escape(clip(title, CLIP_NAME))}</b> ({len(events)})",
        len(events),
        page,
        per_page,
        lambda start, stop: timeline_entries(index, events[start:stop]),
        "No dated events yet.",
    )


def render_quotes_page(
    index: BriefingIndex,
    actor: Actor | None = None,
    page: int = 1,
    per_page: int = QUOTES_PER_PAGE,
) -> Page:
    """One page of quotes, by one actor or by everyone, in article order."""
    quotes = index.quotes_by(actor.id) if actor is not None else index.briefing.quotes
    title = f"Quotes: {escape(clip(actor.name, CLIP_NAME))}" if actor is not None else "Quotes"
    return _count_page(
        f"<b>{title}</b> ({len(quotes)})",
        len(quotes),
        page,
        per_page,
        lambda start, stop: quote_entries(index, quotes[start:stop], speaker=actor is None),
        "No quotes yet.",
    )


def _article_rows(source: BriefingIndex | Sequence[ArticleRow]) -> list[ArticleRow]:
    """Newest first."""
    if isinstance(source, BriefingIndex):
        return [(a.id, a.title, a.published, a.source) for a in source.latest_articles()]
    return sorted(source, key=lambda r: r[2] or dt.date.min, reverse=True)


def render_articles_page(
    source: BriefingIndex | Sequence[ArticleRow], page: int = 1, per_page: int = ARTICLES_PER_PAGE
) -> Page:
    """One page of the article list, newest first."""
    rows = _article_rows(source)
    return _count_page(
        f"<b>Articles</b> ({len(rows)})",
        len(rows),
        page,
        per_page,
        lambda start, stop: article_entries(rows[start:stop]),
        "No articles yet.",
    )


def render_where_page(index: BriefingIndex, page: int = 1, per_page: int = PLACES_PER_PAGE) -> Page:
    """One page of places, most mentioned first."""
    places = _places(index)
    return _count_page(
        f"<b>Places</b> ({len(places)})",
        len(places),
        page,
        per_page,
        lambda start, stop: ["\n".join(place_entries(index, places[start:stop]))],
        "No places found yet.",
    )


def render_actor_profile(index: BriefingIndex, actor: Actor) -> list[str]:
    """One actor: role, affiliation, aliases, quotes, actions and the sentences cited."""
    head = [f"<b>{escape(actor.name)}</b> · {actor.kind.value}"]
    if actor.role:
        head.append(f"Role: {escape(actor.role)}")
    affiliation = _affiliation(index, actor)
    if affiliation:
        head.append(f"Affiliation: {escape(affiliation)}")
    aliases = [a for a in actor.aliases if a.casefold() != actor.name.casefold()]
    if aliases:
        head.append("Also: " + ", ".join(escape(a) for a in aliases[:8]))
    articles = {ref.article_id for ref in actor.sources}
    head.append(f"{_plural(actor.mentions, 'mention')} in {_plural(len(articles), 'article')}")
    blocks = ["\n".join(head)]
    quotes = index.quotes_by(actor.id)
    if quotes:
        more = (
            f" (latest {PROFILE_QUOTES} of {len(quotes)})" if len(quotes) > PROFILE_QUOTES else ""
        )
        blocks.append(
            f"<b>Quotes</b>{more}\n"
            + "\n\n".join(quote_entries(index, quotes[-PROFILE_QUOTES:], speaker=False))
        )
    events = index.events_for_actor(actor.id)
    if events:
        more = (
            f" (latest {PROFILE_EVENTS} of {len(events)})" if len(events) > PROFILE_EVENTS else ""
        )
        blocks.append(
            f"<b>Actions</b>{more}\n"
            + "\n\n".join(timeline_entries(index, events[-PROFILE_EVENTS:]))
        )
    sources = _sources_block(index, actor.sources)
    if sources:
        blocks.append(sources)
    return _messages(blocks)


def _sources_block(index: BriefingIndex, refs: Sequence[SourceRef]) -> str:
    """Cited sentences grouped under their article, newest articles first."""
    by_article: dict[str, list[int]] = {}
    for ref in refs:
        sentences = by_article.setdefault(ref.article_id, [])
        if ref.sentence not in sentences:
            sentences.append(ref.sentence)
    lines = ["<b>Sources</b>"]
    budget = PROFILE_SOURCES
    for article_id in sorted(by_article, key=index.recency):
        if budget <= 0:
            break
        quoted = []
        for sentence in by_article[article_id][:SOURCES_PER_ARTICLE]:
            text = index.sentence(SourceRef(article_id=article_id, sentence=sentence))
            if text and budget > 0:
                quoted.append(f"<blockquote>{escape(clip(text, CLIP_QUOTE))}</blockquote>")
                budget -= 1
        first = SourceRef(article_id=article_id, sentence=by_article[article_id][0])
        lines.append(_cite(index, first) + "".join(f"\n{q}" for q in quoted))
    return "\n".join(lines) if len(lines) > 1 else ""


def render_suggestions(query: str, suggestions: Sequence[Actor]) -> list[str]:
    """Not one match for a name: the candidates, or a pointer to the full list."""
    asked = escape(clip(query, 80))
    if not suggestions:
        return [f"I found no one called “{asked}” in the briefing. /who lists everyone."]
    lines = [f"“{asked}” could be:"]
    lines.extend(f"• {_actor_label(a)} — /who {escape(a.name)}" for a in suggestions)
    return _messages(["\n".join(lines)])


def render_topic(index: BriefingIndex, key: str) -> list[str]:
    """A topic: each party's position, its events and quotes, all sourced."""
    topic = index.topic(key)
    if topic is None or not (topic.sentences or topic.positions):
        label = topic.label if topic is not None else key
        return [f"Nothing on <b>{escape(label)}</b> in the briefing yet."]
    articles = {ref.article_id for ref in topic.sentences}
    blocks = [
        f"<b>{escape(topic.label)}</b> /{escape(topic.key)}\n"
        f"{_plural(len(topic.sentences), 'statement')} in "
        f"{_plural(len(articles), 'article')}"
    ]
    if topic.positions:
        lines = ["<b>Positions</b>"]
        for position in topic.positions[-TOPIC_POSITIONS:]:
            when = f" ({format_date_value(position.date)})" if position.date else ""
            lines.append(
                f"• <b>{escape(position.actor)}</b> <i>{position.stance.value}</i>{when}: "
                f"{escape(clip(position.text, CLIP_LINE))}\n  — {_cite(index, position.source)}"
            )
        blocks.append("\n".join(lines))
    events = index.events_for_topic(key)
    if events:
        more = (
            f" (latest {TOPIC_EVENTS}; all: /timeline {escape(key)})"
            if len(events) > TOPIC_EVENTS
            else ""
        )
        blocks.append(
            f"<b>Timeline</b>{more}\n"
            + "\n\n".join(timeline_entries(index, events[-TOPIC_EVENTS:]))
        )
    quotes = index.quotes_for_topic(key)
    if quotes:
        blocks.append("<b>Quotes</b>\n" + "\n\n".join(quote_entries(index, quotes[-TOPIC_QUOTES:])))
    if not topic.positions and not events and not quotes:
        lines = ["<b>Statements</b>"]
        for ref in topic.sentences[-TOPIC_QUOTES:]:
            lines.append(
                f"• {escape(clip(index.sentence(ref), CLIP_QUOTE))}\n  — {_cite(index, ref)}"
            )
        blocks.append("\n".join(lines))
    return _messages(blocks)


def place_entries(index: BriefingIndex, places: Sequence[Place]) -> list[str]:
    """One line per place: name, what it is, mentions, and the first article naming it."""
    entries = []
    for place in places:
        details = ", ".join(x for x in (place.kind, place.country_code) if x)
        details_text = f" ({escape(clip(details, 40))})" if details else ""
        mentions = _plural(place.count, "mention")
        source = f" — {_cite(index, place.sources[0])}" if place.sources else ""
        entries.append(
            f"• <b>{escape(clip(place.name, CLIP_NAME))}</b>{details_text} · {mentions}{source}"
        )
    return entries


def _places(index: BriefingIndex) -> list[Place]:
    return sorted(index.briefing.places, key=lambda p: (-p.count, p.name.casefold()))


def render_digest(
    index: BriefingIndex,
    new_article_ids: Iterable[str],
    upcoming_events: Sequence[Event],
    topics: Sequence[str] | None = None,
) -> list[str]:
    """A chat's digest: new articles, their key actors and events, and what is still ahead.

    `topics` narrows everything to those topic keys."""
    wanted = set(topics or ())
    new_ids = [i for i in dict.fromkeys(new_article_ids) if index.article(i) is not None]

    def on_topic(ref: SourceRef) -> bool:
        return not wanted or bool(wanted.intersection(index.topic_keys_of(ref)))

    if wanted:
        touched = {
            ref.article_id
            for key in wanted
            if (topic := index.topic(key)) is not None
            for ref in topic.sentences
        }
        new_ids = [i for i in new_ids if i in touched]
    articles = sorted(
        (a for i in new_ids if (a := index.article(i)) is not None),
        key=lambda a: a.published,
        reverse=True,
    )
    happened = [e for e in index.events_since(new_ids) if not e.planned and on_topic(e.source)]
    ahead = [e for e in upcoming_events if on_topic(e.source)]
    scope = ""
    if wanted:
        labels = [t.label if (t := index.topic(k)) else k for k in sorted(wanted)]
        scope = " · " + escape(", ".join(labels))
    blocks = [f"<b>Daily briefing</b>{scope}"]
    if not articles and not ahead:
        blocks.append("Nothing new since your last digest.")
        return _messages(blocks)
    if articles:
        lines = [f"<b>New</b> ({len(articles)})"]
        lines.extend(f"• {_article_line(a)}" for a in articles[:DIGEST_ITEMS])
        if len(articles) > DIGEST_ITEMS:
            lines.append(f"… and {len(articles) - DIGEST_ITEMS} more: /articles")
        blocks.append("\n".join(lines))
        actors = index.actors_in(new_ids)[:BRIEF_ACTORS]
        if actors:
            blocks.append("<b>Key actors</b>\n" + "\n".join(f"• {_actor_label(a)}" for a in actors))
        if happened:
            blocks.append(
                "<b>What happened</b>\n"
                + "\n\n".join(timeline_entries(index, happened[-DIGEST_ITEMS:]))
            )
    if ahead:
        blocks.append(
            "<b>Coming up</b>\n" + "\n\n".join(timeline_entries(index, ahead[:DIGEST_ITEMS]))
        )
    blocks.append("More: /brief /timeline /who")
    return _messages(blocks)


_HELP = (
    ("brief", "the headline briefing"),
    ("who", "[name] who is who, or one actor's profile"),
    ("timeline", "[topic|name] events in date order"),
    ("topic", "NAME one topic: positions, events, quotes"),
    ("where", "places in the news"),
    ("quotes", "[name] what was said"),
    ("articles", "the articles behind the briefing"),
    ("subscribe", "[HH:MM] [Area/City] [topic ...] a daily digest"),
    ("unsubscribe", "stop the daily digest"),
    ("settings", "this chat's digest settings"),
    ("digest", "preview the digest now"),
)
_ADMIN_HELP = (
    ("add", "[YYYY-MM-DD] [URL] add an article (text, reply, document or URL)"),
    ("remove", "ID remove an article"),
    ("reprocess", "read every article again"),
    ("stats", "articles, subscribers, deliveries"),
)


def render_help(topic_keys: Sequence[str], is_admin: bool = False) -> list[str]:
    """The commands, the configured topics, and admin commands for admins."""
    blocks = [
        "<b>Briefing Bot</b>\nAsk about the news: people, topics, places, dates. "
        "Every answer cites its article.",
        "\n".join(f"/{name} {escape(text)}" for name, text in _HELP),
    ]
    if topic_keys:
        blocks.append("<b>Topics</b>\n" + " ".join(f"/{escape(k)}" for k in topic_keys))
    if is_admin:
        blocks.append(
            "<b>Admin</b>\n" + "\n".join(f"/{name} {escape(text)}" for name, text in _ADMIN_HELP)
        )
    blocks.append("In a private chat you can also just type a name or a topic.")
    return _messages(blocks)


def render_settings(
    *,
    subscribed: bool,
    digest_time: str | None = None,
    timezone: str | None = None,
    topics: Sequence[str] = (),
    always: bool = False,
    pictures: bool = False,
    thread_id: int | None = None,
) -> list[str]:
    """This chat's digest settings."""
    if not subscribed:
        return ["<b>Settings</b>\nNo daily digest here. /subscribe [HH:MM] [Area/City] [topic ...]"]
    lines = [
        "<b>Settings</b>",
        f"Daily digest at <b>{escape(digest_time or '?')}</b> ({escape(timezone or 'UTC')})",
        "Topics: " + (", ".join(escape(t) for t in topics) if topics else "all"),
        "Sent even on days with nothing new" if always else "Skipped on days with nothing new",
        "With the timeline picture (/subscribe nopictures to drop it)"
        if pictures
        else "Text only (/subscribe pictures adds the timeline picture)",
    ]
    if thread_id is not None:
        lines.append(f"Delivered to topic thread {thread_id}")
    lines.append("Change: /subscribe … · stop: /unsubscribe")
    return _messages(["\n".join(lines)])


def render_search(index: BriefingIndex, query: str, result: SearchResult) -> list[str]:
    """A free-text question: the one thing it names in full, or what matched and where to look."""
    if result.empty:
        return [
            f"I found nothing about “{escape(clip(query, 80))}” in the briefing. "
            "Try /brief, /who or /help."
        ]
    if len(result.actors) == 1 and not result.topics and not result.places:
        return render_actor_profile(index, result.actors[0])
    if len(result.topics) == 1 and not result.actors and not result.places:
        return render_topic(index, result.topics[0].key)
    lines = [f"About “{escape(clip(query, 80))}”:"]
    lines.extend(f"• {_actor_label(a)} — /who {escape(a.name)}" for a in result.actors[:8])
    lines.extend(f"• <b>{escape(t.label)}</b> — /{escape(t.key)}" for t in result.topics[:8])
    lines.extend(
        f"• <b>{escape(p.name)}</b> · {_plural(p.count, 'mention')} — /where"
        for p in result.places[:8]
    )
    return _messages(["\n".join(lines)])


class StoreFigures(Protocol):
    """The store's counts that /stats shows (bot.store's StoreStats has them)."""

    @property
    def articles(self) -> int: ...
    @property
    def active_subscriptions(self) -> int: ...
    @property
    def private_subscriptions(self) -> int: ...
    @property
    def group_subscriptions(self) -> int: ...
    @property
    def deliveries_sent(self) -> int: ...
    @property
    def deliveries_failed(self) -> int: ...
    @property
    def deliveries_unconfirmed(self) -> int: ...


def render_add_summary(briefing: ArticleBriefing) -> list[str]:
    """What the engine read from an article an admin just added."""
    article = briefing.article
    planned = sum(1 for e in briefing.events if e.planned)
    lines = [
        f"Added <code>{escape(article.id)}</code>: {_article_line(article)}",
        "",
        f"Sentences: {len(article.sentences)}",
        f"Actors: {len(briefing.actors)}",
        f"Quotes: {len(briefing.quotes)}",
        f"Events: {len(briefing.events)} ({planned} planned)",
        f"Places: {len(briefing.places)} · figures: {len(briefing.figures)}",
    ]
    top = sorted(briefing.actors, key=lambda a: (-a.salience, -a.mentions, a.name.casefold()))
    if top:
        lines.append("Key actors: " + ", ".join(_actor_label(a) for a in top[:BRIEF_ACTORS]))
    topics = [t for t in briefing.topics if t.sentences or t.positions]
    if topics:
        lines.append("Topics: " + " ".join(f"/{escape(t.key)}" for t in topics))
    lines += ["", "Ask: /brief /who /timeline"]
    return _messages(["\n".join(lines)])


def render_stats(stats: StoreFigures, briefing: Briefing) -> list[str]:
    """Admin figures: articles, subscribers, deliveries, and the size of the briefing."""
    lines = [
        "<b>Stats</b>",
        f"Articles stored: {stats.articles}",
        f"Subscriptions: {stats.active_subscriptions} "
        f"({stats.private_subscriptions} private, {stats.group_subscriptions} groups/channels)",
        f"Digests delivered: {stats.deliveries_sent} · failed: {stats.deliveries_failed}"
        + (
            f" · unconfirmed: {stats.deliveries_unconfirmed} (their sender stopped mid-send)"
            if stats.deliveries_unconfirmed
            else ""
        ),
        f"Briefing: {len(briefing.articles)} articles, {len(briefing.actors)} actors, "
        f"{len(briefing.quotes)} quotes, {len(briefing.events)} events, "
        f"{len(briefing.places)} places",
    ]
    return _messages(["\n".join(lines)])


# Plain text for the command line


def _report_actor(actor: Actor, names: dict[str, str]) -> str:
    line = f"{actor.name} [{actor.kind.value}]"
    if actor.role:
        line += f" - {actor.role}"
    if actor.affiliation:
        line += f" ({names.get(actor.affiliation, actor.affiliation)})"
    aliases = [a for a in actor.aliases if a.casefold() != actor.name.casefold()]
    if aliases:
        line += f"; also {', '.join(aliases)}"
    return f"{line}; {_plural(actor.mentions, 'mention')}"


def _report_event(article: Article, event: Event) -> str:
    when = event.date.iso() if event.date else "undated"
    status = "planned " if event.planned else ""
    text = event.summary or _sentence_of(article, event.source)
    expression = f" ({event.expression})" if event.expression else ""
    return f"{when:<10} {status}{text}{expression} [s{event.source.sentence}]"


def _sentence_of(article: Article, ref: SourceRef) -> str:
    sentences = article.sentences
    return sentences[ref.sentence] if 0 <= ref.sentence < len(sentences) else ""


def render_article_report(briefing: ArticleBriefing) -> str:
    """One article's briefing as plain text (`briefing-bot process` without --json).

    Facts end in [sN], the index of the sentence they were read from (listed under Sources)."""
    article = briefing.article
    names = {a.id: a.name for a in briefing.actors}
    meta = [f"published {article.published.isoformat()}", f"id {article.id}"]
    if article.source:
        meta.append(article.source)
    lines = [article.title, "=" * min(len(article.title), 78), "  ".join(meta)]
    if article.url:
        lines.append(article.url)
    if article.standfirst:
        lines += ["", article.standfirst]

    def section(title: str, rows: list[str], count: int | None = None) -> None:
        lines.extend(["", f"{title} ({len(rows) if count is None else count})"])
        lines.extend(f"  {row}" for row in rows)

    section("Actors", [_report_actor(a, names) for a in briefing.actors])
    section(
        "Quotes",
        [
            f"{q.speaker or 'unknown'} ({q.kind.value}"
            + (f", {q.said_on.iso()}" if q.said_on else "")
            + f'): "{q.text}" [s{q.source.sentence}]'
            for q in briefing.quotes
        ],
    )
    section("Timeline", [_report_event(article, e) for e in briefing.events])
    topic_rows: list[str] = []
    for topic in briefing.topics:
        topic_rows.append(f"{topic.label} [{topic.key}]: {len(topic.sentences)} sentences")
        topic_rows.extend(
            f"  {p.actor} {p.stance.value}: {p.text} [s{p.source.sentence}]"
            for p in topic.positions
        )
    section("Topics", topic_rows, len(briefing.topics))
    section(
        "Places",
        [f"{p.name} x{p.count}" + (f" ({p.kind})" if p.kind else "") for p in briefing.places],
    )
    section(
        "Figures",
        [
            f.text
            + (f" = {f.value:g}" if f.value is not None else "")
            + (f" [{f.counts}]" if f.counts else "")
            + f" [s{f.source.sentence}]"
            for f in briefing.figures
        ],
    )
    refs = [
        *(q.source for q in briefing.quotes),
        *(e.source for e in briefing.events),
        *(p.source for t in briefing.topics for p in t.positions),
        *(f.source for f in briefing.figures),
    ]
    cited = sorted({r.sentence for r in refs if _sentence_of(article, r)})
    section("Sources", [f"[s{i}] {article.sentences[i]}" for i in cited])
    return "\n".join(lines)
