"""Actors: merged across mentions, with the roles the text gives them, ranked by salience."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language
from spacy.tokens import Span

from bot.briefing.actors import ActorIndex, find_actors, slug
from bot.briefing.actors.mentions import through_hyphens
from bot.briefing.ingest import parse_article_text
from bot.briefing.models import Actor, ActorKind
from bot.briefing.parsed import ParsedArticle, article_text
from bot.briefing.places import find_places
from tests.conftest import SEED, parse_text


def _read(nlp: Language, text: str) -> tuple[ParsedArticle, ActorIndex]:
    parsed = parse_text(nlp, text, dt.date(2024, 5, 15))
    return parsed, find_actors(parsed, find_places(parsed))


def _by_name(index: ActorIndex) -> dict[str, Actor]:
    return {actor.name: actor for actor in index.actors}


def _token(parsed: ParsedArticle, text: str, after: str) -> int:
    """The index of the first token `text` after the first occurrence of `after`."""
    doc = parsed.doc
    start = next(t.i for t in doc if t.text == after)
    return next(t.i for t in doc[start:] if t.text == text)


@pytest.fixture(scope="module")
def seed(nlp: Language) -> tuple[ParsedArticle, ActorIndex]:
    article = parse_article_text(SEED.read_text(encoding="utf-8"))
    parsed = ParsedArticle.from_doc(article, nlp(article_text(article)))
    return parsed, find_actors(parsed, find_places(parsed))


def test_slug_is_stable_and_ascii() -> None:
    assert slug("John Kerry") == "john-kerry"
    assert slug("Lucía Toledo") == "lucia-toledo"
    assert slug("Russia's defence ministry") == "russia-s-defence-ministry"


@pytest.mark.slow
def test_seed_people_are_merged_with_their_roles(seed: tuple[ParsedArticle, ActorIndex]) -> None:
    actors = _by_name(seed[1])
    kerry = actors["John Kerry"]
    assert kerry.kind is ActorKind.PERSON
    assert {"Kerry", "John Kerry"} <= set(kerry.aliases)
    assert kerry.role == "US Secretary of State"
    assert kerry.affiliation == "United States"
    assert kerry.mentions == 4
    assert actors["Ash Carter"].role == "US Defence Secretary"
    assert actors["Igor Konasshenkov"].role == "Russian defence ministry spokesman"
    assert actors["Igor Konasshenkov"].affiliation == "Russian defence ministry"
    mcgurk = actors["Brett McGurk"].role
    assert mcgurk == "the Obama administration's point-man for defeating IS"
    # The description in one sentence is the speaker named in the next.
    assert actors["Eliot Engel"].role == "the panel's top Democrat"
    assert not [name for name in actors if name in {"Kerry", "Carter", "McGurk", "Engel"}]


@pytest.mark.slow
def test_seed_countries_absorb_their_metonyms(seed: tuple[ParsedArticle, ActorIndex]) -> None:
    actors = _by_name(seed[1])
    us = actors["United States"]
    assert us.kind is ActorKind.COUNTRY
    assert {"US", "Washington", "American"} <= set(us.aliases)
    russia = actors["Russia"]
    assert {"Moscow", "Kremlin", "Russian"} <= set(russia.aliases)
    assert "Syrian regime" in actors["Syria"].aliases  # a government is its country
    ministry = actors["Russian defence ministry"]
    assert ministry.kind is ActorKind.ORG
    assert ministry.affiliation == "Russia"
    assert "Russia's defence ministry" in ministry.aliases


@pytest.mark.slow
def test_seed_groups_and_abbreviations(seed: tuple[ParsedArticle, ActorIndex]) -> None:
    actors = _by_name(seed[1])
    assert actors["Islamic State"].kind is ActorKind.GROUP
    assert "IS" in actors["Islamic State"].aliases
    assert "ISSG" in actors["International Syria Support Group"].aliases
    assert actors["Free Syria Army"].kind is ActorKind.GROUP
    assert actors["NATO"].mentions == 2  # "non-NATO partners" is not NATO


@pytest.mark.slow
def test_seed_places_and_title_fragments_are_not_actors(
    seed: tuple[ParsedArticle, ActorIndex],
) -> None:
    names = {alias for actor in seed[1].actors for alias in actor.aliases}
    for place in ("Homs", "Daraa", "Aleppo", "Hasakah", "Deir", "Munich", "Germany", "State"):
        assert place not in names, place


@pytest.mark.slow
def test_seed_actors_are_ranked_by_salience(seed: tuple[ParsedArticle, ActorIndex]) -> None:
    actors = seed[1].actors
    scores = [actor.salience for actor in actors]
    assert scores == sorted(scores, reverse=True)
    top = [actor.name for actor in actors[:4]]
    assert {"United States", "Russia", "John Kerry"} <= set(top)
    assert actors[-1].salience < _by_name(seed[1])["John Kerry"].salience


@pytest.mark.slow
def test_token_actor_covers_surnames_metonyms_and_pronouns(
    seed: tuple[ParsedArticle, ActorIndex],
) -> None:
    parsed, index = seed
    assert index.token_actor[_token(parsed, "Kerry", "Tuesday")] == "john-kerry"
    assert index.token_actor[0] == "united-states"  # "Washington condemns"
    # "..., he added." continues Kerry, the subject of the sentence before.
    he = _token(parsed, "he", "conversation")
    actor = index.actor_at(he)
    assert actor is not None
    assert actor.name == "John Kerry"
    assert index.by_id("john-kerry") is actor
    refs = {ref.sentence for ref in actor.sources}
    assert parsed.sentence_index(he) not in refs  # a pronoun is no naming source


@pytest.mark.slow
def test_business_titles_appositions_and_bracketed_abbreviations(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Apple chief executive Tim Cook said on Monday that the company would hire 2,000 people. "
        "Cook added that hiring would begin in March.\n\n"
        "International Business Machines (IBM) reported higher profits on Wednesday. IBM said "
        "cloud revenue rose, and Jane Fraser, the company's finance director, told analysts "
        "she expected further growth.",
    )
    actors = _by_name(index)
    cook = actors["Tim Cook"]
    assert cook.role == "Apple chief executive"
    assert cook.affiliation == "Apple"
    assert "Cook" in cook.aliases
    assert actors["Apple"].kind is ActorKind.ORG
    ibm = actors["International Business Machines"]
    assert "IBM" in ibm.aliases
    assert ibm.mentions == 3
    assert actors["Jane Fraser"].role == "the company's finance director"


@pytest.mark.slow
def test_sports_player_named_like_a_town_is_one_person(nlp: Language) -> None:
    parsed, index = _read(
        nlp,
        "Marcus Preston scored twice as Leeds United beat Burnley on Saturday. "
        '"We deserved the win," Preston said after the match.\n\n'
        "The club's manager, Daniel Farke, praised his striker.",
    )
    actors = _by_name(index)
    assert actors["Marcus Preston"].kind is ActorKind.PERSON
    assert "Preston" in actors["Marcus Preston"].aliases
    assert "Preston" not in actors
    assert actors["Leeds United"].kind is ActorKind.ORG  # the model calls it a person
    assert actors["Daniel Farke"].role == "the club's manager"
    his = index.actor_at(_token(parsed, "his", "praised"))
    assert his is not None
    assert his.name == "Daniel Farke"


@pytest.mark.slow
def test_health_agency_and_its_scientist(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The World Health Organization (WHO) warned on Tuesday that measles cases were rising "
        "across Europe. Maria Alvarez, the agency's chief scientist, said vaccination rates had "
        "fallen in Romania.\n\n"
        "Lucía Toledo, an epidemiologist who runs a network of clinics from Toledo to Cádiz, "
        "said cases had doubled. Toledo said the WHO should act.",
    )
    actors = _by_name(index)
    who = actors["World Health Organization"]
    assert who.aliases == ["World Health Organization", "WHO"]
    assert who.mentions == 3
    assert actors["Maria Alvarez"].role == "the agency's chief scientist"
    toledo = actors["Lucía Toledo"]
    assert toledo.kind is ActorKind.PERSON
    assert toledo.role == "epidemiologist"  # the relative clause is not the role
    assert toledo.mentions == 2
    assert "Romania" not in actors  # a country only as a location is no actor


@pytest.mark.slow
def test_metonyms_and_seats_of_government(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Washington condemned the attack. Secretary of State Antony Blinken spoke to reporters "
        "in Washington. Moscow's response was swift: the Kremlin said it would retaliate.",
    )
    actors = _by_name(index)
    assert set(actors["United States"].aliases) == {"United States", "Washington"}
    assert actors["United States"].mentions == 1  # "in Washington" is a place
    assert {"Moscow", "Kremlin"} <= set(actors["Russia"].aliases)
    assert actors["Antony Blinken"].role == "Secretary of State"
    assert "State" not in actors


@pytest.mark.slow
def test_untagged_seats_and_capitals_speak_for_their_country(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Downing Street said the package would include air defence systems. "
        "Kyiv has asked its allies for more shells.\n\n"
        "Dr Sarah Chen, an obstetrician at Johns Hopkins University, said the drug was safe.",
    )
    actors = _by_name(index)
    assert "Downing Street" in actors["United Kingdom"].aliases
    assert "Kyiv" in actors["Ukraine"].aliases
    chen = actors["Sarah Chen"]
    assert chen.role == "obstetrician at Johns Hopkins University"  # "Dr" is no role
    assert chen.affiliation == "Johns Hopkins University"


@pytest.mark.slow
def test_a_title_ending_in_an_office_after_a_body_names_a_person(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "National Bank of Moldova (NBM) Governor Elena Sturza said the bank would keep its key "
        'rate unchanged. "Inflation is back within our target," Sturza told reporters.',
    )
    sturza = _by_name(index)["Elena Sturza"]
    assert sturza.kind is ActorKind.PERSON  # the title ends in "Governor", not in "Bank"
    assert sturza.role is not None and sturza.role.endswith("Governor")
    assert sturza.affiliation == "National Bank of Moldova"
    assert "Sturza" in sturza.aliases


@pytest.mark.slow
def test_a_company_short_name_is_the_company_not_a_person(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Doyle Farms lost the contract in May. Its owner, Peter Grant, said Doyle had been "
        "treated unfairly.",
    )
    actors = _by_name(index)
    assert "Doyle" not in actors  # the model tags this "Doyle" as a person
    assert "Doyle" in actors["Doyle Farms"].aliases
    _, index = _read(
        nlp,
        "Whitmore Homes was ordered to repair 300 houses. The tribunal found that Whitmore had "
        "used cheap insulation, and buyers said Whitmore had ignored their complaints.",
    )
    assert "Whitmore" in _by_name(index)["Whitmore Homes"].aliases  # untagged by the model


@pytest.mark.slow
def test_one_body_written_two_ways_is_one_actor(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Norway's energy ministry approved the pipeline on Thursday. The Ministry of Energy of "
        "Norway said the work would start in May.",
    )
    actors = _by_name(index)
    ministry = actors["Ministry of Energy of Norway"]
    assert "Norway's energy ministry" in ministry.aliases
    assert ministry.affiliation == "Norway"
    assert "Norway's energy ministry" not in actors


@pytest.mark.slow
def test_a_state_body_named_by_its_remit_speaks(nlp: Language) -> None:
    parsed, index = _read(
        nlp, "The health department said it would extend the vaccination campaign to schools."
    )
    department = _by_name(index)["health department"]
    assert department.kind is ActorKind.ORG
    assert index.actor_at(_token(parsed, "department", "health")) == department


@pytest.mark.slow
def test_the_company_refers_to_the_body_last_acting_before_it(nlp: Language) -> None:
    parsed, index = _read(
        nlp,
        "Harlow Foods recalled its frozen pies after inspectors found glass in a batch. The Food "
        "Standards Agency said the risk was low. The company said it would refund customers.\n\n"
        "Keswick Water fined a supplier, as the safety regulator demanded. The Environment "
        "Agency fined Keswick Water. The regulator said it would publish a report.",
    )
    actors = _by_name(index)
    # The agency spoke last, but an agency is no company: the company is Harlow Foods.
    company = index.actor_at(_token(parsed, "company", "low"))
    assert company == actors["Harlow Foods"]
    # A description beside a name in its own sentence is someone else.
    assert index.actor_at(_token(parsed, "regulator", "supplier")) is None
    last = max(t.i for t in parsed.doc if t.text == "regulator")
    assert index.actor_at(last) == actors["Environment Agency"]


@pytest.mark.slow
def test_the_inspector_is_the_one_person_with_that_title(nlp: Language) -> None:
    parsed, index = _read(
        nlp,
        "Inspector Dan Reilly led the search of the river bank, helped by volunteer Sue Marr. "
        '"We found nothing that links the two cases," the inspector said.',
    )
    reilly = _by_name(index)["Dan Reilly"]
    assert index.actor_at(_token(parsed, "inspector", "cases")) == reilly
    assert "the inspector" not in reilly.aliases  # a description is no name


@pytest.mark.slow
def test_a_pronoun_skips_a_person_of_the_other_gender(nlp: Language) -> None:
    parsed, index = _read(
        nlp,
        "Ms Sarah Jones said the plan was sound, although Mr Michael Brown criticised it. She "
        "added that talks would resume in June.",
    )
    actors = _by_name(index)
    assert index.actor_at(_token(parsed, "She", "it")) == actors["Sarah Jones"]
    assert index.genders[actors["Sarah Jones"].id] == "f"
    assert index.genders[actors["Michael Brown"].id] == "m"


@pytest.mark.slow
def test_a_pronoun_reaches_back_over_a_quotation_to_its_speaker(nlp: Language) -> None:
    parsed, index = _read(
        nlp,
        '"We are ready to sign," Ms Jane Carter told reporters. "The plan is sound. It will work '
        'for both sides." She added that the text would be published on Friday.',
    )
    assert index.actor_at(_token(parsed, "She", "sides")) == _by_name(index)["Jane Carter"]


@pytest.mark.slow
def test_roads_bridges_systems_and_named_vessels_are_not_actors(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The ferry Silver Heron ran aground near Kestrel Point on Monday. The Orbis Navigation "
        "System on board failed, the Kestrel Ferry Lines company said. Repairs to Marlow Bridge "
        "and Castlebrook Road began on Tuesday.",
    )
    names = {alias for actor in index.actors for alias in actor.aliases}
    assert not {"Silver Heron", "The Orbis Navigation System", "Orbis Navigation System"} & names
    assert not any("Bridge" in name or "Road" in name for name in names)
    # A company named after what it runs is still a company.
    assert _by_name(index)["Kestrel Ferry Lines"].kind is ActorKind.ORG


@pytest.mark.slow
def test_outlets_cited_as_sources_are_not_actors(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The Daily Courier reported on Monday that the mayor, Tobias Renn, would resign. Renn "
        "told the Courier that he had no regrets. In a video posted on Streamly, Renn thanked "
        "voters. The Ruritanian Tax Office said it would review his accounts.",
    )
    names = {alias for actor in index.actors for alias in actor.aliases}
    assert not {"The Daily Courier", "Daily Courier", "Courier", "Streamly"} & names
    assert _by_name(index)["Ruritanian Tax Office"].kind is ActorKind.ORG


@pytest.mark.slow
def test_a_body_told_something_is_not_a_cited_outlet(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Mara Quist told the Ruritanian Harbour Committee that the dredging had to stop. The "
        "work would resume in the spring, she said.",
    )
    assert "Ruritanian Harbour Committee" in _by_name(index)


@pytest.mark.slow
def test_roles_after_the_name_with_courtesy_titles_left_out(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Ola Frey, a volcanologist at the University of Vardel, said the crater was growing. "
        "Professor Mara Quist, Director of the Vardel Seismic Survey, and Chair of the "
        "Ruritanian Geology Council, said the risk was low. Lars Ekdal is Deputy Director of the "
        "Coastal Watch Agency.",
    )
    actors = _by_name(index)
    assert actors["Ola Frey"].role == "volcanologist at the University of Vardel"
    assert actors["Mara Quist"].role == "Director of the Vardel Seismic Survey"
    assert actors["Lars Ekdal"].role == "Deputy Director of the Coastal Watch Agency"


@pytest.mark.slow
def test_a_title_with_the_place_it_serves(nlp: Language) -> None:
    _, index = _read(
        nlp, "Governor of Ohio Piet Sandor said evacuations were not needed. Sandor spoke twice."
    )
    assert _by_name(index)["Piet Sandor"].role == "Governor of Ohio"


@pytest.mark.slow
def test_title_pieces_are_not_organisations(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Ruritanian Surgeon General Ivo Brandt said hospitals were ready. Brandt said more "
        "staff were coming, and the Court would hear the case in May.",
    )
    names = {alias for actor in index.actors for alias in actor.aliases}
    assert not {"Ruritanian Surgeon", "Court"} & names
    assert _by_name(index)["Ivo Brandt"].role == "Ruritanian Surgeon General"


@pytest.mark.slow
def test_parties_and_camps_are_groups(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The Progressive Harmony Party won 40 seats, and its leader Anna Vesk said the result "
        "was historic.",
    )
    assert _by_name(index)["Progressive Harmony Party"].kind is ActorKind.GROUP


@pytest.mark.slow
def test_dotted_abbreviation_and_hyphenated_names_keep_their_form(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The U.N. said on Monday that aid had reached the coast. The United Nations has sent 40 "
        "trucks. Ban Ki-moon said the situation was grave.",
    )
    actors = _by_name(index)
    assert "U.N." in actors["United Nations"].aliases
    assert "Ban Ki-moon" in actors
    assert not any(" - " in name for name in actors)


@pytest.mark.slow
def test_a_body_taken_for_a_person_keeps_its_description_as_role(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The state energy company Vardelgas said supplies were safe. Officials agreed with it.",
    )
    vardelgas = _by_name(index)["Vardelgas"]
    assert vardelgas.kind is ActorKind.ORG
    assert vardelgas.role is not None and vardelgas.role.endswith("state energy company")


def test_a_name_cut_at_a_hyphen_runs_on_through_it(nlp: Language) -> None:
    doc = nlp("Lam Wai-kit said the vote was fair.")
    assert [t.text for t in doc[:4]] == ["Lam", "Wai", "-", "kit"]
    doc.ents = [Span(doc, 0, 2, label="PERSON")]  # the model's cut: "Lam Wai"
    assert through_hyphens(doc, 2) == 4  # "Lam Wai" -> "Lam Wai-kit"
    assert through_hyphens(nlp("Lam Wai - a friend - said so."), 2) == 2


@pytest.mark.slow
def test_a_road_taken_for_a_person_is_a_place(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The files were found on Ashgrove Lane by a jogger on Monday. Mara Lane, a lawyer, said "
        "the files should never have left the office.",
    )
    actors = _by_name(index)
    assert "Ashgrove Lane" not in actors
    assert actors["Mara Lane"].kind is ActorKind.PERSON


@pytest.mark.slow
def test_a_body_named_once_in_passing_is_not_an_actor(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The exhibition opened at the Tern Maritime Museum on Monday. The Harbour Trust said "
        "talks with the Vardel Pilots Guild would continue, and the plan was approved by the "
        "Ruritanian Heritage Board.",
    )
    actors = _by_name(index)
    assert "Tern Maritime Museum" not in actors
    assert {"Harbour Trust", "Vardel Pilots Guild", "Ruritanian Heritage Board"} <= set(actors)


@pytest.mark.slow
def test_an_office_after_as_is_a_role(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "In May, Piet Sandor was forced to resign as Ruritania's trade minister after the leak. "
        "Sandor said he regretted nothing.",
    )
    assert _by_name(index)["Piet Sandor"].role == "Ruritania's trade minister"


@pytest.mark.slow
def test_a_government_named_as_a_body_is_its_country(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The Government of Tuvalu said on Monday that the talks had failed. The talks will "
        "resume next year, officials said.",
    )
    tuvalu = _by_name(index)["Tuvalu"]
    assert tuvalu.kind is ActorKind.COUNTRY
    assert "Government of Tuvalu" in tuvalu.aliases


@pytest.mark.slow
def test_a_vessel_whose_name_ends_in_s_is_still_a_vessel(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Space Shuttle Janus will be sent to a museum in the autumn. Engineers said the move "
        "would take a week.",
    )
    assert not any("Janus" in alias for actor in index.actors for alias in actor.aliases)


@pytest.mark.slow
def test_a_nationality_is_not_its_government(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Tashi Dorji became a Bhutanese citizen in 2019 and now runs a guest house in the hills "
        "above the capital, where he has lived for a decade.",
    )
    assert "Bhutan" not in _by_name(index)


@pytest.mark.slow
def test_a_body_named_with_of_keeps_its_whole_name(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Researchers from the U.S. Department of Fisheries said the stocks were recovering. "
        "The Vardel Housing Programme was praised by residents.",
    )
    actors = _by_name(index)
    assert "U.S. Department of Fisheries" in actors  # a party through its researchers
    assert "U.S. Department" not in actors
    assert "Vardel Housing Programme" not in actors  # a programme, praised, says nothing


@pytest.mark.slow
def test_a_name_after_the_that_modifies_nothing_is_no_person(nlp: Language) -> None:
    parsed = parse_text(
        nlp,
        "Captain Ola Frey said the Kenji Sora had passed its last inspection in May. Frey "
        "added that the crew had followed every procedure.",
    )
    doc = parsed.doc
    start = next(t.i for t in doc if t.text == "Kenji")
    # The model's mistake this rule is for: a vessel after "the" tagged as a person.
    doc.ents = [e for e in doc.ents if e.label_ != "ORG"] + [Span(doc, start, start + 2, "PERSON")]
    actors = _by_name(find_actors(parsed, find_places(parsed)))
    assert "Ola Frey" in actors
    assert "Kenji Sora" not in actors


@pytest.mark.slow
def test_a_name_cut_before_what_its_abbreviation_spells_runs_on(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The Board for Rail Standards in Europe (BRSE) said on Monday that inspections would "
        "double. Its report was welcomed by the operators.",
    )
    board = _by_name(index)["Board for Rail Standards in Europe"]
    assert "BRSE" in board.aliases


@pytest.mark.slow
def test_an_organisation_tag_set_beside_a_title_is_a_person(nlp: Language) -> None:
    parsed = parse_text(
        nlp, "The chairman, Aivar Kask, told reporters the vote would be close on Sunday."
    )
    doc = parsed.doc
    start = next(t.i for t in doc if t.text == "Aivar")
    # The model's mistake this rule is for: a person's name tagged as an organisation.
    doc.ents = [Span(doc, start, start + 2, "ORG")]
    kask = _by_name(find_actors(parsed, find_places(parsed)))["Aivar Kask"]
    assert kask.kind is ActorKind.PERSON
    assert kask.role == "The chairman" or kask.role == "the chairman"


@pytest.mark.slow
def test_a_body_named_once_through_its_people_or_its_acts_is_an_actor(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The levy was dropped despite the resistance of the Vardel Growers Association. A study "
        "by scientists at Tern Valley University found that stocks were recovering.",
    )
    actors = _by_name(index)
    assert "Vardel Growers Association" in actors
    assert "Tern Valley University" in actors


@pytest.mark.slow
def test_a_body_a_person_belongs_to_is_an_actor(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The first prize went to Ann Lee of the Vardel Growers Association on Sunday evening.",
    )
    assert "Vardel Growers Association" in _by_name(index)


@pytest.mark.slow
def test_a_rank_gives_way_to_the_post_and_a_short_rank_is_no_role(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Colonel Edda Marsh, commander of the northern brigade, said the pass was open. "
        "Gen. Tobin Varga said the convoy had left. Maj. Gen. Ilse Dorn, the head of the air "
        "wing, told reporters the planes were grounded. Captain Rafe Olin said nothing.",
    )
    actors = _by_name(index)
    assert actors["Edda Marsh"].role == "commander of the northern brigade"
    assert actors["Tobin Varga"].role is None
    assert actors["Ilse Dorn"].role == "the head of the air wing"
    assert actors["Rafe Olin"].role == "Captain"  # a rank alone, written out, is the post


@pytest.mark.slow
def test_a_relative_clause_saying_what_someone_leads_is_a_role(nlp: Language) -> None:
    _, index = _read(
        nlp,
        '"The dam will hold," Dr. Nina Roskam, who heads the city\'s flood agency, said. '
        "Piet Vollan, who grows plums on the hillside, agreed.",
    )
    actors = _by_name(index)
    assert actors["Nina Roskam"].role == "heads the city's flood agency"
    assert actors["Piet Vollan"].role is None


@pytest.mark.slow
def test_a_title_after_a_copula_is_read_when_the_parse_takes_a_longer_attribute(
    nlp: Language,
) -> None:
    _, index = _read(
        nlp,
        "Tomas Edlund is Senior Director of Quorra’s West Africa Clean Water Strategy. He said "
        "the wells were full.",
    )
    assert _by_name(index)["Tomas Edlund"].role == "Senior Director"


@pytest.mark.slow
def test_a_role_stated_where_only_the_surname_stands_is_read(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Mirela Stanev is busy this spring. Her choir sings in six towns.\n\n"
        "Stanev is the founder and director of the Balkan Youth Choir (BYC). The group has 40 "
        "singers.",
    )
    assert _by_name(index)["Mirela Stanev"].role == (
        "the founder and director of the Balkan Youth Choir"
    )


@pytest.mark.slow
def test_a_body_named_after_its_description_has_that_role(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The Internet security firm Quellbridge Labs has said that the old browser has 300 "
        "flaws. Quellbridge Labs sells software.",
    )
    labs = _by_name(index)["Quellbridge Labs"]
    assert labs.kind is ActorKind.ORG
    assert labs.role == "Internet security firm"


@pytest.mark.slow
def test_a_role_before_the_comma_of_an_unattached_name_is_read(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The roof fell in, and in the words of the chief prosecutor, Alan Pryce, QC, "
        '"the owners knew the hall was unsafe." Pryce also spoke to the jury.',
    )
    assert _by_name(index)["Alan Pryce"].role == "the chief prosecutor"


@pytest.mark.slow
def test_an_office_given_by_a_verb_or_serving_a_body_is_a_role(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Ambassador to the United Nations Carla Reyes said the vote was postponed. "
        "Hugo Brandt was appointed head of the railway agency in 2019. Ida Moss appointed "
        "Petra Lund chief of staff.",
    )
    actors = _by_name(index)
    assert actors["Carla Reyes"].role == "Ambassador to the United Nations"
    assert actors["Hugo Brandt"].role == "head of the railway agency"
    assert actors["Ida Moss"].role is None  # who appoints holds no office by it


@pytest.mark.slow
def test_an_office_stated_of_a_pronoun_is_its_antecedents_role(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Karl Dunn said profits fell. He has been the company's chief executive since 2010. "
        "Maria Santos said sales rose. She is a mother of three.",
    )
    actors = _by_name(index)
    assert actors["Karl Dunn"].role == "the company's chief executive"
    assert actors["Maria Santos"].role is None


@pytest.mark.slow
def test_an_object_pronoun_is_not_the_subject_of_its_own_clause(nlp: Language) -> None:
    parsed, index = _read(
        nlp, "Ruth Kemp asked the bank for help. Jonas Dahl offered her a loan on Monday."
    )
    her = index.actor_at(_token(parsed, "her", "offered"))
    assert her is not None and her.name == "Ruth Kemp"


@pytest.mark.slow
def test_a_country_named_once_in_passing_is_in_neither_list(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The Vardel Growers Association said on Monday that harvests had fallen in a dry "
        "country like Uruguay. Its chairman, Ivo Brandt, said talks with partners such as "
        "Norway would go on. Chile signed the accord on Tuesday.",
    )
    actors = _by_name(index)
    assert "Uruguay" not in actors
    # An example of the partners talked with is a party; so is a country that acts.
    assert {"Norway", "Chile", "Vardel Growers Association"} <= set(actors)


@pytest.mark.slow
def test_modifiers_of_things_and_the_subject_of_be_are_countries_in_passing(
    nlp: Language,
) -> None:
    _, index = _read(
        nlp,
        "Peru is home to many old orchards. The Vardel Growers Association played against "
        "Finnish and Latvian teams in the cup. Bolivian officials said the trade would grow.",
    )
    actors = _by_name(index)
    assert not {"Peru", "Finland", "Latvia"} & set(actors)
    assert "Bolivia" in {a.affiliation for a in index.actors} | set(actors)


@pytest.mark.slow
def test_a_common_noun_capitalised_at_a_sentence_start_is_no_name(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Cholera is returning to the port, Mara Quist said. She said cholera had killed six "
        "people, and that cholera cases were rising.",
    )
    actors = _by_name(index)
    assert "Cholera" not in actors
    assert "Mara Quist" in actors


@pytest.mark.slow
def test_a_name_only_written_before_a_thing_it_labels_is_not_an_actor(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The Kessler strain is spreading. Doctors said the Kessler strain was mild. The Tern "
        "Guild spokesman said Vardel fans had fallen ill.",
    )
    names = {alias for actor in index.actors for alias in actor.aliases}
    assert "Kessler" not in names
    # A body known by its people is a party: the spokesman's guild, the fans' club.
    assert {"Tern Guild", "Vardel"} <= names


@pytest.mark.slow
def test_one_name_tagged_as_two_kinds_is_one_actor(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Tamsin Freight said it would appeal. The court fined Tamsin Freight last year. Tamsin "
        "Freight has 200 staff.",
    )
    named = [actor for actor in index.actors if actor.name == "Tamsin Freight"]
    assert len(named) == 1
    assert named[0].kind is ActorKind.ORG
    assert named[0].mentions == 3


@pytest.mark.slow
def test_a_language_someone_speaks_is_not_an_actor(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Mara Quist speaks Tamil at home. The pupils speak Tamil in class, she said.",
    )
    assert set(_by_name(index)) == {"Mara Quist"}


@pytest.mark.slow
def test_a_description_opening_a_sentence_is_not_part_of_the_name(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Veteran Ivo Brandt lost his seat. The veteran politician said he would retire.",
    )
    assert "Ivo Brandt" in _by_name(index)
    assert not any("Veteran" in alias for actor in index.actors for alias in actor.aliases)
    # Written in lower case only before the next word of the name, it is part of the name.
    _, index = _read(
        nlp,
        "Space Shuttle Orion landed on Monday. The space shuttle carried six people, Mara "
        "Quist said.",
    )
    assert set(_by_name(index)) == {"Mara Quist"}


@pytest.mark.slow
def test_a_surname_misspelt_is_the_same_person(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Ann Lindqvist, a nurse, said the ward was full. Lindquvist said more beds were needed. "
        "Tom Lind said he agreed.",
    )
    actors = _by_name(index)
    assert set(actors) == {"Ann Lindqvist", "Tom Lind"}
    assert "Lindquvist" in actors["Ann Lindqvist"].aliases
    # Another surname two letters or more away is another person.
    _, index = _read(
        nlp,
        "Ann Lindqvist, a nurse, said the ward was full. Lindgren, who runs the clinic, said "
        "more beds were needed.",
    )
    assert {"Ann Lindqvist", "Lindgren"} <= set(_by_name(index))


@pytest.mark.slow
def test_a_named_storm_is_not_a_person(nlp: Language) -> None:
    _, index = _read(
        nlp, "When hurricane Dorinda hit the coast, it destroyed six homes, Mara Quist said."
    )
    assert set(_by_name(index)) == {"Mara Quist"}
    # The model may tag the storm noun as a proper noun; in lower case it is still a noun.
    _, index = _read(
        nlp,
        "GPS collars are cheap. When hurricane Dorinda hit, the fences on the land where Mara "
        "Quist works were destroyed.",
    )
    assert set(_by_name(index)) == {"Mara Quist"}


@pytest.mark.slow
def test_letters_after_a_persons_name_are_not_a_body(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Speaking in the couple's defence, Mara Quist, KC, said they had acted in good faith.",
    )
    assert set(_by_name(index)) == {"Mara Quist"}


@pytest.mark.slow
def test_a_name_told_a_quotation_is_an_outlet_but_a_body_is_a_party(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Mara Quist told KTRV, “We will appeal the ruling.” The Ruritanian Tax Office said it "
        "would review her accounts.",
    )
    assert set(_by_name(index)) == {"Mara Quist", "Ruritanian Tax Office"}
    _, index = _read(
        nlp,
        'Mara Quist told the Tern Harbour Committee: "We will appeal the ruling." The committee '
        "said it would meet on Monday.",
    )
    assert "Tern Harbour Committee" in _by_name(index)


@pytest.mark.slow
def test_a_first_name_the_model_cut_off_is_part_of_the_persons_name(nlp: Language) -> None:
    parsed, index = _read(
        nlp,
        "The visitors started fast, with Ivo Brandt, Tomas Varga and Aad Kessler making early "
        "attempts on goal. Aad Kessler's attempt in the 18th minute failed. Early in the second "
        "half, Aad Kessler scored from a volley.",
    )
    kessler = _by_name(index)["Aad Kessler"]
    firsts = [t.i for t in parsed.doc if t.text == "Aad"]
    assert [index.token_actor.get(i) for i in firsts] == [kessler.id] * 3
    assert kessler.aliases == ["Aad Kessler"]


@pytest.mark.slow
def test_a_persons_whole_name_tagged_as_a_product_is_still_the_person(nlp: Language) -> None:
    parsed = parse_text(
        nlp,
        "Aad Kessler opened the scoring for the visitors. Early in the second half, Aad Kessler "
        "scored again from a volley.",
        dt.date(2024, 5, 15),
    )
    doc = parsed.doc
    second = [t.i for t in doc if t.text == "Aad"][1]
    # The model's mistake, made here on purpose: the second mention as a product.
    doc.ents = [
        *(e for e in doc.ents if e.end <= second or e.start >= second + 2),
        Span(doc, second, second + 2, label="PRODUCT"),
    ]
    index = find_actors(parsed, find_places(parsed))
    kessler = _by_name(index)["Aad Kessler"]
    assert index.token_actor.get(second) == kessler.id
    assert kessler.mentions == 2


@pytest.mark.slow
def test_what_a_bodys_name_is_of_is_its_short_form(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The Church of Vessan said on Monday that its website had been attacked. Critics of "
        "Vessan welcomed the attack, and Vessan said it would go to the police.",
    )
    assert set(_by_name(index)) == {"Church of Vessan"}
    assert "Vessan" in _by_name(index)["Church of Vessan"].aliases


@pytest.mark.slow
def test_an_untagged_abbreviation_a_person_is_of_is_a_body(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Mara Quist of VLG and Ann Lee of the Harbour Guild were re-elected on Sunday, while "
        "Tomas Varga of KDP lost his seat.",
    )
    actors = _by_name(index)
    # A body, not a person; one whose member loses a seat is a party, a group (GOLD.md).
    assert actors["KDP"].kind is ActorKind.GROUP
    assert actors["Tomas Varga"].kind is ActorKind.PERSON


@pytest.mark.slow
def test_a_studys_name_names_a_document_not_a_body(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The results of the Vardel National Diet Survey, published on Monday, showed that "
        "children lacked iron, Mara Quist said.",
    )
    assert set(_by_name(index)) == {"Mara Quist"}


@pytest.mark.slow
def test_a_name_the_text_calls_a_thing_is_not_an_actor(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Usually, Orbis is the most used browser in the region, Mara Quist said. Orbis has lost "
        "users this year.",
    )
    assert set(_by_name(index)) == {"Mara Quist"}
    _, index = _read(
        nlp,
        "Mara Quist said Kelvix, a browser made in Vardel, had lost users. Kelvix was slower "
        "than its rivals.",
    )
    assert set(_by_name(index)) == {"Mara Quist"}


@pytest.mark.slow
def test_a_thing_taken_for_a_person_and_only_labelling_nouns_is_a_thing(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "The Kessler Shuttle program ended in May. Kessler Shuttle orbiters will go to museums, "
        "Mara Quist said.",
    )
    assert set(_by_name(index)) == {"Mara Quist"}


@pytest.mark.slow
def test_a_platform_named_for_its_followers_is_not_an_actor(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "Mara Quist thanked the 9,000 followers on Streamly who voted for the choir.",
    )
    assert set(_by_name(index)) == {"Mara Quist"}


@pytest.mark.slow
def test_a_newsroom_that_has_learned_something_is_a_source(nlp: Language) -> None:
    _, index = _read(
        nlp,
        "KTRV has learned that the Tern Guild will close its harbour office. The guild said the "
        "move would save money.",
    )
    assert set(_by_name(index)) == {"Tern Guild"}
