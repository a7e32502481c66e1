"""Hostile text everywhere a user can type: every message the bot sends stays valid Telegram HTML
within Telegram's limits, whatever the command arguments, names, times, zones or questions."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.e2e.telegram_html import parse_telegram_html, validate_telegram_html
from tests.handlers import updates
from tests.handlers.conftest import ADMIN_ID, BotUnderTest

pytestmark = pytest.mark.slow

TELEGRAM_LIMIT = 4096

# Unicode of every class, plus the characters that break naive bots: HTML and Markdown specials,
# right-to-left and zero-width marks, emoji, surrogate-range code points are not valid in JSON.
NASTY = st.sampled_from(
    [
        "<",
        ">",
        "&",
        '"',
        "'",
        "<b>",
        "</i>",
        "&amp;",
        "&#x0;",
        "*",
        "_",
        "`",
        "[",
        "](",
        "\u202e",
        "\u200b",
        "\u200d",
        "\ufeff",
        "👩‍👩‍👧",
        "🇺🇦",
        "\u0000",
        "\n",
        "\t",
        " ",
        "ـ",
        "עברית",
        "中文",
    ]
)
HOSTILE_TEXT = st.lists(
    st.one_of(NASTY, st.text(st.characters(exclude_categories=("Cs",)), max_size=20)), max_size=30
).map("".join)
COMMANDS = st.sampled_from(
    [
        "/who",
        "/timeline",
        "/quotes",
        "/topic",
        "/subscribe",
        "/remove",
        "/add",
        "/ceasefire",
        "/where",
    ]
)
QUICK = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _check(replies: list[str]) -> None:
    for reply in replies:
        assert validate_telegram_html(reply) is None, reply[:300]
        assert parse_telegram_html(reply).length <= TELEGRAM_LIMIT


@QUICK
@given(command=COMMANDS, argument=HOSTILE_TEXT, admin=st.booleans())
async def test_commands_with_hostile_arguments(
    bot: BotUnderTest, command: str, argument: str, admin: bool
) -> None:
    user = ADMIN_ID if admin else 500
    if command == "/add":
        argument = "2020-01-01 " + argument  # a dated /add never waits for a reply
    _check(await bot.send(updates.private(f"{command} {argument}", user_id=user)))


@QUICK
@given(question=HOSTILE_TEXT)
async def test_free_text_questions(bot: BotUnderTest, question: str) -> None:
    if question.strip() and not question.startswith("/"):
        _check(await bot.send(updates.private(question)))


async def test_ten_thousand_character_arguments(bot: BotUnderTest) -> None:
    for command in ("/who", "/timeline", "/quotes", "/subscribe", "/topic"):
        _check(await bot.send(updates.private(f"{command} {'<&>' * 3400}")))
    _check(await bot.send(updates.private("ß" * 10_000)))


async def test_settings_are_per_chat(bot: BotUnderTest) -> None:
    await bot.send(updates.private("/subscribe 05:55 Asia/Tokyo", user_id=600))
    other = "\n".join(await bot.send(updates.private("/settings", user_id=601)))
    assert "05:55" not in other and "Asia/Tokyo" not in other
    assert await bot.services.store.subscriptions.get(601, 0) is None
