"""Screens for subscribed chats: the daily digest and the chat's digest settings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.briefing.desk import StoryDesk
from bot.briefing.models import Article, Event, SourceRef
from bot.briefing.query import BriefingIndex
from bot.render.entries import CLIP_LINE, actor_label, article_line, timeline_entries
from bot.render.html import clip, escape, messages, plural

DIGEST_ITEMS = 10
DIGEST_ACTORS = 5
DIGEST_STORIES = 6  # stories with new articles a digest shows; the rest are counted
DIGEST_ARTICLES_PER_STORY = 3


def new_by_story_block(desk: StoryDesk, articles: Sequence[Article]) -> str:
    """The digest's "New" block: the new articles under the story each belongs to."""
    grouped: dict[str, list[Article]] = {}
    loose: list[Article] = []  # none when the desk and the articles come from one view
    for article in articles:
        story = desk.story_of(article.id)
        if story is None:
            loose.append(article)
        else:
            grouped.setdefault(story.key, []).append(article)
    count = len(grouped) + len(loose)
    lines = [
        f"<b>New</b> ({plural(len(articles), 'article')} in {count} "
        f"{'story' if count == 1 else 'stories'})"
    ]
    # /brief's order (newest and biggest first), so the numbers match /story N.
    stories = [s for s in desk.ranked if s.key in grouped]
    for story in stories[:DIGEST_STORIES]:
        new = grouped[story.key]
        number = desk.number_of(story)
        lines.append(
            f"\n{number}. <b>{escape(clip(story.title, CLIP_LINE))}</b> · {len(new)} new of "
            f"{story.article_count} · /story {number}"
        )
        lines.extend(f"   • {article_line(a)}" for a in new[:DIGEST_ARTICLES_PER_STORY])
        if len(new) > DIGEST_ARTICLES_PER_STORY:
            lines.append(f"   … and {len(new) - DIGEST_ARTICLES_PER_STORY} more")
    if len(stories) > DIGEST_STORIES:
        lines.append(f"… and {len(stories) - DIGEST_STORIES} more stories: /brief")
    lines.extend(f"• {article_line(a)}" for a in loose[:DIGEST_ITEMS])
    return "\n".join(lines)


def render_digest(
    index: BriefingIndex,
    new_article_ids: Iterable[str],
    upcoming_events: Sequence[Event],
    topics: Sequence[str] | None = None,
    *,
    first: bool = False,
    stories: StoryDesk | None = None,
) -> list[str]:
    """A chat's digest: new articles (by story, given the stories), their key actors and
    events, and what is still ahead.

    `first`: the chat has had no digest yet, so an empty one cannot speak of "your last digest".

    `topics` narrows everything to those topic keys."""
    wanted = set(topics or ())
    new_ids = [i for i in dict.fromkeys(new_article_ids) if index.article(i) is not None]

    def on_topic(ref: SourceRef) -> bool:
        return not wanted or bool(wanted.intersection(index.topic_keys_of(ref)))

    if wanted:
        touched = {
            ref.article_id
            for key in wanted
            if (topic := index.topic(key)) is not None
            for ref in topic.sentences
        }
        new_ids = [i for i in new_ids if i in touched]
    articles = sorted(
        (a for i in new_ids if (a := index.article(i)) is not None),
        key=lambda a: a.published,
        reverse=True,
    )
    happened = [e for e in index.events_since(new_ids) if not e.planned and on_topic(e.source)]
    ahead = [e for e in upcoming_events if on_topic(e.source)]
    scope = ""
    if wanted:
        labels = [t.label if (t := index.topic(k)) else k for k in sorted(wanted)]
        scope = " · " + escape(", ".join(labels))
    blocks = [f"<b>Daily briefing</b>{scope}"]
    if not articles and not ahead:
        blocks.append(
            "Nothing new since your last digest."
            if not first
            else "Nothing on your topics in the briefing yet."
            if wanted
            else "Nothing in the briefing yet."
        )
        return messages(blocks)
    if articles and stories is not None and len(stories):
        blocks.append(new_by_story_block(stories, articles))
    elif articles:
        lines = [f"<b>New</b> ({len(articles)})"]
        lines.extend(f"• {article_line(a)}" for a in articles[:DIGEST_ITEMS])
        if len(articles) > DIGEST_ITEMS:
            lines.append(f"… and {len(articles) - DIGEST_ITEMS} more: /articles")
        blocks.append("\n".join(lines))
    if articles:
        actors = index.actors_in(new_ids)[:DIGEST_ACTORS]
        if actors:
            blocks.append("<b>Key actors</b>\n" + "\n".join(f"• {actor_label(a)}" for a in actors))
        if happened:
            blocks.append(
                "<b>What happened</b>\n"
                + "\n\n".join(timeline_entries(index, happened[-DIGEST_ITEMS:]))
            )
    if ahead:
        blocks.append(
            "<b>Coming up</b>\n" + "\n\n".join(timeline_entries(index, ahead[:DIGEST_ITEMS]))
        )
    blocks.append("More: /brief /timeline /who")
    return messages(blocks)


def render_settings(
    *,
    subscribed: bool,
    digest_time: str | None = None,
    timezone: str | None = None,
    topics: Sequence[str] = (),
    always: bool = False,
    pictures: bool = False,
    thread_id: int | None = None,
) -> list[str]:
    """This chat's digest settings."""
    if not subscribed:
        return ["<b>Settings</b>\nNo daily digest here. /subscribe [HH:MM] [Area/City] [topic ...]"]
    lines = [
        "<b>Settings</b>",
        f"Daily digest at <b>{escape(digest_time or '?')}</b> ({escape(timezone or 'UTC')})",
        "Topics: " + (", ".join(escape(t) for t in topics) if topics else "all"),
        "Sent even on days with nothing new" if always else "Skipped on days with nothing new",
        "With the timeline picture (/subscribe nopictures to drop it)"
        if pictures
        else "Text only (/subscribe pictures adds the timeline picture)",
    ]
    if thread_id is not None:
        lines.append(f"Delivered to topic thread {thread_id}")
    lines.append("Change: /subscribe … · stop: /unsubscribe")
    return messages(["\n".join(lines)])
