"""Screens for everyone: the briefing, who's who, timelines, topics, quotes, places, articles,
free-text answers and /help. Pure: each returns Telegram HTML messages or one `Page`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.briefing.models import Actor, Event, Place, Position, SourceRef
from bot.briefing.query import BriefingIndex, SearchResult
from bot.briefing.view import BriefingView
from bot.render.entries import (
    CLIP_LINE,
    CLIP_NAME,
    CLIP_QUOTE,
    RANKING_NOTE,
    ArticleRow,
    actor_entries,
    actor_label,
    article_entries,
    article_line,
    cite,
    event_text,
    format_date,
    format_date_value,
    party_positions,
    place_entries,
    quote_entries,
    timeline_entries,
    topic_command,
)
from bot.render.html import clip, escape, messages, plural
from bot.render.pages import Page, PageRequest, count_page, parse_subject

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
ACTORS_PER_PAGE = 10
# Page sizes for which the longest possible entries still fit one message (see the entries).
TIMELINE_PER_PAGE = 5
QUOTES_PER_PAGE = 5
ARTICLES_PER_PAGE = 6
PLACES_PER_PAGE = 10


def _affiliation(index: BriefingIndex, actor: Actor) -> str | None:
    if not actor.affiliation:
        return None
    owner = index.actor(actor.affiliation)
    return owner.name if owner is not None else actor.affiliation


def render_brief(index: BriefingIndex, today: dt.date | None = None) -> list[str]:
    """The headline briefing: latest articles, key actors, topics with positions, what's next.

    With `today`, "next" means still ahead of today; without, what the articles report as
    planned."""
    articles = index.latest_articles()
    if not articles:
        return [escape("No articles yet. Admins can add one with /add.")]
    count = plural(len(articles), "article")
    blocks = [f"<b>Briefing</b> · {count}, latest {format_date(articles[0].published)}"]
    blocks.append(
        "<b>Latest</b>\n" + "\n".join(f"• {article_line(a)}" for a in articles[:BRIEF_ARTICLES])
    )
    actors = index.ranked_actors()[:BRIEF_ACTORS]
    if actors:
        blocks.append("<b>Key actors</b>\n" + "\n".join(f"• {actor_label(a)}" for a in actors))
    topics = sorted(
        (t for t in index.topics() if t.sentences or t.positions),
        key=lambda t: -(len(t.sentences) + len(t.positions)),
    )[:BRIEF_TOPICS]
    if topics:
        lines = ["<b>Topics</b>"]
        for topic in topics:
            statements = len(topic.sentences)
            lines.append(
                f"• <b>{escape(clip(topic.label, CLIP_NAME))}</b> {topic_command(topic)} "
                f"({plural(statements, 'statement')})"
            )
            for position, _ in party_positions(topic.positions)[:2]:
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
                f"• <b>{format_date_value(e.date)}</b> {escape(clip(event_text(index, e), 200))}"
                for e in upcoming[:BRIEF_EVENTS]
            )
        )
    blocks.append("More: /who /timeline /where /quotes /articles")
    return messages(blocks)


def render_actor_list(index: BriefingIndex, page: int = 1, per_page: int = ACTORS_PER_PAGE) -> Page:
    """Actors, most central first, one page at a time."""
    actors = index.ranked_actors()
    return count_page(
        f"<b>Who's who</b> ({len(actors)})\n<i>{escape(RANKING_NOTE)}</i>",
        len(actors),
        page,
        per_page,
        lambda start, stop: ["\n".join(actor_entries(index, actors[start:stop], start=start + 1))],
        "No actors yet.",
        "Profile: /who NAME",
    )


def render_timeline_page(
    index: BriefingIndex,
    events: Sequence[Event],
    title: str | None = None,
    page: int = 1,
    per_page: int = TIMELINE_PER_PAGE,
) -> Page:
    """One page of a timeline, in date order: the whole one, or one topic's or actor's (`title`)."""
    heading = f"Timeline: {escape(clip(title, CLIP_NAME))}" if title is not None else "Timeline"
    return count_page(
        f"<b>{heading}</b> ({len(events)})",
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
    return count_page(
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
    return count_page(
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
    return count_page(
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
    mentions = plural(index.mentions(actor), "mention")
    head.append(f"{mentions} in {plural(len(articles), 'article')}")
    blocks = ["\n".join(head)]
    quotes = index.quotes_by(actor.id)
    if quotes:
        shown = quote_entries(index, quotes[-PROFILE_QUOTES:], speaker=False)
        blocks.append(_latest_block("Quotes", shown, len(quotes)))
    events = index.events_for_actor(actor.id)
    if events:
        shown = timeline_entries(index, events[-PROFILE_EVENTS:])
        blocks.append(_latest_block("Actions", shown, len(events)))
    sources = _sources_block(index, actor.sources)
    if sources:
        blocks.append(sources)
    return messages(blocks)


def _latest_block(title: str, shown: list[str], total: int) -> str:
    """A titled block of the latest entries, saying how many there are when not all are shown."""
    more = f" (latest {len(shown)} of {total})" if len(shown) < total else ""
    return f"<b>{title}</b>{more}\n" + "\n\n".join(shown)


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
        lines.append(cite(index, first) + "".join(f"\n{q}" for q in quoted))
    return "\n".join(lines) if len(lines) > 1 else ""


def render_suggestions(query: str, suggestions: Sequence[Actor]) -> list[str]:
    """Not one match for a name: the candidates, or a pointer to the full list."""
    asked = escape(clip(query, 80))
    if not suggestions:
        return [f"I found no one called “{asked}” in the briefing. /who lists everyone."]
    lines = [f"“{asked}” could be:"]
    lines.extend(f"• {actor_label(a)} — /who {escape(a.name)}" for a in suggestions)
    return messages(["\n".join(lines)])


def render_topic(index: BriefingIndex, key: str) -> list[str]:
    """A topic: each party's position, its events and quotes, all sourced."""
    topic = index.topic(key)
    if topic is None or not (topic.sentences or topic.positions):
        label = topic.label if topic is not None else key
        return [f"Nothing on <b>{escape(label)}</b> in the briefing yet."]
    articles = {ref.article_id for ref in topic.sentences}
    positions = party_positions(topic.positions)
    head = f"{plural(len(topic.sentences), 'statement')} in {plural(len(articles), 'article')}"
    if positions:
        head += f", {plural(len(positions), 'position')}"
    blocks = [f"<b>{escape(topic.label)}</b> {topic_command(topic)}\n{head}"]
    if positions:
        shown = positions[-TOPIC_POSITIONS:]
        more = f" (latest {len(shown)} of {len(positions)})" if len(shown) < len(positions) else ""
        lines = [f"<b>Positions</b>{more}"]
        for position, statements in shown:
            lines.append(
                f"• <b>{escape(position.actor)}</b> <i>{position.stance.value}</i>"
                f"{_said(position, statements)}: "
                f"{escape(clip(position.text, CLIP_LINE))}\n  — {cite(index, position.source)}"
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
                f"• {escape(clip(index.sentence(ref), CLIP_QUOTE))}\n  — {cite(index, ref)}"
            )
        blocks.append("\n".join(lines))
    return messages(blocks)


def _said(position: Position, statements: int) -> str:
    """When a position was first stated, and how often when more than once."""
    when = format_date_value(position.date) if position.date else ""
    again = f"first of {statements} statements" if statements > 1 else ""
    said = ", ".join(x for x in (when, again) if x)
    return f" ({said})" if said else ""


def _places(index: BriefingIndex) -> list[Place]:
    return index.places()


def render_help(
    commands: Sequence[tuple[str, str]],
    topic_keys: Sequence[str],
    admin_commands: Sequence[tuple[str, str]] = (),
) -> list[str]:
    """The commands (name, help text), the configured topics, and the admin commands given."""
    blocks = [
        "<b>Briefing Bot</b>\nAsk about the news: people, topics, places, dates. "
        "Every answer cites its article.",
        "\n".join(f"/{name} {escape(text)}" for name, text in commands),
    ]
    if topic_keys:
        blocks.append("<b>Topics</b>\n" + " ".join(f"/{escape(k)}" for k in topic_keys))
    if admin_commands:
        blocks.append(
            "<b>Admin</b>\n" + "\n".join(f"/{name} {escape(t)}" for name, t in admin_commands)
        )
    blocks.append("In a private chat you can also just type a name or a topic.")
    return messages(blocks)


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
    lines.extend(f"• {actor_label(a)} — /who {escape(a.name)}" for a in result.actors[:8])
    lines.extend(f"• <b>{escape(t.label)}</b> — {topic_command(t)}" for t in result.topics[:8])
    lines.extend(
        f"• <b>{escape(p.name)}</b> · {plural(p.count, 'mention')} — /where"
        for p in result.places[:8]
    )
    return messages(["\n".join(lines)])


def render_page(view: BriefingView, request: PageRequest) -> Page | None:
    """The page a command or button asks for; None when it or its subject does not exist."""
    page = _render_page(view, request)
    # The renderers clamp the page number; a page that does not exist is not shown instead.
    return page if page is not None and page.page == request.page else None


def _render_page(view: BriefingView, request: PageRequest) -> Page | None:
    index = view.index
    subject = parse_subject(request.arg)
    if subject is None:
        return None
    actor = index.actor(subject.value) if subject.kind == "actor" else None
    if subject.kind == "actor" and actor is None:
        return None
    everything = subject.kind == "everything"
    if request.kind == "who" and everything:
        return render_actor_list(index, request.page)
    if request.kind == "where" and everything:
        return render_where_page(index, request.page)
    if request.kind == "articles" and everything:
        rows = [(a.id, a.title, a.published, a.source) for a in reversed(view.articles)]
        return render_articles_page(rows, request.page)
    if request.kind == "quotes" and (actor is not None or everything):
        return render_quotes_page(index, actor, request.page)
    if request.kind == "timeline":
        if everything:
            return render_timeline_page(index, index.events(), page=request.page)
        if actor is not None:
            return render_timeline_page(
                index, index.events_for_actor(actor.id), actor.name, request.page
            )
        topic = index.topic(subject.value) if subject.kind == "topic" else None
        if topic is not None:
            return render_timeline_page(
                index, index.events_for_topic(topic.key), topic.label, request.page
            )
    return None
