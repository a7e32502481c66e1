"""Sending rendered answers: every handler replies through these, so limits live in one place."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardMarkup, Message, Update

from bot.services import BriefingContext


async def reply_parts(
    update: Update,
    context: BriefingContext,
    parts: Sequence[str],
    keyboard: InlineKeyboardMarkup | None = None,
) -> list[Message]:
    """Send already-rendered HTML parts (each within Telegram's limit); buttons go on the last."""
    message = update.effective_message
    chat = update.effective_chat
    if chat is None:
        return []
    sent: list[Message] = []
    for number, part in enumerate(parts):
        markup = keyboard if number == len(parts) - 1 else None
        if message is not None:
            sent.append(await message.reply_text(part, reply_markup=markup, do_quote=False))
        else:
            sent.append(await context.bot.send_message(chat.id, part, reply_markup=markup))
    return sent


async def reply_text(update: Update, context: BriefingContext, html: str) -> None:
    """One short message that is already escaped HTML."""
    await reply_parts(update, context, [html])
