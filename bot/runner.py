"""Entry points of the long-running modes: `run` (Telegram) and `demo` (this terminal)."""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

from telegram import Update

from bot.app import build_application
from bot.config import Settings
from bot.logs import configure_logging

log = logging.getLogger(__name__)

EXIT_OK, EXIT_BAD_INPUT = 0, 2


class MissingTokenError(ValueError):
    """`run` without a usable token."""


def run_bot(settings: Settings) -> int:
    """Long polling, or a webhook server when WEBHOOK_URL is set. Blocks until SIGINT/SIGTERM."""
    token = settings.usable_token()
    if token is None:
        raise MissingTokenError(
            "TELEGRAM_BOT_TOKEN is missing or a placeholder: set it in .env (see .env.example), "
            "or try the offline chat with `briefing-bot demo`"
        )
    secrets = [token] + (
        [settings.webhook_secret.get_secret_value()] if settings.webhook_secret else []
    )
    configure_logging(settings.log_level, secrets)
    application = build_application(settings, token=token)
    if settings.webhook_url:
        host, _, port = settings.webhook_listen.rpartition(":")
        if not settings.webhook_secret:
            raise MissingTokenError(
                "webhook mode needs WEBHOOK_SECRET, so forged requests can be rejected"
            )
        log.info("starting in webhook mode on %s", settings.webhook_listen)
        application.run_webhook(
            listen=host or "127.0.0.1",
            port=int(port),
            url_path=urlsplit(settings.webhook_url).path.lstrip("/"),
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret.get_secret_value(),
            allowed_updates=Update.ALL_TYPES,
            bootstrap_retries=-1,
        )
    else:
        log.info("starting with long polling")
        # bootstrap_retries=-1: keep trying while the Bot API is unreachable instead of exiting.
        application.run_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=-1)
    return EXIT_OK


def run_demo(settings: Settings) -> int:
    """The same application and handlers, chatting in this terminal with no network at all."""
    from bot.demo import DemoChat

    configure_logging("WARNING" if settings.log_level == "INFO" else settings.log_level, [])
    return asyncio.run(DemoChat(settings).run())
