"""Stories through the real Application: /brief lists them, /story N narrows every answer to one,
questions in words answer from the timeline, and the digest groups what is new by story."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from bot import newsroom as newsroom_module
from bot.briefing.ingest import parse_article_text
from bot.briefing.lexicon import TopicLexicon
from bot.briefing.models import ArticleBriefing
from bot.briefing.pipeline import process_articles
from bot.briefing.query import BriefingIndex
from bot.briefing.stories import Story, StoryGrouper
from tests.e2e.telegram_html import validate_telegram_html
from tests.handlers import updates
from tests.handlers.conftest import BotUnderTest, stop

pytestmark = pytest.mark.slow

SETS = Path(__file__).resolve().parents[1] / "stories" / "sets"
# Three articles of one event (a dock strike) and two of another (a bank's data breach).
STRIKE = sorted((SETS / "antwerp-port-strike").glob("*.txt"))[:3]
BREACH = sorted((SETS / "nordvik-bank-breach").glob("*.txt"))[:2]


@pytest.fixture(scope="module")
def more_briefings(nlp: Language, lexicon: TopicLexicon) -> list[tuple[ArticleBriefing, str]]:
    texts = [path.read_text(encoding="utf-8") for path in STRIKE + BREACH]
    articles = [parse_article_text(text) for text in texts]
    return list(zip(process_articles(nlp, articles, lexicon), texts, strict=True))


@pytest.fixture
async def desk(
    make_bot: Callable[..., Any], more_briefings: list[tuple[ArticleBriefing, str]]
) -> BotUnderTest:
    """The bundled Munich article, then the strike and breach articles, as an admin adds them."""
    bot: BotUnderTest = await make_bot()
    for briefing, text in more_briefings:
        await bot.services.store.articles.add(briefing, raw_text=text, added_by=None)
    await bot.services.newsroom.reload()
    return bot


def _valid(replies: list[str]) -> str:
    assert replies, "the bot sent nothing"
    for reply in replies:
        assert validate_telegram_html(reply) is None, reply
    return "\n".join(replies)


async def _ask(bot: BotUnderTest, text: str, **kwargs: Any) -> str:
    return _valid(await bot.send(updates.private(text, **kwargs)))


async def test_brief_lists_the_stories_newest_first_with_dates_and_counts(
    desk: BotUnderTest,
) -> None:
    text = await _ask(desk, "/brief")
    assert "3 stories from 6 articles" in text
    breach = text.index("1. <b>Nordvik Bank refuses ransom")
    strike = text.index("2. <b>Antwerp port talks resume as minister steps in</b>")
    munich = text.index("3. <b>US-Russia tensions rise")
    assert breach < strike < munich
    assert "6 Mar 2023 – 9 Mar 2023 · 3 articles" in text
    assert "8 Mar 2023 – 10 Mar 2023 · 2 articles" in text
    assert "11 Feb 2016 · 1 article" in text
    assert "Marieke Janssens" in text  # the strike's people under its title


async def test_story_n_narrows_every_answer_to_that_story(desk: BotUnderTest) -> None:
    opened = await _ask(desk, "/story 2")
    assert "Story 2: <b>Antwerp port talks resume as minister steps in</b>" in opened
    assert "3 articles" in opened

    who = await _ask(desk, "/who")
    assert "In Story 2: <b>Antwerp port talks resume" in who
    assert "Marieke Janssens" in who and "John Kerry" not in who
    quotes = await _ask(desk, "/quotes")
    assert "kept this port running" in quotes and "telling moment" not in quotes
    timeline = await _ask(desk, "/timeline")
    assert "Mar 2023" in timeline and "Aug 2011" not in timeline
    where = await _ask(desk, "/where")
    assert "Antwerp" in where and "Homs" not in where
    ceasefire = await _ask(desk, "/ceasefire")
    assert "In Story 2" in ceasefire and "Nothing on <b>ceasefire</b>" in ceasefire
    kerry = await _ask(desk, "/who kerry")
    assert "no one called" in kerry and "In Story 2" in kerry
    listing = await _ask(desk, "/brief")
    assert "now open: story 2" in listing

    back = await _ask(desk, "/story all")
    assert "all 3 stories" in back
    who = await _ask(desk, "/who")
    assert "Across all 3 stories" in who
    assert "John Kerry" in who and "Marieke Janssens" in who
    assert "telling moment" in await _ask(desk, "/quotes kerry")


async def test_focus_belongs_to_one_chat_and_bare_story_closes_it(desk: BotUnderTest) -> None:
    await _ask(desk, "/story 3")
    assert "In Story 3" in await _ask(desk, "/who")
    elsewhere = await _ask(desk, "/who", user_id=777)  # another user's private chat
    assert "Across all 3 stories" in elsewhere
    group = _valid(await desk.send(updates.in_group("/who@briefing_test_bot", -100, 500)))
    assert "Across all 3 stories" in group
    assert "Back to everything" in await _ask(desk, "/story")
    assert "Across all 3 stories" in await _ask(desk, "/who")


async def test_a_story_number_that_does_not_exist_is_refused(desk: BotUnderTest) -> None:
    for asked in ("/story 9", "/story 0", "/story <b>x</b>"):
        text = await _ask(desk, asked)
        assert "There is no story" in text and "1 to 3" in text
    assert "Across all 3 stories" in await _ask(desk, "/who")


async def test_page_buttons_answer_within_the_open_story(desk: BotUnderTest) -> None:
    await _ask(desk, "/story 3")
    await desk.send(updates.private("/timeline"))
    sent = [c for c in desk.api.calls if c.method == "sendMessage"][-1]
    markup = sent.params.get("reply_markup")
    assert markup, "the Munich story's timeline should need a second page"
    data = markup["inline_keyboard"][0][-1]["callback_data"]
    edited = _valid(
        await desk.send(updates.callback(data, user_id=500, chat=updates.private_chat(500)))
    )
    assert "In Story 3" in edited and "Page 2" in edited and "2023" not in edited


async def test_questions_in_words_answer_from_the_story_timeline(desk: BotUnderTest) -> None:
    await _ask(desk, "/story 2")
    started = await _ask(desk, "when did the strike start?")
    assert "In Story 2" in started
    assert "When: the strike start" in started and "6 Mar 2023" in started
    # The story's newest article is Thursday 9 March: "on Thursday" is that day.
    thursday = await _ask(desk, "what happened on Thursday?")
    assert "(9 Mar 2023)" in thursday and "first time since the strike began" in thursday
    said = await _ask(desk, "what did Janssens say?")
    assert "Quotes: Marieke Janssens" in said and "kept this port running" in said
    unknown = await _ask(desk, "what did Lavrov say?")
    assert "anyone called “Lavrov” in this story" in unknown


async def test_when_are_the_talks_in_the_bundled_briefing(bot: BotUnderTest) -> None:
    text = await _ask(bot, "when are the talks?")
    assert "When: the talks" in text
    assert "11 Feb 2016" in text and "Munich" in text
    nothing = await _ask(bot, "when is the royal wedding?")
    assert "no dated event about “the royal wedding”" in nothing
    kerry = await _ask(bot, "what did Kerry say?")
    assert "telling moment" in kerry
    stranger = await _ask(bot, "what did Maria Zakharova say?")
    assert "“Maria Zakharova”" in stranger and "the briefing" in stranger


async def test_digest_groups_what_is_new_by_story(desk: BotUnderTest) -> None:
    text = await _ask(desk, "/digest")
    assert "New</b> (6 articles in 3 stories)" in text
    breach = text.index("1. <b>Nordvik Bank refuses ransom")
    strike = text.index("2. <b>Antwerp port talks resume")
    assert breach < strike
    assert "3 new of 3 · /story 2" in text
    assert text.index("Hackers steal data of 600,000 Nordvik Bank customers") < strike


def _stories(bot: BotUnderTest) -> list[tuple[str, tuple[str, ...]]]:
    return [(s.title, s.article_ids) for s in bot.services.newsroom.view.desk.ranked]


async def test_stories_grown_one_article_at_a_time_match_a_rebuild_after_restart(
    make_bot: Callable[..., Any], more_briefings: list[tuple[ArticleBriefing, str]]
) -> None:
    bot: BotUnderTest = await make_bot()
    for briefing, text in more_briefings:  # one refresh per article: the incremental path
        await bot.services.store.articles.add(briefing, raw_text=text, added_by=None)
        await bot.services.newsroom.reload()
    grown = _stories(bot)
    assert [len(ids) for _, ids in grown] == [2, 3, 1]
    await stop(bot)
    restarted: BotUnderTest = await make_bot(seed=False)  # the same database file
    assert _stories(restarted) == grown


async def test_removing_an_article_regroups_without_it(desk: BotUnderTest) -> None:
    strike = desk.services.newsroom.view.desk.at(2)
    assert strike is not None and strike.article_count == 3
    assert await desk.services.newsroom.remove(strike.article_ids[-1])
    text = await _ask(desk, "/brief")
    assert (
        "2. <b>Ships queue off Antwerp" in text and "6 Mar 2023 – 7 Mar 2023 · 2 articles" in text
    )


async def test_answers_wait_for_stories_grouped_after_a_refresh(
    monkeypatch: pytest.MonkeyPatch,
    make_bot: Callable[..., Any],
    more_briefings: list[tuple[ArticleBriefing, str]],
) -> None:
    # As after a start-up with many articles: every refresh groups after publishing its view.
    monkeypatch.setattr(newsroom_module, "GROUP_AT_ONCE", 0)
    bot: BotUnderTest = await make_bot()
    for briefing, text in more_briefings:
        await bot.services.store.articles.add(briefing, raw_text=text, added_by=None)
    await bot.services.newsroom.reload()
    assert "3 stories from 6 articles" in await _ask(bot, "/brief")
    await _ask(bot, "/story 2")
    strike = bot.services.newsroom.view.desk.at(2)
    assert strike is not None
    assert await bot.services.newsroom.remove(strike.article_ids[-1])
    assert bot.services.newsroom.view.desk.pending  # regrouping has not finished yet
    who = await _ask(bot, "/who")
    assert "Marieke Janssens" in who and "John Kerry" not in who


async def test_stories_and_a_chat_s_open_story_survive_a_restart_without_regrouping(
    monkeypatch: pytest.MonkeyPatch,
    make_bot: Callable[..., Any],
    more_briefings: list[tuple[ArticleBriefing, str]],
) -> None:
    bot: BotUnderTest = await make_bot()
    for briefing, text in more_briefings:
        await bot.services.store.articles.add(briefing, raw_text=text, added_by=None)
    await bot.services.newsroom.reload()
    await _ask(bot, "/story 2")
    grown = _stories(bot)
    await stop(bot)

    def regroup(*_: Any) -> int:
        raise AssertionError("a restart grouped an article again")

    monkeypatch.setattr(StoryGrouper, "add_features", regroup)
    restarted: BotUnderTest = await make_bot(seed=False)  # the same database file
    await restarted.services.newsroom.stories_view()
    assert _stories(restarted) == grown
    who = await _ask(restarted, "/who")
    assert "In Story 2: <b>Antwerp port talks resume" in who
    assert "Marieke Janssens" in who and "John Kerry" not in who


async def test_an_open_story_whose_articles_were_removed_falls_back_with_a_note(
    desk: BotUnderTest,
) -> None:
    await _ask(desk, "/story 3")  # the Munich article's story, one article
    munich = desk.services.newsroom.view.desk.at(3)
    assert munich is not None
    assert await desk.services.newsroom.remove(munich.key)
    who = await _ask(desk, "/who")
    assert "no longer in the briefing" in who
    assert "Across all 2 stories" in who and "Marieke Janssens" in who
    assert "no longer" not in await _ask(desk, "/who")  # said once


async def test_without_a_story_open_answers_cover_the_latest_articles_and_say_so(
    make_bot: Callable[..., Any], more_briefings: list[tuple[ArticleBriefing, str]]
) -> None:
    bot: BotUnderTest = await make_bot(latest_articles=1)
    for briefing, text in more_briefings:
        await bot.services.store.articles.add(briefing, raw_text=text, added_by=None)
    await bot.services.newsroom.reload()
    published = bot.services.newsroom.view.version
    await bot.services.newsroom.settled()  # over the cap, the latest are merged after the reload
    # A new version, so that charts and digests cached for the published one are made again.
    assert bot.services.newsroom.view.version > published
    who = await _ask(bot, "/who")
    # The most recently published is the bank breach's second article (10 March 2023).
    assert "Latest 1 article of 6, across 3 stories" in who
    assert "John Kerry" not in who and "Marieke Janssens" not in who
    assert "3 stories from 6 articles" in await _ask(bot, "/brief")
    await _ask(bot, "/story 3")  # a story outside the latest is read from the store
    assert "John Kerry" in await _ask(bot, "/who")


async def test_an_open_story_that_lost_its_first_article_stays_open(desk: BotUnderTest) -> None:
    await _ask(desk, "/story 2")  # the dock strike: three articles
    strike = desk.services.newsroom.view.desk.at(2)
    assert strike is not None
    assert await desk.services.newsroom.remove(strike.key)
    who = await _ask(desk, "/who")
    assert "no longer" not in who
    assert "In Story 2: <b>Antwerp port talks resume" in who and "John Kerry" not in who


async def test_opening_a_story_answers_while_the_store_takes_the_focus(
    desk: BotUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    stories = desk.services.store.stories
    write = stories.set_focus
    seen_while_writing: list[tuple[bool, object]] = []

    async def slow_write(chat_id: int, story_key: str | None) -> None:
        await asyncio.sleep(0.2)  # a commit that takes its time
        answered = any("Story 2:" in str(c.params.get("text", "")) for c in desk.api.calls)
        seen_while_writing.append((answered, desk.app.chat_data[chat_id].get("story")))
        await write(chat_id, story_key)

    monkeypatch.setattr(stories, "set_focus", slow_write)
    opened = await _ask(desk, "/story 2")
    strike = desk.services.newsroom.view.desk.at(2)
    assert strike is not None and "Story 2:" in opened
    # The answer was out, and this process had the chat in the story, before the write ended.
    assert seen_while_writing == [(True, strike.key)]
    assert await stories.focus(500) == strike.key  # the private chat of updates.private's user


async def test_opening_a_story_writes_the_focus_once_its_briefing_is_read(
    desk: BotUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    newsroom, stories = desk.services.newsroom, desk.services.store.stories
    story_index, write = newsroom.story_index, stories.set_focus
    steps: list[str] = []

    async def reading(story: Story) -> BriefingIndex:
        steps.append("read")
        await asyncio.sleep(0.05)  # a store read that takes its time
        index = await story_index(story)
        steps.append("read done")
        return index

    async def writing(chat_id: int, story_key: str | None) -> None:
        steps.append("write")
        await write(chat_id, story_key)

    monkeypatch.setattr(newsroom, "story_index", reading)
    monkeypatch.setattr(stories, "set_focus", writing)
    assert "Story 2:" in await _ask(desk, "/story 2")
    assert steps == ["read", "read done", "write"]
