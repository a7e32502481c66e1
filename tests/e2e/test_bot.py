"""The real bot process (`python -m bot run`) over real HTTP against the fake Bot API server."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
import time
from pathlib import Path

import pytest

from bot.store import Store
from tests.e2e.conftest import BotProcessFactory
from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.updates import Chat, User

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ADMIN = User(4242, "Ada", "ada")
READER = User(5151, "Ben", "ben")
GROUP_ADMIN = User(6161, "Gus", "gus")

ARTICLE = """Harbour bridge to close for repairs

The old harbour bridge will close for six months starting 1 June, the city council decided on Monday.

Mayor Lena Park said the work could not wait any longer. "The bridge is older than most of us and it shows," Park told reporters at City Hall.

Shop owners on the waterfront said they feared losing customers. The council said it would set up a ferry service while the bridge is shut.
"""


def ask(api: FakeBotApi, user: User, text: str, *, timeout: float = 30.0) -> str:
    """Send `text` as `user` in their private chat; the bot's reply (all its parts) as plain text."""
    before = len(api.messages(user.id))
    api.private_message(user, text)
    api.wait_for_messages(user.id, 1, timeout=timeout, since=before)
    # An answer may come in several parts (text pages and a chart): wait until the bot is quiet.
    seen = -1
    while seen != len(api.messages(user.id)):
        seen = len(api.messages(user.id))
        time.sleep(0.6)
    return "\n".join(m.plain_text for m in api.messages(user.id)[before:])


def _db(process_workdir: Path) -> sqlite3.Connection:
    return sqlite3.connect(process_workdir / "bot.db")


def _no_rejected_sends(api: FakeBotApi) -> None:
    rejected = [r for r in api.requests("sendMessage") if r.status == 400]
    assert not rejected, [r.params.get("text", "")[:200] for r in rejected]


def test_every_public_command_answers_with_valid_html(
    bot_api: FakeBotApi, bot_process_factory: BotProcessFactory
) -> None:
    process = bot_process_factory(admin_ids=[ADMIN.id])
    replies = {
        command: ask(bot_api, READER, command)
        for command in (
            "/start",
            "/help",
            "/brief",
            "/who",
            "/who kerry",
            "/who Kery",
            "/timeline",
            "/timeline kerry",
            "/timeline ceasefire",
            "/ceasefire",
            "/topic peace_talks",
            "/where",
            "/quotes",
            "/quotes mcgurk",
            "/articles",
            "/settings",
            "/digest",
            "/frobnicate",
            "what about carter",
            "/subscribe 21:15 Asia/Tokyo ceasefire",
            "/unsubscribe",
        )
    }
    _no_rejected_sends(bot_api)
    assert "Secretary of State" in replies["/who kerry"]
    assert "Aug 2011" in replies["/timeline"]  # oldest first, absolute dates
    assert "10 Feb 2016" in replies["/timeline kerry"]  # "arrived in Germany on Wednesday"
    assert "Russia" in replies["/ceasefire"]
    assert "/help" in replies["/frobnicate"]
    assert "21:15" in replies["/subscribe 21:15 Asia/Tokyo ceasefire"]
    assert "Unsubscribed" in replies["/unsubscribe"]
    assert "Sorry" not in "\n".join(replies.values())
    # A whole session logged at DEBUG never shows the token (the URLs httpx would log carry it).
    assert bot_api.token not in process.log
    assert "Calling Bot API endpoint" in process.log
    # Nor does the store hold it, anywhere in the file.
    secret = bot_api.token.split(":", 1)[1].encode()
    assert all(secret not in path.read_bytes() for path in process.workdir.glob("bot.db*"))


def test_page_buttons_edit_the_message_in_place(
    bot_api: FakeBotApi, bot_process_factory: BotProcessFactory
) -> None:
    bot_process_factory()
    first = ask(bot_api, READER, "/timeline")
    assert "Page 1 of" in first
    # The page with the buttons: the chart goes before it or, drawn for the first time, after
    # (on a loaded machine, well after: wait for both before counting them below).
    bot_api.wait_for_messages(READER.id, 2, timeout=60)
    (listing,) = [m for m in bot_api.messages(READER.id) if m.button_data()]
    next_page = [d for d in listing.button_data() if d.endswith("|2")]
    assert next_page, listing.reply_markup
    bot_api.callback_query(READER, listing, next_page[0])
    deadline = time.monotonic() + 20
    while (
        time.monotonic() < deadline
        and "Page 2 of" not in bot_api.message(READER.id, listing.message_id).plain_text
    ):
        time.sleep(0.1)
    assert "Page 2 of" in bot_api.message(READER.id, listing.message_id).plain_text
    bot_api.callback_query(READER, listing, "p|who||9999")  # forged: no page 9999
    bot_api.wait_for_request("answerCallbackQuery")
    time.sleep(0.5)
    assert "Page 2 of" in bot_api.message(READER.id, listing.message_id).plain_text  # untouched
    assert len(bot_api.messages(READER.id)) == 2  # the chart and the page: nothing new


def test_group_flow_with_bot_name_and_admin_checks(
    bot_api: FakeBotApi, bot_process_factory: BotProcessFactory
) -> None:
    group = Chat.supergroup(777, "Newsroom", is_forum=True)
    bot_api.add_chat(group)
    bot_api.set_chat_admins(group.id, [GROUP_ADMIN.id])
    process = bot_process_factory(admin_ids=[ADMIN.id])
    bot_api.group_message(group, READER, "/who@briefing_test_bot carter")
    [answer] = bot_api.wait_for_messages(group.id, 1, timeout=30)
    assert "Ash Carter" in answer.plain_text
    bot_api.group_message(group, READER, "/subscribe@briefing_test_bot 07:00")
    refused = bot_api.wait_for_messages(group.id, 1, since=1, timeout=30)[0]
    assert "administrators" in refused.plain_text
    bot_api.group_message(
        group, GROUP_ADMIN, "/subscribe@briefing_test_bot 07:00 Europe/Paris", message_thread_id=12
    )
    accepted = bot_api.wait_for_messages(group.id, 1, since=2, timeout=30)[0]
    assert "Subscribed" in accepted.plain_text and accepted.message_thread_id == 12
    bot_api.group_message(group, None, "/subscribe@briefing_test_bot 07:30", anonymous_admin=True)
    bot_api.wait_for_messages(group.id, 1, since=3, timeout=30)
    with _db(process.workdir) as db:
        rows = db.execute(
            "SELECT thread_id, time, tz FROM subscriptions WHERE chat_id = ?", (group.id,)
        ).fetchall()
    # SQLite keeps a time as text ("07:30:00.000000"): read back as the times they are.
    subscribed = sorted((thread, dt.time.fromisoformat(at), tz) for thread, at, tz in rows)
    assert subscribed == [(0, dt.time(7, 30), "UTC"), (12, dt.time(7, 0), "Europe/Paris")]


def test_admin_adds_by_text_document_and_url_then_queries(
    bot_api: FakeBotApi, bot_process_factory: BotProcessFactory
) -> None:
    bot_process_factory(admin_ids=[ADMIN.id])
    refused = ask(bot_api, READER, f"/add 2021-05-04\n{ARTICLE}")
    assert "administrators" in refused
    added = ask(bot_api, ADMIN, f"/add 2021-05-04\n{ARTICLE}", timeout=60)
    assert "Harbour bridge" in added
    assert "Lena Park" in ask(bot_api, READER, "/who park")

    second = ARTICLE.replace("harbour bridge", "river tunnel").replace(
        "Harbour bridge", "River tunnel"
    )
    before = len(bot_api.messages(ADMIN.id))
    bot_api.document_message(
        Chat.private(ADMIN), ADMIN, second.encode(), "tunnel.txt", caption="/add 2021-05-05"
    )
    bot_api.wait_for_messages(ADMIN.id, 1, since=before, timeout=60)
    assert "River tunnel" in bot_api.messages(ADMIN.id)[-1].plain_text

    page = (
        "<html><head><title>Ferry service starts</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE.replace("bridge", "ferry").split("\n\n")[1:])
        + "</article></body></html>"
    )
    url = bot_api.serve_page("news/ferry", page)
    from_url = ask(bot_api, ADMIN, f"/add 2021-05-06 {url}", timeout=60)
    assert "Ferry service starts" in from_url
    listing = ask(bot_api, READER, "/articles")
    assert "River tunnel" in listing and "Ferry service starts" in listing
    _no_rejected_sends(bot_api)


def _next_minute(at_least_seconds: int = 5) -> dt.datetime:
    now = dt.datetime.now(dt.UTC)
    target = (now + dt.timedelta(minutes=1)).replace(second=0, microsecond=0)
    if (target - now).total_seconds() < at_least_seconds:
        target += dt.timedelta(minutes=1)
    return target


def test_digest_arrives_at_its_scheduled_minute(
    bot_api: FakeBotApi, bot_process_factory: BotProcessFactory
) -> None:
    bot_process_factory()
    due = _next_minute()
    ask(bot_api, READER, f"/subscribe {due:%H:%M} UTC")
    before = len(bot_api.messages(READER.id))
    wait = (due - dt.datetime.now(dt.UTC)).total_seconds() + 20
    [digest, *_] = bot_api.wait_for_messages(READER.id, 1, since=before, timeout=wait)
    arrived = dt.datetime.fromtimestamp(digest.date, dt.UTC)
    assert arrived >= due - dt.timedelta(seconds=1)
    assert "Daily briefing" in digest.plain_text and "Munich" in digest.plain_text


def subscribed_yesterday(workdir: Path, chat_id: int, chat_type: str, at: dt.datetime) -> None:
    """A subscription made a day ago (while the bot is down), with its digest due at `at`."""
    yesterday = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)

    async def write() -> None:
        url = f"sqlite+aiosqlite:///{workdir / 'bot.db'}"
        async with await Store.open(url, clock=lambda: yesterday) as store:
            await store.subscriptions.upsert(
                chat_id,
                chat_type=chat_type,
                time=at.time().replace(second=0, microsecond=0),
                default_time=dt.time(8, 0),
                default_tz="UTC",
            )

    asyncio.run(write())


def test_restart_keeps_subscriptions_and_sends_a_missed_digest_once(
    bot_api: FakeBotApi, bot_process_factory: BotProcessFactory
) -> None:
    bot_api.add_chat(Chat.private(READER))
    first = bot_process_factory()
    assert first.stop() == 0
    # Subscribed yesterday; today's digest fell due 3 minutes ago, while the bot was down.
    subscribed_yesterday(
        first.workdir, READER.id, "private", dt.datetime.now(dt.UTC) - dt.timedelta(minutes=3)
    )
    before = len(bot_api.messages(READER.id))
    bot_process_factory().stop()
    # The restart sent the digest missed 3 minutes ago (grace is 60).
    sent = bot_api.messages(READER.id)[before:]
    assert len(sent) >= 1 and "Daily briefing" in sent[0].plain_text
    count = len(bot_api.messages(READER.id))
    bot_process_factory()
    bot_api.expect_silence(READER.id, 3, since=count)
    assert "/unsubscribe" in ask(bot_api, READER, "/settings")  # still subscribed


def test_blocked_chat_is_deactivated_and_migrated_group_keeps_its_digest(
    bot_api: FakeBotApi, bot_process_factory: BotProcessFactory
) -> None:
    bot_api.add_chat(Chat.private(READER))
    first = bot_process_factory()
    first.stop()
    missed = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=2)
    group = Chat.group(888, "Old group")
    bot_api.add_chat(group)
    subscribed_yesterday(first.workdir, READER.id, "private", missed)
    subscribed_yesterday(first.workdir, group.id, "group", missed)
    bot_api.block_chat(READER.id)
    new_group = bot_api.migrate_chat(group.id, -1000000000888)
    second = bot_process_factory()
    bot_api.wait_for_messages(new_group.id, 1, timeout=30)
    second.stop()
    with _db(second.workdir) as db:
        reader = db.execute(
            "SELECT active FROM subscriptions WHERE chat_id = ?", (READER.id,)
        ).fetchone()
        moved = db.execute(
            "SELECT active FROM subscriptions WHERE chat_id = ?", (new_group.id,)
        ).fetchone()
    assert reader == (0,)
    assert moved == (1,)


def test_rate_limited_replies_still_arrive(
    bot_api: FakeBotApi, bot_process_factory: BotProcessFactory
) -> None:
    bot_process_factory()
    bot_api.inject_faults("sendMessage", 429, count=2, retry_after=1)
    reply = ask(bot_api, READER, "/start", timeout=30)
    assert "Welcome" in reply


@pytest.mark.parametrize(
    "description",
    [
        "Bad Request: can't parse entities: unsupported start tag",
        "Bad Request: message is too long",
    ],
)
def test_a_refused_reply_is_apologised_for_and_the_bot_keeps_answering(
    bot_api: FakeBotApi, bot_process_factory: BotProcessFactory, description: str
) -> None:
    process = bot_process_factory()
    bot_api.inject_faults("sendMessage", 400, count=1, description=description)
    apology = ask(bot_api, READER, "/brief")
    assert "Sorry, something went wrong" in apology
    assert "Welcome" in ask(bot_api, READER, "/start")
    process.wait_for_log("error while handling an update")


def test_a_channel_subscribes_with_a_post(
    bot_api: FakeBotApi, bot_process_factory: BotProcessFactory
) -> None:
    channel = Chat.channel(999, "Briefings")
    bot_api.add_chat(channel)
    process = bot_process_factory()
    bot_api.channel_post(channel, "/subscribe 06:45 Europe/London")
    [reply] = bot_api.wait_for_messages(channel.id, 1, timeout=30)
    assert "06:45" in reply.plain_text
    with _db(process.workdir) as db:
        row = db.execute(
            "SELECT chat_type, tz FROM subscriptions WHERE chat_id = ?", (channel.id,)
        ).fetchone()
    assert row == ("channel", "Europe/London")
