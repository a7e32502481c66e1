"""The offline demo: the real Application and handlers, talking to this terminal, not Telegram.

`DemoRequest` stands in for the HTTP layer: every Bot API call is answered locally and whatever the
bot sends is printed as readable text. Nothing leaves the machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import json
import re
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from telegram import Update
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

from bot.app import build_application
from bot.config import Settings
from bot.folder_server import FolderServer
from bot.terminal import html_to_terminal

DEMO_USER_ID = 1000
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DEMO_CHAT = {"id": DEMO_USER_ID, "type": "private", "first_name": "Demo"}
DEMO_USER = {"id": DEMO_USER_ID, "is_bot": False, "first_name": "Demo"}
BOT_USER = {
    "id": 1,
    "is_bot": True,
    "first_name": "Briefing Bot",
    "username": "briefing_demo_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


class InProcessRequest(BaseRequest):
    """A Bot API answered inside this process; subclasses say what each method returns."""

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        if "/file/bot" in url:
            return 200, self.download(name)
        params = dict(request_data.parameters) if request_data is not None else {}
        if request_data is not None and request_data.contains_files:
            for field_name, (_, content, *_) in request_data.multipart_data.items():
                if isinstance(content, bytes):
                    self.uploaded(name, field_name, content)
        status, body = self.answer(name, params)
        return status, json.dumps(body).encode()

    def answer(self, api_method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """(HTTP status, Bot API envelope) for one call."""
        raise NotImplementedError

    def download(self, file_path: str) -> bytes:
        raise NotImplementedError

    def uploaded(self, api_method: str, field_name: str, content: bytes) -> None:
        """A file sent with a call (a photo, a document); ignored unless a subclass wants it."""


def ok(result: object) -> tuple[int, dict[str, Any]]:
    return 200, {"ok": True, "result": result}


def refused(status: int, description: str) -> tuple[int, dict[str, Any]]:
    return status, {"ok": False, "error_code": status, "description": description}


class DemoRequest(InProcessRequest):
    """Sent messages go to `show`; everything else is acknowledged."""

    def __init__(self, show: Callable[[str], None], pictures: Path | None = None) -> None:
        self._show = show
        self._ids = itertools.count(1)
        self._pictures = pictures
        self._saved: list[Path] = []
        # The inline buttons of the last message with any, as (message dict, [(label, data)]).
        self.last_buttons: tuple[dict[str, Any], list[tuple[str, str]]] | None = None

    def download(self, file_path: str) -> bytes:
        raise AssertionError("the demo never hands out file paths")

    def uploaded(self, api_method: str, field_name: str, content: bytes) -> None:
        """A picture the bot sends is saved, so the terminal can say where to look at it."""
        if api_method != "sendPhoto" or self._pictures is None:
            return
        self._pictures.mkdir(parents=True, exist_ok=True)
        path = self._pictures / f"picture-{len(self._saved) + 1:03d}.png"
        path.write_bytes(content)
        self._saved.append(path)

    def _message(self, params: dict[str, Any], text: str) -> dict[str, Any]:
        return {
            "message_id": next(self._ids),
            "date": int(dt.datetime.now(dt.UTC).timestamp()),
            "chat": DEMO_CHAT,
            "from": BOT_USER,
            "text": text,
        }

    def answer(self, api_method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if api_method == "getMe":
            return ok(BOT_USER)
        if api_method in ("sendMessage", "editMessageText"):
            text = str(params.get("text", ""))
            self._show(html_to_terminal(text))
            message = self._message(params, text)
            if "message_id" in params:
                message["message_id"] = params["message_id"]
            self._remember_buttons(message, params.get("reply_markup"))
            return ok(message)
        if api_method == "getChatMember":
            return ok({"status": "creator", "user": DEMO_USER, "is_anonymous": False})
        if api_method == "getFile":
            return refused(400, "Bad Request: files cannot be downloaded in the offline demo")
        if api_method in ("sendDocument", "sendPhoto"):
            self._show(html_to_terminal(str(params.get("caption", "(a file)"))))
            if api_method == "sendPhoto" and self._saved:
                self._show(f"   picture saved: {self._saved[-1]}")
            return ok(self._message(params, ""))
        # setMyCommands, answerCallbackQuery, sendChatAction, deleteWebhook ...: nothing to show.
        return ok(True)

    def _remember_buttons(self, message: dict[str, Any], markup: object) -> None:
        if isinstance(markup, str):
            markup = json.loads(markup)
        rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
        buttons = [
            (b["text"], b["callback_data"]) for row in rows for b in row if "callback_data" in b
        ]
        if buttons:
            message["reply_markup"] = markup
            self.last_buttons = (message, buttons)
            labels = "  ".join(f"[#{n}] {label}" for n, (label, _) in enumerate(buttons, 1))
            self._show(f"   buttons: {labels}   (type #N to press one)")


class DemoChat:
    """A terminal chat session against the bundled content; the demo user is an admin.

    With `feed` (a feed's http(s) URL, or a feed file whose pages sit beside it) the demo follows
    that feed from the start, as `/feed add` would, and polls it on schedule after that.
    """

    def __init__(
        self,
        settings: Settings,
        out: Callable[[str], None] | None = None,
        pictures: Path | None = None,
        *,
        feed: str | None = None,
    ) -> None:
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._feed = feed
        self._feed_file = None if feed is None or re.match(r"(?i)^https?://", feed) else Path(feed)
        if self._feed_file is not None and not self._feed_file.is_file():
            raise FileNotFoundError(f"{feed}: no such feed file")
        updates: dict[str, object] = {"admin_user_ids": settings.admin_user_ids | {DEMO_USER_ID}}
        if feed is not None:
            # A feed file is served from 127.0.0.1 to this demo alone, and a URL may name a test
            # server on this machine; the demo's one user is the person at this terminal, so
            # there is no one to guard the local network from.
            updates["allow_private_urls"] = True
        if "database_url" not in settings.model_fields_set:
            # A throwaway store unless DATABASE_URL says otherwise: the demo leaves nothing behind.
            self._tmp = tempfile.TemporaryDirectory(prefix="briefing-demo-")
            updates["database_url"] = f"sqlite+aiosqlite:///{Path(self._tmp.name) / 'demo.db'}"
        self._settings = settings.model_copy(update=updates)
        self._out = out or (lambda text: print(text, flush=True))
        # Pictures outlive the chat (the user opens them afterwards): one folder per session.
        self.pictures = pictures or Path(tempfile.mkdtemp(prefix="briefing-demo-pictures-"))
        self._request = DemoRequest(self._show, self.pictures)
        self._ids = itertools.count(1)

    def _show(self, text: str) -> None:
        self._out(text + "\n")

    def update_for(self, line: str) -> dict[str, Any]:
        """The Update a Telegram client would deliver for what the user typed."""
        update_id = next(self._ids)
        now = int(dt.datetime.now(dt.UTC).timestamp())
        pressed = line.strip()
        if pressed.startswith("#") and pressed[1:].isdigit() and self._request.last_buttons:
            message, buttons = self._request.last_buttons
            index = int(pressed[1:]) - 1
            if 0 <= index < len(buttons):
                return {
                    "update_id": update_id,
                    "callback_query": {
                        "id": str(update_id),
                        "from": DEMO_USER,
                        "chat_instance": "demo",
                        "message": message,
                        "data": buttons[index][1],
                    },
                }
        typed: dict[str, Any] = {
            "message_id": 10_000 + update_id,
            "date": now,
            "chat": DEMO_CHAT,
            "from": DEMO_USER,
            "text": line,
        }
        if line.startswith("/"):
            command = line.split(maxsplit=1)[0]
            typed["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return {"update_id": update_id, "message": typed}

    async def run(self, lines: asyncio.Queue[str | None] | None = None) -> int:
        application = build_application(self._settings, request=self._request, rate_limit=False)
        with contextlib.ExitStack() as folder:
            feed_url = self._feed
            if self._feed_file is not None:
                served = folder.enter_context(FolderServer(self._feed_file.resolve().parent))
                feed_url = served.url(self._feed_file.name)
            return await self._run(application, lines, feed_url)

    async def _run(
        self, application: Any, lines: asyncio.Queue[str | None] | None, feed_url: str | None
    ) -> int:
        try:
            await application.initialize()
            if application.post_init is not None:
                await application.post_init(application)
            await application.start()
            self._show(
                "Briefing Bot demo: you are chatting with the bot offline, as an admin. "
                "Try /brief, /who, /timeline, /help. To add an article, type /add (or "
                "/add YYYY-MM-DD), then paste its lines; an empty line ends it. Pictures are "
                f"saved in {self.pictures}. Ctrl-D ends the chat."
            )
            if feed_url is not None:
                command = f"/feed add {feed_url}"
                self._show(f"> {command}")
                await self._say(application, command)
            await self._converse(application, lines)
        finally:
            if application.running:
                await application.stop()
            if application.post_shutdown is not None:
                await application.post_shutdown(application)
            await application.shutdown()
            if self._tmp is not None:
                self._tmp.cleanup()
        return 0

    async def _converse(self, application: Any, lines: asyncio.Queue[str | None] | None) -> None:
        async def next_line() -> str | None:
            if lines is not None:
                return await lines.get()
            read = await asyncio.to_thread(sys.stdin.readline)
            return read.rstrip("\n") if read else None

        pending: str | None = None  # a line read while collecting an article, not yet handled
        while True:
            line = pending if pending is not None else await next_line()
            pending = None
            if line is None:
                return
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if _opens_paste(line):
                self._show("Paste the article now; an empty line ends it.")
                body, pending = await _collect_article(next_line)
                line = "\n".join([line, *body])
            await self._say(application, line)

    async def _say(self, application: Any, line: str) -> None:
        update = Update.de_json(self.update_for(line), application.bot)
        await application.process_update(update)


def _opens_paste(line: str) -> bool:
    """`/add` or `/add YYYY-MM-DD` alone: the article's lines follow, as a pasted message."""
    words = line.split()
    if not words or words[0].split("@")[0] != "/add":
        return False
    rest = words[1:]
    return not rest or (len(rest) == 1 and _ISO_DATE.fullmatch(rest[0]) is not None)


async def _collect_article(
    next_line: Callable[[], Awaitable[str | None]],
) -> tuple[list[str], str | None]:
    """The pasted lines up to an empty line; a command typed first instead is handed back."""
    body: list[str] = []
    while True:
        line = await next_line()
        if line is None:
            return body, None
        line = line.rstrip("\n")
        if not line.strip():
            return body, None
        if not body and line.startswith("/"):
            return body, line  # no article after all: /add shows its help, then this runs
        body.append(line)
