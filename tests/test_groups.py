"""Groups named by what they are ("food inspectors said"): actors when they are a party."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from bot.briefing.actors import ActorIndex, find_actors
from bot.briefing.models import Actor, ActorKind
from bot.briefing.places import find_places
from bot.briefing.quotes import find_quotes
from bot.briefing.timeline import find_dates
from tests.conftest import parse_text

pytestmark = pytest.mark.slow


def _groups(nlp: Language, text: str) -> list[Actor]:
    parsed = parse_text(nlp, text, dt.date(2024, 5, 15))
    index: ActorIndex = find_actors(parsed, find_places(parsed))
    return [actor for actor in index.actors if actor.kind is ActorKind.GROUP]


def test_a_group_that_acts_and_speaks_is_one_actor_under_its_fullest_name(nlp: Language) -> None:
    text = (
        "On Tuesday, food inspectors said the flour was contaminated.\n\n"
        "The inspectors closed three bakeries in the town last week and seized their stock. "
        "Inspectors later found mould in a fourth bakery, and the inspectors said the "
        "bakeries would stay shut."
    )
    groups = _groups(nlp, text)
    assert [g.name for g in groups] == ["food inspectors"]
    assert {"food inspectors", "inspectors", "Inspectors"} <= set(groups[0].aliases)
    assert groups[0].mentions == 4
    parsed = parse_text(nlp, text, dt.date(2024, 5, 15))
    quotes = find_quotes(parsed, find_actors(parsed, find_places(parsed)), find_dates(parsed))
    said = next(q for q in quotes if "contaminated" in q.text)
    assert said.speaker == "food inspectors"
    # The bare noun speaks for the group it names.
    shut = next(q for q in quotes if "stay shut" in q.text)
    assert shut.speaker == "food inspectors"


def test_counted_people_and_habits_are_no_party(nlp: Language) -> None:
    counted = (
        "Many residents left the town on Friday. Some residents stayed behind.\n\n"
        "Several residents returned on Sunday. "
        "Three farmers lost their cattle, and several farmers sold their land."
    )
    habits = (
        "In the valley, farmers grow barley. Each autumn farmers sell it at the market. "
        "In winter farmers keep a share."
    )
    assert _groups(nlp, counted) == []
    assert _groups(nlp, habits) == []


def test_people_of_a_named_body_or_person_are_that_actor_not_a_group(nlp: Language) -> None:
    members = (
        "Engineers at Corvane Motors designed the new engine last year.\n\n"
        "In March, engineers at Corvane Motors rebuilt it. "
        "The engineers tested it in March, said Lena Holt, the company's chief engineer."
    )
    relatives = (
        "Ada Brunn was charged on Monday. Her lawyers appealed, and her lawyers won. "
        "Later her lawyers said the ruling was fair."
    )
    named = (
        "Corvane engineers built the prototype in May. On Monday, Corvane engineers tested it, "
        "and Corvane engineers said it was ready."
    )
    assert _groups(nlp, members) == []
    assert _groups(nlp, named) == []
    assert _groups(nlp, relatives) == []


def test_unqualified_officials_are_unnamed_and_qualified_ones_a_group(nlp: Language) -> None:
    bare = (
        "On Monday, officials closed the port. On Friday, officials reopened it. "
        "Later, officials said it was safe."
    )
    qualified = (
        "On Monday, port officials closed the harbour. The officials reopened it on Friday, "
        "and the officials said it was safe."
    )
    assert _groups(nlp, bare) == []
    assert [g.name for g in _groups(nlp, qualified)] == ["port officials"]


def _bodies(nlp: Language, text: str) -> list[str]:
    parsed = parse_text(nlp, text, dt.date(2024, 5, 15))
    index = find_actors(parsed, find_places(parsed))
    return [actor.name for actor in index.actors if actor.kind is ActorKind.ORG]


def test_a_government_set_apart_by_its_stage_is_a_body(nlp: Language) -> None:
    staged = (
        "The interim government postponed the vote, and donors sent aid to the interim government."
    )
    parsed = parse_text(nlp, staged, dt.date(2024, 5, 15))
    bodies = [a for a in find_actors(parsed, find_places(parsed)).actors if a.kind is ActorKind.ORG]
    assert [(b.name, b.mentions) for b in bodies] == [("interim government", 2)]
    assert _bodies(nlp, "The government postponed the vote on Tuesday.") == []


def test_a_body_named_by_its_level_and_remit_speaks(nlp: Language) -> None:
    text = "The provincial disaster agency said on Monday that 40 homes were destroyed."
    assert _bodies(nlp, text) == ["provincial disaster agency"]
    assert _bodies(nlp, "The new agency said on Monday that the roads were open.") == []


def test_a_camp_described_by_its_cause_is_a_group_and_a_camp_as_a_place_is_not(
    nlp: Language,
) -> None:
    side = (
        "The reformist camp won a majority in the assembly on Sunday.\n\n"
        "Other winners were reformist camp's Ada Lin and Bo Chan of the Green League."
    )
    place = "Aid reached the refugee camp on Monday. The refugee camp holds 20,000 people."
    assert [(g.name, g.mentions) for g in _groups(nlp, side)] == [("reformist camp", 2)]
    assert _groups(nlp, place) == []
