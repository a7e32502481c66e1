"""A recording stand-in for the HTTP layer, for fast handler tests through `process_update`.

It answers Bot API methods locally and keeps every call, so a test can read exactly what the bot
sent. End-to-end tests use the real HTTP server in tests/e2e instead.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any

from bot.demo import InProcessRequest, ok
from tests.e2e.updates import User, chat_member_dict

BOT = {"id": 7, "is_bot": True, "first_name": "Briefing", "username": "briefing_test_bot"}


@dataclass
class Call:
    method: str
    params: dict[str, Any]


@dataclass
class RecordingRequest(InProcessRequest):
    calls: list[Call] = field(default_factory=list)
    admins: dict[int, set[int]] = field(default_factory=dict)  # chat id -> administrator user ids
    files: dict[str, bytes] = field(default_factory=dict)  # file_id -> content
    errors: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)  # method -> error
    photos: list[bytes] = field(default_factory=list)  # bytes of every photo sent
    _ids: Any = field(default_factory=lambda: itertools.count(100))

    def download(self, file_path: str) -> bytes:
        return self.files[file_path]

    def uploaded(self, api_method: str, field_name: str, content: bytes) -> None:
        if api_method == "sendPhoto" and field_name == "photo":
            self.photos.append(content)

    def answer(self, api_method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        self.calls.append(Call(api_method, params))
        if api_method in self.errors:
            status, body = self.errors[api_method]
            return status, {"ok": False, "error_code": status, **body}
        return ok(self._result(api_method, params))

    def _result(self, api_method: str, params: dict[str, Any]) -> object:
        if api_method == "getMe":
            return BOT
        if api_method in ("sendMessage", "editMessageText", "sendDocument", "sendPhoto"):
            chat_id = int(params.get("chat_id", 0))
            return {
                "message_id": int(params.get("message_id", next(self._ids))),
                "date": int(dt.datetime.now(dt.UTC).timestamp()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
                "from": BOT,
                "text": params.get("text", ""),
            }
        if api_method == "getChatMember":
            chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
            status = "administrator" if user_id in self.admins.get(chat_id, set()) else "member"
            return chat_member_dict(User(user_id, "U"), status)
        if api_method == "getFile":
            file_id = str(params["file_id"])
            return {
                "file_id": file_id,
                "file_unique_id": file_id,
                "file_size": len(self.files[file_id]),
                "file_path": file_id,
            }
        return True

    def sent(self, chat_id: int | None = None) -> list[str]:
        """Texts of the messages sent (or edited), optionally to one chat."""
        return [
            str(c.params.get("text", ""))
            for c in self.calls
            if c.method in ("sendMessage", "editMessageText")
            and (chat_id is None or int(c.params.get("chat_id", 0)) == chat_id)
        ]

    def clear(self) -> None:
        self.calls.clear()
