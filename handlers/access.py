"""Who may do what: bot admins by user id, group subscription changes by the group's own admins."""

from __future__ import annotations

from telegram import ChatMember, Update
from telegram.constants import ChatType
from telegram.error import TelegramError

from bot.services import BriefingContext


def is_bot_admin(update: Update, context: BriefingContext) -> bool:
    """Admins are listed by numeric user id (ADMIN_USER_IDS); usernames can change hands."""
    user = update.effective_user
    return user is not None and user.id in context.services.settings.admin_user_ids


async def may_manage_chat(update: Update, context: BriefingContext) -> bool:
    """Private chats manage themselves; in groups only the group's administrators may."""
    chat = update.effective_chat
    message = update.effective_message
    if chat is None:
        return False
    if chat.type in (ChatType.PRIVATE, ChatType.CHANNEL):
        # Only a channel's administrators can post in it.
        return True
    if (
        message is not None
        and message.sender_chat is not None
        and message.sender_chat.id == chat.id
    ):
        return True  # an anonymous administrator posting as the group itself
    user = update.effective_user
    if user is None:
        return False
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError:
        return False
    return member.status in (ChatMember.ADMINISTRATOR, ChatMember.OWNER)
