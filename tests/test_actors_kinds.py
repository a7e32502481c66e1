"""Kinds of actors and merges on shapes met in real business, sport, court and culture copy.
Every sentence here is invented."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.briefing.models import ActorKind
from tests.test_actors import _by_name, _read

pytestmark = pytest.mark.slow


def test_a_stock_market_gauge_is_no_body_even_where_it_falls(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Stocks slipped on Tuesday. The Harlow Kent industrial average fell 40 points, and "
        "the Kelso composite lost 0.3 percent. Tern Mobile dragged the market lower after a "
        "profit warning. The broader Kelso Composite ended flat.",
    )
    actors = _by_name(index)
    assert "Kelso" not in actors
    assert "Kelso Composite" not in actors
    assert actors["Tern Mobile"].kind is ActorKind.ORG


def test_a_name_listed_among_companies_is_a_company(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Shares in Kestrel Foods, Orla Brandt and Tern Mobile rose on Monday. Kestrel Foods and "
        "Ferris Tolle both posted results late in the day. The coach, Ivo Marsh, praised Dana "
        "Quill and Tomas Reyes for their play.",
    )
    actors = _by_name(index)
    assert actors["Orla Brandt"].kind is ActorKind.ORG
    assert actors["Ferris Tolle"].kind is ActorKind.ORG
    assert actors["Dana Quill"].kind is ActorKind.PERSON
    assert actors["Tomas Reyes"].kind is ActorKind.PERSON


def test_people_listed_with_the_bodies_they_belong_to_stay_people(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Ward vote\n\nIn the ward vote, Ivo Reyes of the Tern League and Dana Quill of VFP "
        "lost their seats. Winners included two newcomers from the green camp, Mira Osk and "
        "Harbourline's Sana Veld.",
    )
    actors = _by_name(index)
    for name in ("Dana Quill", "Mira Osk"):
        assert actors[name].kind is ActorKind.PERSON, name


def test_a_trade_opening_a_sentence_is_the_role_not_the_first_name(nlp: Language) -> None:
    _, index = _read(
        nlp,
        'Town marks its jubilee\n\nThe town marked its jubilee on Tuesday. "We were '
        'ignored," Maren Tolle said. Novelist Ivo Brandt Kessel agreed. Historian Dana Quill '
        "said the town had changed. Oliver Dane Marsh, who runs the bakery, said trade was "
        "slow.",
    )
    actors = _by_name(index)
    assert actors["Dana Quill"].role == "Historian"
    assert actors["Ivo Brandt Kessel"].role == "Novelist"
    assert "Oliver Dane Marsh" in actors


def test_professor_written_out_is_a_post_that_a_stated_one_outranks(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Professor Ivo Varga said the ruling came too late. Varga said it hurt families. "
        "Professor Mara Quist, director of the Tern Survey, said the risk was low.",
    )
    actors = _by_name(index)
    assert actors["Ivo Varga"].role == "Professor"
    assert actors["Mara Quist"].role == "director of the Tern Survey"


def test_a_given_name_and_its_short_form_are_one_person(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Council budget\n\nRobert Kessel, the council treasurer, said the budget was safe. Bob "
        "Kessel has led the office since 2019. Kessel said taxes would not rise. Dana Marsh "
        "and Danny Marsh both spoke.",
    )
    actors = _by_name(index)
    assert "Bob Kessel" not in actors
    assert "Bob Kessel" in actors["Robert Kessel"].aliases
    assert {"Dana Marsh", "Danny Marsh"} <= set(actors)


def test_a_capitalised_post_without_a_person_is_no_body(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Trust names director\n\nThe Vessa Trust said on Monday that Maren Tolle would lead it. "
        "The choice was approved by the Harbour Board Chair and the Vessa Trust Advisor. Tolle "
        "will start in May.",
    )
    actors = _by_name(index)
    assert "Harbour Board Chair" not in actors
    assert "Vessa Trust Advisor" not in actors
    assert {"Vessa Trust", "Maren Tolle"} <= set(actors)


def test_what_an_office_is_of_is_a_body_and_the_office_no_actor(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Trust names board\n\nThe Vessa Trust named three trustees on Monday. Ivo Marsh, "
        "formerly the Board Chair of Kelda Holt, is the deputy head of a bank. Dana Quill, the "
        "president of Orla Brandt, joins too. Marsh said the work was urgent.",
    )
    actors = _by_name(index)
    assert "Board Chair of Kelda Holt" not in actors
    assert "Orla Brandt" not in actors or actors["Orla Brandt"].kind is ActorKind.ORG
    assert {"Ivo Marsh", "Dana Quill", "Vessa Trust"} <= set(actors)


def test_an_abbreviation_keeps_the_letters_of_a_dotted_one_in_the_name(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Farm aid\n\nThe U.S. Department of Farming announced a new loan program on Monday. "
        "Secretary Ivo Marsh said the USDF would help small farms. The USDF said the money "
        "would flow in May.",
    )
    actors = _by_name(index)
    assert "USDF" not in actors
    assert "USDF" in actors["U.S. Department of Farming"].aliases


def test_an_honour_is_no_body(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Rower honoured\n\nThe town council will hand the Vessa Medal of Merit to rower Dana "
        "Quill in June, the mayor, Ivo Marsh, said on Monday. Quill also holds the Harlow Prize "
        "for Courage. The Vessa Rowing Club said it was proud.",
    )
    actors = _by_name(index)
    assert "Vessa Medal" not in actors
    assert {"Dana Quill", "Vessa Rowing Club"} <= set(actors)


def test_a_full_name_before_a_squads_post_and_its_holder_is_the_team(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Cup tie\n\nKelso Harriers have won their last four games. Harriers, who sacked their "
        "manager in May, face Dunmore Hotspur on Saturday. Dunmore Hotspur coach Ivo Marsh said "
        "his players were ready. Tennis star Ann Lindqvist's coach, Pavel Renn, said she was "
        "fit.",
    )
    actors = _by_name(index)
    assert actors["Dunmore Hotspur"].kind is ActorKind.ORG
    assert actors["Ann Lindqvist"].kind is ActorKind.PERSON


def test_a_holiday_is_no_actor(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Court ruling\n\nThe Harlan administration said on Monday it would appeal. Officials "
        "said the offices would close for the break and reopen after Easter. Maren Tolle said "
        "the town had been ignored.",
    )
    actors = _by_name(index)
    assert "Easter" not in actors
    assert "Maren Tolle" in actors


def test_a_name_sharing_a_plural_title_with_a_person_is_a_person(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Court ruling\n\nThe Harlan administration said on Monday it would appeal. Justices "
        "Mara Quist and Ivo Varga dissented, and the Justices sent the case back.",
    )
    actors = _by_name(index)
    assert actors["Mara Quist"].kind is ActorKind.PERSON
    assert actors["Ivo Varga"].kind is ActorKind.PERSON


def test_a_persons_administration_is_a_body_not_the_person(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Trade row\n\nPresident Ivo Harlan said on Monday that tariffs would rise. The Harlan "
        "administration also said it would appeal the ruling. Critics said the Harlan "
        "administration had ignored farmers. Harlan spoke in Vessa.",
    )
    actors = _by_name(index)
    assert actors["Harlan administration"].kind is ActorKind.ORG
    assert "Harlan administration" not in actors["Ivo Harlan"].aliases


def test_a_list_of_bodies_after_from_and_a_surname_taken_for_a_body(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Market week\n\nResults are due this week from Kestrel Foods, Orla Brandt, Delmar "
        "Systems and Quill. Shares rose on Monday.",
    )
    assert "Orla Brandt" not in _by_name(index) or (
        _by_name(index)["Orla Brandt"].kind is ActorKind.ORG
    )
    _, index = _read(
        nlp,
        "Guards charged\n\nHARBOURTON -- Prosecutor Ola Brekke on Monday filed seven counts "
        "against Jarrett Lunde, the jail guard seen striking an inmate in May. Search orders "
        "were signed for Lunde and Kevan Tarrow, the other guard on the shift. Tarrow is on "
        "leave.",
    )
    assert _by_name(index)["Kevan Tarrow"].kind is ActorKind.PERSON


def test_a_bodys_office_run_into_a_name_is_the_persons_role(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Harbour trust picks director\n\nA notice signed by Vessamedia Board Chair Ilse "
        "Varnhagen says Ivo Marsh will run the trust from June. Five trustees backed him, among "
        "them Dana Quill and Varnhagen.",
    )
    actors = _by_name(index)
    assert actors["Ilse Varnhagen"].kind is ActorKind.PERSON
    assert actors["Ilse Varnhagen"].role == "Vessamedia Board Chair"
    assert "Varnhagen" in actors["Ilse Varnhagen"].aliases
