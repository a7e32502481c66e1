"""The briefing as readers see it at one moment: merged briefing, index and article list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from bot.briefing.models import Briefing
from bot.briefing.query import BriefingIndex


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
    """One consistent snapshot: the merged briefing, its index and the listed articles."""

    version: int
    briefing: Briefing
    index: BriefingIndex
    articles: tuple[ListedArticle, ...]
    seq_of: dict[str, int] = field(default_factory=dict)

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
