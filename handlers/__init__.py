"""Telegram handlers, grouped by audience; they read the briefing, render, and reply."""

from __future__ import annotations

from telegram.ext import (
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.briefing.lexicon import TopicLexicon
from bot.services import BriefingApp
from handlers import admin, briefing, errors, membership, subscriptions
from handlers.commands import command_table

# New messages only: an edited command is not answered a second time.
_NEW = filters.UpdateType.MESSAGE


def register_handlers(application: BriefingApp, lexicon: TopicLexicon) -> None:
    """Every handler, in one place. Within group 0 the first match wins, so order matters."""
    for command in command_table(lexicon):
        application.add_handler(CommandHandler(command.name, command.callback, filters=_NEW))
    # A document's caption never reaches a CommandHandler: route "/add" captions here.
    application.add_handler(
        MessageHandler(_NEW & filters.CaptionRegex(r"^/add(@\w+)?(\s|$)"), admin.add_article)
    )
    # Nor does a channel post: a channel subscribes with /subscribe posted in it.
    channel = filters.UpdateType.CHANNEL_POST
    application.add_handler(
        MessageHandler(
            channel & filters.Regex(r"^/subscribe(@\w+)?(\s|$)"), subscriptions.subscribe
        )
    )
    application.add_handler(
        MessageHandler(
            channel & filters.Regex(r"^/unsubscribe(@\w+)?(\s|$)"), subscriptions.unsubscribe
        )
    )
    application.add_handler(CallbackQueryHandler(briefing.on_page_button))
    application.add_handler(
        MessageHandler(_NEW & filters.TEXT & ~filters.COMMAND, briefing.on_text)
    )
    # Last in group 0: any command nothing above took.
    application.add_handler(MessageHandler(_NEW & filters.COMMAND, briefing.unknown_command))
    # Group 1 sees updates whatever group 0 did: membership bookkeeping.
    application.add_handler(
        ChatMemberHandler(membership.track_bot_membership, ChatMemberHandler.MY_CHAT_MEMBER),
        group=1,
    )
    application.add_handler(
        MessageHandler(filters.StatusUpdate.MIGRATE, membership.follow_migration), group=1
    )
    application.add_error_handler(errors.on_error)
