"""The stories of one briefing version, ranked for /brief, and the stories' own briefings.

A story's briefing is merged from its articles' own briefings (every fact keeps its source) the
first time someone asks for it, and the most recently asked are kept, however many stories there
are: a desk of 500 stories cannot hold 500 merged briefings. The store keeps every story's
merged briefing too, fingerprinted by its articles (`members_digest`), so a first ask after a
start reads one document instead of merging twenty.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence

from bot.briefing.merge import merge_briefings
from bot.briefing.models import ArticleBriefing, Briefing
from bot.briefing.query import BriefingIndex
from bot.briefing.stories import Story, rank_stories

# Story briefings kept merged: a story's is tens of articles' facts, about a megabyte or two.
STORY_BRIEFINGS_KEPT = 32


def members_digest(story: Story) -> str:
    """A fingerprint of the story's articles, in order: a stored briefing of the story is good
    while this is the same."""
    return hashlib.sha256("\n".join(story.article_ids).encode()).hexdigest()


class StoryDesk:
    """Ranked stories, found by their /brief number, their key or one of their articles."""

    def __init__(self, stories: Sequence[Story] = (), *, pending: bool = False) -> None:
        # Pending: the articles are still being grouped (just after a start-up); no stories yet.
        self.pending = pending
        self.ranked: tuple[Story, ...] = tuple(rank_stories(stories))
        self._by_key = {story.key: story for story in self.ranked}
        self._number = {story.key: n for n, story in enumerate(self.ranked, start=1)}
        # Built when first asked (digests ask): a desk is made again for every article added.
        self._of_article: dict[str, Story] | None = None

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
        if self._of_article is None:
            self._of_article = {a: story for story in self.ranked for a in story.article_ids}
        return self._of_article.get(article_id)


class StoryBriefings:
    """The stories' own briefings, indexed, the most recently used kept.

    An entry is good for as long as its story has the same articles: a story that an article
    joined or left is merged again, and nothing else has to be told about it.
    """

    def __init__(
        self, topic_terms: Mapping[str, Sequence[str]], kept: int = STORY_BRIEFINGS_KEPT
    ) -> None:
        self._terms = dict(topic_terms)
        self._kept = kept
        self._indexes: OrderedDict[str, tuple[tuple[str, ...], BriefingIndex]] = OrderedDict()
        self._lock = threading.Lock()  # built on worker threads, read on the event loop

    def get(self, story: Story) -> BriefingIndex | None:
        """The story's briefing if it is kept for exactly its articles."""
        with self._lock:
            kept = self._indexes.get(story.key)
            if kept is None or kept[0] != story.article_ids:
                return None
            self._indexes.move_to_end(story.key)
            return kept[1]

    def build(self, story: Story, items: Sequence[ArticleBriefing]) -> BriefingIndex:
        """Merge and index the story's briefing from its articles' (in its order), and keep it."""
        return self.keep(story, merge_briefings(list(items)))

    def load(self, story: Story, document: str) -> BriefingIndex:
        """Index the story's briefing from its stored JSON (made for its articles), and keep it."""
        return self.keep(story, Briefing.model_validate_json(document))

    def keep(self, story: Story, briefing: Briefing) -> BriefingIndex:
        """Index the story's briefing and keep it."""
        index = BriefingIndex(briefing, self._terms)
        with self._lock:
            # Two concurrent first uses build it twice at worst: the results are equal.
            self._indexes[story.key] = (story.article_ids, index)
            self._indexes.move_to_end(story.key)
            while len(self._indexes) > self._kept:
                self._indexes.popitem(last=False)
        return index
