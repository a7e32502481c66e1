"""Places: the gazetteer confirms them, mislabelled towns included, people never overruled."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language
from spacy.tokens import Span

from bot.briefing.actors import find_actors
from bot.briefing.gazetteer import load_gazetteer
from bot.briefing.ingest import ArticleMeta, parse_article_text
from bot.briefing.parsed import ParsedArticle, article_text
from bot.briefing.places import PlaceIndex, find_places
from tests.conftest import SEED, parse_text


def _parse(nlp: Language, text: str) -> ParsedArticle:
    return parse_text(nlp, text, dt.date(2024, 5, 15))


def _places(nlp: Language, text: str) -> PlaceIndex:
    return find_places(_parse(nlp, text))


def _names(index: PlaceIndex) -> dict[str, int]:
    return {place.name: place.count for place in index.places}


@pytest.fixture(scope="module")
def seed_places(nlp: Language) -> PlaceIndex:
    article = parse_article_text(SEED.read_text(encoding="utf-8"))
    return find_places(ParsedArticle.from_doc(article, nlp(article_text(article))))


def test_gazetteer_knows_countries_by_short_forms_demonyms_and_capitals() -> None:
    gaz = load_gazetteer()
    us = gaz.country("U.S.")
    assert us is not None
    assert us.name == "United States"
    assert gaz.country("the US") == us
    russian = gaz.country_of_demonym("Russian")
    assert russian is not None
    assert russian.name == "Russia"
    nigerian = gaz.country_of_demonym("Nigerian")
    assert nigerian is not None
    assert nigerian.name == "Nigeria"
    moscow = gaz.country_of_capital("Moscow")
    assert moscow is not None
    assert moscow.name == "Russia"


def test_gazetteer_finds_towns_by_their_english_spelling() -> None:
    gaz = load_gazetteer()
    for name in ("Homs", "Daraa", "Hasakah", "Raqqa", "Deir ez-Zor"):
        found = gaz.lookup(name)
        assert found, name
        assert found[0].country_code == "SY", name
    assert gaz.lookup("Kerry") == ()


@pytest.mark.slow
def test_towns_the_model_mislabels_are_places(seed_places: PlaceIndex) -> None:
    places = {p.name: p for p in seed_places.places}
    for name in ("Homs", "Daraa", "Aleppo", "Hasakah", "Deir ez-Zor", "Latakia", "Raqqa"):
        assert name in places, name
        assert places[name].country_code == "SY"
        assert places[name].latitude is not None
    assert places["Aleppo"].count == 4  # "provinces of Aleppo", "Aleppo province", ...


@pytest.mark.slow
def test_countries_acting_are_not_counted_as_locations(seed_places: PlaceIndex) -> None:
    names = _names(seed_places)
    # "in Washington" twice; "Washington condemns" and "unacceptable to Washington" act.
    assert names["Washington"] == 2
    assert "United States" not in names  # the US only acts ("US officials", "the US has")
    assert names["Syria"] == 9
    acting = {(a.surface, a.country_code) for a in seed_places.acting}
    assert ("Washington", "US") in acting
    assert ("Moscow", "RU") in acting


@pytest.mark.slow
def test_place_at_maps_every_token_of_a_split_name(seed_places: PlaceIndex) -> None:
    mapped = set(seed_places.token_place.values())
    assert "Deir ez-Zor" in mapped
    assert "Deir" not in mapped


@pytest.mark.slow
def test_a_person_named_like_a_town_stays_a_person(nlp: Language) -> None:
    index = _places(
        nlp,
        "Brett McGurk, the Obama administration's envoy, met President Obama in Nairobi.\n\n"
        'Marcus Preston scored twice for Leeds on Saturday. "We deserved it," Preston said.',
    )
    names = _names(index)
    assert "Obama" not in names
    assert "Preston" not in names
    assert names.get("Nairobi") == 1


@pytest.mark.slow
def test_a_surname_is_a_place_only_where_the_text_locates_it(nlp: Language) -> None:
    index = _places(
        nlp,
        "Lucía Toledo, an entomologist, runs traps from Toledo to Cádiz.\n\n"
        "Toledo said the traps had caught mosquitoes in April.",
    )
    places = {p.name: p for p in index.places}
    assert places["Toledo"].count == 1
    assert places["Toledo"].country_code == "ES"  # the Spanish town beside Cádiz, not Ohio
    assert index.person_spans  # "Lucía Toledo" and "Toledo said" go to the actors


@pytest.mark.slow
def test_a_company_named_like_a_town_is_not_a_place(nlp: Language) -> None:
    index = _places(
        nlp,
        "Shares in Toyota rose after Toyota reported record profits. "
        "Toyota chief executive Koji Sato said demand in China had recovered.",
    )
    assert _names(index) == {"China": 1}


@pytest.mark.slow
def test_a_capital_that_only_plays_is_the_city(nlp: Language) -> None:
    index = _places(
        nlp, "Madrid will face Dortmund at Wembley on June 1. Paris condemned the plan."
    )
    assert _names(index) == {"Madrid": 1}
    assert [(a.surface, a.country_code) for a in index.acting] == [("Paris", "FR")]


@pytest.mark.slow
def test_a_country_described_by_a_copula_does_not_act(nlp: Language) -> None:
    index = _places(
        nlp,
        "Bhutan is a country of steep valleys and small farms. Tashi Dorji became a Bhutanese "
        "citizen in 2019 and now runs a guest house in the hills above the capital.",
    )
    assert not index.acting
    assert "Bhutan" in _names(index)


@pytest.mark.parametrize(
    "dateline", ["LISBON (Coastwire) -", "LISBON, Nov. 11 (Coastwire) -", "LISBON, 11 November -"]
)
def test_a_datelines_city_is_a_place_not_a_party(nlp: Language, dateline: str) -> None:
    # A capital opening the copy in capitals is where it was filed, never the subject of the
    # first sentence, with or without the day of filing.
    article = parse_article_text(
        "Port strike ends\n\n"
        f"{dateline} Dock workers said on Wednesday that they would return to work after a "
        "two-week strike over pay, ending a dispute that had stranded dozens of ships.",
        ArticleMeta(published=dt.date(2026, 11, 12)),
    )
    index = find_places(ParsedArticle.from_doc(article, nlp(article_text(article))))
    assert "Lisbon" in _names(index)
    assert index.acting == []


def test_a_datelines_city_the_gazetteer_does_not_know_is_still_a_place(nlp: Language) -> None:
    # The layout says where the copy was filed: an invented town, read by the model as anything
    # but a place, is neither an organisation nor a person; so is a later paragraph's dateline.
    article = parse_article_text(
        "Budget rejected\n\n"
        "VARNHOLT, Nov. 11 (Coastwire) - Parliament on Tuesday rejected the budget by 84 votes "
        "to 79 after the junior coalition partner voted with the opposition.\n\n"
        "KESSMIR — Farmers in the northern valley blocked two roads on Wednesday to protest "
        "against the new water rules.",
        ArticleMeta(published=dt.date(2026, 11, 12)),
    )
    parsed = ParsedArticle.from_doc(article, nlp(article_text(article)))
    places = find_places(parsed)
    assert {"Varnholt", "Kessmir"} <= set(_names(places))
    assert places.acting == []
    actors = {a.name for a in find_actors(parsed, places).actors}
    assert not {"Varnholt", "Kessmir", "VARNHOLT", "KESSMIR"} & actors


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Residents of Ashford said the river had risen overnight.", "Ashford"),
        ("Officials in Kharkiv said the shelling continued.", "Kharkiv"),
        ("Rescuers from Vigo joined the search on Sunday.", "Vigo"),
    ],
)
def test_the_people_of_a_place_locate_it(nlp: Language, text: str, town: str) -> None:
    # The model labels these towns organisations; the noun for their people places them.
    assert town in _names(_places(nlp, text))


def test_investors_in_a_company_do_not_make_it_a_place(nlp: Language) -> None:
    # Toyota is also a town the gazetteer knows; investors are not the people of a place.
    assert _names(_places(nlp, "Investors in Toyota sold their shares on Monday.")) == {}


@pytest.mark.parametrize(
    ("text", "town"),
    [
        # The model calls the first a product and leaves the second untagged.
        ("The quake struck near the coastal town of Ferrol, in northwestern Spain.", "Ferrol"),
        ("Drones struck the port of Odesa overnight, officials said.", "Odesa"),
    ],
)
def test_a_place_noun_names_a_place_whatever_the_model_tagged(
    nlp: Language, text: str, town: str
) -> None:
    assert town in _names(_places(nlp, text))


@pytest.mark.slow
def test_a_country_taken_for_a_person_is_still_the_country(nlp: Language) -> None:
    index = _places(
        nlp,
        "Rain fell across Malawi on Sunday. Malawi has sent grain to the north, Mara Quist said.",
    )
    assert [a.surface for a in index.acting] == ["Malawi"]
    assert "Malawi" in _names(index)


@pytest.mark.slow
def test_a_name_the_model_mostly_tags_a_person_is_no_place(nlp: Language) -> None:
    parsed = _parse(
        nlp,
        "The couple lost their baby daughter, Savannah, in May. Savannah fell ill in March. "
        "Savannah stopped eating, and Savannah was never seen by a doctor.",
    )
    doc = parsed.doc
    # The model's mistakes, made here on purpose: a place once, a person three times.
    named = [t.i for t in doc if t.text == "Savannah"]
    doc.ents = [
        Span(doc, i, i + 1, label="GPE" if n == 0 else "PERSON") for n, i in enumerate(named)
    ]
    index = find_places(parsed)
    assert "Savannah" not in _names(index)
    assert (named[0], named[0] + 1) in index.person_spans
