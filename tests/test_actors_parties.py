"""Actors: who is a party to the story, and who is only named in passing (GOLD.md, Actors)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.briefing.actors import non_actors
from bot.briefing.actors.reading import Mention, Reading
from bot.briefing.models import ActorKind
from bot.briefing.places import find_places
from bot.briefing.roles import is_person_noun
from tests.conftest import parse_text
from tests.test_actors import _by_name, _read

pytestmark = pytest.mark.slow


def test_a_yardstick_or_a_piece_of_history_is_not_a_party(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Farmers in the valley said the drought was the worst since the 1976 war with "
        "Portugal. Professor Ann Kell says bakers could fix the problem by adding folate to "
        "flour in line with Finland. Sales were up 4 percent compared with Denmark, the Tern "
        "Dairy Board said on Monday. Chile signed the accord on Tuesday.",
    )
    actors = _by_name(index)
    assert not {"Portugal", "Finland", "Denmark"} & set(actors)
    assert {"Ann Kell", "Tern Dairy Board", "Chile"} <= set(actors)


def test_a_body_only_compared_with_is_not_a_party(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The union said the strike was the biggest since the 1990 dispute with Tern Steel "
        "Group. Union leader Ola Brekke said workers would not give in. The Vardel Rail Union "
        "said talks had failed.",
    )
    actors = _by_name(index)
    assert "Tern Steel Group" not in actors
    assert {"Ola Brekke", "Vardel Rail Union"} <= set(actors)


def test_what_a_copula_describes_the_effects_of_is_not_a_party(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The main effects of KSD are fatigue and fever, Dr. Ines Marr said. Marr said cases "
        "were falling. Researchers from the Vardel Institute said the cases had peaked.",
    )
    actors = _by_name(index)
    assert "KSD" not in actors
    # A body whose people act stays a party.
    assert {"Ines Marr", "Vardel Institute"} <= set(actors)


def test_a_named_persons_employer_or_past_is_background(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Dr. Amara Voss, a researcher at the Karolinska Institute, said the results were "
        "promising. Ann Lee, an economist with the Vardel Bank, said rates would rise. Mark "
        "Jones, a former Goldman Sachs banker, now runs a charity.",
    )
    actors = _by_name(index)
    assert not {"Karolinska Institute", "Vardel Bank", "Goldman Sachs"} & set(actors)
    assert {"Amara Voss", "Ann Lee", "Mark Jones"} <= set(actors)


def test_a_body_acting_through_its_people_or_officer_is_a_party(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Researchers at the Tern Institute said the drug worked. Tern Foods chief executive "
        "Ann Lee said the firm would cut 200 jobs.",
    )
    assert {"Tern Institute", "Tern Foods", "Ann Lee"} <= set(_by_name(index))


def test_a_bodys_name_without_its_country_in_front_is_the_same_body(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The Norwegian Water Directorate will begin sending letters to 5,000 farmers. The Water "
        "Directorate said the letters would speed up decisions. The Dutch Fisheries Authority "
        "closed the bay. The Fisheries Authority said stocks had collapsed. The Austrian "
        "Treasury sold the bonds on Monday. The Treasury said demand was strong.",
    )
    actors = _by_name(index)
    assert "Treasury" in actors["Austrian Treasury"].aliases
    assert "Water Directorate" in actors["Norwegian Water Directorate"].aliases
    assert "Fisheries Authority" in actors["Dutch Fisheries Authority"].aliases
    assert not {"Water Directorate", "Fisheries Authority"} & set(actors)


def test_a_things_noun_ending_like_an_occupation_is_no_person(nlp: Language) -> None:
    doc = nlp("The driver and the chemist tested a new browser, a variant and an agreement.")
    people = {t.text for t in doc if is_person_noun(t)}
    assert people == {"driver", "chemist"}


def test_a_name_labelling_a_variant_is_not_an_actor(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The fast-spreading Kessler variant closed schools in the north, doctors said. Dr. "
        "Ines Marr said the Kessler variant was mild.",
    )
    names = {alias for actor in index.actors for alias in actor.aliases}
    assert "Kessler" not in names
    assert "Ines Marr" in names


def test_a_person_a_law_or_an_airport_is_named_after_is_not_a_party(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Flights from Ann Lee International Airport were delayed on Sunday. Spokesman Dan "
        "Pruitt said 40 flights were cancelled. His colleague Ivo Brandt said Holt's Law was "
        "his best work.",
    )
    actors = _by_name(index)
    assert not {"Ann Lee", "Ann Lee International Airport", "Holt", "Law"} & set(actors)
    assert "Dan Pruitt" in actors


def test_a_name_with_a_number_is_a_model_or_a_mission(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Kestrel 4 will carry three astronauts, the Vardel Space Agency said. Agency chief Ola "
        "Brekke said Kestrel 4 would launch in May. Marlin 3 reached orbit on Tuesday, the "
        "company said. Lia Park said Marlin 3 was working well.",
    )
    actors = _by_name(index)
    assert not {"Kestrel 4", "Marlin 3"} & set(actors)
    assert {"Vardel Space Agency", "Ola Brekke", "Lia Park"} <= set(actors)


def test_who_a_work_is_by_or_of_is_named_in_passing(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The radio played a song by Marco Delane. Lia Park, the curator, said the museum had bought "
        "a portrait of Lena Fennick in 1950. A friend of the late Sofia Marchetti said the singer "
        "had been ill. The arrest of Ivo Brandt angered his supporters.",
    )
    names = {alias for actor in index.actors for alias in actor.aliases}
    assert not {"Marco Delane", "Lena Fennick", "Sofia Marchetti"} & names
    # Someone an act is done to is a party.
    assert {"Lia Park", "Ivo Brandt"} <= names


def test_a_name_set_beside_a_works_noun_is_the_work(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The song, Blue Harbour, topped the charts for six weeks. The new album, Tern Lights, "
        "sold 2 million copies. Singer Mira Holt said she was proud.",
    )
    actors = _by_name(index)
    assert not {"Blue Harbour", "Tern Lights"} & set(actors)
    assert "Mira Holt" in actors


def test_an_office_held_in_a_bodys_name_is_the_actor(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The UN High Commissioner for Fisheries said the bay was overfished. The Tern Alliance "
        "Secretary General said the summit would go ahead. The Tern Alliance said members had "
        "agreed. UN Secretary-General Ann Lee called for a ceasefire.",
    )
    actors = _by_name(index)
    assert {
        "UN High Commissioner for Fisheries",
        "Tern Alliance Secretary General",
        "Tern Alliance",
        "Ann Lee",
    } <= set(actors)
    # A title a person holds is no office of its own.
    assert not any(name.startswith("UN Secretary") for name in actors)


def test_a_title_set_beside_its_holder_is_no_office(nlp: Language) -> None:
    _, index = _read(nlp, "Ivo Brandt, UN Special Envoy\n\nThe envoy said talks would resume.")
    assert not any("Envoy" in actor.name for actor in index.actors)


def test_a_newsroom_told_what_someone_says_is_a_source(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Mira Holt told KTVX that the count was unfair. Ola Brekke told the Tern Election "
        "Committee that the count was fair. Ivo Brandt will appeal, the Associated Press "
        "reported. The minister told Congress that the plan would work.",
    )
    actors = _by_name(index)
    assert not {"KTVX", "Associated Press"} & set(actors)
    # A body told something is a party to it.
    assert {"Tern Election Committee", "Congress"} <= set(actors)


def test_a_name_owned_as_a_vehicle_is_the_craft_not_a_party(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The space agency's Kestrel helicopter made its last flight in May. Kestrel flew 40 "
        "times before a blade broke. Engineer Lia Park said the team was proud. A Tern Motors "
        "truck hit the barrier on Monday. Tern Motors said it would investigate.",
    )
    actors = _by_name(index)
    assert "Kestrel" not in actors
    # A maker named before its vehicle is still a party.
    assert {"Lia Park", "Tern Motors"} <= set(actors)


def test_a_planet_the_text_names_as_one_is_not_a_party(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The probe flew past the planet Zorvex. Scientist Ola Brekke said Zorvex was the "
        "hardest target.",
    )
    actors = _by_name(index)
    assert "Zorvex" not in actors
    assert "Ola Brekke" in actors


def _country_kept(nlp: Language, text: str, country: str) -> bool:
    """Whether the non-party rules keep a country draft claimed at every word naming it."""
    parsed = parse_text(nlp, text)
    reading = Reading(parsed, find_places(parsed))
    entry = reading.gaz.country(country)
    assert entry is not None
    draft = reading.country_draft(entry)
    for token in parsed.doc:
        if token.text == country:
            reading.claim(draft, Mention(token.i, token.i + 1, token.i, token.text))
    non_actors.drop_non_parties(reading)
    return draft.key in reading.drafts


def test_a_country_named_in_two_sentences_only_as_a_place_is_in_passing(nlp: Language) -> None:
    assert not _country_kept(
        nlp,
        "Ola Brekke was born in a small town in Chile. He later moved to a village in Chile. "
        "Peru signed the accord on Tuesday.",
        "Chile",
    )
    assert _country_kept(
        nlp,
        "Ola Brekke was born in a small town in Chile. Chile signed the accord on Tuesday.",
        "Chile",
    )


def test_a_name_a_thing_is_said_to_be_is_the_thing(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Doctors are worried about the fast-spreading Kappa variant. The two most worrying "
        "variants now are Zeta and Kappa, Dr. Ines Marr said. The winners this year are Ivo "
        "Brandt and Ola Brekke, the jury said.",
    )
    names = {alias for actor in index.actors for alias in actor.aliases}
    assert not {"Zeta", "Kappa"} & names
    # What people are said to be keeps them people.
    assert {"Ines Marr", "Ola Brekke"} <= names


def test_a_name_spoken_of_as_he_or_she_is_a_person_whatever_its_tag(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Like Ivo Brandt before him, he refused the award. Mira Holt said he was modest. Tern "
        "Mills said it would close the plant.",
    )
    actors = _by_name(index)
    assert actors["Mira Holt"].kind is ActorKind.PERSON
    assert actors["Tern Mills"].kind is ActorKind.ORG


def test_a_name_under_a_persons_title_is_a_person_whatever_its_tag(nlp: Language) -> None:
    # The model tags this invented name an organisation; the title in front says otherwise.
    _, index = _read(
        nlp,
        "Chief executive Helena Brandt apologised to customers. Tern Mills said it would "
        "close the plant.",
    )
    actors = _by_name(index)
    assert actors["Helena Brandt"].kind is ActorKind.PERSON
    assert actors["Helena Brandt"].role == "Chief executive"
    assert actors["Tern Mills"].kind is ActorKind.ORG


def test_a_country_only_owning_a_passing_thing_is_in_passing(nlp: Language) -> None:
    assert not _country_kept(
        nlp,
        "Ola Brekke became the youngest mayor in Chile's history. Peru signed the accord.",
        "Chile",
    )
    # What it owns may be part of a party: "the head of Chile's vaccine effort said".
    assert _country_kept(
        nlp,
        "The head of Chile's vaccine effort said the shots were safe. Peru signed the accord.",
        "Chile",
    )
