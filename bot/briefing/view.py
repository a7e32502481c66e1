"""The briefing as readers see it at one moment: merged briefing, index, article list and
stories; narrowed, the same moment seen through one story."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Protocol

from bot.briefing.desk import StoryDesk
from bot.briefing.models import Briefing
from bot.briefing.query import BriefingIndex
from bot.briefing.stories import Story


class ListedArticle(Protocol):
    """An article as the article list shows it; `seq` is its place in the order of adding."""

    @property
    def seq(self) -> int: ...
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def published(self) -> dt.date: ...
    @property
    def source(self) -> str | None: ...


@dataclass(frozen=True)
class BriefingView:
    """One consistent snapshot: the merged briefing, its index, the listed articles and stories.

    A view narrowed to one story (`story` set) holds that story's briefing and articles only."""

    version: int
    briefing: Briefing
    index: BriefingIndex
    articles: tuple[ListedArticle, ...]
    seq_of: dict[str, int] = field(default_factory=dict)
    desk: StoryDesk = field(default_factory=StoryDesk)
    story: Story | None = None
    # Narrowed views by story key, built once per snapshot: every answer in a chat with an open
    # story asks for one, and filtering 10,000 articles each time would cost milliseconds.
    _narrowed: dict[str, BriefingView] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def is_narrowed(self, story: Story) -> bool:
        """Whether `narrowed(story)` is ready, or would merge the story's briefing first."""
        return story.key in self._narrowed

    def narrowed(self, story: Story) -> BriefingView:
        """The same snapshot seen through one of its stories."""
        known = self._narrowed.get(story.key)
        if known is not None:
            return known
        index = self.desk.index(story)
        ids = set(story.article_ids)
        view = replace(
            self,
            briefing=index.briefing,
            index=index,
            articles=tuple(a for a in self.articles if a.id in ids),
            seq_of={a: s for a, s in self.seq_of.items() if a in ids},
            story=story,
        )
        self._narrowed[story.key] = view
        return view

    @property
    def latest_seq(self) -> int:
        return max(self.seq_of.values(), default=0)

    def article_ids_after(self, seq: int) -> set[str]:
        """Ids of the articles added after the given store sequence number."""
        return {article_id for article_id, s in self.seq_of.items() if s > seq}


def empty_view() -> BriefingView:
    """The view before anything is loaded."""
    empty = Briefing()
    return BriefingView(0, empty, BriefingIndex(empty), ())
