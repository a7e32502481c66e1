"""The bot added to or removed from chats, and groups upgraded to supergroups."""

from __future__ import annotations

import pytest

from tests.handlers import updates
from tests.handlers.conftest import BotUnderTest

pytestmark = pytest.mark.slow


async def test_added_to_a_group_says_hello(bot: BotUnderTest) -> None:
    replies = await bot.send(
        updates.my_chat_member(updates.group_chat(-300, kind="group"), old="left", new="member")
    )
    assert replies and "/subscribe" in replies[0]


async def test_removed_from_a_group_deactivates_it(bot: BotUnderTest) -> None:
    bot.api.admins[-300] = {501}
    await bot.send(updates.in_group("/subscribe", -300, 501))
    await bot.send(updates.my_chat_member(updates.group_chat(-300), old="member", new="kicked"))
    sub = await bot.services.store.subscriptions.get(-300, 0)
    assert sub is not None and not sub.active
    assert not bot.services.digests.is_scheduled(-300, 0)


async def test_migration_keeps_the_subscription(bot: BotUnderTest) -> None:
    bot.api.admins[-400] = {501}
    await bot.send(
        updates.message(
            "/subscribe 07:00",
            chat=updates.group_chat(-400, kind="group"),
            sender=updates.user(501),
        )
    )
    migrate = updates.message(
        "", chat=updates.group_chat(-400, kind="group"), sender=updates.user(501)
    )
    del migrate["message"]["text"]
    migrate["message"]["migrate_to_chat_id"] = -1000400
    await bot.send(migrate)
    moved = await bot.services.store.subscriptions.get(-1000400, 0)
    assert moved is not None and moved.active
    assert bot.services.digests.is_scheduled(-1000400, 0)
    assert not bot.services.digests.is_scheduled(-400, 0)


async def test_a_change_of_rights_alone_neither_greets_nor_ends_the_digest(
    bot: BotUnderTest,
) -> None:
    bot.api.admins[-310] = {501}
    await bot.send(updates.in_group("/subscribe", -310, 501))
    promoted = updates.my_chat_member(updates.group_chat(-310), old="member", new="administrator")
    # Telegram sends every right of an administrator; the bot was given only chat management.
    rights = [
        "can_be_edited",
        "is_anonymous",
        "can_manage_chat",
        "can_delete_messages",
        "can_manage_video_chats",
        "can_restrict_members",
        "can_promote_members",
        "can_change_info",
        "can_invite_users",
        "can_post_stories",
        "can_edit_stories",
        "can_delete_stories",
    ]
    for right in rights:
        promoted["my_chat_member"]["new_chat_member"][right] = right == "can_manage_chat"

    assert await bot.send(promoted) == []
    sub = await bot.services.store.subscriptions.get(-310, 0)
    assert sub is not None and sub.active
    assert bot.services.digests.is_scheduled(-310, 0)
