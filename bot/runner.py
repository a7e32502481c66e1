"""Entry points of the long-running modes: `run` (Telegram) and `demo` (this terminal)."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from telegram import Update

from bot.app import build_application
from bot.config import Settings
from bot.logs import configure_logging

log = logging.getLogger(__name__)

EXIT_OK, EXIT_BAD_INPUT = 0, 2


# What Telegram accepts as a webhook secret_token.
_SECRET_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,256}")
_HOSTNAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")


class RunSettingsError(ValueError):
    """Settings `run` cannot start with; the message says what to fix, in one line."""


class MissingTokenError(RunSettingsError):
    """`run` without a usable token."""


class WebhookSettingsError(RunSettingsError):
    """WEBHOOK_* settings that cannot work."""


@dataclass(frozen=True)
class WebhookPlan:
    """Where the webhook server listens and what it tells Telegram."""

    host: str
    port: int
    url: str
    url_path: str
    secret: str


def parse_listen(value: str) -> tuple[str, int]:
    """WEBHOOK_LISTEN as (host, port): `127.0.0.1:8443`, `0.0.0.0:8443` or `[::]:8443`."""
    usage = (
        f"WEBHOOK_LISTEN {value!r} is not HOST:PORT, e.g. 127.0.0.1:8443 (behind a proxy on "
        "this machine), 0.0.0.0:8443 (every interface) or [::]:8443 (IPv6)"
    )
    host, colon, port_text = value.strip().rpartition(":")
    if not colon or not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise WebhookSettingsError(usage)
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
        try:
            ipaddress.IPv6Address(host)
        except ValueError as exc:
            raise WebhookSettingsError(usage) from exc
    elif ":" in host or not _HOSTNAME.fullmatch(host):
        # An empty host would make aiohttp listen everywhere: say so rather than guess.
        raise WebhookSettingsError(usage)
    return host, int(port_text)


def plan_webhook(settings: Settings) -> WebhookPlan | None:
    """The webhook server to run (None: long polling); bad settings fail before anything runs."""
    if not settings.webhook_url:
        return None
    parts = urlsplit(settings.webhook_url)
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise WebhookSettingsError(
            f"WEBHOOK_URL {settings.webhook_url!r} is not an absolute https URL, e.g. "
            "https://bot.example.org/telegram"
        )
    if settings.webhook_secret is None or not settings.webhook_secret.get_secret_value():
        raise WebhookSettingsError(
            "webhook mode needs WEBHOOK_SECRET, so forged requests can be rejected"
        )
    secret = settings.webhook_secret.get_secret_value()
    if not _SECRET_SHAPE.fullmatch(secret):
        raise WebhookSettingsError(
            "WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)"
        )
    host, port = parse_listen(settings.webhook_listen)
    return WebhookPlan(host, port, settings.webhook_url, parts.path.lstrip("/"), secret)


def run_bot(settings: Settings) -> int:
    """Long polling, or a webhook server when WEBHOOK_URL is set. Blocks until SIGINT/SIGTERM."""
    token = settings.usable_token()
    if token is None:
        raise MissingTokenError(
            "TELEGRAM_BOT_TOKEN is missing or a placeholder: set it in .env (see .env.example), "
            "or try the offline chat with `briefing-bot demo`"
        )
    webhook = plan_webhook(settings)
    secrets = [token] + (
        [settings.webhook_secret.get_secret_value()] if settings.webhook_secret else []
    )
    configure_logging(settings.log_level, secrets)
    application = build_application(settings, token=token, freeze_after_start=True)
    if webhook is not None:
        log.info(
            "starting in webhook mode on %s:%d, serving /%s",
            webhook.host,
            webhook.port,
            webhook.url_path,
        )
        # PTB's server answers 403 to any request whose X-Telegram-Bot-Api-Secret-Token header
        # is missing or wrong, before the update reaches a handler.
        application.run_webhook(
            listen=webhook.host,
            port=webhook.port,
            url_path=webhook.url_path,
            webhook_url=webhook.url,
            secret_token=webhook.secret,
            allowed_updates=Update.ALL_TYPES,
            bootstrap_retries=-1,
        )
    else:
        log.info("starting with long polling")
        # bootstrap_retries=-1: keep trying while the Bot API is unreachable instead of exiting.
        application.run_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=-1)
    return EXIT_OK


def run_demo(settings: Settings, feed: str | None = None) -> int:
    """The same application and handlers, chatting in this terminal with no network at all
    (but the feed's, when one is followed)."""
    from bot.demo import DemoChat

    configure_logging("WARNING" if settings.log_level == "INFO" else settings.log_level, [])
    return asyncio.run(DemoChat(settings, feed=feed).run())
