"""A story's own briefing: merged from its articles, keeping only the article text it cites."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from bench.scale import scale_briefings
from bot.briefing.desk import story_briefing
from bot.briefing.merge import merge_briefings
from bot.briefing.models import (
    ArticleBriefing,
    Party,
    Position,
    SourceRef,
    Stance,
    Topic,
    TopicKind,
)
from bot.briefing.query import BriefingIndex
from bot.render.public import (
    render_actor_list,
    render_actor_profile,
    render_brief,
    render_quotes_page,
    render_timeline_page,
    render_topic,
    render_where_page,
)


def _story_items() -> list[ArticleBriefing]:
    """Six whole articles of one story (every fact kind), one with a subject's positions and
    parties, whose sources no other fact cites."""
    items = scale_briefings(6, 1, "t")
    first = items[0]
    aid, actor = first.article.id, first.actors[0]
    subject = Topic(
        key="harbour_plan",
        label="harbour plan",
        kind=TopicKind.SUBJECT,
        positions=[
            Position(
                actor_id=actor.id,
                actor=actor.name,
                stance=Stance.SUPPORTS,
                text="backs the plan",
                source=SourceRef(article_id=aid, sentence=27),
            )
        ],
        parties=[
            Party(
                actor_id=actor.id, actor=actor.name, source=SourceRef(article_id=aid, sentence=28)
            )
        ],
        terms=["harbour plan"],
    )
    items[0] = first.model_copy(update={"topics": [*first.topics, subject]})
    return items


def _refs(value: Any) -> Iterator[SourceRef]:
    """Every source reference anywhere in a dumped briefing, whatever field holds it."""
    if isinstance(value, dict):
        if set(value) == {"article_id", "sentence"}:
            yield SourceRef(**value)
            return
        for item in value.values():
            yield from _refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _refs(item)


def test_a_story_s_briefing_keeps_every_cited_sentence_and_no_other_text() -> None:
    items = _story_items()
    assert len(items) == 6
    whole, lean = merge_briefings(items), story_briefing(items)
    refs = set(_refs(whole.model_dump(mode="json")))
    full_index, lean_index = BriefingIndex(whole), BriefingIndex(lean)
    for ref in refs:
        assert lean_index.sentence(ref) == full_index.sentence(ref) != ""
    assert SourceRef(article_id=items[0].article.id, sentence=28) in refs  # a party's source
    cited = {(r.article_id, r.sentence) for r in refs}
    for article in lean.articles:
        assert article.paragraphs == []
        kept = {(article.id, i) for i, s in enumerate(article.sentences) if s}
        assert kept == {c for c in cited if c[0] == article.id}
    # Everything but the text is as merged.
    assert lean.model_copy(update={"articles": whole.articles}) == whole
    assert len(lean.model_dump_json()) < 0.75 * len(whole.model_dump_json())


def test_every_answer_from_a_story_s_briefing_reads_as_from_the_whole_text() -> None:
    items = _story_items()
    whole, lean = BriefingIndex(merge_briefings(items)), BriefingIndex(story_briefing(items))
    today = dt.date(2026, 12, 2)

    def answers(index: BriefingIndex) -> list[object]:
        shown: list[object] = [
            render_brief(index, today),
            render_actor_list(index),
            render_timeline_page(index, index.briefing.events),
            render_quotes_page(index),
            render_where_page(index),
        ]
        shown += [render_actor_profile(index, actor) for actor in index.briefing.actors]
        shown += [render_topic(index, topic.key) for topic in index.briefing.topics]
        return shown

    assert answers(lean) == answers(whole)
