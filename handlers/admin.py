"""Admin commands: /add (text, reply, document or URL), /remove, /reprocess, /stats."""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
from collections.abc import Awaitable
from dataclasses import dataclass

from telegram import Document, Message, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError

from bot.briefing.ingest import (
    MAX_ARTICLE_BYTES,
    ArticleMeta,
    IngestError,
    MissingDateError,
    decode_article_bytes,
)
from bot.fetch import FetchError, fetch_article
from bot.newsroom import AddOutcome
from bot.render.admin import render_add_summary, render_stats
from bot.services import BriefingContext
from handlers.access import is_bot_admin
from handlers.replies import reply_parts, reply_text

log = logging.getLogger(__name__)

_COMMAND = re.compile(r"^/[A-Za-z0-9_]+(?:@\w+)?")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
# Telegram cuts pasted text into 4,096-character messages: one that long was probably cut.
SPLIT_SUSPECT_CHARS = 4000

REFUSAL = "Sorry, only the bot's administrators can do that."
ADD_USAGE = (
    "To add an article, send <code>/add</code> followed by its text on the next lines, reply "
    "<code>/add</code> to a message holding the text, attach a .txt, .md or .html document with "
    "<code>/add</code> as its caption, or send <code>/add https://…</code>. A publication date may "
    "follow the command: <code>/add 2016-02-21 …</code>."
)


class AddInputError(ValueError):
    """What the admin sent cannot be read as an article; the message says why."""


@dataclass(frozen=True)
class AddRequest:
    published: dt.date | None
    url: str | None
    text: str  # the article text given inline, possibly empty


def parse_add_command(text: str) -> AddRequest:
    """`/add [YYYY-MM-DD] [URL]` then, on the same or following lines, the article text."""
    rest = _COMMAND.sub("", text.lstrip(), count=1)
    published: dt.date | None = None
    url: str | None = None
    tokens = rest.split(maxsplit=2)
    consumed = 0
    for token in tokens[:2]:
        if published is None and url is None and _ISO_DATE.match(token):
            try:
                published = dt.date.fromisoformat(token)
            except ValueError as exc:
                raise AddInputError(
                    f"{html.escape(token)} is not a real date (YYYY-MM-DD)"
                ) from exc
            consumed += 1
        elif url is None and _URL.match(token):
            url = token
            consumed += 1
        else:
            break
    remainder = rest.lstrip()
    for _ in range(consumed):
        remainder = remainder.split(maxsplit=1)[1] if len(remainder.split(maxsplit=1)) > 1 else ""
    return AddRequest(published, url, remainder.strip())


async def _document_text(document: Document, context: BriefingContext) -> tuple[str, bool]:
    """Download a .txt/.md/.html document; the flag says whether it is HTML."""
    name = (document.file_name or "").lower()
    mime = (document.mime_type or "").lower()
    if not name.endswith(DOCUMENT_SUFFIXES) and not mime.startswith(("text/", "application/xhtml")):
        raise AddInputError("I can read .txt, .md and .html documents only")
    if document.file_size and document.file_size > MAX_ARTICLE_BYTES:
        raise AddInputError(f"the document is larger than {MAX_ARTICLE_BYTES:,} bytes")
    telegram_file = await context.bot.get_file(document.file_id)
    data = bytes(await telegram_file.download_as_bytearray())
    return decode_article_bytes(data), name.endswith((".html", ".htm")) or "html" in mime


async def _gather_text(
    message: Message, request: AddRequest, context: BriefingContext
) -> tuple[str, str | None]:
    """The article text from the command, its document, the replied-to message, or the URL."""
    if request.text:
        if len(message.text or message.caption or "") >= SPLIT_SUSPECT_CHARS:
            raise AddInputError(
                "this message is at Telegram's 4,096-character limit, so the article was probably "
                "split over several messages. Please send long articles as a .txt document or a URL"
            )
        return request.text, None
    if message.document is not None:
        text, _ = await _document_text(message.document, context)
        return text, None
    replied = message.reply_to_message
    if replied is not None:
        if replied.document is not None:
            text, _ = await _document_text(replied.document, context)
            return text, None
        if replied.text or replied.caption:
            return replied.text or replied.caption or "", None
    if request.url:
        page = await fetch_article(
            request.url, allow_private=context.services.settings.allow_private_urls
        )
        return decode_article_bytes(page.body), page.url
    raise AddInputError(ADD_USAGE)


async def add_article(update: Update, context: BriefingContext) -> None:
    """Add an article from text, a reply, a document or a URL."""
    message = update.effective_message
    chat = update.effective_chat
    user = update.effective_user
    if message is None or chat is None:
        return
    if not is_bot_admin(update, context):
        await reply_text(update, context, REFUSAL)
        return
    try:
        request = parse_add_command(message.text or message.caption or "")
        await context.bot.send_chat_action(chat.id, ChatAction.TYPING)
        text, fetched_url = await _gather_text(message, request, context)
    except AddInputError as exc:  # its message is already HTML with the user's words escaped
        await reply_text(update, context, f"I could not add that article: {_sentence(str(exc))}")
        return
    except (FetchError, IngestError) as exc:
        await reply_text(
            update, context, f"I could not add that article: {html.escape(_sentence(str(exc)))}"
        )
        return
    except TelegramError as exc:
        log.warning("downloading an /add document failed: %s", exc)
        await reply_text(
            update, context, "I could not download that document from Telegram; please try again."
        )
        return
    user_id = user.id if user else None
    adding = context.services.newsroom.add(
        text,
        ArticleMeta(published=request.published, url=fetched_url or request.url),
        user_id,
        # The chat to ask for a missing date in: only a known admin can answer the question.
        date_asked_in=chat.id if user_id is not None else None,
    )
    await _ingest(update, context, adding, user_id)


def _sentence(text: str) -> str:
    text = text.strip()
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", ">")) else text + "."


async def _ingest(
    update: Update,
    context: BriefingContext,
    adding: Awaitable[AddOutcome | None],
    user_id: int | None,
) -> None:
    """Tell the admin how their /add went: added, already there, undated, or refused."""
    try:
        outcome = await adding
    except IngestError as exc:
        if isinstance(exc, MissingDateError) and user_id is not None:
            # The newsroom kept the article; the admin's next YYYY-MM-DD reply finishes it.
            await reply_text(
                update,
                context,
                "I could not find a publication date in that article. When was it published? "
                "Reply with the date as <code>YYYY-MM-DD</code>.",
            )
            return
        await reply_text(
            update, context, f"I could not add that article: {html.escape(_sentence(str(exc)))}"
        )
        return
    if outcome is None:  # another handler finished this /add first
        return
    if outcome.duplicate:
        await reply_text(
            update,
            context,
            "That article is already in the briefing as "
            f"<code>{html.escape(outcome.article.id)}</code> "
            f"({html.escape(outcome.article.title)}).",
        )
        return
    if user_id is not None:
        await context.services.store.log_admin(user_id, "add", outcome.article.id)
    assert outcome.briefing is not None
    await reply_parts(update, context, render_add_summary(outcome.briefing))


async def answer_pending_date(update: Update, context: BriefingContext) -> bool:
    """If this admin was asked for a publication date and sent one, finish their /add."""
    message = update.effective_message
    chat = update.effective_chat
    user = update.effective_user
    if message is None or chat is None or user is None or not message.text:
        return False
    candidate = message.text.strip()
    # Only an admin's date can answer an /add: anyone else's text costs no database query.
    if not _ISO_DATE.match(candidate) or not is_bot_admin(update, context):
        return False
    newsroom = context.services.newsroom
    if not await newsroom.is_waiting_for_date(chat.id, user.id):
        return False
    try:
        published = dt.date.fromisoformat(candidate)
    except ValueError:
        await reply_text(
            update, context, f"{html.escape(candidate)} is not a real date. Reply with YYYY-MM-DD."
        )
        return True
    await _ingest(update, context, newsroom.add_with_date(chat.id, user.id, published), user.id)
    return True


async def remove_article(update: Update, context: BriefingContext) -> None:
    """Remove an article by the id /articles shows."""
    if not is_bot_admin(update, context):
        await reply_text(update, context, REFUSAL)
        return
    args = context.args or []
    if len(args) != 1:
        await reply_text(
            update,
            context,
            "Which article? Send <code>/remove ID</code> with an id from /articles.",
        )
        return
    article_id = args[0].strip().lower()
    services = context.services
    if await services.newsroom.remove(article_id):
        user = update.effective_user
        if user is not None:
            await services.store.log_admin(user.id, "remove", article_id)
        await reply_text(
            update, context, f"Removed article <code>{html.escape(article_id)}</code>."
        )
    else:
        await reply_text(
            update,
            context,
            f"There is no article <code>{html.escape(article_id[:40])}</code>. "
            "/articles lists them.",
        )


async def reprocess(update: Update, context: BriefingContext) -> None:
    """Run the engine again over every stored article."""
    if not is_bot_admin(update, context):
        await reply_text(update, context, REFUSAL)
        return
    await reply_text(
        update, context, "Reprocessing every article; the briefing stays available meanwhile."
    )
    count = await context.services.newsroom.reprocess()
    user = update.effective_user
    if user is not None:
        await context.services.store.log_admin(user.id, "reprocess", str(count))
    await reply_text(update, context, f"Reprocessed {count} article{'s' if count != 1 else ''}.")


async def stats(update: Update, context: BriefingContext) -> None:
    """Articles, subscribers, deliveries and failures."""
    if not is_bot_admin(update, context):
        await reply_text(update, context, REFUSAL)
        return
    services = context.services
    await reply_parts(
        update, context, render_stats(await services.store.stats(), services.newsroom.view.briefing)
    )
