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


def _was_and_is_member(change: ChatMemberUpdated) -> tuple[bool, bool]:
    old, new = change.old_chat_member, change.new_chat_member
    was = old.status in _PRESENT and getattr(old, "is_member", True) is not False
    is_now = new.status in _PRESENT and getattr(new, "is_member", True) is not False
    return was, is_now


async def track_bot_membership(update: Update, context: BriefingContext) -> None:
    """Greet a group that added the bot; deactivate a chat that removed or blocked it."""
    change = update.my_chat_member
    if change is None:
        return
    was, is_now = _was_and_is_member(change)
    chat = change.chat
    services = context.services
    if not was and is_now and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
        await context.bot.send_message(chat.id, HELLO)
    elif was and not is_now:
        count = await services.store.deactivate_chat(
            chat.id, f"bot status {change.new_chat_member.status}"
        )
        for sub in await services.store.subscriptions_of_chat(chat.id):
            services.digests.unschedule(sub.chat_id, sub.thread_id)
        if count:
            log.info("chat %s removed the bot: %d subscriptions deactivated", chat.id, count)


async def follow_migration(update: Update, context: BriefingContext) -> None:
    """A group became a supergroup: its subscriptions move to the new chat id."""
    message = update.effective_message
    if message is None or message.migrate_to_chat_id is None:
        return
    services = context.services
    old_id, new_id = message.chat.id, message.migrate_to_chat_id
    moved = await services.store.migrate_chat(old_id, new_id)
    for sub in await services.store.subscriptions_of_chat(new_id):
        services.digests.unschedule(old_id, sub.thread_id)
        if sub.active:
            services.digests.schedule(sub)
    if moved:
        log.info("chat %s migrated to %s with %d subscriptions", old_id, new_id, moved)
