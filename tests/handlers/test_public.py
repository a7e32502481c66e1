"""Everyone's commands through the real Application: what a user would read in the reply."""

from __future__ import annotations

import html
import json

import pytest
from telegram.ext import CommandHandler

from bot.briefing.models import TopicKind
from bot.render.pages import parse_page_data
from handlers.commands import Audience, command_table
from tests.e2e.telegram_html import validate_telegram_html
from tests.handlers import updates
from tests.handlers.conftest import BotUnderTest

pytestmark = pytest.mark.slow


def _valid(replies: list[str]) -> str:
    assert replies, "the bot sent nothing"
    for reply in replies:
        assert validate_telegram_html(reply) is None, reply
    return "\n".join(replies)


async def _all_pages(bot: BotUnderTest, command: str) -> str:
    """The reply to a paginated command with every page pressed through."""
    texts = await bot.send(updates.private(command))
    for _ in range(50):
        sent = [c for c in bot.api.calls if c.method in ("sendMessage", "editMessageText")][-1]
        buttons = (sent.params.get("reply_markup") or {}).get("inline_keyboard", [[]])[0]
        forward = [b for b in buttons if b["text"].startswith("Next")]
        if not forward:
            break
        texts += await bot.send(
            updates.callback(
                forward[0]["callback_data"], user_id=500, chat=updates.private_chat(500)
            )
        )
    return _valid(texts)


async def test_start_and_help(bot: BotUnderTest) -> None:
    text = _valid(await bot.send(updates.private("/start")))
    assert "Welcome" in text and "1 article" in text
    text = _valid(await bot.send(updates.private("/help")))
    assert "/who" in text and "/ceasefire" in text
    assert "/add" not in text  # not an admin
    admin_help = html.unescape(_valid(await bot.send(updates.private("/help", user_id=42))))
    assert "/add" in admin_help


async def test_brief_names_the_article_and_key_people(bot: BotUnderTest) -> None:
    text = _valid(await bot.send(updates.private("/brief")))
    assert "Munich" in text
    assert "Kerry" in text


async def test_who_lists_and_profiles_forgivingly(bot: BotUnderTest) -> None:
    listing = _valid(await bot.send(updates.private("/who")))
    assert "John Kerry" in listing
    for query in ("kerry", "John Kerry", "KERRY"):
        profile = _valid(await bot.send(updates.private(f"/who {query}")))
        assert "John Kerry" in profile
        assert "Secretary of State" in profile
        assert "telling moment" in profile  # his quote, cited


async def test_who_unknown_name_suggests(bot: BotUnderTest) -> None:
    text = _valid(await bot.send(updates.private("/who Kery")))
    assert "Kerry" in text
    text = _valid(await bot.send(updates.private("/who <script>alert(1)</script>")))
    assert "<script>" not in text


async def test_timeline_has_absolute_dates(bot: BotUnderTest) -> None:
    text = await _all_pages(bot, "/timeline")
    assert "10 Feb 2016" in text  # "on Wednesday" in a Thursday 11 Feb 2016 article
    assert "1 Mar 2016" in text  # "starting 1 March"
    topic = await _all_pages(bot, "/timeline ceasefire")
    assert "1 Mar 2016" in topic
    quiet = _valid(await bot.send(updates.private("/timeline sanctions")))
    assert "Nothing on" in quiet and "Sanctions" in quiet  # configured, but in no article yet
    actor = _valid(await bot.send(updates.private("/timeline kerry")))
    assert "Kerry" in actor


async def test_topic_commands(bot: BotUnderTest) -> None:
    ceasefire = _valid(await bot.send(updates.private("/ceasefire")))
    assert "Ceasefire" in ceasefire and "Russia" in ceasefire
    same = _valid(await bot.send(updates.private("/topic ceasefire")))
    assert same == ceasefire
    unknown = _valid(await bot.send(updates.private("/topic football")))
    assert "/ceasefire" in unknown


async def test_topic_answers_for_a_discovered_subject(bot: BotUnderTest) -> None:
    index = bot.services.newsroom.view.index
    subject = next(t for t in index.topics() if t.kind is TopicKind.SUBJECT)
    by_key = _valid(await bot.send(updates.private(f"/topic {subject.key}")))
    assert subject.label in by_key and f"/topic {subject.key}" in by_key
    by_label = _valid(await bot.send(updates.private(f"/topic {subject.label}")))
    assert by_label == by_key


async def test_where_quotes_articles(bot: BotUnderTest) -> None:
    where = await _all_pages(bot, "/where")
    assert "Syria" in where and "Homs" in where
    quotes = _valid(await bot.send(updates.private("/quotes mcgurk")))
    assert "directly enabling" in quotes
    articles = _valid(await bot.send(updates.private("/articles")))
    article_id = bot.services.newsroom.view.articles[0].id
    assert article_id in articles


async def test_free_text_question_in_private(bot: BotUnderTest) -> None:
    text = _valid(await bot.send(updates.private("what about carter?")))
    assert "Carter" in text
    nothing = _valid(await bot.send(updates.private("zzzz qqqq")))
    assert "/help" in nothing or "/brief" in nothing


async def test_unknown_command_points_to_help(bot: BotUnderTest) -> None:
    text = _valid(await bot.send(updates.private("/frobnicate")))
    assert "/help" in text
    # In a group, a command for another bot is none of our business.
    assert await bot.send(updates.in_group("/frobnicate@other_bot", -100, 500)) == []


async def test_group_commands_with_bot_name(bot: BotUnderTest) -> None:
    text = _valid(await bot.send(updates.in_group("/who@briefing_test_bot carter", -100, 500)))
    assert "Ash Carter" in text


async def test_pagination_buttons_and_forged_data(bot: BotUnderTest) -> None:
    await bot.send(updates.private("/who"))
    sent = [c for c in bot.api.calls if c.method == "sendMessage"][-1]
    markup = sent.params.get("reply_markup")
    if markup:  # only when there is more than one page
        data = markup["inline_keyboard"][0][-1]["callback_data"]
        assert parse_page_data(data) is not None
        edited = await bot.send(updates.callback(data, user_id=500, chat=updates.private_chat(500)))
        assert edited and "Page 2" in edited[0]
    bot.api.clear()
    await bot.send(updates.callback("p|who||99999999", user_id=500, chat=updates.private_chat(500)))
    await bot.send(updates.callback("drop table", user_id=500, chat=updates.private_chat(500)))
    assert [c.method for c in bot.api.calls] == ["answerCallbackQuery", "answerCallbackQuery"]


async def test_one_command_table_feeds_menu_help_and_handlers(bot: BotUnderTest) -> None:
    table = command_table(bot.services.newsroom.lexicon)
    menus = [c.params for c in bot.api.calls if c.method == "setMyCommands"]
    public_menu, admin_menu = (
        json.loads(m["commands"]) if isinstance(m["commands"], str) else m["commands"]
        for m in menus
    )
    everyone = [c for c in table if c.audience is not Audience.ADMINS]
    assert [entry["command"] for entry in public_menu] == [c.name for c in everyone]
    assert [entry["command"] for entry in admin_menu] == [c.name for c in table]
    assert "/ceasefire" in {f"/{c.name}" for c in table if c.audience is Audience.TOPIC}
    admin_help = html.unescape(_valid(await bot.send(updates.private("/help", user_id=42))))
    for command in table:
        topic = command.audience is Audience.TOPIC
        assert (
            f"/{command.name}" if topic else f"/{command.name} {command.help_line}"
        ) in admin_help
    registered = {
        name
        for handler in bot.app.handlers[0]
        if isinstance(handler, CommandHandler)
        for name in handler.commands
    }
    assert registered == {c.name for c in table}
