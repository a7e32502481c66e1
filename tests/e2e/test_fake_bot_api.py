"""The fake Bot API server, driven by python-telegram-bot's own `telegram.Bot` over real HTTP."""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
import sys
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

from tests.e2e.conftest import BotProcessFactory
from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.telegram_html import parse_telegram_html, validate_telegram_html
from tests.e2e.updates import GROUP_ANONYMOUS_BOT_ID, Chat, User

ALICE = User(1001, "Alice", "alice")
BOB = User(1002, "Bob", "bob")
GROUP = Chat.supergroup(555, "Newsroom", is_forum=True)


@pytest.fixture(autouse=True)
def _timedelta_periods(monkeypatch: pytest.MonkeyPatch) -> None:
    """python-telegram-bot's future `retry_after` type, without its deprecation warning."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def bot(bot_api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(
        bot_api.token, base_url=bot_api.base_url, base_file_url=bot_api.base_file_url
    ) as client:
        yield client


# ------------------------------------------------------------------ the Telegram HTML validator


@pytest.mark.parametrize(
    "text",
    [
        "plain text",
        "<b>bold <i>italic <u>underline</u></i></b> &lt;tag&gt; &amp; &quot; &#8212; &#x1F600;",
        '<a href="https://example.org/?a=1&amp;b=2">link</a> <tg-spoiler>x</tg-spoiler>',
        '<span class="tg-spoiler">hidden</span> <s>s</s><strike>s</strike><del>d</del>',
        '<pre><code class="language-python">print("&lt;hi&gt;")</code></pre>',
        "<blockquote expandable>quote <b>bold</b></blockquote><blockquote>two</blockquote>",
        "<B>upper-case tag names are fine</B> and a bare > is fine",
        '<a href=https://example.org title="ignored">unquoted href</a>',
    ],
)
def test_html_telegram_accepts(text: str) -> None:
    assert validate_telegram_html(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<b>never closed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>crossed</b></i>", 'expected "</i>", found "</b>"'),
        ("stray</b>", "Unexpected end tag"),
        ("<div>block</div>", 'Unsupported start tag "div"'),
        ("<br/>", 'Unsupported start tag "br/"'),
        ("1 < 2", 'Unsupported start tag ""'),
        ("AT&T", 'Unescaped "&"'),
        ("&nbsp;", 'Unsupported HTML entity "&nbsp;"'),
        ("<span>no class</span>", 'Tag "span" must have class "tg-spoiler"'),
        ("<a>no href</a>", 'Tag "a" must have a non-empty "href"'),
        ('<a href="https://x.org>unclosed quote</a>', "Unclosed start tag"),
        ("<code><b>inside code</b></code>", 'inside "code"'),
        ("<blockquote><blockquote>q</blockquote></blockquote>", "can't be nested"),
    ],
)
def test_html_telegram_refuses(text: str, reason: str) -> None:
    error = validate_telegram_html(text)
    assert error is not None
    assert reason in error


def test_html_errors_report_utf8_byte_offsets() -> None:
    assert validate_telegram_html("é<x>") == 'Unsupported start tag "x" at byte offset 2'


def test_html_parses_to_text_and_utf16_entities() -> None:
    parsed = parse_telegram_html('😀 <b>bold</b> <a href="https://e.org/">l</a>')
    assert parsed.text == "😀 bold l"
    assert parsed.length == 9  # the emoji is two UTF-16 code units
    assert parsed.entities == (
        {"type": "bold", "offset": 3, "length": 4},
        {"type": "text_link", "offset": 8, "length": 1, "url": "https://e.org/"},
    )


# ------------------------------------------------------------------ polling


@pytest.mark.e2e
async def test_get_me_describes_the_bot(bot: Bot, bot_api: FakeBotApi) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (123456, "briefing_test_bot", True)
    assert bot_api.requests("getMe")[-1].ok


@pytest.mark.e2e
async def test_long_poll_returns_as_soon_as_an_update_arrives(
    bot: Bot, bot_api: FakeBotApi
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    assert await asyncio.to_thread(bot_api.wait_for_poll, 0, 5)
    started = time.monotonic()
    bot_api.private_message(ALICE, "/who@briefing_test_bot kerry")
    updates = await poll
    assert time.monotonic() - started < 2
    message = updates[0].message
    assert message is not None
    assert message.text == "/who@briefing_test_bot kerry"
    assert message.parse_entities(["bot_command"]).popitem()[1] == "/who@briefing_test_bot"
    assert message.from_user is not None
    assert message.from_user.id == ALICE.id


@pytest.mark.e2e
async def test_long_poll_without_updates_waits_for_its_timeout(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.8 < time.monotonic() - started < 3


@pytest.mark.e2e
async def test_offset_confirms_earlier_updates_and_limit_caps_the_batch(
    bot: Bot, bot_api: FakeBotApi
) -> None:
    ids = [bot_api.private_message(ALICE, f"message {n}")["update_id"] for n in range(3)]
    assert [u.update_id for u in await bot.get_updates(limit=2)] == ids[:2]
    assert [u.update_id for u in await bot.get_updates(offset=ids[1] + 1)] == ids[2:]
    assert [u.update_id for u in await bot.get_updates()] == ids[2:]
    assert bot_api.pending_updates() == 1


@pytest.mark.e2e
async def test_allowed_updates_filters_types(bot: Bot, bot_api: FakeBotApi) -> None:
    bot_api.add_chat(GROUP)
    bot_api.my_chat_member(GROUP, ALICE, "left", "member")
    bot_api.push_update({"chat_member": {"never": "delivered by default"}})
    text = bot_api.private_message(ALICE, "hello")
    default = await bot.get_updates()
    assert [u.my_chat_member is not None for u in default] == [True, False]
    only_messages = await bot.get_updates(allowed_updates=["message"])
    assert [u.update_id for u in only_messages] == [text["update_id"]]


@pytest.mark.e2e
async def test_a_second_poller_ends_the_first_with_conflict(bot: Bot, bot_api: FakeBotApi) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    assert await asyncio.to_thread(bot_api.wait_for_poll, 0, 5)
    async with Bot(bot_api.token, base_url=bot_api.base_url) as second_instance:
        second = asyncio.create_task(second_instance.get_updates(timeout=1))
        with pytest.raises(Conflict, match=r"(?i)only one bot instance"):
            await first
        assert await second == ()


@pytest.mark.e2e
async def test_a_poll_the_client_abandoned_is_recorded_as_499(
    bot: Bot, bot_api: FakeBotApi
) -> None:
    abandoned = asyncio.create_task(bot.get_updates(timeout=5))
    assert await asyncio.to_thread(bot_api.wait_for_poll, 0, 5)
    abandoned.cancel()
    await asyncio.sleep(0.1)
    assert await bot.get_updates() == ()
    await asyncio.to_thread(
        bot_api.wait_for_request, "getUpdates", 5, where=lambda r: r.status == 499
    )
    assert sorted(r.status for r in bot_api.requests("getUpdates")) == [200, 499]


# ------------------------------------------------------------------ sending and Telegram's checks


@pytest.mark.e2e
async def test_send_message_is_recorded_with_html_markup_and_thread(
    bot: Bot, bot_api: FakeBotApi
) -> None:
    bot_api.add_chat(GROUP)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Next", callback_data="who:2")]])
    sent = await bot.send_message(
        GROUP.id,
        "<b>Actors</b> &amp; roles",
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard,
        message_thread_id=7,
    )
    assert sent.text == "Actors & roles"
    assert sent.message_thread_id == 7
    [recorded] = bot_api.messages(GROUP.id)
    assert recorded.text == "<b>Actors</b> &amp; roles"
    assert recorded.parse_mode == "HTML"
    assert recorded.plain_text == "Actors & roles"
    assert recorded.message_thread_id == 7
    assert recorded.button_data() == ["who:2"]
    assert recorded.message_id == sent.message_id


@pytest.mark.e2e
async def test_invalid_html_is_refused_like_telegram(bot: Bot, bot_api: FakeBotApi) -> None:
    bot_api.private_message(ALICE, "/start")
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities: Unsupported start tag"):
        await bot.send_message(ALICE.id, "Kerry <said> it", parse_mode=ParseMode.HTML)
    assert bot_api.messages(ALICE.id) == []
    assert bot_api.requests("sendMessage")[-1].status == 400


@pytest.mark.e2e
async def test_length_limit_counts_parsed_utf16_text(bot: Bot, bot_api: FakeBotApi) -> None:
    bot_api.private_message(ALICE, "/start")
    await bot.send_message(ALICE.id, "<b>" + "a" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    await bot.send_message(ALICE.id, "&amp;" * 4096, parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(ALICE.id, "a" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(ALICE.id, "😀" * 2049)
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(ALICE.id, "<b> </b>", parse_mode=ParseMode.HTML)
    assert len(bot_api.messages(ALICE.id)) == 2


@pytest.mark.e2e
async def test_blocked_and_kicked_chats_are_forbidden(bot: Bot, bot_api: FakeBotApi) -> None:
    bot_api.private_message(ALICE, "/start")
    bot_api.add_chat(GROUP)
    bot_api.block_chat(ALICE.id)
    bot_api.kick(GROUP.id)
    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await bot.send_message(ALICE.id, "digest")
    with pytest.raises(Forbidden, match=r"(?i)bot was kicked from the supergroup chat"):
        await bot.send_message(GROUP.id, "digest")


@pytest.mark.e2e
async def test_unknown_chat_is_not_found(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(999, "hello")


@pytest.mark.e2e
async def test_migrated_group_raises_chat_migrated(bot: Bot, bot_api: FakeBotApi) -> None:
    old = Chat.group(77, "Old group")
    bot_api.add_chat(old)
    new = bot_api.migrate_chat(old.id, -1000000000077, announce=True)
    with pytest.raises(ChatMigrated) as caught:
        await bot.send_message(old.id, "digest")
    assert caught.value.new_chat_id == new.id
    await bot.send_message(new.id, "digest")
    assert [m.text for m in bot_api.messages(new.id)] == ["digest"]
    to_new, from_old = (u.message for u in await bot.get_updates())
    assert to_new is not None
    assert from_old is not None
    assert (to_new.chat.id, to_new.migrate_to_chat_id) == (old.id, new.id)
    assert (from_old.chat.id, from_old.migrate_from_chat_id) == (new.id, old.id)


@pytest.mark.e2e
async def test_a_bot_removed_from_a_group_is_told_so(bot: Bot, bot_api: FakeBotApi) -> None:
    left = Chat.group(88, "Left")
    bot_api.my_chat_member(left, ALICE, "member", "left")
    bot_api.my_chat_member(GROUP, ALICE, "administrator", "kicked")
    with pytest.raises(Forbidden, match=r"(?i)bot is not a member of the group chat"):
        await bot.send_message(left.id, "digest")
    with pytest.raises(Forbidden, match=r"(?i)bot was kicked from the supergroup chat"):
        await bot.send_message(GROUP.id, "digest")
    bot_api.my_chat_member(GROUP, ALICE, "kicked", "member")
    await bot.send_message(GROUP.id, "hello again")


@pytest.mark.e2e
async def test_injected_429_raises_retry_after_then_clears(bot: Bot, bot_api: FakeBotApi) -> None:
    bot_api.private_message(ALICE, "/start")
    bot_api.inject_faults("sendMessage", 429, count=2, retry_after=7)
    for _ in range(2):
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(ALICE.id, "digest")
        assert caught.value.retry_after == dt.timedelta(seconds=7)
    await bot.send_message(ALICE.id, "digest")
    assert [r.status for r in bot_api.requests("sendMessage")] == [429, 429, 200]


@pytest.mark.e2e
async def test_injected_faults_can_target_one_chat(bot: Bot, bot_api: FakeBotApi) -> None:
    bot_api.private_message(ALICE, "/start")
    bot_api.private_message(BOB, "/start")
    bot_api.inject_faults("sendMessage", 502, chat_id=BOB.id)
    await bot.send_message(ALICE.id, "fine")
    with pytest.raises(NetworkError, match=r"(?i)Bad Gateway"):
        await bot.send_message(BOB.id, "fails once")
    await bot.send_message(BOB.id, "fine again")


@pytest.mark.e2e
async def test_injected_409_on_get_updates_raises_conflict(bot: Bot, bot_api: FakeBotApi) -> None:
    bot_api.inject_faults("getUpdates", 409)
    with pytest.raises(Conflict):
        await bot.get_updates()


@pytest.mark.e2e
async def test_wrong_token_and_unknown_method(bot_api: FakeBotApi, bot: Bot) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("654321:WRONG-token-not-real-000000000000", base_url=bot_api.base_url):
            pass
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendTelepathy")


# ------------------------------------------------------------------ commands, files, callbacks


@pytest.mark.e2e
async def test_commands_are_stored_per_scope(bot: Bot, bot_api: FakeBotApi) -> None:
    bot_api.private_message(ALICE, "/start")
    public = [BotCommand("who", "Who is who")]
    admin = [*public, BotCommand("add", "Add an article")]
    await bot.set_my_commands(public, scope=BotCommandScopeDefault())
    await bot.set_my_commands(admin, scope=BotCommandScopeChat(ALICE.id))
    assert [c["command"] for c in bot_api.commands()] == ["who"]
    assert [c["command"] for c in bot_api.commands({"type": "chat", "chat_id": ALICE.id})] == [
        "who",
        "add",
    ]
    assert [c["command"] for c in bot_api.menu_for(BOB.id, BOB.id)] == ["who"]
    assert [c.command for c in await bot.get_my_commands(scope=BotCommandScopeChat(ALICE.id))] == [
        "who",
        "add",
    ]
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Peace-Talks", "bad name")])


@pytest.mark.e2e
async def test_documents_and_photos_are_recorded(bot: Bot, bot_api: FakeBotApi) -> None:
    bot_api.private_message(ALICE, "/start")
    await bot.send_document(
        ALICE.id, b"article text", filename="brief.txt", caption="<b>Brief</b>", parse_mode="HTML"
    )
    await bot.send_photo(ALICE.id, b"\x89PNG fake", caption="map")
    document, photo = bot_api.messages(ALICE.id)
    assert document.document is not None
    assert (document.document.file_name, document.document.content) == (
        "brief.txt",
        b"article text",
    )
    assert (document.caption, document.plain_text) == ("<b>Brief</b>", "Brief")
    assert photo.photo is not None
    assert photo.photo.content == b"\x89PNG fake"
    assert photo.caption == "map"
    with pytest.raises(BadRequest, match=r"(?i)message caption is too long"):
        await bot.send_document(ALICE.id, b"x", filename="x.txt", caption="c" * 1025)


@pytest.mark.e2e
async def test_get_file_and_download_a_users_document(bot: Bot, bot_api: FakeBotApi) -> None:
    update = bot_api.document_message(
        Chat.private(ALICE), ALICE, b"Body of the article.", "article.txt", caption="/add"
    )
    [received] = await bot.get_updates()
    assert received.update_id == update["update_id"]
    assert received.message is not None
    document = received.message.document
    assert document is not None
    assert (document.file_name, document.mime_type) == ("article.txt", "text/plain")
    file = await bot.get_file(document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"Body of the article."
    huge = bot_api.register_file(b"", "huge.txt", size=21 * 1024 * 1024)
    with pytest.raises(BadRequest, match=r"(?i)file is too big"):
        await bot.get_file(huge.file_id)


@pytest.mark.e2e
async def test_callback_query_round_trip(bot: Bot, bot_api: FakeBotApi) -> None:
    bot_api.private_message(ALICE, "/who")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="who:2")]])
    await bot.send_message(ALICE.id, "page 1", reply_markup=keyboard)
    [page] = bot_api.messages(ALICE.id)
    bot_api.callback_query(ALICE, page, "who:2")
    query = (await bot.get_updates())[-1].callback_query
    assert query is not None
    assert query.data == "who:2"
    assert query.message is not None
    assert query.message.message_id == page.message_id
    await bot.edit_message_text("page 2", ALICE.id, page.message_id, reply_markup=keyboard)
    assert await bot.answer_callback_query(query.id, text="Page 2")
    assert [a.text for a in bot_api.callback_answers()] == ["Page 2"]
    edited = bot_api.message(ALICE.id, page.message_id)
    assert (edited.text, edited.edits) == ("page 2", ("page 1",))
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query.id)
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("page 2", ALICE.id, page.message_id, reply_markup=keyboard)


@pytest.mark.e2e
async def test_chat_members_come_from_the_registry(bot: Bot, bot_api: FakeBotApi) -> None:
    bot_api.group_message(GROUP, ALICE, "/subscribe 08:00")
    bot_api.set_chat_admins(GROUP.id, [ALICE.id])
    alice = await bot.get_chat_member(GROUP.id, ALICE.id)
    bob = await bot.get_chat_member(GROUP.id, BOB.id)
    assert (alice.status, alice.user.first_name) == ("administrator", "Alice")
    assert bob.status == "member"
    admins = await bot.get_chat_administrators(GROUP.id)
    assert [a.user.id for a in admins] == [ALICE.id]
    chat = await bot.get_chat(GROUP.id)
    assert (chat.type, chat.is_forum) == ("supergroup", True)


@pytest.mark.e2e
async def test_group_builders_mark_threads_and_anonymous_admins(
    bot: Bot, bot_api: FakeBotApi
) -> None:
    bot_api.group_message(GROUP, ALICE, "/subscribe@briefing_test_bot", message_thread_id=42)
    bot_api.group_message(GROUP, None, "/subscribe", anonymous_admin=True)
    threaded, anonymous = (u.message for u in await bot.get_updates())
    assert threaded is not None
    assert anonymous is not None
    assert (threaded.message_thread_id, threaded.is_topic_message) == (42, True)
    assert anonymous.from_user is not None
    assert anonymous.from_user.id == GROUP_ANONYMOUS_BOT_ID
    assert anonymous.sender_chat is not None
    assert anonymous.sender_chat.id == GROUP.id


@pytest.mark.e2e
async def test_webhook_mode_posts_updates_with_the_secret(bot: Bot, bot_api: FakeBotApi) -> None:
    received: list[tuple[str | None, object]] = []

    async def hook(request: web.Request) -> web.Response:
        received.append(
            (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json())
        )
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    sock = socket.create_server(("127.0.0.1", 0))
    await web.SockSite(runner, sock).start()
    try:
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/hook"
        await bot.set_webhook(url, secret_token="s3cret")
        with pytest.raises(Conflict, match=r"(?i)webhook is active"):
            await bot.get_updates()
        update = bot_api.private_message(ALICE, "hello")
        for _ in range(100):
            if received:
                break
            await asyncio.sleep(0.05)
        assert received == [("s3cret", update)]
        info = await bot.get_webhook_info()
        assert (info.url, info.pending_update_count) == (url, 0)
        await bot.delete_webhook()
        assert await bot.get_updates() == ()
    finally:
        await runner.cleanup()


@pytest.mark.e2e
async def test_flood_control_answers_429_beyond_telegrams_limits() -> None:
    with FakeBotApi(flood_control=True) as api:
        group = Chat.group(9, "Busy group")
        api.add_chat(group)
        async with Bot(api.token, base_url=api.base_url) as client:

            async def burst() -> None:
                for n in range(25):
                    await client.send_message(group.id, f"digest part {n}")

            with pytest.raises(RetryAfter):
                await burst()
    statuses = [r.status for r in api.requests("sendMessage")]
    # 20 a minute per group, plus one of slack for requests in flight.
    assert statuses[-1] == 429
    assert statuses[:-1] in ([200] * 20, [200] * 21)


BURST = 45  # sends at once: half as many again as Telegram takes in a second


@pytest.mark.e2e
async def test_flood_control_refuses_an_unthrottled_burst_across_chats() -> None:
    users = [User(3000 + n, f"Reader {n}") for n in range(BURST)]
    # The server's clock stands still, so the burst arrives at one instant however slowly a loaded
    # machine serves it (on a real clock it once drained as fast as it came and refused nothing).
    with FakeBotApi(flood_control=True, clock=lambda: 1000.0) as api:
        for user in users:
            api.add_chat(Chat.private(user))
        request = HTTPXRequest(connection_pool_size=16)
        async with Bot(api.token, base_url=api.base_url, request=request) as client:
            outcomes = await asyncio.gather(
                *(client.send_message(u.id, "digest") for u in users), return_exceptions=True
            )
    refused = [o for o in outcomes if isinstance(o, RetryAfter)]
    accepted = sum(not isinstance(o, BaseException) for o in outcomes)
    # 30 a second plus three of slack, and not one more in the same instant.
    assert (accepted, len(refused)) == (33, BURST - 33)
    assert all(r.retry_after == dt.timedelta(seconds=1) or r.retry_after == 1 for r in refused)


@pytest.mark.e2e
async def test_flood_control_lets_ptbs_rate_limiter_through() -> None:
    users = [User(2000 + n, f"Reader {n}") for n in range(45)]
    with FakeBotApi(flood_control=True) as api:
        for user in users:
            api.add_chat(Chat.private(user))
        limiter = AIORateLimiter(max_retries=0)
        async with ExtBot(api.token, base_url=api.base_url, rate_limiter=limiter) as client:
            await asyncio.gather(*(client.send_message(u.id, "digest") for u in users))
    assert {r.status for r in api.requests("sendMessage")} == {200}
    assert len(api.messages()) == 45


@pytest.mark.e2e
async def test_pages_are_served_for_add_by_url(bot_api: FakeBotApi) -> None:
    url = bot_api.serve_page("news/article.html", "<html><p>Talks resume.</p></html>")
    gone = bot_api.serve_page("gone.html", "", status=410)
    async with httpx.AsyncClient() as client:
        page = await client.get(url)
        assert (page.status_code, page.headers["content-type"]) == (
            200,
            "text/html; charset=utf-8",
        )
        assert page.text == "<html><p>Talks resume.</p></html>"
        assert (await client.get(gone)).status_code == 410
    assert [r.params["path"] for r in bot_api.requests("downloadPage")] == [
        "news/article.html",
        "gone.html",
    ]


def test_expect_silence_fails_when_the_bot_speaks(bot_api: FakeBotApi) -> None:
    bot_api.private_message(ALICE, "/start")
    bot_api.expect_silence(ALICE.id, 0.05)
    with httpx.Client() as client:
        client.post(
            f"{bot_api.base_url}{bot_api.token}/sendMessage",
            json={"chat_id": ALICE.id, "text": "unexpected digest"},
        )
    with pytest.raises(AssertionError, match="unexpected digest"):
        bot_api.expect_silence(ALICE.id, 0.05, since=0)


def test_wait_for_messages_says_what_arrived_instead(bot_api: FakeBotApi) -> None:
    with pytest.raises(AssertionError, match=r"expected 1 message\(s\) in chat 1001 .* got 0"):
        bot_api.wait_for_messages(ALICE.id, timeout=0.1)


# ------------------------------------------------------------------ the process harness

# A stand-in for the bot: polls like python-telegram-bot does, echoes text, stops on SIGTERM.
ECHO_BOT = """
import asyncio, os, signal
from telegram import Bot

async def main():
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print("cwd", os.getcwd(), "db", os.environ["DATABASE_URL"], flush=True)
    token, url = os.environ["TELEGRAM_BOT_TOKEN"], os.environ["TELEGRAM_API_URL"]
    async with Bot(token, base_url=url) as bot:
        offset = None
        while not stop.is_set():
            for update in await bot.get_updates(offset=offset, timeout=1):
                offset = update.update_id + 1
                await bot.send_message(update.message.chat_id, "echo: " + update.message.text)
    print("stopped cleanly", flush=True)

asyncio.run(main())
"""


@pytest.mark.e2e
@pytest.mark.slow
def test_bot_process_harness_runs_a_polling_process(
    bot_api: FakeBotApi, bot_process_factory: BotProcessFactory
) -> None:
    process = bot_process_factory(command=[sys.executable, "-c", ECHO_BOT])
    bot_api.private_message(ALICE, "hello")
    [reply] = bot_api.wait_for_messages(ALICE.id, timeout=10)
    assert reply.text == "echo: hello"
    assert process.stop() == 0
    assert "stopped cleanly" in process.log
    assert f"cwd {process.workdir}" in process.log
    assert f"db sqlite+aiosqlite:///{process.workdir}/bot.db" in process.log


@pytest.mark.e2e
@pytest.mark.slow
def test_the_real_bot_starts_registers_its_menu_and_answers_start(
    bot_api: FakeBotApi, bot_process_factory: BotProcessFactory
) -> None:
    # Known before start-up so that the admin's own command menu can be scoped to the chat.
    bot_api.add_chat(Chat.private(ALICE))
    bot_process_factory(admin_ids=[ALICE.id])
    bot_api.private_message(ALICE, "/start")
    [reply] = bot_api.wait_for_messages(ALICE.id, timeout=30)
    assert reply.parse_mode == "HTML"
    assert "/help" in reply.plain_text
    assert {c["command"] for c in bot_api.commands()} >= {"start", "help", "who", "subscribe"}
    admin_menu = {c["command"] for c in bot_api.menu_for(ALICE.id, ALICE.id)}
    assert {"add", "remove"} <= admin_menu
    assert "add" not in {c["command"] for c in bot_api.menu_for(BOB.id, BOB.id)}


@pytest.mark.e2e
@pytest.mark.slow
def test_bot_process_can_be_killed_and_restarted_in_the_same_folder(
    bot_api: FakeBotApi, bot_process_factory: BotProcessFactory
) -> None:
    first = bot_process_factory(command=[sys.executable, "-c", ECHO_BOT])
    assert first.kill() == -9
    assert "stopped cleanly" not in first.log
    second = bot_process_factory(command=[sys.executable, "-c", ECHO_BOT])
    assert second.workdir == first.workdir
    bot_api.private_message(ALICE, "still there?")
    assert bot_api.wait_for_messages(ALICE.id)[0].text == "echo: still there?"
    assert second.log.count("===== start") == 2
