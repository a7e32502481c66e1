"""Builders of the Update payloads Telegram sends, for handler tests."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

_ids = itertools.count(1)


def _now() -> int:
    return int(dt.datetime.now(dt.UTC).timestamp())


def user(user_id: int, name: str = "Ann") -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": name}


def private_chat(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "type": "private", "first_name": "Ann"}


def group_chat(chat_id: int, *, forum: bool = False, kind: str = "supergroup") -> dict[str, Any]:
    chat: dict[str, Any] = {"id": chat_id, "type": kind, "title": "Newsroom"}
    if forum:
        chat["is_forum"] = True
    return chat


def message(
    text: str,
    *,
    chat: dict[str, Any],
    sender: dict[str, Any] | None,
    thread_id: int | None = None,
    reply_to: dict[str, Any] | None = None,
    document: dict[str, Any] | None = None,
    sender_chat: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An update holding one new message; a leading /command gets its bot_command entity."""
    msg: dict[str, Any] = {"message_id": next(_ids), "date": _now(), "chat": chat}
    if sender is not None:
        msg["from"] = sender
    if sender_chat is not None:
        msg["sender_chat"] = sender_chat
    key = "caption" if document is not None else "text"
    msg[key] = text
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0]
        entity_key = "caption_entities" if document is not None else "entities"
        msg[entity_key] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    if thread_id is not None:
        msg["message_thread_id"] = thread_id
        msg["is_topic_message"] = True
    if reply_to is not None:
        msg["reply_to_message"] = reply_to
    if document is not None:
        msg["document"] = document
    return {"update_id": next(_ids), "message": msg}


def private(text: str, user_id: int = 500, **kwargs: Any) -> dict[str, Any]:
    return message(text, chat=private_chat(user_id), sender=user(user_id), **kwargs)


def in_group(text: str, chat_id: int, user_id: int, **kwargs: Any) -> dict[str, Any]:
    forum = kwargs.pop("forum", False)
    return message(text, chat=group_chat(chat_id, forum=forum), sender=user(user_id), **kwargs)


def callback(
    data: str, *, user_id: int, chat: dict[str, Any], message_id: int = 100
) -> dict[str, Any]:
    return {
        "update_id": next(_ids),
        "callback_query": {
            "id": str(next(_ids)),
            "from": user(user_id),
            "chat_instance": "ci",
            "data": data,
            "message": {"message_id": message_id, "date": _now(), "chat": chat, "text": "old"},
        },
    }


def _member(status: str, bot: dict[str, Any]) -> dict[str, Any]:
    member: dict[str, Any] = {"status": status, "user": bot}
    if status == "kicked":
        member["until_date"] = 0  # banned for ever
    return member


def my_chat_member(chat: dict[str, Any], *, old: str, new: str, by: int = 500) -> dict[str, Any]:
    bot = {"id": 7, "is_bot": True, "first_name": "Briefing", "username": "briefing_test_bot"}
    return {
        "update_id": next(_ids),
        "my_chat_member": {
            "chat": chat,
            "from": user(by),
            "date": _now(),
            "old_chat_member": _member(old, bot),
            "new_chat_member": _member(new, bot),
        },
    }
