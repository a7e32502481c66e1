"""The bot's own membership: added to a group (say hello), removed or blocked (stop sending there),
and a group upgraded to a supergroup (keep its subscription under the new id)."""

from __future__ import annotations

import logging

from telegram import ChatMember, ChatMemberUpdated, Update
from telegram.constants import ChatType

from bot.services import BriefingContext

log = logging.getLogger(__name__)

_PRESENT = {ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER, ChatMember.RESTRICTED}
HELLO = (
    "Hello! I'm Briefing Bot: I turn news articles into a briefing you can question. "
    "Try /brief, /who or /timeline. A group administrator can send /subscribe to get a daily "
    "digest here."
)


def _present(status: object, is_member: object) -> bool:
    # A restricted bot is still in the chat unless Telegram says it is no longer a member.
    return status in _PRESENT and is_member is not False


def _membership_change(change: ChatMemberUpdated) -> tuple[bool, bool] | None:
    """(was a member, is a member), or None when only the bot's rights or title changed."""
    difference = change.difference()
    if "status" not in difference and "is_member" not in difference:
        return None
    old, new = change.old_chat_member, change.new_chat_member
    old_status, new_status = difference.get("status", (old.status, new.status))
    old_is_member, new_is_member = difference.get(
        "is_member", (getattr(old, "is_member", True), getattr(new, "is_member", True))
    )
    return _present(old_status, old_is_member), _present(new_status, new_is_member)


async def track_bot_membership(update: Update, context: BriefingContext) -> None:
    """Greet a group that added the bot; deactivate a chat that removed or blocked it."""
    change = update.my_chat_member
    if change is None:
        return
    membership = _membership_change(change)
    if membership is None:
        return
    was, is_now = membership
    chat = change.chat
    if not was and is_now and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
        await context.bot.send_message(chat.id, HELLO)
    elif was and not is_now:
        count = await context.services.digests.end_chat(
            chat.id, f"bot status {change.new_chat_member.status}"
        )
        if count:
            log.info("chat %s removed the bot: %d subscriptions deactivated", chat.id, count)


async def follow_migration(update: Update, context: BriefingContext) -> None:
    """A group became a supergroup: its subscriptions move to the new chat id."""
    message = update.effective_message
    if message is None or message.migrate_to_chat_id is None:
        return
    old_id, new_id = message.chat.id, message.migrate_to_chat_id
    moved = await context.services.digests.move_chat(old_id, new_id)
    if moved:
        log.info("chat %s migrated to %s with %d subscriptions", old_id, new_id, moved)
