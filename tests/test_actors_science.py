"""Actors in science, space and technology copy: craft, instruments, missions, bodies in the sky
and journals are no parties; the agencies, companies and scientists are (issue #11). Every
sentence here is invented, with invented craft, bodies and people."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.briefing.models import ActorKind
from tests.test_actors import _by_name, _read

pytestmark = pytest.mark.slow


def test_a_one_word_name_before_the_craft_it_names_is_the_craft(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "In May, the Pellow orbiter ended its mission after nine years around the planet. "
        "Dr Oona Vance, Pellow's flight director, said the craft had done its work.\n\n"
        "The software was tried on the Quill robot, a machine sold by Marrick Dynamics. "
        "Quill climbed the slope twice, Marrick Dynamics said.",
    )
    actors = _by_name(index)
    assert "Pellow" not in actors
    assert "Quill" not in actors
    assert {"Oona Vance", "Marrick Dynamics"} <= set(actors)
    # A maker's name before one of its vehicles stays a party: "a" tells one of many.
    _, index = _read(
        nlp,
        "Police said a Dorrant truck hit the barrier. Dorrant said its drivers were safe.",
    )
    assert "Dorrant" in _by_name(index)


def test_an_instrument_a_mission_and_an_untagged_telescopes_short_name_are_things(
    nlp: Language,
) -> None:
    _, index = _read(
        nlp,
        "Astronomers using the Saltmarsh Space Telescope found carbon dioxide around a young "
        "star. The team used Saltmarsh's infrared spectrograph, Gannet, to split the light. "
        "Saltmarsh, launched in 2019, is run by the Boreal Space Agency.\n\n"
        "The launch of the Ostrava mission has been delayed, the agency's director, Ines "
        "Kallio, said on Monday.",
    )
    actors = _by_name(index)
    assert not {"Saltmarsh", "Gannet", "Ostrava"} & set(actors)
    assert {"Boreal Space Agency", "Ines Kallio"} <= set(actors)


def test_a_moon_the_text_names_is_a_body_in_the_sky_wherever_it_stands(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The probe will fly past Neptune's frozen moon Veltra in 2034, the agency said.\n\n"
        "Veltra is thought to hide an ocean under its ice, said Amos Feld, a planetary "
        "scientist at Harwick University.",
    )
    actors = _by_name(index)
    assert "Veltra" not in actors
    assert "Amos Feld" in actors


def test_the_sun_and_the_big_bang_are_no_bodies_but_a_namesake_that_speaks_is(
    nlp: Language,
) -> None:
    _, index = _read(
        nlp,
        "A storm on the Sun hurled particles at the planet on Tuesday, forecaster Lia Brandt "
        "said. The galaxy formed 400 million years after the Big Bang.",
    )
    actors = _by_name(index)
    assert not {"Sun", "Big Bang"} & set(actors)
    assert "Lia Brandt" in actors
    _, index = _read(
        nlp,
        "Mars said on Tuesday it would close two chocolate factories, cutting 300 jobs.",
    )
    assert "Mars" in _by_name(index)


def test_a_journal_cited_for_a_study_is_a_source_not_a_party(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The findings, by researchers at Corran University, were published on Thursday in the "
        "journal Lunar Letters.",
    )
    actors = _by_name(index)
    assert "Lunar Letters" not in actors
    assert "Corran University" in actors


def test_an_untagged_name_an_apposition_calls_a_scientist_is_a_person(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The rover also carried a small helicopter, Wisp, which flew ahead to scout the route. "
        "The helicopter went silent on Sunday after its fiftieth flight, and engineers at the "
        "agency's Brackwater Propulsion Laboratory are trying to reach it.\n\n"
        "Tomas Reinholt, a planetary geologist at the University of Lisk who was not involved "
        'in the mission, said the find was "exactly what we hoped a crater like this would '
        'hold".',
    )
    actors = _by_name(index)
    assert actors["Tomas Reinholt"].kind is ActorKind.PERSON
    assert actors["Tomas Reinholt"].role is not None
    assert "planetary geologist" in actors["Tomas Reinholt"].role


def test_a_hyphened_title_keeps_its_prefix(nlp: Language) -> None:
    _, index = _read(
        nlp,
        '"We cannot build them fast enough," said Fieldwing co-founder Amara Cole.\n\n'
        "Tern Foods vice-chair Osric Pell said the plan would work.",
    )
    actors = _by_name(index)
    assert actors["Amara Cole"].role == "co-founder"
    assert actors["Osric Pell"].role is not None
    assert actors["Osric Pell"].role.endswith("vice-chair")


def test_a_place_cut_off_a_bodys_name_after_of_is_no_person(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Sofia Lindqvist, a cosmologist at the Royal Observatory of Brennholm who was not part "
        'of the team, said the finding should be treated with caution. "Distances this large '
        'are hard to measure," she said.',
    )
    actors = _by_name(index)
    assert "Brennholm" not in actors
    assert actors["Sofia Lindqvist"].role is not None


def test_a_name_before_a_product_its_maker_owns_is_the_product(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Quillon Software has withdrawn version 12.4 of its Harbor operating system after "
        "users reported that their tablets froze, the company said on Tuesday. The freeze "
        "hit tablets made by Larkfield Electronics, which uses Harbor on most of its models.",
    )
    actors = _by_name(index)
    assert "Harbor" not in actors
    assert "Larkfield Electronics" in actors


def test_a_cargo_freighters_name_is_the_craft(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The Drayhorse freighter, launched on Friday aboard a Vireo 3 rocket, docked with the "
        "station on Sunday, the Eastern Space Administration said.",
    )
    actors = _by_name(index)
    assert "Drayhorse" not in actors
    assert "Eastern Space Administration" in actors
