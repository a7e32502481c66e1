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

    Unnarrowed, the briefing covers the newest `covered` of the articles (all when None): a desk
    of 10,000 articles answers from the latest, not from one briefing of everything. A view
    narrowed to one story (`story` set) holds that story's briefing and articles only.
    """

    version: int
    briefing: Briefing
    index: BriefingIndex
    articles: tuple[ListedArticle, ...]
    seq_of: dict[str, int] = field(default_factory=dict)
    desk: StoryDesk = field(default_factory=StoryDesk)
    story: Story | None = None
    covered: int | None = None
    # The listed articles by id, filled the first time a story is narrowed to.
    _listed: dict[str, ListedArticle] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def narrowed(self, story: Story, index: BriefingIndex) -> BriefingView:
        """The same snapshot seen through one of its stories, whose briefing is `index`."""
        if not self._listed:
            self._listed.update((a.id, a) for a in self.articles)
        listed = sorted(
            (self._listed[a] for a in story.article_ids if a in self._listed),
            key=lambda a: a.seq,
        )
        return replace(
            self,
            briefing=index.briefing,
            index=index,
            articles=tuple(listed),
            seq_of={a.id: a.seq for a in listed},
            story=story,
            covered=None,
        )

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
