"""Everyone's commands: they read the current briefing, render it, and reply."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.error import BadRequest

from bot.briefing.models import Actor, Topic
from bot.briefing.view import BriefingView
from bot.render.html import escape
from bot.render.pages import (
    Page,
    PageRequest,
    actor_subject,
    page_buttons,
    parse_page_data,
    topic_subject,
)
from bot.render.pictures import Chart
from bot.render.public import (
    render_actor_profile,
    render_page,
    render_search,
    render_suggestions,
    render_topic,
)
from bot.render.stories import page_with_scope, render_question, render_story_list, with_scope
from bot.services import BriefingContext
from handlers.admin import answer_pending_date
from handlers.replies import reply_parts, reply_text
from handlers.stories import focused_view, scope_of
from handlers.subscriptions import thread_of

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200  # longer names or questions are cut before lookup


def _keyboard(kind: str, arg: str, page: Page) -> InlineKeyboardMarkup | None:
    buttons = page_buttons(kind, arg, page)
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in buttons]]
    )


def _query(context: BriefingContext) -> str:
    return " ".join(context.args or [])[:MAX_QUERY_CHARS].strip()


async def start(update: Update, context: BriefingContext) -> None:
    """Welcome, with what to try first."""
    view = context.services.newsroom.view
    count = len(view.articles)
    intro = (
        "<b>Welcome to Briefing Bot.</b> I read news articles and answer questions about them: "
        "who is involved, what they said, what happened when. Every answer cites its source.\n\n"
        f"The briefing holds {count} article{'s' if count != 1 else ''}. Start with /brief, "
        "or /help for everything I can do."
    )
    await reply_text(update, context, intro)


async def brief(update: Update, context: BriefingContext) -> None:
    """The top stories, newest and biggest first, numbered for /story N."""
    await context.services.newsroom.stories_view()  # just after a start-up: wait for grouping
    await _reply_page(update, context, PageRequest("stories", "", 1))


async def _reply_scoped(update: Update, context: BriefingContext, parts: list[str]) -> None:
    """An answer from the chat's briefing, headed by the story it covers."""
    await reply_parts(
        update, context, with_scope(scope_of(await focused_view(update, context)), parts)
    )


async def who(update: Update, context: BriefingContext) -> None:
    """Ranked actors, or one actor's profile."""
    index = (await focused_view(update, context)).index
    query = _query(context)
    if not query:
        await _reply_page(update, context, PageRequest("who", "", 1))
        return
    actor = await _find_actor_or_suggest(update, context, query)
    if actor is not None:
        await _reply_scoped(update, context, render_actor_profile(index, actor))


async def _find_actor_or_suggest(
    update: Update, context: BriefingContext, query: str
) -> Actor | None:
    match = (await focused_view(update, context)).index.find_actor(query)
    if match.actor is not None:
        return match.actor
    await _reply_scoped(update, context, render_suggestions(query, match.suggestions))
    return None


async def timeline(update: Update, context: BriefingContext) -> None:
    """Dated events in order (a chart, then the text): everything, one topic's, or one actor's."""
    query = _query(context)
    if not query:
        await _reply_chart_and_page(update, context, PageRequest("timeline", "", 1))
        return
    topic = await _topic_named(update, context, query)
    if topic is not None:
        request = PageRequest("timeline", topic_subject(topic.key), 1)
        await _reply_chart_and_page(update, context, request)
        return
    configured = context.services.newsroom.lexicon.get(query.casefold().strip().lstrip("/"))
    if configured is not None:  # a configured topic no article has touched yet
        await _reply_scoped(update, context, [f"Nothing on <b>{escape(configured.label)}</b> yet."])
        return
    actor = await _find_actor_or_suggest(update, context, query)
    if actor is not None:
        request = PageRequest("timeline", actor_subject(actor.id), 1)
        await _reply_chart_and_page(update, context, request)


async def _reply_chart_and_page(
    update: Update, context: BriefingContext, request: PageRequest
) -> None:
    """The picture for this answer, then its text pages; a picture not drawn yet (drawing takes
    a few hundred milliseconds, off the event loop, cached) follows the text instead."""
    view = await focused_view(update, context)
    charts = context.services.charts
    drawn, chart = charts.drawn(view, request.kind, request.arg)
    if drawn:
        await _send_chart(update, context, chart, after_text=False)
        await _reply_page(update, context, request)
        return
    await _reply_page(update, context, request)
    try:
        chart = await charts.get(view, request.kind, request.arg)
    except Exception:
        # The text above answered already; a broken picture must not take the answer with it.
        log.exception("drawing the %s chart failed", request.kind)
        return
    await _send_chart(update, context, chart, after_text=True)


async def _send_chart(
    update: Update, context: BriefingContext, chart: Chart | None, *, after_text: bool
) -> None:
    chat = update.effective_chat
    if chart is None or chat is None:
        return
    caption = chart.caption_for(after_text=after_text)
    message = update.effective_message
    if message is not None:
        await message.reply_photo(chart.png, caption=caption, do_quote=False)
    else:
        await context.bot.send_photo(chat.id, chart.png, caption=caption)


async def _topic_named(update: Update, context: BriefingContext, query: str) -> Topic | None:
    """A topic by key (/ceasefire, peace_talks) or label ("peace talks")."""
    index = (await focused_view(update, context)).index
    folded = query.casefold().strip().lstrip("/")
    key = folded.replace(" ", "_")
    return next((t for t in index.topics() if t.key == key or t.label.casefold() == folded), None)


async def topic(update: Update, context: BriefingContext) -> None:
    """/topic NAME: one configured topic, or one of the articles' own subjects."""
    lexicon = context.services.newsroom.lexicon
    asked = _query(context)
    query = asked.lower().replace(" ", "_").lstrip("/")
    found = await _topic_named(update, context, asked) if asked else None
    if found is not None:
        query = found.key
    if not query or (lexicon.get(query) is None and found is None):
        listed = " ".join(f"/{escape(k)}" for k in lexicon.keys) or "none configured"
        shown = f"I don't know the topic “{escape(query[:40])}”. " if query else "Which topic? "
        await reply_text(update, context, f"{shown}Topics: {listed}")
        return
    await _reply_scoped(
        update, context, render_topic((await focused_view(update, context)).index, query)
    )


async def topic_command(update: Update, context: BriefingContext) -> None:
    """/ceasefire and every other configured topic as its own command."""
    message = update.effective_message
    if message is None or not message.text:
        return
    key = message.text.split()[0].lstrip("/").split("@")[0].lower()
    await _reply_scoped(
        update, context, render_topic((await focused_view(update, context)).index, key)
    )


async def where(update: Update, context: BriefingContext) -> None:
    """Places mentioned: a map, then the list, most mentioned first."""
    await _reply_chart_and_page(update, context, PageRequest("where", "", 1))


async def quotes(update: Update, context: BriefingContext) -> None:
    """What was said, by everyone or by one actor."""
    query = _query(context)
    if not query:
        await _reply_page(update, context, PageRequest("quotes", "", 1))
        return
    actor = await _find_actor_or_suggest(update, context, query)
    if actor is not None:
        await _reply_page(update, context, PageRequest("quotes", actor_subject(actor.id), 1))


async def articles(update: Update, context: BriefingContext) -> None:
    """The articles behind the briefing, with the ids /remove takes."""
    await _reply_page(update, context, PageRequest("articles", "", 1))


async def digest_preview(update: Update, context: BriefingContext) -> None:
    """This chat's digest as it would go out now; the delivery mark does not move."""
    chat = update.effective_chat
    if chat is None:
        return
    digest = await context.services.digests.preview(chat.id, thread_of(update))
    await reply_parts(update, context, digest.parts)


def _page(view: BriefingView, request: PageRequest) -> Page | None:
    """The page a command or button asks for, headed by the story it covers (the story list
    names the open story itself); None when it or its subject does not exist."""
    if request.kind == "stories" and not request.arg:
        page = render_story_list(view.desk, request.page, view.story)
        # The list clamps the page number; a page that does not exist is not shown instead.
        return page if page.page == request.page else None
    found = render_page(view, request)
    return page_with_scope(scope_of(view), found) if found is not None else None


async def _reply_page(update: Update, context: BriefingContext, request: PageRequest) -> None:
    page = _page(await focused_view(update, context), request)
    if page is None:
        await reply_text(update, context, "Nothing to show.")
        return
    await reply_parts(update, context, [page.text], _keyboard(request.kind, request.arg, page))


async def on_page_button(update: Update, context: BriefingContext) -> None:
    """A pagination button: validate its data, then show the asked-for page in place."""
    query = update.callback_query
    if query is None:
        return
    request = parse_page_data(query.data or "")
    if request is not None and request.kind == "stories":
        await context.services.newsroom.stories_view()
    # A button pressed after /story answers within the story the chat has open now.
    page = _page(await focused_view(update, context), request) if request else None
    if request is None or page is None:
        await query.answer("This button has expired.")
        return
    await query.answer()
    try:
        await query.edit_message_text(
            page.text, reply_markup=_keyboard(request.kind, request.arg, page)
        )
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise


async def on_text(update: Update, context: BriefingContext) -> None:
    """Plain text: a publication date an admin was asked for, or (in private) a question."""
    if await answer_pending_date(update, context):
        return
    chat = update.effective_chat
    message = update.effective_message
    if chat is None or message is None or chat.type != ChatType.PRIVATE or not message.text:
        return
    view = await focused_view(update, context)
    index = view.index
    question = message.text[:MAX_QUERY_CHARS]
    answer = render_question(index, view.story, question)
    if answer is None:
        answer = render_search(index, question, index.search(question))
    await reply_parts(update, context, with_scope(scope_of(view), answer))


async def unknown_command(update: Update, context: BriefingContext) -> None:
    """A command the bot does not have: point to /help (in groups only when addressed to us)."""
    chat = update.effective_chat
    message = update.effective_message
    if chat is None or message is None or not message.text:
        return
    command = message.text.split()[0]
    if chat.type != ChatType.PRIVATE:
        username = context.services.bot_username
        if not username or not command.lower().endswith(f"@{username.lower()}"):
            return
    await reply_text(
        update, context, f"I don't know {escape(command[:40])}. /help lists what I can do."
    )
