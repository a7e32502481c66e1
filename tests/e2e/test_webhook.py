"""Webhook mode: the real bot process serves PTB's webhook and only trusts Telegram's secret."""

from __future__ import annotations

import socket
import time
from collections.abc import Mapping

import httpx
import pytest

from bot.config import Settings
from bot.runner import WebhookSettingsError, parse_listen, plan_webhook
from tests.e2e.conftest import BotProcessFactory
from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.harness import BotProcess
from tests.e2e.updates import Chat, User, message_dict

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

READER = User(5151, "Ben", "ben")
FORGER = User(6666, "Fay", "fay")
SECRET = "webhook-secret_0123456789"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def webhook_env(port: int, *, secret: str = SECRET) -> dict[str, str]:
    """Settings for an instance listening on 127.0.0.1:`port` behind (here: as) its own URL."""
    return {
        "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram/hook",
        "WEBHOOK_LISTEN": f"127.0.0.1:{port}",
        "WEBHOOK_SECRET": secret,
    }


def start_webhook_bot(
    factory: BotProcessFactory,
    api: FakeBotApi,
    *,
    env: Mapping[str, str] | None = None,
    port: int | None = None,
    wait: bool = True,
) -> tuple[BotProcess, str]:
    """Start a bot in webhook mode; with `wait`, return once it registered and listens."""
    port = port or free_port()
    settings = {**webhook_env(port), **(env or {})}
    process = factory(env=settings, wait=False)
    if wait:
        wait_until_serving(process, api, settings["WEBHOOK_URL"], port)
    return process, settings["WEBHOOK_URL"]


def wait_until_serving(process: BotProcess, api: FakeBotApi, url: str, port: int) -> None:
    """Wait for the instance's setWebhook call, then for its port (PTB listens right after)."""
    deadline = time.monotonic() + 90
    while True:
        try:
            api.wait_for_request("setWebhook", 0.2, where=lambda r: r.params.get("url") == url)
            break
        except AssertionError:
            if process.returncode is not None:
                raise AssertionError(
                    f"the bot exited with {process.returncode}:\n{process.log_tail()}"
                ) from None
            if time.monotonic() > deadline:
                raise AssertionError(f"no setWebhook within 90 s:\n{process.log_tail()}") from None
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise AssertionError(f"port {port} never opened:\n{process.log_tail()}") from None
            time.sleep(0.05)


def forged_start(update_id: int) -> dict[str, object]:
    """A /start from FORGER, as someone who found the webhook URL would post it."""
    message = message_dict(
        message_id=1, date=int(time.time()), chat=Chat.private(FORGER), sender=FORGER, text="/start"
    )
    return {"update_id": update_id, "message": message}


def sends_to(api: FakeBotApi, chat_id: int) -> int:
    """sendMessage calls the bot made to `chat_id`, answered or refused."""
    return sum(1 for r in api.requests("sendMessage") if r.params.get("chat_id") == chat_id)


def test_updates_arrive_by_webhook_and_replies_go_out(
    bot_api: FakeBotApi, bot_process_factory: BotProcessFactory
) -> None:
    process, url = start_webhook_bot(bot_process_factory, bot_api)

    registered = bot_api.wait_for_request("setWebhook", where=lambda r: r.params.get("url") == url)
    assert registered.params.get("secret_token") == SECRET
    before = len(bot_api.messages(READER.id))
    bot_api.private_message(READER, "/start")

    [reply] = bot_api.wait_for_messages(READER.id, 1, since=before, timeout=30)
    assert "Welcome to Briefing Bot" in reply.plain_text
    # The update came by webhook: the bot never polled, and the server has nothing pending.
    assert bot_api.poll_count() == 0
    assert bot_api.pending_updates() == 0
    assert SECRET not in process.log  # the secret is masked in logs, like the token


def test_a_post_without_the_right_secret_is_refused_and_never_handled(
    bot_api: FakeBotApi, bot_process_factory: BotProcessFactory
) -> None:
    _process, url = start_webhook_bot(bot_process_factory, bot_api)
    bot_api.add_chat(Chat.private(FORGER))

    with httpx.Client(timeout=10) as client:
        missing = client.post(url, json=forged_start(900001))
        wrong = client.post(
            url,
            json=forged_start(900002),
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET + "x"},
        )
        time.sleep(1.5)
        assert (missing.status_code, wrong.status_code) == (403, 403)
        assert sends_to(bot_api, FORGER.id) == 0

        # The same post with the secret goes through: the 403s were about the secret alone.
        right = client.post(
            url,
            json=forged_start(900003),
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
        )
    assert right.status_code == 200
    [welcome] = bot_api.wait_for_messages(FORGER.id, 1, timeout=30)
    assert "Welcome to Briefing Bot" in welcome.plain_text


@pytest.mark.parametrize(
    ("setting", "value", "complaint"),
    [
        ("WEBHOOK_SECRET", "", "needs WEBHOOK_SECRET"),
        ("WEBHOOK_LISTEN", "8443", "is not HOST:PORT"),
    ],
)
def test_webhook_mode_refuses_to_start_with_bad_settings(
    bot_api: FakeBotApi,
    bot_process_factory: BotProcessFactory,
    setting: str,
    value: str,
    complaint: str,
) -> None:
    process, _url = start_webhook_bot(
        bot_process_factory, bot_api, env={setting: value}, wait=False
    )

    assert process.process.wait(60) == 2
    assert complaint in process.log
    assert not bot_api.requests("setWebhook")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("127.0.0.1:8443", ("127.0.0.1", 8443)),
        ("0.0.0.0:80", ("0.0.0.0", 80)),
        ("[::]:8443", ("::", 8443)),
        ("bot-1.internal:9000", ("bot-1.internal", 9000)),
        (" 127.0.0.1:8443 ", ("127.0.0.1", 8443)),
    ],
)
def test_listen_addresses_are_read_as_host_and_port(value: str, expected: tuple[str, int]) -> None:
    assert parse_listen(value) == expected


@pytest.mark.parametrize(
    "value", ["8443", ":8443", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536", "::1:8443", "[x]:1"]
)
def test_unusable_listen_addresses_are_refused_with_an_example(value: str) -> None:
    with pytest.raises(WebhookSettingsError, match=r"e\.g\. 127\.0\.0\.1:8443"):
        parse_listen(value)


def test_a_secret_telegram_would_refuse_is_refused_before_starting() -> None:
    settings = Settings(
        _env_file=None,
        telegram_bot_token=None,
        webhook_url="https://bot.example.org/hook",
        webhook_secret="has spaces",
    )
    with pytest.raises(WebhookSettingsError, match="A-Z, a-z, 0-9"):
        plan_webhook(settings)
