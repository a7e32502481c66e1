"""The pieces screens share: dates, citations, and one entry per list item (an actor, an event,
a quote, an article, a place); a page renders only its own entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.briefing.models import (
    Actor,
    Article,
    DateValue,
    Event,
    Place,
    Position,
    Precision,
    Quote,
    QuoteKind,
    SourceRef,
    Stance,
    Topic,
    TopicKind,
)
from bot.briefing.query import BriefingIndex
from bot.render.html import clip, escape, link, plural

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
CLIP_QUOTE = 400
CLIP_LINE = 300
CLIP_NAME = 120
# The timeline chart's markers, so that one legend reads for the chart and for the text.
HAPPENED_MARK = "●"
PLANNED_MARK = "◇"


def topic_command(topic: Topic) -> str:
    """The command that shows a topic: its own for a configured one, /topic KEY for a subject."""
    if topic.kind is TopicKind.SUBJECT:
        return f"/topic {escape(topic.key)}"
    return f"/{escape(topic.key)}"


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


def article_line(article: Article) -> str:
    """Title (linked to the article when it has a URL), outlet and date."""
    outlet = clip(article.source, CLIP_NAME) if article.source else None
    details = ", ".join(x for x in (outlet, format_date(article.published)) if x)
    title = link(f"<b>{escape(clip(article.title, CLIP_LINE))}</b>", article.url)
    return f"{title} ({escape(details)})"


def cite(index: BriefingIndex, ref: SourceRef) -> str:
    """Source: article title and date (escaped)."""
    article = index.article(ref.article_id)
    if article is None:
        return f"<i>article {escape(ref.article_id)}</i>"
    return f"<i>{escape(clip(article.title, 120))}</i>, {format_date(article.published)}"


def event_text(index: BriefingIndex, event: Event) -> str:
    """What an event says: its summary, else its sentence, else the date expression."""
    return event.summary or index.sentence(event.source) or event.expression


def actor_label(actor: Actor) -> str:
    """The name in bold, then the role the article gives."""
    role = f", {escape(clip(actor.role, CLIP_NAME))}" if actor.role else ""
    return f"<b>{escape(clip(actor.name, CLIP_NAME))}</b>{role}"


# Why /who ranks as it does, in words that stay true however the engine weighs each part.
RANKING_NOTE = (
    "Ranked by score: mentions, weighted up for acting, speaking and coming early; "
    "a country also scores part of what its officials and bodies do."
)


def actor_entries(index: BriefingIndex, actors: Sequence[Actor], start: int = 1) -> list[str]:
    """Numbered lines: name, role, kind, the score that ranks them, and mentions."""
    entries = []
    for number, actor in enumerate(actors, start=start):
        mentions = plural(index.mentions(actor), "mention")
        entries.append(
            f"{number}. {actor_label(actor)} · {actor.kind.value} · "
            f"score {actor.salience:.0f} · {mentions}"
        )
    return entries


def timeline_entries(index: BriefingIndex, events: Sequence[Event]) -> list[str]:
    """One entry per event: absolute date, planned or past, what happened, the source."""
    entries = []
    for event in events:
        when = format_date_value(event.date)
        status = " · <i>planned</i>" if event.planned else ""
        expression = f" <i>(“{escape(clip(event.expression, 60))}”)</i>" if event.expression else ""
        text = escape(clip(event_text(index, event), CLIP_QUOTE))
        mark = PLANNED_MARK if event.planned else HAPPENED_MARK
        entries.append(
            f"{mark} <b>{when}</b>{status}{expression}\n{text}\n— {cite(index, event.source)}"
        )
    return entries


def party_positions(positions: Sequence[Position]) -> list[tuple[Position, int]]:
    """Each party's stance once, as first stated, with how many statements made it; in the
    order they were first stated.

    A party that restates a stance, or whose one stance several sentences report, holds one
    position, not several.
    """
    found: dict[tuple[str, Stance], list[Position]] = {}
    for position in positions:
        party = position.actor_id or position.actor.casefold()
        found.setdefault((party, position.stance), []).append(position)
    firsts = [(_first_said(group), len(group)) for group in found.values()]
    return sorted(firsts, key=lambda item: _said_key(item[0]))


def _said_key(position: Position) -> tuple[int, dt.date]:
    # Undated positions (from briefings made before positions were dated) keep their order last.
    return (1, dt.date.max) if position.date is None else (0, position.date.value)


def _first_said(group: list[Position]) -> Position:
    return min(group, key=_said_key)  # min keeps the first of equals: the earliest sentence


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
        entries.append(f"{who}{said}{when}\n— {cite(index, quote.source)}")
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


def place_entries(index: BriefingIndex, places: Sequence[Place]) -> list[str]:
    """One line per place: name, what it is, mentions, and the first article naming it."""
    entries = []
    for place in places:
        details = ", ".join(x for x in (place.kind, place.country_code) if x)
        details_text = f" ({escape(clip(details, 40))})" if details else ""
        mentions = plural(place.count, "mention")
        source = f" — {cite(index, place.sources[0])}" if place.sources else ""
        entries.append(
            f"• <b>{escape(clip(place.name, CLIP_NAME))}</b>{details_text} · {mentions}{source}"
        )
    return entries
