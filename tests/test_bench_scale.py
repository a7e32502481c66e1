"""The scale benchmark's instrument: its invented store is a real one, and it rejects empty answers.

The benchmark's figures are only as honest as what it measures: a store whose briefings point at
sentences they do not have, or articles that do not form the stories asked for, would time the
bot on the wrong thing; a check that lets an empty reply through would time nothing.
"""

from __future__ import annotations

import pytest

from bench.scale import brief_counts, check_reply, scale_briefings, story_numbers
from bot.briefing.ingest import ArticleMeta, parse_article_text
from bot.briefing.stories import group_stories


@pytest.fixture(scope="module")
def briefings():  # type: ignore[no-untyped-def]
    return scale_briefings(200, 10, "engine-v")


def test_every_fact_cites_a_sentence_of_its_own_article(briefings) -> None:  # type: ignore[no-untyped-def]
    assert len({b.article.id for b in briefings}) == 200
    for briefing in briefings:
        article = briefing.article
        assert briefing.engine_version == "engine-v"
        sources = [s for a in briefing.actors for s in a.sources]
        sources += [p for place in briefing.places for p in place.sources]
        sources += [e.source for e in briefing.events] + [q.source for q in briefing.quotes]
        sources += [f.source for f in briefing.figures]
        sources += [s for t in briefing.topics for s in t.sentences]
        assert {s.article_id for s in sources} == {article.id}
        assert all(s.sentence < len(article.sentences) for s in sources)
        actor_ids = {a.id for a in briefing.actors}
        assert {i for e in briefing.events for i in e.actor_ids} <= actor_ids
        assert {q.speaker_id for q in briefing.quotes} <= actor_ids
        assert len(briefing.events) == 10 and all(e.date for e in briefing.events)


def test_ids_and_hashes_are_the_ones_the_bot_gives_the_stored_text(briefings) -> None:  # type: ignore[no-untyped-def]
    # bench.stores.fill_articles stores the title and paragraphs as the raw text.
    for briefing in briefings:
        article = briefing.article
        raw = "\n\n".join([article.title, *article.paragraphs])
        parsed = parse_article_text(raw, ArticleMeta(published=article.published))
        assert (parsed.id, parsed.content_hash) == (article.id, article.content_hash)
        assert len(article.sentences) >= 30


def test_the_articles_group_into_about_the_stories_asked_for(briefings) -> None:  # type: ignore[no-untyped-def]
    # Ten events of 20 articles each: an event's articles span 12 days, so the 10-day window
    # splits the odd one, but no two events merge and most stay whole.
    counts = sorted(s.article_count for s in group_stories(briefings))
    assert 10 <= len(counts) <= 20
    assert max(counts) <= 20
    assert sum(1 for c in counts if c >= 19) >= 8


def test_brief_counts_reads_the_header_and_refuses_a_reply_without_one() -> None:
    header = "<b>Briefing</b> · 512 stories from 10,000 articles\n\n1. <b>Talks</b>"
    assert brief_counts([header]) == (512, 10_000)
    with pytest.raises(SystemExit):
        brief_counts(["No articles yet. Admins can add one with /add."])


def test_check_reply_refuses_empty_unscoped_and_undated_answers() -> None:
    long = "x" * 100
    check_reply("/who", [long])
    with pytest.raises(SystemExit):
        check_reply("/who", ["Nobody yet."])
    check_reply("/who", [f"<i>In Story 3: <b>Talks</b></i> {long}"], story=3)
    with pytest.raises(SystemExit):
        check_reply("/who", [f"<i>Across all 500 stories</i> {long}"], story=3)
    check_reply("/timeline", [f"12 Mar 2024 {long}"])
    with pytest.raises(SystemExit):
        check_reply("/timeline", [long])
    with pytest.raises(SystemExit):
        check_reply("/brief", [long])


def test_story_numbers_are_distinct_and_spread_over_the_whole_list() -> None:
    numbers = story_numbers(500, 103)
    assert len(numbers) == 103 and min(numbers) == 1 and max(numbers) > 490
    assert story_numbers(5, 10) == [1, 2, 3, 4, 5]
