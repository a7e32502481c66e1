"""Stories and questions in words rendered: numbered, paginated, escaped, within the limits."""

from __future__ import annotations

import datetime as dt

from bot.briefing.desk import StoryBriefings, StoryDesk
from bot.briefing.models import ArticleBriefing, Briefing
from bot.briefing.query import BriefingIndex
from bot.briefing.questions import (
    HappenedQuestion,
    SaidQuestion,
    WhenQuestion,
    events_about,
    events_on,
    read_question,
)
from bot.briefing.stories import Story
from bot.render.pages import page_buttons
from bot.render.stories import (
    STORIES_PER_PAGE,
    render_question,
    render_story_list,
    scope_line,
    with_scope,
)
from bot.render.subscribers import render_digest
from tests.e2e.telegram_html import validate_telegram_html
from tests.helpers.briefings import article, day, event, ref, sample_briefing

THURSDAY = dt.date(2024, 3, 14)


def _story(number: int, title: str, first: dt.date, last: dt.date, count: int) -> Story:
    ids = tuple(f"s{number}-{i}" for i in range(count))
    outlets = ("Daily <Example>", "Test Wire", "Third Post")[: 1 + number % 3]
    return Story(number, title, first, last, ids, ("Ana Ferreira",), outlets)


def _valid(parts: list[str]) -> str:
    for part in parts:
        assert validate_telegram_html(part) is None, part
    return "\n".join(parts)


def test_story_list_numbers_newest_first_and_pages_on() -> None:
    stories = [
        _story(n, f"Story <{n}> & more", dt.date(2024, 1, 1), dt.date(2024, 1, 1 + n), 1 + n % 3)
        for n in range(STORIES_PER_PAGE + 3)
    ]
    desk = StoryDesk(stories)
    first = render_story_list(desk, 1)
    assert (first.page, first.pages) == (1, 2)
    text = _valid([first.text])
    assert text.index(f"1. <b>Story &lt;{STORIES_PER_PAGE + 2}&gt; &amp; more</b>") < text.index(
        f"2. <b>Story &lt;{STORIES_PER_PAGE + 1}&gt;"
    )
    assert "1 Jan 2024 – 11 Jan 2024 · 2 articles · Daily &lt;Example&gt;, Test Wire\n" in text
    three = "1 Jan 2024 – 9 Jan 2024 · 3 articles · Daily &lt;Example&gt;, Test Wire and 1 more"
    assert three in text
    second = render_story_list(desk, 2, focused=desk.at(STORIES_PER_PAGE + 1))
    assert f"{STORIES_PER_PAGE + 1}. <b>Story &lt;2&gt; &amp; more</b> · <i>open</i>" in second.text
    assert f"now open: story {STORIES_PER_PAGE + 1}" in second.text
    assert [label for label, _ in page_buttons("stories", "", second)] == ["‹ Previous"]


def test_same_day_stories_rank_the_bigger_first() -> None:
    small = _story(0, "Small", THURSDAY, THURSDAY, 1)
    big = _story(1, "Big", THURSDAY, THURSDAY, 4)
    desk = StoryDesk([small, big])
    assert [s.title for s in desk.ranked] == ["Big", "Small"]
    assert desk.number_of(small) == 2 and desk.at(3) is None and desk.at(0) is None


def test_scope_line_names_the_open_story_or_all_of_them() -> None:
    one = _story(0, "Talks & <truce>", THURSDAY, THURSDAY, 1)
    desk = StoryDesk([one, _story(1, "Other", THURSDAY, THURSDAY, 1)])
    assert "In Story 1: <b>Talks &amp; &lt;truce&gt;</b>" in scope_line(desk, one)
    assert scope_line(desk, None).startswith("<i>Across all 2 stories</i>")
    assert scope_line(StoryDesk([one]), None) == ""
    long_answer = ["x" * 4090]
    assert all(len(p) <= 4096 for p in with_scope(scope_line(desk, one), long_answer))


def test_digest_shows_new_articles_under_their_story() -> None:
    briefing = sample_briefing()
    index = BriefingIndex(briefing)
    stories = [
        Story(0, "Valdoria truce", dt.date(2024, 3, 14), dt.date(2024, 3, 14), ("a1",)),
        Story(1, "Orlov opens up", dt.date(2024, 3, 20), dt.date(2024, 3, 20), ("a2",)),
    ]
    text = _valid(render_digest(index, ["a1", "a2"], [], stories=StoryDesk(stories)))
    assert "(2 articles in 2 stories)" in text
    assert text.index("1. <b>Orlov opens up</b> · 1 new of 1 · /story 1") < text.index(
        "2. <b>Valdoria truce</b>"
    )


def test_questions_are_read_by_their_shape() -> None:
    assert read_question("When are the talks?", THURSDAY) == WhenQuestion(
        "the talks", ("talk",), past=False
    )
    assert read_question("when did the strike start", THURSDAY) == WhenQuestion(
        "the strike start", ("strike",), past=True
    )
    happened = read_question("What happened on Wednesday?", THURSDAY)
    assert isinstance(happened, HappenedQuestion)
    assert happened.date is not None and happened.date.value == dt.date(2024, 3, 13)
    thursday = read_question("what happened on Thursday", THURSDAY)
    assert isinstance(thursday, HappenedQuestion) and thursday.date == day(2024, 3, 14)
    assert read_question("What did Lavrov say?", THURSDAY) == SaidQuestion("Lavrov")
    assert read_question("what has Ana Ferreira said about the truce?", THURSDAY) == (
        SaidQuestion("Ana Ferreira")
    )
    for other in ("kerry", "what about carter?", "when?", "when is the"):
        assert read_question(other, THURSDAY) is None


def _timeline_index() -> BriefingIndex:
    sentences = (
        "Dock workers went on strike on Monday.",
        "Talks between the union and employers will be held on Friday.",
        "The minister met both sides on Thursday.",
    )
    events = [
        event(ref("d1", 0), "Dock workers went on strike", day(2024, 3, 11)),
        event(ref("d1", 2), "The minister met both sides", day(2024, 3, 14)),
        event(ref("d1", 1), "Talks will be held", day(2024, 3, 15), planned=True),
    ]
    return BriefingIndex(
        Briefing(articles=[article("d1", "Dock strike", THURSDAY, sentences)], events=events)
    )


def test_when_finds_the_events_naming_the_subject_planned_first_for_the_future() -> None:
    index = _timeline_index()
    talks = events_about(index, WhenQuestion("the talks", ("talk",), past=False))
    # "met both sides" is a meeting: the same thing as talks, but past, so after the planned one.
    assert [e.summary for e in talks] == ["Talks will be held", "The minister met both sides"]
    strike = events_about(index, WhenQuestion("the strike", ("strike",), past=True))
    assert [e.summary for e in strike] == ["Dock workers went on strike"]
    on_thursday = events_on(index, day(2024, 3, 14))
    assert [e.summary for e in on_thursday] == ["The minister met both sides"]


def test_question_answers_are_escaped_and_name_the_unknown_speaker() -> None:
    index = _timeline_index()
    answer = render_question(index, None, "when are the talks?")
    assert answer is not None and "15 Mar 2024" in _valid(answer)
    thursday = render_question(index, None, "what happened on Thursday?")
    assert thursday is not None and "(14 Mar 2024)" in _valid(thursday)
    unknown = render_question(index, None, "what did <b>Lavrov</b> say?")
    assert unknown is not None
    assert "“&lt;b&gt;Lavrov&lt;/b&gt;” in the briefing" in _valid(unknown)
    assert render_question(index, None, "tell me about the dock strike") is None
    assert render_question(BriefingIndex(Briefing()), None, "when are the talks?") is None


def test_a_story_has_its_own_briefing_merged_from_its_articles() -> None:
    items = {
        i: ArticleBriefing(
            article=article(i, f"Title {i}", THURSDAY, ["A sentence."]), engine_version="t"
        )
        for i in ("a", "b", "c")
    }
    story = Story(0, "Title b", THURSDAY, THURSDAY, ("a", "b"))
    desk = StoryDesk([story, Story(1, "Title c", THURSDAY, THURSDAY, ("c",))])
    briefings = StoryBriefings({})
    assert briefings.get(story) is None
    index = briefings.build(story, [items["a"], items["b"]])
    assert [a.id for a in index.briefing.articles] == ["a", "b"]
    assert briefings.get(story) is index  # merged once, then kept
    assert desk.story_of("c") is not None and desk.story_of("zz") is None


def test_a_story_that_grew_is_merged_again_and_only_the_latest_asked_are_kept() -> None:
    items = [
        ArticleBriefing(article=article(i, f"Title {i}", THURSDAY, ["S."]), engine_version="t")
        for i in ("a", "b", "c")
    ]
    one, other = (
        Story(0, "One", THURSDAY, THURSDAY, ("a",)),
        Story(1, "Other", THURSDAY, THURSDAY, ("c",)),
    )
    briefings = StoryBriefings({}, kept=1)
    briefings.build(one, items[:1])
    grown = Story(0, "One", THURSDAY, THURSDAY, ("a", "b"))
    assert briefings.get(grown) is None  # an article joined: its briefing is merged again
    assert briefings.get(one) is not None
    briefings.build(other, items[2:])
    assert briefings.get(one) is None and briefings.get(other) is not None
