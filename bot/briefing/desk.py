"""The stories of one briefing version: ranked for /brief, each with its own merged briefing.

A story's briefing is merged from its articles' own briefings (every fact keeps its source) the
first time someone asks for it, then kept for as long as this version of the briefing lives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.briefing.merge import merge_briefings
from bot.briefing.models import ArticleBriefing
from bot.briefing.query import BriefingIndex
from bot.briefing.stories import Story, rank_stories


class StoryDesk:
    """Ranked stories, found by their /brief number, their key or one of their articles."""

    def __init__(
        self,
        stories: Sequence[Story] = (),
        items: Mapping[str, ArticleBriefing] | None = None,
        topic_terms: Mapping[str, Sequence[str]] | None = None,
        *,
        pending: bool = False,
    ) -> None:
        # Pending: the articles are still being grouped (just after a start-up); no stories yet.
        self.pending = pending
        self.ranked: tuple[Story, ...] = tuple(rank_stories(stories))
        self._items = dict(items or {})
        self._terms = dict(topic_terms or {})
        self._by_key = {story.key: story for story in self.ranked}
        self._number = {story.key: n for n, story in enumerate(self.ranked, start=1)}
        self._of_article = {a: story for story in self.ranked for a in story.article_ids}
        self._indexes: dict[str, BriefingIndex] = {}

    def __len__(self) -> int:
        return len(self.ranked)

    def at(self, number: int) -> Story | None:
        """The story /brief shows as `number` (counting from 1)."""
        return self.ranked[number - 1] if 1 <= number <= len(self.ranked) else None

    def by_key(self, key: str) -> Story | None:
        return self._by_key.get(key)

    def number_of(self, story: Story) -> int:
        """Its number in /brief's list."""
        return self._number[story.key]

    def story_of(self, article_id: str) -> Story | None:
        return self._of_article.get(article_id)

    def index(self, story: Story) -> BriefingIndex:
        """The story's own briefing, indexed; merged on first use."""
        index = self._indexes.get(story.key)
        if index is None:
            items = [self._items[a] for a in story.article_ids if a in self._items]
            index = BriefingIndex(merge_briefings(items), self._terms)
            # Two concurrent first uses build it twice at worst: the results are equal.
            self._indexes[story.key] = index
        return index
