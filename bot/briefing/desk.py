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
from collections.abc import Iterator, Mapping, Sequence

from bot.briefing.merge import merge_briefings
from bot.briefing.models import Article, ArticleBriefing, Briefing, SourceRef
from bot.briefing.query import BriefingIndex
from bot.briefing.stories import Story, rank_stories

# Story briefings kept merged: a story's is tens of articles' facts, about a megabyte or two.
STORY_BRIEFINGS_KEPT = 32


def members_digest(story: Story) -> str:
    """A fingerprint of the story's articles, in order: a stored briefing of the story is good
    while this is the same."""
    return hashlib.sha256("\n".join(story.article_ids).encode()).hexdigest()


def story_briefing(items: Sequence[ArticleBriefing]) -> Briefing:
    """The story's briefing: its articles' merged, with only the article text its facts cite.

    Answers read an article's text only through a fact's source (the sentence it cites), so
    each article keeps its cited sentences at their indexes and drops the rest, and its
    paragraphs (the same text again). Stored, this is half the document to read and validate
    at a story's first open, and kept, half the memory."""
    return cited_text_only(merge_briefings(list(items)))


def cited_text_only(briefing: Briefing) -> Briefing:
    """The briefing with each article's text cut to the sentences its facts cite."""
    cited: dict[str, set[int]] = {}
    for ref in _sources(briefing):
        cited.setdefault(ref.article_id, set()).add(ref.sentence)
    return briefing.model_copy(
        update={"articles": [_cited_only(a, cited.get(a.id, set())) for a in briefing.articles]}
    )


def _sources(briefing: Briefing) -> Iterator[SourceRef]:
    """Every source a fact of the briefing cites."""
    for actor in briefing.actors:
        yield from actor.sources
    for place in briefing.places:
        yield from place.sources
    for topic in briefing.topics:
        yield from topic.sentences
        yield from (p.source for p in topic.positions)
        yield from (p.source for p in topic.parties)
    yield from (q.source for q in briefing.quotes)
    yield from (e.source for e in briefing.events)
    yield from (f.source for f in briefing.figures)


def _cited_only(article: Article, cited: set[int]) -> Article:
    last = max((i for i in cited if i < len(article.sentences)), default=-1)
    sentences = [s if i in cited else "" for i, s in enumerate(article.sentences[: last + 1])]
    return article.model_copy(update={"paragraphs": [], "sentences": sentences})


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
        return self.keep(story, story_briefing(items))

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
