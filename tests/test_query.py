"""Looking things up in a briefing: forgiving names, facts per actor and topic, free text."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.briefing.models import ActorKind, Briefing
from bot.briefing.query import BriefingIndex, fold
from tests.helpers.briefings import actor, ref, sample_briefing


@pytest.fixture(scope="module")
def index() -> BriefingIndex:
    return BriefingIndex(
        sample_briefing(), topic_terms={"ceasefire": ["truce", "cease-fire"], "peace_talks": []}
    )


@pytest.mark.parametrize(
    "query",
    [
        "ferreira",
        "FERREIRA",
        "Ana Ferreira",
        "  ana   ferreira! ",
        "Ferreira's",
        "Ferreira’s",
        "Ána Ferréira",
        "Foreign Minister Ana Ferreira",
        "minister ferreira",
        "ana-ferreira",
        "Ferreira\u200b",
    ],
)
def test_names_match_forgivingly(index: BriefingIndex, query: str) -> None:
    match = index.find_actor(query)
    assert match.actor is not None
    assert match.actor.name == "Ana Ferreira"
    assert match.exact


@pytest.mark.parametrize(
    ("query", "name"),
    [("Ferrera", "Ana Ferreira"), ("Orlav", "Viktor Orlov"), ("Vktor", "Viktor Orlov")],
)
def test_small_typos_still_find_the_actor(index: BriefingIndex, query: str, name: str) -> None:
    match = index.find_actor(query)
    assert match.actor is not None
    assert match.actor.name == name
    assert not match.exact  # the reply can say which name it took


def test_surname_and_title_find_a_person(index: BriefingIndex) -> None:
    assert index.find_actor("orlov").actor == index.actor("viktor-orlov")
    assert index.find_actor("General Orlov").actor == index.actor("viktor-orlov")


def test_unknown_name_gets_nothing_rather_than_a_wild_guess(index: BriefingIndex) -> None:
    match = index.find_actor("Zbigniew")
    assert match.actor is None
    assert match.suggestions == ()
    assert index.find_actor("").actor is None
    assert index.find_actor("the").actor is None


def test_shared_surname_offers_both_ranked_by_salience() -> None:
    briefing = Briefing(
        actors=[
            actor("Ivan Petrov", salience=1.0, sources=[ref("a", 0)]),
            actor("Olga Petrov", salience=4.0, sources=[ref("a", 1)]),
            actor("Petrov Bank", ActorKind.ORG, salience=0.5),
        ]
    )
    index = BriefingIndex(briefing)
    match = index.find_actor("petrov")
    assert match.actor is None
    assert [a.name for a in match.suggestions] == ["Olga Petrov", "Ivan Petrov"]
    assert index.find_actor("olga petrov").actor == briefing.actors[1]
    near = index.find_actor("Petrovna")  # close to both: suggest, do not pick
    assert near.actor is None
    assert {a.name for a in near.suggestions} >= {"Olga Petrov", "Ivan Petrov"}


def test_ranked_actors_put_the_most_central_first(index: BriefingIndex) -> None:
    assert [a.name for a in index.ranked_actors()] == [
        "Ana Ferreira",
        "Viktor Orlov",
        "Northern Alliance",
        "Valdoria",
    ]


def test_facts_per_actor(index: BriefingIndex) -> None:
    assert [q.text for q in index.quotes_by("viktor-orlov")] == ["he was open to talks"]
    assert [e.summary for e in index.events_for_actor("viktor-orlov")] == [
        "Orlov rejected the ceasefire proposal",
        "Orlov said he was open to talks",
    ]
    assert index.quotes_by("nobody") == []
    assert index.events_for_actor("nobody") == []


def test_facts_per_topic(index: BriefingIndex) -> None:
    assert [e.summary for e in index.events_for_topic("ceasefire")] == [
        "Orlov rejected the ceasefire proposal",
        "A ceasefire would start",
    ]
    assert [q.text for q in index.quotes_for_topic("ceasefire")] == ["the truce must hold"]
    assert [q.text for q in index.quotes_for_topic("peace_talks")] == ["he was open to talks"]
    topic = index.topic("peace_talks")
    assert topic is not None
    assert topic.label == "Peace talks"
    assert index.topic("missing") is None
    assert index.events_for_topic("missing") == []


def test_sentences_and_articles(index: BriefingIndex) -> None:
    assert index.sentence(ref("a2", 1)) == "Foreign Minister Ferreira welcomed the move."
    assert index.sentence(ref("a2", 99)) == ""
    assert index.sentence(ref("gone", 0)) == ""
    article = index.article("a1")
    assert article is not None
    assert article.published == dt.date(2024, 3, 14)
    assert index.article("gone") is None
    assert [a.id for a in index.latest_articles()] == ["a2", "a1"]


def test_events_since_new_articles(index: BriefingIndex) -> None:
    assert [e.summary for e in index.events_since({"a2"})] == [
        "Orlov said he was open to talks",
        "Talks planned in Geneva",
    ]
    assert index.events_since([]) == []


def test_upcoming_events_keep_periods_until_they_end(index: BriefingIndex) -> None:
    upcoming = index.upcoming_events(dt.date(2024, 3, 21))
    assert [e.summary for e in upcoming] == ["A ceasefire would start", "Talks planned in Geneva"]
    # "in April" is still ahead on 2 April; the 1 April start is not.
    assert [e.summary for e in index.upcoming_events(dt.date(2024, 4, 2))] == [
        "Talks planned in Geneva"
    ]
    assert index.upcoming_events(dt.date(2024, 5, 1)) == []


def test_search_finds_actors_topics_and_places(index: BriefingIndex) -> None:
    result = index.search("What did Orlov say about the ceasefire in Geneva?")
    assert [a.name for a in result.actors] == ["Viktor Orlov"]
    assert [t.key for t in result.topics] == ["ceasefire"]
    assert [p.name for p in result.places] == ["Geneva"]


def test_search_uses_topic_labels_and_terms(index: BriefingIndex) -> None:
    assert [t.key for t in index.search("any news on the peace talks").topics] == ["peace_talks"]
    assert [t.key for t in index.search("is the truce holding").topics] == ["ceasefire"]
    assert [t.key for t in index.search("peace_talks").topics] == ["peace_talks"]


def test_search_ignores_function_words_but_knows_acronyms() -> None:
    us = actor("United States", ActorKind.COUNTRY, aliases=["US"])
    index = BriefingIndex(Briefing(actors=[us]))
    assert index.search("tell us about it").empty
    assert index.search("what does the US want").actors == (us,)
    assert index.find_actor("the US").actor == us
    assert index.find_actor("us").actor == us


def test_a_role_names_its_holder(index: BriefingIndex) -> None:
    match = index.find_actor("the Foreign Minister")
    assert match.actor == index.actor("ana-ferreira")
    assert match.exact


def test_search_with_nothing_known_is_empty(index: BriefingIndex) -> None:
    assert index.search("hello there").empty
    assert index.search("").empty


def test_fold_normalises_case_accents_possessives_and_punctuation() -> None:
    assert fold("  Ána  FERRÉIRA’s! ") == "ana ferreira"
    assert fold("al-Assad") == "al assad"
    assert fold("\u200bZero\u200dwidth") == "zerowidth"
