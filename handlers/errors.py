"""The one error handler: log with the traceback first, then tell the user plainly."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from bot.services import BriefingContext

log = logging.getLogger(__name__)

SORRY = "Sorry, something went wrong on my side while answering that. Please try again in a moment."


async def on_error(update: object, context: BriefingContext) -> None:
    """Log the failure; if it came from a chat, apologise there (without internals)."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.bot.send_message(update.effective_chat.id, SORRY)
        except TelegramError:
            log.warning("could not tell chat %s about the error", update.effective_chat.id)
