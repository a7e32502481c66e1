"""Roles of shapes that news copy uses: offices given in a relative clause, titles written
short, and an office a named speaker is called by in the next sentence.

Every text here is written for these tests: invented people, places and bodies.
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from bot.briefing.actors import ActorIndex, find_actors
from bot.briefing.models import Actor
from bot.briefing.places import find_places
from bot.briefing.quotes import find_quotes
from tests.conftest import parse_text
from tests.test_quotes import by_text


def _read(nlp: Language, text: str) -> tuple[dict[str, Actor], ActorIndex, str]:
    parsed = parse_text(nlp, text, dt.date(2024, 5, 15))
    index = find_actors(parsed, find_places(parsed))
    return {actor.name: actor for actor in index.actors}, index, text


@pytest.mark.slow
def test_an_office_given_in_a_relative_clause_is_a_role(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "George Bell, who was elected mayor in 2010, said the city was broke. Bell blamed the "
        "council.\n\n"
        "Susan Clark, who became chief executive last year, said sales had doubled.\n\n"
        "Anna Kovac, who appointed Lena Ström director in 2019, said the museum was thriving.",
    )
    assert actors["George Bell"].role == "mayor"
    assert actors["Susan Clark"].role == "chief executive"
    # Who appoints someone holds no office by it.
    assert actors["Anna Kovac"].role is None


@pytest.mark.slow
def test_a_title_written_short_is_the_holder_the_text_then_calls_by_it(nlp: Language) -> None:
    text = (
        'Sen. Ron Whitby opposed the bill on Monday. "It is a waste of money," the senator '
        "said.\n\n"
        'Gov. Linda Marsh signed the order. "We had no choice," the governor said.'
    )
    parsed = parse_text(nlp, text, dt.date(2024, 5, 15))
    quotes = find_quotes(parsed, find_actors(parsed, find_places(parsed)), [])
    assert by_text(quotes, "waste of money").speaker == "Ron Whitby"
    assert by_text(quotes, "no choice").speaker == "Linda Marsh"


@pytest.mark.slow
def test_an_office_a_named_speaker_is_called_by_next_is_their_role(nlp: Language) -> None:
    text = (
        "Ivan Petrov said on Monday that talks would continue. The foreign minister, speaking "
        'in Brennton, said "there is no alternative to dialogue."\n\n'
        "Susan Miller said the company would cut jobs. The chief executive added that the "
        "plant would stay open.\n\n"
        "Martin Clarke criticised the plan. The mayor said the city would help the workers."
    )
    parsed = parse_text(nlp, text, dt.date(2024, 5, 15))
    index = find_actors(parsed, find_places(parsed))
    actors = {actor.name: actor for actor in index.actors}
    quotes = find_quotes(parsed, index, [])
    assert actors["Ivan Petrov"].role == "foreign minister"
    assert by_text(quotes, "no alternative to dialogue").speaker == "Ivan Petrov"
    assert actors["Susan Miller"].role == "chief executive"
    assert by_text(quotes, "stay open").speaker == "Susan Miller"
    # A person who only criticised is not plainly the one the office then names.
    assert actors["Martin Clarke"].role is None
    assert by_text(quotes, "help the workers").speaker is None


@pytest.mark.slow
def test_a_capitalised_title_used_before_any_holder_is_named_stays_unnamed(
    nlp: Language,
) -> None:
    text = (
        "The President spoke on Monday with President Arlo Venn of Ostland. The two leaders "
        "discussed the border.\n\n"
        "The President said the talks would go on.\n\n"
        "Mayor Tom Ruiz visited the plant. The mayor said the city would help the workers."
    )
    parsed = parse_text(nlp, text, dt.date(2024, 5, 15))
    quotes = find_quotes(parsed, find_actors(parsed, find_places(parsed)), [])
    # The text takes "the President" as known: not the foreign president it names later.
    assert by_text(quotes, "talks would go on").speaker is None
    assert by_text(quotes, "help the workers").speaker == "Tom Ruiz"


@pytest.mark.slow
def test_a_title_cut_before_the_body_it_serves_is_no_role_of_that_body(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "Ostland's ambassador to the United Nations, Maria Gonzalez, said the vote was a "
        "mistake. Gonzalez left early. The United Nations will vote again.",
    )
    assert actors["Maria Gonzalez"].role == "Ostland's ambassador to the United Nations"
    assert actors["United Nations"].role is None


@pytest.mark.slow
def test_a_title_run_into_the_name_is_the_role_not_the_name(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "Councillor Anne Reed voted against the plan. Reed said it would kill the old town.\n\n"
        "Superintendent Mark Dobbs closed the school. Dobbs said the roof was unsafe.",
    )
    assert actors["Anne Reed"].role == "Councillor"
    assert actors["Mark Dobbs"].role == "Superintendent"


# Shapes of wire copy, each with the roles a careful reader takes from it (None: no role).
_ROLE_SHAPES = {
    "a title before the name stops at the verb and at a courtesy title": (
        "Dunmore Athletic sacked coach Pedro Alves on Sunday. Alves had been in charge for a "
        "year.\n\n"
        "Navy spokesman Lt. Omar Diallo said the ship was safe. Diallo declined to say more.\n\n"
        "The bank's chief economist Dr. Freya Holm said rates would fall. Holm spoke in Ostby.",
        {"Pedro Alves": "coach", "Omar Diallo": "Navy spokesman", "Freya Holm": "chief economist"},
    ),
    "an apposition loses its aside and the words that only date it": (
        "Ines Moreau, keeper of rare books at the city library in Ostby, who was not involved "
        "in the sale, called the price absurd.\n\n"
        "The minister will be replaced by Colm Burke, currently a junior minister at the "
        "Treasury.\n\n"
        "The letter is kept at the county archive, whose director, Lotte Brandt, said it "
        "would go on show in June.",
        {
            "Ines Moreau": "keeper of rare books at the city library in Ostby",
            "Colm Burke": "junior minister at the Treasury",
            "Lotte Brandt": "director",
        },
    ),
    "a role beside two joined names is the nearer one's": (
        "The repair plan was drawn up by Tom Reyes and Ann Kroll, the building firm's founder. "
        "Reyes said work would start in June.",
        {"Ann Kroll": "the building firm's founder", "Tom Reyes": None},
    ),
    "a role serving a body, set before the name, is the person's": (
        "A spokesman for the Ostland Prosecution Service, Andrew Hale, confirmed the charge. "
        "Hale gave no details.",
        {"Andrew Hale": "spokesman for the Ostland Prosecution Service"},
    ),
    "an office a copula or a joined verb states, and a rank held once": (
        "Elena Varga is the first woman to serve as Ostland's foreign minister. Varga said the "
        "talks would go on.\n\n"
        "The hospital's medical director is Susan Clarke. She said the wards were full.\n\n"
        "Born in Ostby in 1950, Nora Quist trained at the city hospital and became a "
        "consultant surgeon in 1981. Quist retired in 2015.\n\n"
        "Retired Maj. Gen. Piet Hollander, now a security analyst in Ostby, said the strikes "
        "would fail.",
        {
            "Elena Varga": "Ostland's foreign minister",
            "Susan Clarke": "the hospital's medical director",
            "Nora Quist": "consultant surgeon",
            "Piet Hollander": "security analyst in Ostby",
        },
    ),
    "a description set before a title written short says more": (
        "The bill's chief sponsor, Sen. Tom Bradley, R-Ostland, said he was confident of 60 "
        "votes. Sen. Ron Wyler, D-Ostland, said the bill was dead. Both spoke on Monday.",
        {"Tom Bradley": "the bill's chief sponsor", "Ron Wyler": "Sen."},
    ),
    "a party's member described before the name the parse took for a list's": (
        "The panel's top Republican, Sen. Greg Holt of Ostland, voted for the measure. Holt "
        "said the vote was close.\n\n"
        "The mayor, Ann Lee, Tom Reyes and Jo Park attended the opening.",
        {"Greg Holt": "the panel's top Republican", "Ann Lee": "the mayor", "Tom Reyes": None},
    ),
    "an abbreviation after an indefinite article is an occupation": (
        "Dr. Hassan Farid, a GP in Ostby, was named to the jury on Monday. Farid has made "
        "three films about rural doctors.",
        {"Hassan Farid": "GP in Ostby"},
    ),
    "an adverb of a word inside the role stays with it": (
        "Privately held logistics firm Haulmark, which moves the drugs in Europe, said the "
        "deal would not affect its contract. Haulmark employs 900 people.",
        {"Haulmark": "Privately held logistics firm"},
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("shape", list(_ROLE_SHAPES))
def test_roles_of_wire_copy_shapes(nlp: Language, shape: str) -> None:
    text, expected = _ROLE_SHAPES[shape]
    actors, _, _ = _read(nlp, text)
    assert {name: actors[name].role for name in expected} == expected


@pytest.mark.slow
def test_a_name_the_text_gives_a_persons_office_is_a_person(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "The Tern Valley College of Nursing's regional director, Glen Torvik, said the union "
        "would meet ministers.\n\n"
        "The trust's chief executive is Paul Ingram. He said no operations had yet been "
        "cancelled.",
    )
    people = ("Glen Torvik", "Paul Ingram")
    assert {name: (actors[name].kind, actors[name].role) for name in people} == {
        "Glen Torvik": ("person", "the Tern Valley College of Nursing's regional director"),
        "Paul Ingram": ("person", "the trust's chief executive"),
    }


@pytest.mark.slow
def test_a_body_named_as_its_members_party_or_in_an_election_is_a_group(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "Lawmakers from the RNP walked out of the chamber on Monday. The RNP said the vote was "
        "rigged.\n\n"
        "Kerem Dal of the TDP was elected in the northern constituency. The TDP won four seats "
        "and will join the coalition.\n\n"
        "Jan Berg of the BKX said sales rose. The BKX will open a plant in Ostby.",
    )
    kinds = {name: actors[name].kind for name in ("RNP", "TDP", "BKX")}
    # A company whose officer speaks, with no election in the sentence, stays a company.
    assert kinds == {"RNP": "group", "TDP": "group", "BKX": "org"}


@pytest.mark.slow
def test_offices_of_counties_and_colleges_are_roles(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "Dorn County Sheriff Ellis Marrow said the road would stay closed.\n\n"
        "Ada Quill used to run a shipping firm. She is dean of the Harlow School of Design.",
    )
    assert actors["Ellis Marrow"].role == "Dorn County Sheriff"
    assert actors["Ada Quill"].role == "dean of the Harlow School of Design"


@pytest.mark.slow
def test_a_title_in_the_plural_before_listed_names_is_each_ones_role(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "Former Governors Arlo Venn, Tomas Hale and Edith Marsh say they would back the "
        "treaty.\n\n"
        "Judges Oskar Brun, Milan Roth were also on the appeal bench.",
    )
    roles = {name: actors[name].role for name in ("Arlo Venn", "Tomas Hale", "Edith Marsh")}
    assert roles == dict.fromkeys(roles, "Former Governor")
    assert actors["Oskar Brun"].role == "Judge"
    assert actors["Milan Roth"].role == "Judge"


@pytest.mark.slow
def test_an_office_as_subject_is_the_role_of_the_person_named_next(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "The head of the Tern Valley Water Board urged caution over new dams. "
        "Dr. Marta Kovane spoke on Thursday at a meeting in Ostby.",
    )
    assert actors["Marta Kovane"].role == "The head of the Tern Valley Water Board"


@pytest.mark.slow
def test_one_of_several_holders_of_a_post_is_a_role(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "Nadia Karimi is one of the owners of the Ostby Reading Club. She said the club had "
        "grown quickly.\n\n"
        "Lina Varga, one of the organisers of the Harrow Street fair, said the stalls were full.",
    )
    assert actors["Nadia Karimi"].role == "one of the owners of the Ostby Reading Club"
    assert actors["Lina Varga"].role == "one of the organisers of the Harrow Street fair"


@pytest.mark.slow
def test_a_title_in_the_plural_before_one_word_names_is_not_a_first_name(
    nlp: Language,
) -> None:
    actors, _, _ = _read(
        nlp,
        "The plan was signed in Vessa Bay on Monday. Former Governors Halvorsen, Brandvik "
        "and Oyelaran say they would back it.",
    )
    assert "Governors Halvorsen" not in actors
    assert actors["Halvorsen"].role == "Former Governor"
    actors, _, _ = _read(
        nlp,
        "The bill passed on Monday. Former Senators Rasmussen and Okafor said they would back it.",
    )
    assert {name: actors[name].role for name in ("Rasmussen", "Okafor")} == {
        "Rasmussen": "Former Senator",
        "Okafor": "Former Senator",
    }


@pytest.mark.slow
def test_a_hyphened_name_the_copula_gives_a_post_is_a_person(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "Anne-Lise Marrow-Bakk is director of research for the Tern Water Agency. Costs are "
        "high, the agency says.\n\n"
        "Ann-Sofie Lind-Varga is head of research at the Ostby Institute.",
    )
    assert (actors["Anne-Lise Marrow-Bakk"].kind, actors["Anne-Lise Marrow-Bakk"].role) == (
        "person",
        "director of research for the Tern Water Agency",
    )
    assert actors["Ann-Sofie Lind-Varga"].kind == "person"


@pytest.mark.slow
def test_a_plural_noun_before_listed_names_describes_each_one(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "Several new paints, including paints from chemical companies Lindgren and Hawley, are "
        "in the last round of trials.",
    )
    assert {name: (actors[name].kind, actors[name].role) for name in ("Lindgren", "Hawley")} == {
        "Lindgren": ("org", "chemical companies"),
        "Hawley": ("org", "chemical companies"),
    }


@pytest.mark.slow
def test_the_party_a_lawmaker_sits_for_set_beside_the_name_is_a_role(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "Tom Berg, a Republican from Ostland, said the bill would fail. Ivo Marsh, a Briton, "
        "said he had voted against it.",
    )
    assert actors["Tom Berg"].role == "Republican from Ostland"
    # A nationality is no role.
    assert actors["Ivo Marsh"].role is None


@pytest.mark.slow
def test_a_body_the_person_heads_in_a_sentence_of_its_own_is_a_role(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "Ann Lee heads the Ostby Water Board. She said prices would rise.\n\n"
        "Tom Berg led the protest on Monday. He said the march was peaceful.",
    )
    assert actors["Ann Lee"].role == "heads the Ostby Water Board"
    # A march, a race or a protest is led by no one in office.
    assert actors["Tom Berg"].role is None


@pytest.mark.slow
def test_a_title_read_as_a_verb_or_serving_a_country_stays_whole(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "The agency's top bird diseases expert Ann Lee and the head of the board were among "
        "those present.\n\n"
        "Top virus expert Tom Berg warned of a second wave.",
    )
    assert actors["Ann Lee"].role == "top bird diseases expert"
    assert actors["Tom Berg"].role == "Top virus expert"
    actors, _, _ = _read(nlp, "Prime Minister of Portugal Ann Lee arrived on Monday.")
    assert actors["Ann Lee"].role == "Prime Minister of Portugal"


@pytest.mark.slow
def test_what_a_copula_says_a_body_is_is_its_role(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "Tern Foods is a publicly owned company that runs most of the dairies in Ostby. "
        "Kellwyn Systems became the country's largest security company in 2010.",
    )
    assert actors["Tern Foods"].role == "publicly owned company"
    assert actors["Kellwyn Systems"].role == "the country's largest security company"


@pytest.mark.slow
def test_a_body_called_armed_or_a_party_before_its_name_is_a_group(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "The militant group Vardan Wolves said it had fired rockets on Monday.\n\n"
        "The opposition Movement for Tern Renewal said the vote was rigged.\n\n"
        "The rights group Free Voices said the arrests were illegal.",
    )
    kinds = {name: actors[name].kind for name in ("Vardan Wolves", "Movement for Tern Renewal")}
    assert kinds == dict.fromkeys(kinds, "group")
    assert actors["Free Voices"].kind == "org"


@pytest.mark.slow
def test_an_age_and_trade_after_a_named_person_are_that_person(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp, "Ann Lee, 34, was arrested on Monday. The 34-year-old teacher was released on bail."
    )
    assert actors["Ann Lee"].role == "teacher"
    # Two people named before: the epithet may be either.
    actors, _, _ = _read(
        nlp, "Tom Berg met Ann Lee on Monday. The 45-year-old coach said his team was ready."
    )
    assert (actors["Tom Berg"].role, actors["Ann Lee"].role) == (None, None)


@pytest.mark.slow
def test_a_courtesy_title_spelt_out_is_no_part_of_the_name(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "Transport Secretary Ada Brandvik unveiled a plan for new rail lines. Mister Brandvik "
        "said work would start in spring.",
    )
    assert "Mister Brandvik" not in actors
    assert actors["Ada Brandvik"].role == "Transport Secretary"


@pytest.mark.slow
def test_a_surnames_particle_capitalised_at_a_sentence_start_is_one_person(
    nlp: Language,
) -> None:
    actors, _, _ = _read(
        nlp,
        "Interior Secretary Marta de Lorca faces questions from lawmakers this week. De Lorca "
        "says the order was legal.\n\n"
        "Nora Ostrova, a school inspector, wrote the study. Miss Ostrova says classes are too "
        "big.",
    )
    assert "De Lorca" not in actors
    assert actors["Marta de Lorca"].role == "Interior Secretary"
    assert "Miss Ostrova" not in actors


@pytest.mark.slow
def test_a_plural_role_beside_listed_names_is_each_ones(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "Ann Lee and Tom Berg, both members of the Unity Party, voted against the bill.",
    )
    roles = {name: actors[name].role for name in ("Ann Lee", "Tom Berg")}
    assert roles == dict.fromkeys(roles, "members of the Unity Party")
    actors, _, _ = _read(nlp, "Directors Ann Lee and Tom Berg resigned on Monday.")
    roles = {name: actors[name].role for name in ("Ann Lee", "Tom Berg")}
    assert roles == dict.fromkeys(roles, "Director")


@pytest.mark.slow
def test_a_maker_of_goods_before_a_name_is_a_body_and_its_role(nlp: Language) -> None:
    actors, _, _ = _read(nlp, "Japanese automaker Kovira said sales rose in May.")
    assert (actors["Kovira"].kind, actors["Kovira"].role) == ("org", "Japanese automaker")
    # The parse may make the name the noun's object, whether the model took it for a body's
    # name or a person's.
    actors, _, _ = _read(nlp, "Japanese automaker Tokuda said sales rose in May.")
    assert (actors["Tokuda"].kind, actors["Tokuda"].role) == ("org", "Japanese automaker")
    actors, _, _ = _read(nlp, "Japanese automaker Haruki said sales rose in May.")
    assert (actors["Haruki"].kind, actors["Haruki"].role) == ("org", "Japanese automaker")
    # A filmmaker is a person.
    actors, _, _ = _read(nlp, "The filmmaker Tom Berg said the film would open in May.")
    assert (actors["Tom Berg"].kind, actors["Tom Berg"].role) == ("person", "filmmaker")


@pytest.mark.slow
def test_an_office_a_verb_gives_the_person_it_names_is_their_role(nlp: Language) -> None:
    texts = {
        "President Tom Berg appointed Ann Lee finance minister on Monday.": "finance minister",
        "The board named Ann Lee as chief executive on Monday.": "chief executive",
        "The club hired Ann Lee as coach in May.": "coach",
        "Voters elected Ann Lee mayor of Ostby in 2019.": "mayor of Ostby",
        "President Tom Berg nominated Ann Lee to be ambassador to Ostland.": "ambassador to Ostland",
    }
    for text, role in texts.items():
        actors, _, _ = _read(nlp, text)
        assert actors["Ann Lee"].role == role, text


@pytest.mark.slow
def test_a_description_the_text_then_names_is_the_persons_role(nlp: Language) -> None:
    actors, _, _ = _read(nlp, "Officials identified the slain village mayor as Tom Berg.")
    assert actors["Tom Berg"].role == "the slain village mayor"


@pytest.mark.slow
def test_a_title_keeps_the_whole_name_of_the_body_before_it(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "But Tern Institute for Water Safety and Research chief Ann Lee worries about the floods.",
    )
    assert actors["Ann Lee"].role == "Tern Institute for Water Safety and Research chief"


@pytest.mark.slow
def test_a_plural_title_before_listed_names_is_each_persons_title_in_the_singular(
    nlp: Language,
) -> None:
    actors, _, _ = _read(
        nlp,
        "Justices Orla Brandt and Teo Maskin dissented from the ruling.\n\n"
        "The complaint was lodged by surveyors Maren Tolle and Jonas Berger on Monday.",
    )
    assert actors["Orla Brandt"].role == "Justice"
    assert actors["Teo Maskin"].role == "Justice"
    # A plural noun for people shared by a list is each listed person's noun, singly.
    assert actors["Maren Tolle"].role == "surveyor"
    assert actors["Jonas Berger"].role == "surveyor"


@pytest.mark.slow
def test_a_title_before_a_given_name_left_out_of_the_entity_is_the_persons(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp, "Trade Minister Tarvul Anwar Haskin has said the ports would open on Friday."
    )
    # The given name the model left out is the person's, not the end of the title.
    assert actors["Anwar Haskin"].role == "Trade Minister"


@pytest.mark.slow
def test_an_office_a_vote_confirms_someone_in_is_their_role(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "The Tern Senate on Thursday confirmed Maren Tolle as Governor Ann Lee's health "
        "secretary.\n\n"
        "The Vessa Senate confirmed Jonas Berger as transport secretary on Monday.",
    )
    # The governor who owns the office is someone else, not part of the role.
    assert actors["Maren Tolle"].role == "health secretary"
    assert actors["Jonas Berger"].role == "transport secretary"


@pytest.mark.slow
def test_a_time_hung_inside_an_apposition_is_not_part_of_the_role(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "Minister Ivo Marsh held talks with Maren Tolle, the Acting Tern Under Secretary of "
        "State for Trade Affairs in Vessa on Tuesday.\n\n"
        "Jonas Berger, the chair of the Tern Harbour Board since 2019, said the port would "
        "close.",
    )
    role = actors["Maren Tolle"].role
    assert role is not None and "Tuesday" not in role
    assert actors["Jonas Berger"].role == "the chair of the Tern Harbour Board"


@pytest.mark.slow
def test_a_capitalised_title_serving_a_place_before_a_name_is_the_role(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "Acting Deputy Secretary of State Ivo Marsh and the Tern Ambassador to Vessa, Jonas "
        "Berger, held a meeting on Tuesday.",
    )
    assert actors["Jonas Berger"].role == "the Tern Ambassador to Vessa"


@pytest.mark.slow
def test_a_seat_on_a_body_written_before_a_name_is_a_role(nlp: Language) -> None:
    actors, _, _ = _read(
        nlp,
        "Board Member Jonas Berger recused himself from the decision.\n\n"
        "City Council Member Maren Tolle voted against the plan.",
    )
    assert actors["Jonas Berger"].role == "Board Member"
    assert actors["Maren Tolle"].role == "City Council Member"
