"""Stories: /story N opens one as the chat's focus, and every answer then covers it alone."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.briefing.view import BriefingView
from bot.render.stories import (
    render_no_such_story,
    render_story_closed,
    render_story_gone,
    render_story_opened,
    scope_line,
)
from bot.services import BriefingContext
from handlers.replies import reply_parts, reply_text

# The chat's open story, by its key (its first article's id): /brief's numbers shift as news
# arrives, the key does not. Kept in the store, so it survives a restart; chat_data holds this
# process's copy (absent until read), so an answer reads the store once per chat, not per ask.
FOCUS = "story"


async def _focus(update: Update, context: BriefingContext, *, again: bool = False) -> str | None:
    """The chat's open story's key: this process's copy, or (the first time, or `again`) the
    store's."""
    chat, chat_data = update.effective_chat, context.chat_data
    if chat is None or chat_data is None:
        return None
    if again or FOCUS not in chat_data:
        chat_data[FOCUS] = await context.services.store.stories.focus(chat.id)
    key = chat_data[FOCUS]
    return key if isinstance(key, str) else None


async def _set_focus(update: Update, context: BriefingContext, key: str | None) -> None:
    chat, chat_data = update.effective_chat, context.chat_data
    if chat is None or chat_data is None:
        return
    await context.services.store.stories.set_focus(chat.id, key)
    chat_data[FOCUS] = key


async def focused_view(update: Update, context: BriefingContext) -> BriefingView:
    """The briefing this chat asks about: its open story's, or everything when none is open."""
    newsroom = context.services.newsroom
    key = await _focus(update, context)
    if key is None:
        return newsroom.view  # no story needed: no wait for a start-up's grouping either
    view = await newsroom.stories_view()
    story = view.desk.by_key(key)
    if story is None:
        # The store renames a story whose first article was removed, in every chat's focus.
        key = await _focus(update, context, again=True)
        if key is None:
            return view
        story = view.desk.by_key(key)
    if story is None:
        # Its articles were removed: say so once, then answer from everything.
        await _set_focus(update, context, None)
        await reply_text(update, context, render_story_gone())
        return view
    return view.narrowed(story, await newsroom.story_index(story))


def scope_of(view: BriefingView) -> str:
    """The line that tells which story (or which of the articles) an answer covers."""
    return scope_line(view.desk, view.story, view.covered, len(view.articles))


async def story(update: Update, context: BriefingContext) -> None:
    """/story N opens story N for this chat; /story all (or /story alone) goes back to all."""
    newsroom = context.services.newsroom
    desk = (await newsroom.stories_view()).desk
    asked = " ".join(context.args or []).strip()
    if asked.casefold() in ("", "all"):
        await _set_focus(update, context, None)
        await reply_parts(update, context, render_story_closed(desk))
        return
    chosen = desk.at(int(asked)) if asked.isdecimal() and len(asked) <= 6 else None
    if chosen is None:
        await reply_parts(update, context, render_no_such_story(asked, desk))
        return
    index = await newsroom.story_index(chosen)
    written: asyncio.Task[None] | None = None
    if await _focus(update, context) != chosen.key:  # reopening it writes nothing
        # The answer does not wait for the store to take the write (a commit can take longer
        # than the answer); the handler still ends with it, so a failure is reported. It starts
        # once the story's briefing is read: at the same time, each slowed the other.
        if context.chat_data is not None:  # what this process reads, from now on
            context.chat_data[FOCUS] = chosen.key
        written = asyncio.create_task(_set_focus(update, context, chosen.key))
    try:
        today = context.services.now().date()
        await reply_parts(update, context, render_story_opened(desk, chosen, index, today))
    finally:
        if written is not None:
            await written
