"""Stories: /story N opens one as the chat's focus, and every answer then covers it alone."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.briefing.view import BriefingView
from bot.render.stories import (
    render_no_such_story,
    render_story_closed,
    render_story_opened,
    scope_line,
)
from bot.services import BriefingContext
from handlers.replies import reply_parts

# The chat's open story, by its key (its first article's id): /brief's numbers shift as news
# arrives, the key does not. Kept in chat_data, so each chat (and group) has its own.
FOCUS = "story"


async def focused_view(context: BriefingContext) -> BriefingView:
    """The briefing this chat asks about: its open story's, or everything when none is open."""
    newsroom = context.services.newsroom
    chat_data = context.chat_data
    key = chat_data.get(FOCUS) if chat_data is not None else None
    if not isinstance(key, str):
        return newsroom.view  # no story needed: no wait for a start-up's grouping either
    view = await newsroom.stories_view()
    # A story whose articles were removed is gone: the answer then covers everything, and its
    # scope line says so.
    story = view.desk.by_key(key)
    if story is None:
        return view
    if view.is_narrowed(story):
        return view.narrowed(story)
    # The first ask after a change merges the story's articles: tens of milliseconds for a big
    # story, which the event loop would otherwise spend not answering anyone.
    return await asyncio.to_thread(view.narrowed, story)


def scope_of(view: BriefingView) -> str:
    """The line that tells which story an answer covers."""
    return scope_line(view.desk, view.story)


async def story(update: Update, context: BriefingContext) -> None:
    """/story N opens story N for this chat; /story all (or /story alone) goes back to all."""
    desk = (await context.services.newsroom.stories_view()).desk
    asked = " ".join(context.args or []).strip()
    chat_data = context.chat_data
    if asked.casefold() in ("", "all"):
        if chat_data is not None:
            chat_data.pop(FOCUS, None)
        await reply_parts(update, context, render_story_closed(desk))
        return
    chosen = desk.at(int(asked)) if asked.isdecimal() and len(asked) <= 6 else None
    if chosen is None:
        await reply_parts(update, context, render_no_such_story(asked, desk))
        return
    if chat_data is not None:
        chat_data[FOCUS] = chosen.key
    today = context.services.now().date()
    index = await asyncio.to_thread(desk.index, chosen)  # merged off the loop, as above
    await reply_parts(update, context, render_story_opened(desk, chosen, index, today))
