"""Screens for stories and questions in words: the /brief list, an opened story, the line that
says which story an answer covers, and the answers to "when ...?", "what happened ...?" and
"what did ... say?"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.briefing.desk import StoryDesk
from bot.briefing.models import Actor, Event
from bot.briefing.query import BriefingIndex
from bot.briefing.questions import (
    HappenedQuestion,
    SaidQuestion,
    WhenQuestion,
    events_about,
    events_on,
    newest_publication,
    read_question,
)
from bot.briefing.stories import Story
from bot.render.entries import (
    CLIP_LINE,
    CLIP_NAME,
    format_date,
    format_date_value,
    timeline_entries,
)
from bot.render.html import clip, escape, messages, split_html
from bot.render.pages import Page, count_page
from bot.render.public import render_brief, render_quotes_page

STORIES_PER_PAGE = 8
STORY_OUTLETS = 2  # outlets named beside a story's dates; "and N more" for the rest


def _count(count: int, singular: str, plural: str) -> str:
    return f"{count:,} {singular if count == 1 else plural}"


def story_dates(story: Story) -> str:
    """ "6 Mar 2023" or "6 Mar 2023 – 10 Mar 2023"."""
    if story.first == story.last:
        return format_date(story.first)
    return f"{format_date(story.first)} – {format_date(story.last)}"


def story_label(desk: StoryDesk, story: Story) -> str:
    """ "Story 2: <b>title</b>" with the number /brief shows."""
    return f"Story {desk.number_of(story)}: <b>{escape(clip(story.title, CLIP_LINE))}</b>"


def _story_entry(number: int, story: Story, focused: bool) -> str:
    marker = " · <i>open</i>" if focused else ""
    people = f"\n   {escape(clip(', '.join(story.people), CLIP_LINE))}" if story.people else ""
    outlets = ", ".join(clip(o, CLIP_NAME) for o in story.outlets[:STORY_OUTLETS])
    if len(story.outlets) > STORY_OUTLETS:
        outlets += f" and {len(story.outlets) - STORY_OUTLETS} more"
    source = f" · {escape(outlets)}" if outlets else ""
    return (
        f"{number}. <b>{escape(clip(story.title, CLIP_LINE))}</b>{marker}\n"
        f"   {story_dates(story)} · {_count(story.article_count, 'article', 'articles')}"
        f"{source}{people}"
    )


def render_story_list(desk: StoryDesk, page: int = 1, focused: Story | None = None) -> Page:
    """/brief: the stories, newest and biggest first, numbered as /story takes them."""
    stories = desk.ranked
    total_articles = sum(s.article_count for s in stories)
    header = (
        f"<b>Briefing</b> · {_count(len(stories), 'story', 'stories')} from "
        f"{_count(total_articles, 'article', 'articles')}"
    )
    hint = "Open one: /story N"
    if focused is not None:
        hint += f" · now open: story {desk.number_of(focused)} (/story all for everything)"
    return count_page(
        header,
        len(stories),
        page,
        STORIES_PER_PAGE,
        lambda start, stop: [
            _story_entry(n, s, s == focused)
            for n, s in enumerate(stories[start:stop], start=start + 1)
        ],
        "No articles yet. Admins can add one with /add.",
        hint,
    )


def render_story_opened(
    desk: StoryDesk, story: Story, index: BriefingIndex, today: dt.date
) -> list[str]:
    """/story N: what the story is, then its own headline briefing."""
    head = (
        f"{story_label(desk, story)}\n{story_dates(story)} · "
        f"{_count(story.article_count, 'article', 'articles')}\n"
        "<i>/who, /quotes, /timeline, /where, the topics and questions now answer within this "
        "story; /story all goes back to everything.</i>"
    )
    return messages([head, *render_brief(index, today)])


def render_story_closed(desk: StoryDesk) -> list[str]:
    """/story all: back to every story."""
    if len(desk) < 2:
        return ["Back to everything: answers now cover the whole briefing."]
    return [f"Back to everything: answers now cover all {len(desk)} stories. /brief lists them."]


def render_story_gone() -> str:
    """The chat's open story lost its articles (an admin removed them)."""
    return (
        "The story you had open is no longer in the briefing (its articles were removed), so "
        "answers cover everything again. /brief lists the stories."
    )


def render_no_such_story(asked: str, desk: StoryDesk) -> list[str]:
    """A /story argument that names no story."""
    if not len(desk):
        return ["There are no stories yet. Admins can add an article with /add."]
    return [
        f"There is no story “{escape(clip(asked, 40))}”. /brief lists stories 1 to {len(desk)}; "
        "/story all covers everything."
    ]


def scope_line(
    desk: StoryDesk, story: Story | None, covered: int | None = None, total: int = 0
) -> str:
    """Which story an answer covers, or how many of the articles (`covered` of `total`, the
    newest) when not all; "" when the briefing holds just one story and none is open."""
    if story is not None:
        return f"<i>In {story_label(desk, story)}</i> · /story all for everything"
    if covered is not None and covered < total:
        return (
            f"<i>Latest {_count(covered, 'article', 'articles')} of {total:,}, across "
            f"{_count(len(desk), 'story', 'stories')}</i> · /brief to pick one"
        )
    if len(desk) > 1:
        return f"<i>Across all {len(desk)} stories</i> · /brief to pick one"
    return ""


def with_scope(scope: str, parts: Sequence[str]) -> list[str]:
    """The answer with its scope line first, split again if the line made a part too long."""
    if not scope or not parts:
        return list(parts)
    return [*split_html(f"{scope}\n\n{parts[0]}"), *parts[1:]]


def page_with_scope(scope: str, page: Page) -> Page:
    """A page with its scope line; pages are sized so that the line always fits."""
    if not scope:
        return page
    return Page(split_html(f"{scope}\n\n{page.text}")[0], page.page, page.pages)


# Questions in words


def render_when(index: BriefingIndex, question: WhenQuestion, events: Sequence[Event]) -> list[str]:
    """ "When are the talks?": the dated events about them, or where else to look."""
    asked = escape(clip(question.subject, 80))
    if not events:
        return [
            f"I found no dated event about “{asked}” in the timeline. /timeline shows every "
            "dated event."
        ]
    head = f"<b>When: {asked}</b>"
    return messages([head, "\n\n".join(timeline_entries(index, events))])


def render_happened(
    index: BriefingIndex, question: HappenedQuestion, events: Sequence[Event]
) -> list[str]:
    """ "What happened on Thursday?": that day's events, with the day spelled out."""
    asked = escape(clip(question.expression, 60))
    if question.date is None:
        return [f"I could not tell which day “{asked}” means. Try a date such as “on 10 March”."]
    when = format_date_value(question.date)
    if not events:
        return [f"Nothing in the timeline is dated {asked} ({when}). /timeline shows every event."]
    head = f"<b>What happened {asked}</b> ({when})"
    return messages([head, "\n\n".join(timeline_entries(index, events))])


def render_unknown_speaker(name: str, suggestions: Sequence[Actor], story: Story | None) -> str:
    """ "What did Lavrov say?" about someone the briefing does not know: say so, by name."""
    where = "this story" if story is not None else "the briefing"
    text = f"I don't know anyone called “{escape(clip(name, 80))}” in {where}, so I have no quotes."
    if suggestions:
        names = ", ".join(f"<b>{escape(clip(a.name, CLIP_NAME))}</b>" for a in suggestions[:3])
        text += f" Did you mean {names}?"
    return text + " /who lists everyone."


def render_no_quotes(actor: Actor) -> str:
    """A known actor with nothing quoted."""
    return (
        f"<b>{escape(clip(actor.name, CLIP_NAME))}</b> is in the briefing, but no words of "
        f"theirs are quoted. /who {escape(clip(actor.name, CLIP_NAME))} shows their profile."
    )


def render_question(index: BriefingIndex, story: Story | None, text: str) -> list[str] | None:
    """The answer to a question in words ("when are the talks?", "what happened on Thursday?",
    "what did Lavrov say?"), or None when the text is not one of those questions."""
    reference = newest_publication(index)
    if reference is None:
        return None
    question = read_question(text, reference)
    if isinstance(question, WhenQuestion):
        return render_when(index, question, events_about(index, question))
    if isinstance(question, HappenedQuestion):
        events = events_on(index, question.date) if question.date is not None else []
        return render_happened(index, question, events)
    if isinstance(question, SaidQuestion):
        match = index.find_actor(question.name)
        if match.actor is None:
            return [render_unknown_speaker(question.name, match.suggestions, story)]
        if not index.quotes_by(match.actor.id):
            return [render_no_quotes(match.actor)]
        page = render_quotes_page(index, match.actor)
        more = f"\n\nAll: /quotes {escape(clip(match.actor.name, CLIP_NAME))}"
        return split_html(page.text + more) if page.pages > 1 else [page.text]
    return None
