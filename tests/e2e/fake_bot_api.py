"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests.

It speaks real HTTP the way api.telegram.org does (JSON, form and multipart bodies; the JSON
envelope; real status codes, which python-telegram-bot maps to its exceptions), keeps what the
bot did (requests, messages per chat, command menus, callback answers) and lets the test play
Telegram's side: push updates, register files and chat administrators, block the bot, kick it,
migrate a group, inject 429/5xx/409 faults. The aiohttp server runs on its own event loop in a
background thread, so sync tests, async tests and a separate bot process can all use it.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import ipaddress
import itertools
import json
import math
import mimetypes
import re
import socket
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from aiohttp import ClientSession, ClientTimeout, web
from multidict import MultiMapping

from tests.e2e.telegram_html import (
    ParsedText,
    TelegramHtmlError,
    parse_telegram_html,
    validate_telegram_html,
)
from tests.e2e.updates import (
    GROUP_ANONYMOUS_BOT,
    Chat,
    JsonDict,
    User,
    chat_member_dict,
    message_dict,
)

__all__ = [
    "ApiError",
    "CallbackAnswer",
    "FakeBotApi",
    "RecordedRequest",
    "RegisteredFile",
    "SentMessage",
    "UploadedFile",
    "validate_telegram_html",
]

TEST_TOKEN = "123456:TEST-token-not-real-000000000000"

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
DOWNLOAD_LIMIT = 20 * 1024 * 1024
# Recorded (never sent) for calls whose client went away before the answer, as nginx logs them.
CLIENT_CLOSED = 499

# Telegram's default when a bot never chose: every update type but these three.
_NOT_DELIVERED_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "allowed_updates",
        "commands",
        "scope",
        "reply_parameters",
        "link_preview_options",
        "menu_button",
        "media",
    }
)
_INT_FIELDS = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "message_id",
        "message_thread_id",
        "reply_to_message_id",
        "user_id",
        "offset",
        "limit",
        "timeout",
        "cache_time",
        "max_connections",
        "until_date",
    }
)
_BOOL_FIELDS = frozenset(
    {
        "drop_pending_updates",
        "show_alert",
        "disable_notification",
        "protect_content",
        "allow_sending_without_reply",
        "disable_web_page_preview",
        "disable_content_type_detection",
        "has_spoiler",
        "show_caption_above_media",
    }
)
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
_POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)
_DEFAULT_FAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: _POLL_CONFLICT,
    429: "Too Many Requests: retry after {retry_after}",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


class ApiError(Exception):
    """An error answer: HTTP status, Telegram's description and optional `parameters`."""

    def __init__(self, status: int, description: str, parameters: JsonDict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def payload(self) -> JsonDict:
        """Telegram's error envelope."""
        body: JsonDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


@dataclass(frozen=True)
class UploadedFile:
    """A file the bot uploaded in a multipart request."""

    field: str
    file_name: str | None
    mime_type: str | None
    content: bytes


@dataclass(frozen=True)
class RecordedRequest:
    """One call the bot made, with decoded parameters and the status it was answered with."""

    method: str
    params: JsonDict
    time: float
    status: int
    files: tuple[UploadedFile, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the call succeeded."""
        return 200 <= self.status < 300


@dataclass(frozen=True)
class SentMessage:
    """A message the bot sent, as it now stands (edits applied, earlier texts in `edits`)."""

    chat_id: int
    message_id: int
    method: str
    text: str | None
    parse_mode: str | None
    plain_text: str
    entities: tuple[JsonDict, ...]
    reply_markup: JsonDict | None
    message_thread_id: int | None
    reply_to_message_id: int | None
    date: int
    caption: str | None = None
    document: UploadedFile | None = None
    photo: UploadedFile | None = None
    file_id: str | None = None
    edits: tuple[str, ...] = ()
    deleted: bool = False

    @property
    def html(self) -> str:
        """The text or caption exactly as the bot sent it (HTML source in HTML parse mode)."""
        return self.text if self.text is not None else (self.caption or "")

    def button_data(self) -> list[str]:
        """callback_data of every inline button, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [b["callback_data"] for row in rows for b in row if "callback_data" in b]


@dataclass(frozen=True)
class CallbackAnswer:
    """The bot's answerCallbackQuery for one query."""

    callback_query_id: str
    text: str | None
    show_alert: bool
    url: str | None


@dataclass(frozen=True)
class RegisteredFile:
    """A file getFile can describe and /file/bot<token>/<path> can serve."""

    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes
    file_name: str | None
    mime_type: str | None
    size: int

    def document_dict(self) -> JsonDict:
        """The Bot API `Document` for this file."""
        data: JsonDict = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
        }
        if self.file_name:
            data["file_name"] = self.file_name
        if self.mime_type:
            data["mime_type"] = self.mime_type
        return data


@dataclass
class _Fault:
    status: int
    description: str
    parameters: JsonDict | None
    chat_id: int | None
    remaining: int


@dataclass
class _ChatState:
    chat: Chat
    members: dict[int, str] = field(default_factory=dict)
    blocked: bool = False
    kicked: bool = False
    migrated_to: int | None = None
    next_message_id: int = 1


@dataclass
class _LeakyBucket:
    """Telegram-style flood limit: `rate` sends per `period`, draining continuously.

    The same model as aiolimiter (which python-telegram-bot's AIORateLimiter uses), plus `slack`
    sends for the time a request spends between the limiter and this server.
    """

    rate: int
    period: float
    slack: int = 1
    level: float = 0.0
    last: float = 0.0

    def _drain(self, now: float) -> None:
        self.level = max(0.0, self.level - (now - self.last) * self.rate / self.period)
        self.last = now

    def wait_needed(self, now: float) -> float:
        """Seconds until one more send fits; 0 when it fits now."""
        self._drain(now)
        excess = self.level + 1 - (self.rate + self.slack)
        return excess * self.period / self.rate if excess > 0 else 0.0

    def take(self, now: float) -> None:
        """Count one send."""
        self._drain(now)
        self.level += 1


Handler = Callable[[JsonDict, tuple[UploadedFile, ...]], Any]


class FakeBotApi:
    """The fake server: start it (or use it as a context manager), point the bot at `base_url`."""

    def __init__(
        self,
        token: str = TEST_TOKEN,
        *,
        bot_username: str = "briefing_test_bot",
        bot_name: str = "Briefing Test Bot",
        strict_chats: bool = True,
        flood_control: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.token = token
        # What the flood buckets read as now: a test can hold it still to make a burst instant.
        self._clock = clock
        self.bot_user = User(
            id=int(token.split(":", 1)[0]), first_name=bot_name, username=bot_username, is_bot=True
        )
        # Telegram answers "chat not found" for chats the bot has never seen; turn off to let the
        # bot send anywhere.
        self.strict_chats = strict_chats
        # Off by default: on, sends beyond Telegram's limits (30/s overall, 20/min per group) get
        # 429, so a test can show that a broadcast goes through the rate limiter.
        self.flood_control = flood_control
        # Three sends of slack at 30 a second: on a loaded 2-core machine a few requests the
        # limiter spaced out reach the server together (one of slack failed CI once). A bot
        # without a limiter still meets 429 at its 34th send in a burst.
        self._overall_bucket = _LeakyBucket(30, 1.0, slack=3)
        self._group_buckets: dict[int, _LeakyBucket] = {}
        self._cond = threading.Condition(threading.RLock())
        self._requests: list[RecordedRequest] = []
        self.server_errors: list[str] = []
        self._updates: list[JsonDict] = []
        self._next_update_id = 1
        self._allowed_updates: frozenset[str] | None = None
        self._chats: dict[int, _ChatState] = {}
        self._users: dict[int, User] = {}
        self._messages: dict[int, list[SentMessage]] = {}
        self._sent_order: list[tuple[int, int]] = []
        self._commands: dict[tuple[str, str], list[JsonDict]] = {}
        self._menu_buttons: dict[int | None, JsonDict] = {}
        self._callback_queries: dict[str, int] = {}
        self._callback_answers: list[CallbackAnswer] = []
        self._files: dict[str, RegisteredFile] = {}
        self._files_by_path: dict[str, RegisteredFile] = {}
        self._pages: dict[str, tuple[bytes, str, int]] = {}
        self._file_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._faults: dict[str, deque[_Fault]] = {}
        self._delays: dict[str, deque[float]] = {}
        self._webhook: JsonDict | None = None
        self._poll_generation = 0
        self._polls_started = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stop: asyncio.Event | None = None
        self._wakers: set[asyncio.Future[None]] = set()
        self._webhook_task: asyncio.Task[None] | None = None
        self.port = 0
        self._handlers: dict[str, tuple[str, Handler]] = {
            name.lower(): (name, handler)
            for name, handler in {
                "getMe": self._get_me,
                "getUpdates": self._true,  # answered by the async _get_updates (long polling)
                "logOut": self._true,
                "close": self._true,
                "deleteWebhook": self._delete_webhook,
                "setWebhook": self._set_webhook,
                "getWebhookInfo": self._get_webhook_info,
                "setMyCommands": self._set_my_commands,
                "getMyCommands": self._get_my_commands,
                "deleteMyCommands": self._delete_my_commands,
                "setChatMenuButton": self._set_chat_menu_button,
                "getChatMenuButton": self._get_chat_menu_button,
                "setMyDescription": self._true,
                "setMyShortDescription": self._true,
                "sendMessage": self._send_message,
                "editMessageText": self._edit_message_text,
                "editMessageReplyMarkup": self._edit_message_reply_markup,
                "deleteMessage": self._delete_message,
                "answerCallbackQuery": self._answer_callback_query,
                "sendChatAction": self._send_chat_action,
                "sendDocument": self._send_document,
                "sendPhoto": self._send_photo,
                "getFile": self._get_file,
                "getChat": self._get_chat,
                "getChatMember": self._get_chat_member,
                "getChatAdministrators": self._get_chat_administrators,
            }.items()
        }

    # ----------------------------------------------------------------- lifecycle

    @property
    def base_url(self) -> str:
        """TELEGRAM_API_URL / python-telegram-bot's base_url."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """TELEGRAM_FILE_URL / python-telegram-bot's base_file_url."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    def start(self, port: int = 0) -> FakeBotApi:
        """Serve from a background thread on 127.0.0.1: a free port, or `port` to come back on
        the one a stopped server had (its chats, messages and updates are kept)."""
        if self._thread is not None:
            raise RuntimeError("the fake Bot API server is already running")
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        self.port = sock.getsockname()[1]
        ready = threading.Event()
        failure: list[BaseException] = []
        self._thread = threading.Thread(
            target=self._serve, args=(sock, ready, failure), name="fake-bot-api", daemon=True
        )
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the fake Bot API server did not start within 10 s")
        if failure:
            raise RuntimeError("the fake Bot API server failed to start") from failure[0]
        return self

    def stop(self) -> None:
        """Answer waiting long polls, close the server and join its thread."""
        thread, loop, stop = self._thread, self._loop, self._stop
        if thread is None or loop is None or stop is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop may already be closed
            loop.call_soon_threadsafe(stop.set)
        thread.join(15)
        self._thread = None

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _serve(
        self, sock: socket.socket, ready: threading.Event, failure: list[BaseException]
    ) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._main(sock, ready))
        except BaseException as exc:
            failure.append(exc)
            ready.set()
        finally:
            loop.close()

    async def _main(self, sock: socket.socket, ready: threading.Event) -> None:
        self._stop = asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        app.router.add_get("/pages/{path:.+}", self._handle_page)
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await runner.setup()
        await web.SockSite(runner, sock).start()
        ready.set()
        try:
            await self._stop.wait()
        finally:
            self._wake_pollers()
            if self._webhook_task is not None:
                self._webhook_task.cancel()
            await runner.cleanup()

    # ----------------------------------------------------------------- HTTP

    async def _handle_api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(401, "Unauthorized").payload(), status=401)
        name = request.match_info["method"]
        canonical, handler = self._handlers.get(name.lower(), (name, None))
        params: JsonDict = {}
        files: tuple[UploadedFile, ...] = ()
        try:
            params, files = await _read_params(request)
            if handler is None:
                raise ApiError(404, "Not Found")
            delay = self._take_delay(canonical)
            if delay:
                await asyncio.sleep(delay)
            self._apply_fault(canonical, params)
            if canonical == "getUpdates":
                result: Any = await self._get_updates(params)
            else:
                with self._cond:
                    result = handler(params, files)
        except ApiError as exc:
            self._record(canonical, params, _status_seen(request, exc.status), files)
            return web.json_response(exc.payload(), status=exc.status)
        except Exception as exc:
            # A request the fake cannot handle is a test failure, not a silent 500: keep it.
            with self._cond:
                self.server_errors.append(f"{canonical}: {exc!r}\n{traceback.format_exc()}")
            error = ApiError(500, f"Internal Server Error: the fake server failed: {exc!r}")
            self._record(canonical, params, 500, files)
            return web.json_response(error.payload(), status=500)
        self._record(canonical, params, _status_seen(request, 200), files)
        return web.json_response({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        with self._cond:
            known = self._files_by_path.get(path)
        ok = request.match_info["token"] == self.token and known is not None
        self._record("downloadFile", {"file_path": path}, 200 if ok else 404, ())
        if not ok or known is None:
            return web.json_response(ApiError(404, "Not Found").payload(), status=404)
        return web.Response(
            body=known.content, content_type=known.mime_type or "application/octet-stream"
        )

    async def _handle_page(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        with self._cond:
            page = self._pages.get(path)
        self._record("downloadPage", {"path": path}, page[2] if page else 404, ())
        if page is None:
            return web.Response(status=404, text="not found")
        body, content_type, status = page
        return web.Response(body=body, status=status, headers={"Content-Type": content_type})

    def _record(
        self, method: str, params: JsonDict, status: int, files: tuple[UploadedFile, ...]
    ) -> None:
        with self._cond:
            self._requests.append(RecordedRequest(method, params, time.time(), status, files))
            self._cond.notify_all()

    def _take_delay(self, method: str) -> float:
        with self._cond:
            queue = self._delays.get(method)
            return queue.popleft() if queue else 0.0

    def _apply_fault(self, method: str, params: JsonDict) -> None:
        with self._cond:
            queue = self._faults.get(method)
            if not queue:
                return
            chat_id = params.get("chat_id")
            for fault in queue:
                if fault.chat_id is None or fault.chat_id == chat_id:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        queue.remove(fault)
                    raise ApiError(fault.status, fault.description, fault.parameters)

    # ----------------------------------------------------------------- control: updates

    def push_update(self, update: JsonDict) -> JsonDict:
        """Queue `update` for getUpdates (or the webhook); its update_id is assigned here."""
        with self._cond:
            update = {**update, "update_id": self._next_update_id}
            self._next_update_id += 1
            self._updates.append(update)
            self._cond.notify_all()
        self._call_in_loop(self._wake_pollers)
        return update

    def private_message(
        self,
        user: User,
        text: str,
        *,
        reply_to: JsonDict | SentMessage | None = None,
        extra: JsonDict | None = None,
    ) -> JsonDict:
        """Push `user` writing `text` to the bot in their private chat (commands get entities)."""
        return self._push_message(
            Chat.private(user), user, text=text, reply_to=reply_to, extra=extra
        )

    def group_message(
        self,
        chat: Chat,
        user: User | None,
        text: str,
        *,
        message_thread_id: int | None = None,
        anonymous_admin: bool = False,
        sender_chat: Chat | None = None,
        reply_to: JsonDict | SentMessage | None = None,
    ) -> JsonDict:
        """Push a message in a group; an anonymous admin posts as the group itself."""
        if anonymous_admin:
            user, sender_chat = GROUP_ANONYMOUS_BOT, chat
        return self._push_message(
            chat,
            user,
            text=text,
            sender_chat=sender_chat,
            message_thread_id=message_thread_id,
            reply_to=reply_to,
        )

    def channel_post(self, chat: Chat, text: str) -> JsonDict:
        """Push a post in a channel (no `from`, the channel is the sender_chat)."""
        return self._push_message(chat, None, text=text, sender_chat=chat, kind="channel_post")

    def document_message(
        self,
        chat: Chat,
        user: User | None,
        content: bytes,
        file_name: str,
        *,
        mime_type: str | None = None,
        caption: str | None = None,
        message_thread_id: int | None = None,
    ) -> JsonDict:
        """Push a document upload; the file is registered so getFile + download serve it."""
        registered = self.register_file(content, file_name, mime_type=mime_type)
        return self._push_message(
            chat,
            user,
            caption=caption,
            message_thread_id=message_thread_id,
            extra={"document": registered.document_dict()},
        )

    def callback_query(self, user: User, message: SentMessage, data: str) -> JsonDict:
        """Push `user` pressing the inline button with `data` under the bot's `message`."""
        with self._cond:
            query_id = f"{next(self._callback_ids)}{self.bot_user.id}"
            self._callback_queries[query_id] = user.id
            current = self._current(message.chat_id, message.message_id)
            message_json = self._message_json(current)
        query: JsonDict = {
            "id": query_id,
            "from": user.to_dict(),
            "message": message_json,
            "chat_instance": str(abs(message.chat_id)),
            "data": data,
        }
        return self.push_update({"callback_query": query})

    def my_chat_member(self, chat: Chat, by: User, old_status: str, new_status: str) -> JsonDict:
        """Push the bot's own membership changing in `chat` (added, promoted, removed, blocked)."""
        with self._cond:
            state = self._chat_state(chat)
            state.members[self.bot_user.id] = new_status
            state.kicked = chat.type != "private" and new_status in ("left", "kicked")
            state.blocked = chat.type == "private" and new_status == "kicked"
        update = {
            "chat": chat.to_dict(),
            "from": by.to_dict(),
            "date": int(time.time()),
            "old_chat_member": chat_member_dict(self.bot_user, old_status),
            "new_chat_member": chat_member_dict(self.bot_user, new_status),
        }
        return self.push_update({"my_chat_member": update})

    def _push_message(
        self,
        chat: Chat,
        user: User | None,
        *,
        text: str | None = None,
        caption: str | None = None,
        sender_chat: Chat | None = None,
        message_thread_id: int | None = None,
        reply_to: JsonDict | SentMessage | None = None,
        extra: JsonDict | None = None,
        kind: str = "message",
    ) -> JsonDict:
        with self._cond:
            state = self._chat_state(chat)
            if user is not None:
                self._users[user.id] = user
            message_id = state.next_message_id
            state.next_message_id += 1
            if isinstance(reply_to, SentMessage):
                reply_to = self._message_json(self._current(reply_to.chat_id, reply_to.message_id))
        message = message_dict(
            message_id=message_id,
            date=int(time.time()),
            chat=chat,
            sender=user,
            text=text,
            caption=caption,
            sender_chat=sender_chat,
            message_thread_id=message_thread_id,
            reply_to=reply_to,
            extra=extra,
        )
        return self.push_update({kind: message})

    # ----------------------------------------------------------------- control: chats and files

    def add_chat(self, chat: Chat) -> None:
        """Make `chat` known (a private chat is known once its user wrote to the bot)."""
        with self._cond:
            self._chat_state(chat)

    def set_chat_admins(
        self, chat_id: int, user_ids: list[int], *, creator_id: int | None = None
    ) -> None:
        """Make `user_ids` the administrators of `chat_id` (everyone else stays a member)."""
        with self._cond:
            state = self._require_chat(chat_id)
            for user_id, status in list(state.members.items()):
                if status in ("administrator", "creator") and user_id != self.bot_user.id:
                    del state.members[user_id]
            for user_id in user_ids:
                state.members[user_id] = "administrator"
            if creator_id is not None:
                state.members[creator_id] = "creator"

    def set_member_status(self, chat_id: int, user_id: int, status: str) -> None:
        """Give one user (or the bot) a status in a chat: creator, administrator, left, ..."""
        chat_member_dict(self.bot_user, status)  # rejects unknown statuses early
        with self._cond:
            self._require_chat(chat_id).members[user_id] = status

    def block_chat(self, chat_id: int) -> None:
        """The user blocked the bot: sends to their chat get 403."""
        with self._cond:
            self._require_chat(chat_id).blocked = True

    def unblock_chat(self, chat_id: int) -> None:
        """The user restarted the bot."""
        with self._cond:
            self._require_chat(chat_id).blocked = False

    def kick(self, chat_id: int) -> None:
        """The bot was removed from the group or channel: sends there get 403."""
        with self._cond:
            state = self._require_chat(chat_id)
            state.kicked = True
            state.members[self.bot_user.id] = "kicked"

    def migrate_chat(self, old_chat_id: int, new_chat_id: int, *, announce: bool = False) -> Chat:
        """The group became a supergroup: sends to the old id get 400 with migrate_to_chat_id.

        With `announce`, the two service messages Telegram posts are pushed as updates too.
        """
        with self._cond:
            old = self._require_chat(old_chat_id)
            old.migrated_to = new_chat_id
            old_chat = old.chat
            new_chat = dataclasses.replace(old.chat, id=new_chat_id, type="supergroup")
            new = self._chat_state(new_chat)
            new.members.update(old.members)
        if announce:
            admin = next(
                (self._user(u) for u, s in new.members.items() if s == "creator"),
                User(id=1, first_name="Group owner"),
            )
            self._push_message(old_chat, admin, extra={"migrate_to_chat_id": new_chat_id})
            self._push_message(new_chat, admin, extra={"migrate_from_chat_id": old_chat_id})
        return new_chat

    def register_file(
        self,
        content: bytes,
        file_name: str | None = None,
        *,
        mime_type: str | None = None,
        size: int | None = None,
    ) -> RegisteredFile:
        """Store a file on the fake server; `size` may claim more than `content` (size limits)."""
        if mime_type is None and file_name:
            mime_type = mimetypes.guess_type(file_name)[0]
        with self._cond:
            number = next(self._file_ids)
            suffix = f".{file_name.rsplit('.', 1)[1]}" if file_name and "." in file_name else ""
            registered = RegisteredFile(
                file_id=f"BQACAgTEST{number:06d}",
                file_unique_id=f"AgADTEST{number:06d}",
                file_path=f"documents/file_{number}{suffix}",
                content=content,
                file_name=file_name,
                mime_type=mime_type,
                size=len(content) if size is None else size,
            )
            self._files[registered.file_id] = registered
            self._files_by_path[registered.file_path] = registered
            return registered

    def serve_page(
        self,
        path: str,
        content: bytes | str,
        *,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
    ) -> str:
        """Serve a web page at http://127.0.0.1:PORT/pages/<path> (for /add URL); its URL."""
        body = content.encode("utf-8") if isinstance(content, str) else content
        with self._cond:
            self._pages[path.lstrip("/")] = (body, content_type, status)
        return f"http://127.0.0.1:{self.port}/pages/{path.lstrip('/')}"

    def inject_faults(
        self,
        method: str,
        status: int,
        count: int = 1,
        *,
        retry_after: int | None = None,
        description: str | None = None,
        chat_id: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        """Answer the next `count` calls of `method` (to `chat_id`, if given) with an error."""
        if status == 429 and retry_after is None:
            retry_after = 1
        parameters: JsonDict = {}
        if retry_after is not None:
            parameters["retry_after"] = retry_after
        if migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = migrate_to_chat_id
        if description is None:
            template = _DEFAULT_FAULT_DESCRIPTIONS.get(status, "Error")
            description = template.format(retry_after=retry_after)
        canonical = self._handlers.get(method.lower(), (method, None))[0]
        with self._cond:
            self._faults.setdefault(canonical, deque()).append(
                _Fault(status, description, parameters or None, chat_id, count)
            )

    def inject_delay(self, method: str, seconds: float, count: int = 1) -> None:
        """Answer the next `count` calls of `method` only after `seconds` (a slow Bot API)."""
        canonical = self._handlers.get(method.lower(), (method, None))[0]
        with self._cond:
            self._delays.setdefault(canonical, deque()).extend([seconds] * count)

    # ----------------------------------------------------------------- reading state

    def requests(self, method: str | None = None) -> list[RecordedRequest]:
        """Every call so far (of `method`, if given), oldest first."""
        with self._cond:
            return [r for r in self._requests if method is None or r.method == method]

    def request_count(self) -> int:
        """How many calls so far: a mark for `wait_for_request(since=...)`."""
        with self._cond:
            return len(self._requests)

    def messages(self, chat_id: int | None = None) -> list[SentMessage]:
        """Messages the bot sent (to `chat_id`, if given), oldest first, edits applied."""
        with self._cond:
            if chat_id is not None:
                return list(self._messages.get(chat_id, []))
            return [self._current(chat, message_id) for chat, message_id in self._sent_order]

    def message(self, chat_id: int, message_id: int) -> SentMessage:
        """One sent message as it now stands."""
        with self._cond:
            return self._current(chat_id, message_id)

    def commands(self, scope: JsonDict | None = None, language_code: str = "") -> list[JsonDict]:
        """The command list set for exactly this scope (default scope if None); [] if none."""
        with self._cond:
            return list(self._commands.get(_scope_key(scope, language_code), []))

    def menu_for(self, chat_id: int, user_id: int, language_code: str = "") -> list[JsonDict]:
        """The commands `user_id` would see in `chat_id`, resolving scopes as Telegram does."""
        with self._cond:
            state = self._chats.get(chat_id)
            is_private = state is None or state.chat.type == "private"
            status = state.members.get(user_id, "member") if state else "member"
            admin = status in ("administrator", "creator")
            if is_private:
                scopes: list[JsonDict] = [
                    {"type": "chat", "chat_id": chat_id},
                    {"type": "all_private_chats"},
                ]
            else:
                scopes = [{"type": "chat_member", "chat_id": chat_id, "user_id": user_id}]
                if admin:
                    scopes.append({"type": "chat_administrators", "chat_id": chat_id})
                scopes.append({"type": "chat", "chat_id": chat_id})
                if admin:
                    scopes.append({"type": "all_chat_administrators"})
                scopes.append({"type": "all_group_chats"})
            scopes.append({"type": "default"})
            for scope in scopes:
                for language in dict.fromkeys((language_code, "")):
                    found = self._commands.get(_scope_key(scope, language))
                    if found:
                        return list(found)
            return []

    def callback_answers(self) -> list[CallbackAnswer]:
        """Every answerCallbackQuery so far."""
        with self._cond:
            return list(self._callback_answers)

    def pending_updates(self) -> int:
        """Updates pushed but not yet confirmed by the bot."""
        with self._cond:
            return len(self._updates)

    def wait_for_messages(
        self, chat_id: int, count: int = 1, timeout: float = 10.0, *, since: int = 0
    ) -> list[SentMessage]:
        """Wait until `chat_id` holds `count` messages after the first `since`; return those."""
        with self._cond:
            arrived = self._cond.wait_for(
                lambda: len(self._messages.get(chat_id, [])) >= since + count, timeout
            )
            got = list(self._messages.get(chat_id, []))[since:]
            if not arrived:
                raise AssertionError(
                    f"expected {count} message(s) in chat {chat_id} within {timeout} s, got "
                    f"{len(got)}: {[m.html for m in got]!r}; all chats: {self._summary()}"
                )
            return got

    def expect_silence(self, chat_id: int, seconds: float, *, since: int | None = None) -> None:
        """Fail if `chat_id` gets a message within `seconds` (beyond its first `since`)."""
        with self._cond:
            already = len(self._messages.get(chat_id, [])) if since is None else since
            if self._cond.wait_for(lambda: len(self._messages.get(chat_id, [])) > already, seconds):
                extra = [m.html for m in self._messages[chat_id][already:]]
                raise AssertionError(f"expected no message in chat {chat_id}, got {extra!r}")

    def wait_for_request(
        self,
        method: str,
        timeout: float = 10.0,
        *,
        since: int = 0,
        where: Callable[[RecordedRequest], bool] | None = None,
    ) -> RecordedRequest:
        """Wait for a call of `method` after the first `since` calls (matching `where`)."""

        def find() -> RecordedRequest | None:
            for recorded in self._requests[since:]:
                if recorded.method == method and (where is None or where(recorded)):
                    return recorded
            return None

        with self._cond:
            if self._cond.wait_for(lambda: find() is not None, timeout):
                found = find()
                assert found is not None
                return found
            seen = [r.method for r in self._requests[since:]]
            raise AssertionError(f"no {method} call within {timeout} s; calls since: {seen}")

    def poll_count(self) -> int:
        """How many getUpdates calls have arrived (answered or still waiting)."""
        with self._cond:
            return self._polls_started

    def wait_for_poll(self, after: int = 0, timeout: float = 10.0) -> bool:
        """Wait until more than `after` getUpdates calls have arrived; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: self._polls_started > after, timeout)

    def wait_until_consumed(self, timeout: float = 10.0) -> None:
        """Wait until the bot confirmed every pushed update (asked getUpdates past it)."""
        with self._cond:
            if not self._cond.wait_for(lambda: not self._updates, timeout):
                pending = [u["update_id"] for u in self._updates]
                raise AssertionError(f"updates {pending} not confirmed within {timeout} s")

    def _summary(self) -> dict[int, list[str]]:
        return {chat: [m.html[:80] for m in ms] for chat, ms in self._messages.items()}

    # ----------------------------------------------------------------- internals

    def _call_in_loop(self, callback: Callable[[], None]) -> None:
        if self._loop is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(callback)

    def _wake_pollers(self) -> None:
        for waker in list(self._wakers):
            if not waker.done():
                waker.set_result(None)
        stopping = self._stop is None or self._stop.is_set()
        idle = self._webhook_task is None or self._webhook_task.done()
        if self._webhook is not None and idle and not stopping:
            self._webhook_task = asyncio.get_running_loop().create_task(self._deliver_webhook())

    def _chat_state(self, chat: Chat) -> _ChatState:
        state = self._chats.get(chat.id)
        if state is None:
            state = self._chats[chat.id] = _ChatState(chat)
        else:
            state.chat = chat
        return state

    def _require_chat(self, chat_id: int) -> _ChatState:
        state = self._chats.get(chat_id)
        if state is None:
            raise KeyError(f"chat {chat_id} is unknown to the fake server: add_chat() it first")
        return state

    def _current(self, chat_id: int, message_id: int) -> SentMessage:
        for sent in self._messages.get(chat_id, []):
            if sent.message_id == message_id:
                return sent
        raise KeyError(f"the bot sent no message {message_id} to chat {chat_id}")

    def _replace(self, updated: SentMessage) -> None:
        messages = self._messages[updated.chat_id]
        for index, sent in enumerate(messages):
            if sent.message_id == updated.message_id:
                messages[index] = updated
        self._cond.notify_all()

    def _reachable_chat(self, params: JsonDict) -> _ChatState:
        """The chat a call addresses, or the error Telegram gives for it."""
        if "chat_id" not in params:
            raise ApiError(400, "Bad Request: chat_id is empty")
        chat_id = params["chat_id"]
        state = self._chats.get(chat_id) if isinstance(chat_id, int) else None
        if state is None:
            if self.strict_chats or not isinstance(chat_id, int):
                raise ApiError(400, "Bad Request: chat not found")
            state = self._chat_state(
                Chat(id=chat_id, type="private" if chat_id > 0 else "group", title="chat")
            )
        if state.migrated_to is not None:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": state.migrated_to},
            )
        if state.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if state.kicked:
            kind = state.chat.type
            if kind == "channel" or state.members.get(self.bot_user.id) == "left":
                raise ApiError(403, f"Forbidden: bot is not a member of the {kind} chat")
            raise ApiError(403, f"Forbidden: bot was kicked from the {kind} chat")
        return state

    def _message_json(self, sent: SentMessage) -> JsonDict:
        chat = self._chats[sent.chat_id].chat
        data = message_dict(
            message_id=sent.message_id,
            date=sent.date,
            chat=chat,
            sender=self.bot_user,
            message_thread_id=sent.message_thread_id,
        )
        if sent.method == "sendMessage":
            data["text"] = sent.plain_text
            if sent.entities:
                data["entities"] = list(sent.entities)
        elif sent.plain_text:
            data["caption"] = sent.plain_text
            if sent.entities:
                data["caption_entities"] = list(sent.entities)
        if sent.document is not None and sent.file_id is not None:
            data["document"] = self._files[sent.file_id].document_dict()
        if sent.photo is not None and sent.file_id is not None:
            photo = self._files[sent.file_id]
            data["photo"] = [
                {
                    "file_id": photo.file_id,
                    "file_unique_id": photo.file_unique_id,
                    "width": 1,
                    "height": 1,
                    "file_size": photo.size,
                }
            ]
        if sent.reply_markup:
            data["reply_markup"] = sent.reply_markup
        if sent.edits:
            data["edit_date"] = int(time.time())
        return data

    def _store_message(self, state: _ChatState, sent: SentMessage) -> JsonDict:
        self._messages.setdefault(state.chat.id, []).append(sent)
        self._sent_order.append((sent.chat_id, sent.message_id))
        self._cond.notify_all()
        return self._message_json(sent)

    def _new_message(
        self, state: _ChatState, params: JsonDict, method: str, parsed: ParsedText
    ) -> SentMessage:
        message_id = state.next_message_id
        state.next_message_id += 1
        reply = params.get("reply_parameters") or {}
        reply_to = reply.get("message_id") if isinstance(reply, dict) else None
        thread = params.get("message_thread_id")
        return SentMessage(
            chat_id=state.chat.id,
            message_id=message_id,
            method=method,
            text=params.get("text"),
            parse_mode=params.get("parse_mode") or None,
            plain_text=parsed.text,
            entities=parsed.entities,
            reply_markup=_check_reply_markup(params.get("reply_markup")),
            message_thread_id=thread if isinstance(thread, int) else None,
            reply_to_message_id=reply_to or params.get("reply_to_message_id"),
            date=int(time.time()),
            caption=params.get("caption"),
        )

    # ----------------------------------------------------------------- methods

    def _true(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> bool:
        return True

    def _get_me(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> JsonDict:
        return {
            **self.bot_user.to_dict(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, params: JsonDict) -> list[JsonDict]:
        loop = asyncio.get_running_loop()
        with self._cond:
            if self._webhook is not None:
                raise ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; use "
                    "deleteWebhook to delete the webhook first",
                )
            self._poll_generation += 1
            generation = self._poll_generation
            # Counted on arrival: a long poll is recorded only when it returns, maybe 10 s later.
            self._polls_started += 1
            self._cond.notify_all()
            allowed = params.get("allowed_updates")
            if isinstance(allowed, list):
                self._allowed_updates = frozenset(allowed) if allowed else None
            self._confirm(params.get("offset"))
        # A newer poll ends this one with 409, as Telegram does for two instances of one token.
        self._wake_pollers()
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        deadline = loop.time() + max(float(params.get("timeout") or 0), 0.0)
        while True:
            with self._cond:
                if generation != self._poll_generation:
                    raise ApiError(409, _POLL_CONFLICT)
                batch = self._deliverable()[:limit]
            remaining = deadline - loop.time()
            if batch or remaining <= 0 or self._stop is None or self._stop.is_set():
                return batch
            waker: asyncio.Future[None] = loop.create_future()
            self._wakers.add(waker)
            try:
                await asyncio.wait_for(waker, remaining)
            except TimeoutError:
                pass
            finally:
                self._wakers.discard(waker)

    def _confirm(self, offset: object) -> None:
        if not isinstance(offset, int) or offset == 0:
            return
        if offset < 0:
            self._updates = self._updates[offset:]
        else:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        self._cond.notify_all()

    def _deliverable(self) -> list[JsonDict]:
        def wanted(update: JsonDict) -> bool:
            kind = next(k for k in update if k != "update_id")
            if self._allowed_updates is None:
                return kind not in _NOT_DELIVERED_BY_DEFAULT
            return kind in self._allowed_updates

        # Telegram never creates updates of unwanted types: drop them rather than hold them.
        self._updates = [u for u in self._updates if wanted(u)]
        return list(self._updates)

    def _delete_webhook(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> bool:
        self._webhook = None
        if params.get("drop_pending_updates"):
            self._updates.clear()
            self._cond.notify_all()
        return True

    def _set_webhook(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> bool:
        url = str(params.get("url") or "")
        if not url:
            return self._delete_webhook(params, files)
        host = urlsplit(url).hostname or ""
        if host != "localhost" and not _is_loopback(host):
            raise ApiError(
                400, "Bad Request: bad webhook: the fake server only delivers to 127.0.0.1"
            )
        secret = params.get("secret_token")
        if secret is not None and not _SECRET_TOKEN.fullmatch(str(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) if allowed else None
        if params.get("drop_pending_updates"):
            self._updates.clear()
        self._webhook = {"url": url, "secret_token": secret, "last_error": None}
        self._call_in_loop(self._wake_pollers)
        return True

    def _get_webhook_info(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> JsonDict:
        info: JsonDict = {
            "url": self._webhook["url"] if self._webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self._webhook and self._webhook["last_error"]:
            info["last_error_date"] = int(time.time())
            info["last_error_message"] = self._webhook["last_error"]
        return info

    async def _deliver_webhook(self) -> None:
        """POST pending updates to the webhook one at a time, in order, until none are left."""
        async with ClientSession(timeout=ClientTimeout(total=10)) as session:
            while True:
                with self._cond:
                    hook = self._webhook
                    pending = self._deliverable()
                if hook is None or not pending:
                    return
                headers = {}
                if hook["secret_token"]:
                    headers["X-Telegram-Bot-Api-Secret-Token"] = hook["secret_token"]
                try:
                    async with session.post(hook["url"], json=pending[0], headers=headers) as reply:
                        delivered = 200 <= reply.status < 300
                        error = (
                            None
                            if delivered
                            else f"Wrong response from the webhook: {reply.status}"
                        )
                except (OSError, TimeoutError) as exc:
                    delivered, error = False, f"Connection failed: {exc}"
                with self._cond:
                    hook["last_error"] = error
                    if delivered:
                        self._updates = [
                            u for u in self._updates if u["update_id"] != pending[0]["update_id"]
                        ]
                        self._cond.notify_all()
                if not delivered:
                    await asyncio.sleep(0.2)

    def _set_my_commands(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: commands must be a list of at most 100 commands")
        for command in commands:
            if not _COMMAND_NAME.fullmatch(str(command.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        scope = params.get("scope")
        self._check_scope(scope)
        key = _scope_key(scope, str(params.get("language_code") or ""))
        self._commands[key] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    def _check_scope(self, scope: object) -> None:
        if isinstance(scope, dict) and "chat_id" in scope:
            chat_id = scope["chat_id"]
            if self.strict_chats and chat_id not in self._chats:
                raise ApiError(400, "Bad Request: chat not found")

    def _get_my_commands(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> list[JsonDict]:
        key = _scope_key(params.get("scope"), str(params.get("language_code") or ""))
        return list(self._commands.get(key, []))

    def _delete_my_commands(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> bool:
        key = _scope_key(params.get("scope"), str(params.get("language_code") or ""))
        self._commands.pop(key, None)
        return True

    def _set_chat_menu_button(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> bool:
        chat_id = params.get("chat_id")
        self._menu_buttons[chat_id if isinstance(chat_id, int) else None] = params.get(
            "menu_button"
        ) or {"type": "default"}
        return True

    def _get_chat_menu_button(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> JsonDict:
        chat_id = params.get("chat_id")
        key = chat_id if isinstance(chat_id, int) else None
        return self._menu_buttons.get(key) or self._menu_buttons.get(None) or {"type": "commands"}

    def _check_flood(self, state: _ChatState) -> None:
        if not self.flood_control:
            return
        now = self._clock()
        buckets = [self._overall_bucket]
        if state.chat.is_group:
            buckets.append(self._group_buckets.setdefault(state.chat.id, _LeakyBucket(20, 60.0)))
        waits = [bucket.wait_needed(now) for bucket in buckets]
        if any(waits):
            retry_after = max(1, math.ceil(max(waits)))
            raise ApiError(
                429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
            )
        for bucket in buckets:
            bucket.take(now)

    def _send_message(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> JsonDict:
        state = self._reachable_chat(params)
        self._check_flood(state)
        parsed = _parse_text(params.get("text"), params.get("parse_mode"), MESSAGE_LIMIT)
        return self._store_message(state, self._new_message(state, params, "sendMessage", parsed))

    def _edit_message_text(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> JsonDict:
        sent = self._editable(params)
        parsed = _parse_text(params.get("text"), params.get("parse_mode"), MESSAGE_LIMIT)
        markup = _check_reply_markup(params.get("reply_markup"))
        if (
            parsed.text == sent.plain_text
            and parsed.entities == sent.entities
            and (markup == sent.reply_markup)
        ):
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        edited = dataclasses.replace(
            sent,
            text=params.get("text"),
            parse_mode=params.get("parse_mode") or None,
            plain_text=parsed.text,
            entities=parsed.entities,
            reply_markup=markup,
            edits=(*sent.edits, sent.html),
        )
        self._replace(edited)
        return self._message_json(edited)

    def _edit_message_reply_markup(
        self, params: JsonDict, files: tuple[UploadedFile, ...]
    ) -> JsonDict:
        sent = self._editable(params)
        markup = _check_reply_markup(params.get("reply_markup"))
        if markup == sent.reply_markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        edited = dataclasses.replace(sent, reply_markup=markup, edits=(*sent.edits, sent.html))
        self._replace(edited)
        return self._message_json(edited)

    def _editable(self, params: JsonDict) -> SentMessage:
        if "inline_message_id" in params:
            raise ApiError(400, "Bad Request: the fake server does not support inline messages")
        state = self._reachable_chat(params)
        try:
            sent = self._current(state.chat.id, int(params.get("message_id") or 0))
        except KeyError:
            raise ApiError(400, "Bad Request: message to edit not found") from None
        if sent.deleted:
            raise ApiError(400, "Bad Request: message to edit not found")
        return sent

    def _delete_message(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> bool:
        state = self._reachable_chat(params)
        try:
            sent = self._current(state.chat.id, int(params.get("message_id") or 0))
        except KeyError:
            raise ApiError(400, "Bad Request: message to delete not found") from None
        self._replace(dataclasses.replace(sent, deleted=True))
        return True

    def _answer_callback_query(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if self._callback_queries.pop(query_id, None) is None:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self._callback_answers.append(
            CallbackAnswer(query_id, text, bool(params.get("show_alert")), params.get("url"))
        )
        self._cond.notify_all()
        return True

    def _send_chat_action(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> bool:
        self._reachable_chat(params)
        return True

    def _send_document(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> JsonDict:
        return self._send_file(params, files, "document")

    def _send_photo(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> JsonDict:
        return self._send_file(params, files, "photo")

    def _send_file(self, params: JsonDict, files: tuple[UploadedFile, ...], kind: str) -> JsonDict:
        state = self._reachable_chat(params)
        self._check_flood(state)
        parsed = _parse_text(
            params.get("caption"), params.get("parse_mode"), CAPTION_LIMIT, caption=True
        )
        upload = next((f for f in files if f.field == kind), None)
        if upload is not None:
            registered = self.register_file(
                upload.content, upload.file_name, mime_type=upload.mime_type
            )
        else:
            reference = params.get(kind)
            if not isinstance(reference, str) or not reference:
                raise ApiError(400, f"Bad Request: there is no {kind} in the request")
            if reference not in self._files:
                raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
            registered = self._files[reference]
            upload = UploadedFile(
                kind, registered.file_name, registered.mime_type, registered.content
            )
        sent = dataclasses.replace(
            self._new_message(state, params, "send" + kind.capitalize(), parsed),
            file_id=registered.file_id,
            document=upload if kind == "document" else None,
            photo=upload if kind == "photo" else None,
        )
        return self._store_message(state, sent)

    def _get_file(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> JsonDict:
        registered = self._files.get(str(params.get("file_id") or ""))
        if registered is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if registered.size > DOWNLOAD_LIMIT:
            raise ApiError(400, "Bad Request: file is too big")
        return {
            "file_id": registered.file_id,
            "file_unique_id": registered.file_unique_id,
            "file_size": registered.size,
            "file_path": registered.file_path,
        }

    def _get_chat(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> JsonDict:
        state = self._reachable_chat(params)
        return {
            **state.chat.to_dict(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _get_chat_member(self, params: JsonDict, files: tuple[UploadedFile, ...]) -> JsonDict:
        state = self._reachable_chat(params)
        user_id = params.get("user_id")
        if not isinstance(user_id, int):
            raise ApiError(400, "Bad Request: invalid user_id specified")
        return chat_member_dict(self._user(user_id), self._status(state, user_id))

    def _get_chat_administrators(
        self, params: JsonDict, files: tuple[UploadedFile, ...]
    ) -> list[JsonDict]:
        state = self._reachable_chat(params)
        if state.chat.type == "private":
            raise ApiError(400, "Bad Request: there are no administrators in the private chat")
        return [
            chat_member_dict(self._user(user_id), status)
            for user_id, status in state.members.items()
            if status in ("creator", "administrator")
        ]

    def _status(self, state: _ChatState, user_id: int) -> str:
        if state.chat.type == "private" and user_id == state.chat.id:
            return "member"
        return state.members.get(user_id, "member")

    def _user(self, user_id: int) -> User:
        if user_id == self.bot_user.id:
            return self.bot_user
        return self._users.get(user_id) or User(id=user_id, first_name=f"User {user_id}")


# --------------------------------------------------------------------- helpers


def _status_seen(request: web.Request, status: int) -> int:
    """`status`, or 499 when the client hung up first (a long poll cancelled at shutdown)."""
    transport = request.transport
    return CLIENT_CLOSED if transport is None or transport.is_closing() else status


async def _read_params(request: web.Request) -> tuple[JsonDict, tuple[UploadedFile, ...]]:
    """Parameters from the query string and a JSON, form or multipart body, with files apart."""
    params: JsonDict = {key: _coerce(key, value) for key, value in request.query.items()}
    files: list[UploadedFile] = []
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                params.update({key: _coerce(key, value) for key, value in body.items()})
        else:
            form: MultiMapping[Any] = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files.append(
                        UploadedFile(key, value.filename, value.content_type, value.file.read())
                    )
                else:
                    params[key] = _coerce(key, value)
    return params, tuple(files)


def _coerce(key: str, value: Any) -> Any:
    """Form values are strings (python-telegram-bot JSON-encodes non-strings); type them back."""
    if not isinstance(value, str):
        return value
    if key in _JSON_FIELDS:
        with contextlib.suppress(ValueError):
            return json.loads(value)
    elif key in _INT_FIELDS:
        with contextlib.suppress(ValueError):
            return int(value)
    elif key in _BOOL_FIELDS:
        return value.lower() == "true"
    return value


def _parse_text(
    text: object, parse_mode: object, limit: int, *, caption: bool = False
) -> ParsedText:
    """Telegram's checks on a text or caption: parse mode, emptiness and length after parsing."""
    if text is None and caption:
        return ParsedText("")
    source = "" if text is None else str(text)
    mode = str(parse_mode or "")
    if mode.lower() == "html":
        try:
            parsed = parse_telegram_html(source)
        except TelegramHtmlError as exc:
            raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from None
    elif mode:
        raise ApiError(400, f"Bad Request: the fake server supports only HTML, not {mode}")
    else:
        parsed = ParsedText(source)
    if not caption and not parsed.text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if parsed.length > limit:
        what = "message caption is too long" if caption else "message is too long"
        raise ApiError(400, f"Bad Request: {what}")
    return parsed


def _check_reply_markup(markup: object) -> JsonDict | None:
    """Telegram's checks on inline keyboards: button text, one action, callback_data size."""
    if markup is None or markup == "":
        return None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return markup
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise ApiError(400, 'Bad Request: field "inline_keyboard" must be an Array of Arrays')
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not str(button.get("text", "")).strip():
                raise ApiError(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= CALLBACK_DATA_LIMIT:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            actions = [k for k in button if k != "text"]
            if len(actions) != 1:
                raise ApiError(400, 'Bad Request: can\'t find field "callback_data" in button')
    return markup


def _scope_key(scope: object, language_code: str) -> tuple[str, str]:
    normalised = scope if isinstance(scope, dict) and scope else {"type": "default"}
    return json.dumps(normalised, sort_keys=True), language_code


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
