"""Merging article briefings: one actor per person across articles, one timeline."""

from __future__ import annotations

from bot.briefing.merge import merge_briefings
from bot.briefing.models import Actor, ActorKind, Briefing
from bot.render.entries import format_date_value
from tests.helpers.briefings import event, month, ref, two_article_briefings, year


def _by_name(briefing: Briefing, name: str) -> Actor:
    matches = [a for a in briefing.actors if a.name == name]
    assert len(matches) == 1, [a.name for a in briefing.actors]
    return matches[0]


def test_actor_under_different_aliases_becomes_one_actor() -> None:
    merged = merge_briefings(two_article_briefings())
    ferreira = _by_name(merged, "Ana Ferreira")
    assert ferreira.id == "ana-ferreira"
    assert {"ferreira", "minister ferreira"} <= {a.casefold() for a in ferreira.aliases}
    assert ferreira.mentions == 3
    assert ferreira.salience == 3.5
    assert [(r.article_id, r.sentence) for r in ferreira.sources] == [
        ("a1", 0),
        ("a1", 1),
        ("a2", 1),
    ]
    assert not any(a.id == "ferreira" for a in merged.actors)


def test_longest_name_wins_and_newest_role_is_kept() -> None:
    merged = merge_briefings(two_article_briefings())
    orlov = _by_name(merged, "General Orlov")  # longer than "Viktor Orlov"
    assert "Viktor Orlov" in orlov.aliases
    assert orlov.role == "General"  # the newer article states no role: the older one stands
    assert _by_name(merged, "Ana Ferreira").role == "Acting Prime Minister"


def test_newest_role_does_not_depend_on_input_order() -> None:
    merged = merge_briefings(list(reversed(two_article_briefings())))
    assert _by_name(merged, "Ana Ferreira").role == "Acting Prime Minister"


def test_same_name_of_different_kinds_stays_apart() -> None:
    merged = merge_briefings(two_article_briefings())
    jordans = {a.name: a.kind for a in merged.actors if "Jordan" in (a.name, *a.aliases)}
    assert jordans == {"Jordan": ActorKind.COUNTRY, "Jordan Smith": ActorKind.PERSON}


def test_quotes_events_and_positions_point_at_merged_actors() -> None:
    merged = merge_briefings(two_article_briefings())
    ids = {a.id for a in merged.actors}
    assert [(q.speaker_id, q.speaker) for q in merged.quotes] == [
        ("ana-ferreira", "Ana Ferreira"),
        ("ana-ferreira", "Ana Ferreira"),
    ]
    talks = next(e for e in merged.events if e.summary.startswith("Orlov said"))
    assert talks.actor_ids == ["general-orlov", "ana-ferreira"]
    assert all(set(e.actor_ids) <= ids for e in merged.events)
    ceasefire = next(t for t in merged.topics if t.key == "ceasefire")
    assert [(p.actor_id, p.actor, p.stance.value) for p in ceasefire.positions] == [
        ("ana-ferreira", "Ana Ferreira", "supports"),
        ("ana-ferreira", "Ana Ferreira", "demands"),
    ]


def test_one_timeline_sorted_by_date_with_undated_last() -> None:
    merged = merge_briefings(two_article_briefings())
    assert [(e.date.iso() if e.date else None, e.source.article_id) for e in merged.events] == [
        ("2024-03-13", "a1"),
        ("2024-03-18", "a2"),
        ("2024-04-01", "a1"),
        ("2024-04", "a2"),
        (None, "a1"),
    ]


def test_topics_places_and_figures_are_combined() -> None:
    merged = merge_briefings(two_article_briefings())
    assert [t.key for t in merged.topics] == ["ceasefire", "peace_talks"]
    ceasefire = merged.topics[0]
    assert [(r.article_id, r.sentence) for r in ceasefire.sentences] == [("a1", 0), ("a2", 1)]
    [geneva] = merged.places
    assert (geneva.name, geneva.count, geneva.kind, geneva.country_code) == (
        "Geneva",
        3,
        "city",
        "CH",
    )
    assert [f.text for f in merged.figures] == ["1,200 families"]
    assert [a.id for a in merged.articles] == ["a1", "a2"]


def test_merge_is_deterministic_and_ignores_a_repeated_article() -> None:
    items = two_article_briefings()
    once = merge_briefings(items)
    assert merge_briefings(items) == once
    twice = merge_briefings([*items, items[0]])
    assert twice == once


def test_merge_of_nothing_is_an_empty_briefing() -> None:
    empty = merge_briefings([])
    assert (empty.articles, empty.actors, empty.events) == ([], [], [])


def test_a_coarse_date_follows_the_dated_events_it_covers() -> None:
    first, second = two_article_briefings()
    coarse = [
        event(ref("a2", 2), "Talks some time this year", year(2024), planned=True),
        event(ref("a2", 2), "Fighting all month", month(2024, 3)),
    ]
    merged = merge_briefings([first, second.model_copy(update={"events": coarse})])
    timeline = [format_date_value(e.date) for e in merged.events]
    # "Mar 2024" after every day of March, "2024" after every dated event of 2024.
    assert timeline == ["13 Mar 2024", "Mar 2024", "1 Apr 2024", "2024", "undated"]
