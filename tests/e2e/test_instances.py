"""Two bot processes in webhook mode on one PostgreSQL database: each digest goes out once.

Both instances start together and catch up on digests whose time passed two minutes ago; the
claim row (unique per chat, thread and day) decides which instance sends which. Deliveries are
counted where a user would see them: the messages the fake Bot API server accepted per chat.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import select

from bot.digest import DIGESTS_IN_FLIGHT
from bot.store import DeliveryStatus, Store
from bot.store.schema import Base
from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.harness import BotProcess
from tests.e2e.test_webhook import free_port, wait_until_serving, webhook_env
from tests.e2e.updates import Chat, User
from tests.postgres import postgres_url

__all__ = ["postgres_url"]  # the fixture, imported so pytest finds it here

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

FIRST_CHAT = 7001
DIGEST_HEADING = "Daily briefing"

StartInstance = Callable[[str], tuple[BotProcess, str, int]]


async def _subscribe(database_url: str, chat_ids: range, at: dt.time) -> None:
    # Subscribed yesterday: today's digest was due while they were subscribed.
    yesterday = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    async with await Store.open(database_url, clock=lambda: yesterday) as store:
        for chat_id in chat_ids:
            await store.subscriptions.upsert(
                chat_id, chat_type="private", time=at, default_time=at, default_tz="UTC"
            )


async def delivery_statuses(database_url: str, chat_ids: range) -> dict[int, DeliveryStatus]:
    """Each subscribed chat's latest logged digest status, read from the delivery log's table."""
    async with await Store.open(database_url) as store:
        active = {sub.chat_id for sub in await store.subscriptions.active()}
        log = Base.metadata.tables["deliveries"]
        query = select(log.c.chat_id, log.c.status).order_by(log.c.digest_date, log.c.id)
        async with store.engine.connect() as conn:
            rows = await conn.execute(query)
        # Oldest first, so each chat ends with its latest status.
        return {
            chat_id: DeliveryStatus(status)
            for chat_id, status in rows
            if chat_id in chat_ids and chat_id in active
        }


def subscribe_due_two_minutes_ago(api: FakeBotApi, database_url: str, count: int) -> range:
    """`count` private chats that know the bot, subscribed to a digest due two minutes ago."""
    chat_ids = range(FIRST_CHAT, FIRST_CHAT + count)
    for chat_id in chat_ids:
        api.add_chat(Chat.private(User(chat_id, f"Reader {chat_id}")))
    due = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=2)).time().replace(second=0)
    asyncio.run(_subscribe(database_url, chat_ids, due.replace(microsecond=0)))
    return chat_ids


def digests_per_chat(api: FakeBotApi, chat_ids: range) -> Counter[int]:
    """Digests each chat received (a long digest comes in parts; its first carries the heading)."""
    return Counter(
        m.chat_id
        for m in api.messages()
        if m.chat_id in chat_ids and m.plain_text.startswith(DIGEST_HEADING)
    )


@pytest.fixture
def start_instance(
    bot_api: FakeBotApi, postgres_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[StartInstance]:
    """Start a webhook-mode instance on the shared database, with a folder and log of its own."""
    started: list[BotProcess] = []

    def start(name: str) -> tuple[BotProcess, str, int]:
        port = free_port()
        env = {**webhook_env(port), "DATABASE_URL": postgres_url}
        process = BotProcess(bot_api, tmp_path_factory.mktemp(name), env=env)
        started.append(process)
        process.start()
        return process, env["WEBHOOK_URL"], port

    yield start
    for process in started:
        process.stop()
        print(f"----- {process.workdir.name} log -----\n{process.log_tail(150)}")


def settled_digests(api: FakeBotApi, chat_ids: range, timeout: float = 90.0) -> Counter[int]:
    """Digests per chat once the fan-out stops: nothing new for two seconds (it runs as a job
    after start-up, so a serving instance may still be sending)."""
    deadline = time.monotonic() + timeout
    last = digests_per_chat(api, chat_ids)
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.25)
        now = digests_per_chat(api, chat_ids)
        if now != last:
            last, quiet_since = now, time.monotonic()
        elif time.monotonic() - quiet_since >= 2.0:
            break
    return last


def test_two_instances_starting_together_send_each_due_digest_once(
    bot_api: FakeBotApi, postgres_url: str, start_instance: StartInstance
) -> None:
    chat_ids = subscribe_due_two_minutes_ago(bot_api, postgres_url, 50)

    instances = [start_instance("one"), start_instance("two")]
    for process, url, port in instances:
        wait_until_serving(process, bot_api, url, port)

    per_chat = settled_digests(bot_api, chat_ids)
    print(f"digests per chat: {sorted(Counter(per_chat[c] for c in chat_ids).items())}")
    assert [per_chat[c] for c in chat_ids] == [1] * 50
    statuses = asyncio.run(delivery_statuses(postgres_url, chat_ids))
    assert set(statuses) == set(chat_ids)
    assert set(statuses.values()) == {DeliveryStatus.SENT}
    # Nothing more trickles in later: no instance held a second claim back.
    bot_api.expect_silence(FIRST_CHAT, 2)
    assert all(process.returncode is None for process, _url, _port in instances)


def sends_logged(process: BotProcess) -> int:
    """sendMessage calls a process started, from its DEBUG log (only digests are sent here)."""
    return process.log.count("Calling Bot API endpoint `sendMessage`")


def test_killing_an_instance_mid_fan_out_leaves_the_rest_to_the_other(
    bot_api: FakeBotApi, postgres_url: str, start_instance: StartInstance
) -> None:
    count = 200
    chat_ids = subscribe_due_two_minutes_ago(bot_api, postgres_url, count)
    (victim, _, _), (survivor, url, port) = start_instance("victim"), start_instance("survivor")

    # SIGKILL the victim once it is itself sending (each instance sends at most 30 a second).
    deadline = time.monotonic() + 120
    while sends_logged(victim) < 5:
        assert time.monotonic() < deadline, "the victim never sent:\n" + victim.log_tail()
        assert victim.returncode is None, victim.log_tail()
        time.sleep(0.01)
    victim.kill()
    at_kill = sum(digests_per_chat(bot_api, chat_ids).values())
    by_victim = sends_logged(victim)
    wait_until_serving(survivor, bot_api, url, port)
    # A request the victim was half-way through sending ends in a reset on the server's side:
    # that is the kill, not a fault of the fake server.
    bot_api.server_errors[:] = [e for e in bot_api.server_errors if "ConnectionResetError" not in e]

    per_chat = settled_digests(bot_api, chat_ids)
    statuses = asyncio.run(delivery_statuses(postgres_url, chat_ids))
    missing = [c for c in chat_ids if per_chat[c] == 0]
    print(
        f"digests at kill: {at_kill} (victim sent {by_victim}); after: "
        f"{sum(per_chat.values())} of {count}, survivor sent {sends_logged(survivor)}; "
        f"never sent: {missing}; statuses: {sorted(Counter(statuses.values()).items())}"
    )
    assert at_kill < count, "the kill came after the fan-out: the test proved nothing"
    assert max(per_chat.values()) == 1  # no duplicates
    # Every chat was claimed by one instance; the survivor sent all it claimed. A digest the
    # killed instance claimed but had not sent is lost for the day (at most once, by design):
    # it claims only when a send slot is free, so at most DIGESTS_IN_FLIGHT are lost.
    assert set(statuses) == set(chat_ids)
    assert len(missing) <= DIGESTS_IN_FLIGHT
    assert all(statuses[c] is DeliveryStatus.CLAIMED for c in missing)
    assert survivor.returncode is None
