"""Speakers in wire copy of many house styles: who a pronoun, a description or a body noun that
speaks refers to when the text named them once, as an object or beside someone else.

Every text here is written for these tests: invented people, places and bodies.
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from bot.briefing.actors import find_actors
from bot.briefing.ingest import ArticleMeta, parse_article_text
from bot.briefing.models import ActorKind, Article, Quote
from bot.briefing.parsed import ParsedArticle, article_text
from bot.briefing.places import find_places
from bot.briefing.quotes import find_quotes
from tests.conftest import parse_text
from tests.test_quotes import by_text, known_actors, read_quotes


def parse_titled(nlp: Language, title: str, paragraphs: list[str]) -> ParsedArticle:
    """An article under its own title: the title says what kind of document the text is."""
    article = Article(
        id="t", title=title, published=dt.date(2025, 3, 4), paragraphs=paragraphs, content_hash="0"
    )
    return ParsedArticle.from_doc(article, nlp(article_text(article)))


def titled_quotes(
    nlp: Language, title: str, paragraphs: list[str], names: dict[str, ActorKind] | None = None
) -> list[Quote]:
    """Quotes of paragraphs under a document title, whose actors are the given names."""
    parsed = parse_titled(nlp, title, paragraphs)
    return find_quotes(parsed, known_actors(parsed, names or {}), [])


def document_quotes(nlp: Language, text: str) -> list[Quote]:
    """Quotes of a whole document as it arrives (title and header lines included), read as the
    engine reads it: through ingest, with the actors the engine finds."""
    article = parse_article_text(text, ArticleMeta(published=dt.date(2025, 3, 3)))
    parsed = ParsedArticle.from_doc(article, nlp(article_text(article)))
    return find_quotes(parsed, find_actors(parsed, find_places(parsed)), [])


def quotes_with(nlp: Language, text: str, names: dict[str, ActorKind]) -> list[Quote]:
    """Quotes of a written text whose actors are the given names, of the given kinds."""
    parsed = parse_text(nlp, text)
    return find_quotes(parsed, known_actors(parsed, names), [])


@pytest.mark.slow
def test_an_object_pronoun_in_a_relative_clause_is_not_the_noun_it_describes(
    nlp: Language,
) -> None:
    # "him" inside "Moreno, who drives it with him" is not Moreno: taking it for her would give
    # her a man's pronoun, and her own "she said" would find nobody (or someone else).
    quotes = read_quotes(
        nlp,
        "The van belongs to Tom Hale. Rachel Moreno, who drives it with him on Mondays, said "
        "the queue starts at dawn.\n\n"
        '"Some of them have never seen a doctor," she said.',
    )
    assert by_text(quotes, "never seen a doctor").speaker == "Rachel Moreno"


@pytest.mark.slow
def test_the_company_that_reports_a_clause_is_the_body_acting_in_it(nlp: Language) -> None:
    quotes = read_quotes(
        nlp,
        "Pelham Robotics Inc. will close its factory in Dunmore next year, the company said on "
        "Tuesday.\n\n"
        "Brantwood Cement will cut 300 jobs at its main plant, the firm said.",
    )
    assert by_text(quotes, "close its factory").speaker == "Pelham Robotics Inc."
    # A name the reader did not take for a body is still the firm meant: no other body speaks.
    assert by_text(quotes, "cut 300 jobs").speaker is None


@pytest.mark.slow
def test_a_body_description_is_not_a_body_headed_by_another_noun(nlp: Language) -> None:
    quotes = read_quotes(
        nlp,
        "The Ministry of Ports of Ostland issued new rules on Monday. The company said it would "
        "comply with them.",
    )
    assert by_text(quotes, "comply with them").speaker is None


@pytest.mark.slow
def test_a_body_named_in_passing_that_speaks_by_its_description_speaks_by_its_name(nlp: Language) -> None:
    quotes = read_quotes(
        nlp,
        'Ostland Rail reopened the line on Monday. "We lost millions," said Ada Lind, head of the '
        "Upland Growers Association. The association said it would seek damages.",
    )
    assert by_text(quotes, "seek damages").speaker == "Upland Growers Association"


@pytest.mark.slow
def test_a_person_called_by_what_they_are_is_the_one_named_before(nlp: Language) -> None:
    quotes = read_quotes(
        nlp,
        "Rovers won 2-1. Jonah Kaye, 19, scored the winner with a header in the 93rd minute.\n\n"
        '"I just closed my eyes and hoped," the teenager said.\n\n'
        'Mayor Ada Lind opened the bridge on Monday. "It took ten years to build," the engineer '
        "said.\n\n"
        "Manager Tom Reid was sacked on Sunday after eight defeats. Reid had insisted he could "
        'turn the season around. "I never walk away from a fight," the former defender said.',
    )
    assert by_text(quotes, "closed my eyes").speaker == "Jonah Kaye"
    assert by_text(quotes, "walk away from a fight").speaker == "Tom Reid"
    # The person named before holds another role: the engineer is someone else.
    assert by_text(quotes, "ten years to build").speaker is None


@pytest.mark.slow
def test_a_body_named_before_a_noun_for_its_kind_speaks(nlp: Language) -> None:
    quotes = quotes_with(
        nlp,
        'The BVW union called the pay offer "an insult to every driver" and said it would '
        "strike in May.\n\n"
        "The Ostland company said the new line would open next year.",
        {"BVW": ActorKind.ORG, "Ostland": ActorKind.COUNTRY},
    )
    assert by_text(quotes, "an insult to every driver").speaker == "BVW"
    assert by_text(quotes, "strike in May").speaker == "BVW"
    # A country before "company" hosts the company; it does not speak through it.
    assert by_text(quotes, "new line would open").speaker is None


@pytest.mark.slow
def test_a_pronoun_after_a_person_the_text_does_not_name_is_not_the_last_speaker(
    nlp: Language,
) -> None:
    quotes = read_quotes(
        nlp,
        'Erik Dahl called the plan "an attack on people who do hard physical work."\n\n'
        'The minister said she was open to talks. "My door is always open," she said.\n\n'
        "Rovers won again. Jonah Kaye, 19, scored twice.\n\n"
        '"I just closed my eyes," the teenager said. "My family were in the stand," he added.',
    )
    assert by_text(quotes, "My door is always open").speaker is None
    # A description the text does resolve passes its person on to the pronoun.
    assert by_text(quotes, "My family were in the stand").speaker == "Jonah Kaye"


@pytest.mark.slow
def test_a_pronoun_that_speaks_goes_on_with_the_speaker_just_quoted(nlp: Language) -> None:
    # Harlan is known to be a man from the pronouns before, and acts in the sentence that names
    # Ellery; Ellery's gender is not told, and "He said" right after Ellery's quote goes on
    # with Ellery.
    quotes = read_quotes(
        nlp,
        "Former banker Victor Harlan is accused of fraud. He has pleaded not guilty, and he "
        "will not testify.\n\n"
        "His lawyer, Simon Ellery, said there was no evidence that Harlan meant any harm.\n\n"
        '"My client made bad investments. Bad investments are not a crime," Ellery told the '
        "jury.\n\n"
        "He said the real blame lay with the fund's auditors.",
    )
    assert by_text(quotes, "real blame lay").speaker == "Simon Ellery"


@pytest.mark.slow
def test_a_name_set_off_in_commas_after_a_common_noun_is_the_speaker(nlp: Language) -> None:
    quotes = quotes_with(
        nlp,
        "The auditors, Brisk & Holm, said in an email that they had "
        '"cooperated fully with the inquiry" and would not comment further.\n\n'
        'Its new owners, Tarn Mills, said the plant "will run at full speed again by May."',
        {"Brisk & Holm": ActorKind.ORG, "Tarn Mills": ActorKind.ORG},
    )
    assert by_text(quotes, "cooperated fully").speaker == "Brisk & Holm"
    assert by_text(quotes, "full speed again").speaker == "Tarn Mills"


HARBOUR_STATEMENT = (
    "The Harbour Authority of Ostland is deeply concerned by the damage the storm caused to "
    "the eastern piers.",
    "We call on all shipping companies to follow the instructions of the harbour masters.",
    "The eastern piers will stay closed until engineers have inspected them.",
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("title", "statement"),
    [("Statement by the Harbour Authority on the storm", True), ("Storm shuts piers", False)],
)
def test_a_text_titled_a_statement_speaks_in_its_issuers_voice(
    nlp: Language, title: str, statement: bool
) -> None:
    # Under a title that calls it a statement, one paragraph in the first person is enough to
    # read the whole text as its issuer's words; a news story's title leaves it news.
    parsed = parse_titled(nlp, title, list(HARBOUR_STATEMENT))
    names = {"Harbour Authority of Ostland": ActorKind.ORG}
    quotes = find_quotes(parsed, known_actors(parsed, names), [])
    speakers = {
        q.speaker for q in quotes if "stay closed" in q.text or "deeply concerned" in q.text
    }
    assert speakers == ({"Harbour Authority of Ostland"} if statement else set())


@pytest.mark.slow
def test_a_body_named_once_by_its_spokesperson_or_as_a_source_still_speaks(
    nlp: Language,
) -> None:
    # No actor here: the bodies are named once, and the quotes still say who speaks.
    quotes = quotes_with(
        nlp,
        "The river burst its banks on Monday. A spokesperson for the Tarn Valley Water Board "
        "said crews were working through the night.\n\n"
        "Schools will stay closed until Friday, according to the Department of Harbours.\n\n"
        "The station will reopen in May, according to the Valley Courier.",
        {},
    )
    assert by_text(quotes, "working through the night").speaker == "Tarn Valley Water Board"
    assert by_text(quotes, "stay closed until Friday").speaker == "Department of Harbours"
    # An outlet's name says nothing of a body that speaks: it passes the news on.
    assert by_text(quotes, "reopen in May").speaker is None


@pytest.mark.slow
def test_the_writers_closing_line_after_an_interview_is_nobodys_answer(nlp: Language) -> None:
    quotes = read_quotes(
        nlp,
        "Maria Lopez has run the town library for 25 years. We spoke to her about its future.\n\n"
        "Q: The council wants to cut your budget. What would that mean?\n\n"
        "A: It would mean closing on Saturdays, the only day many families can come.\n\n"
        "Q: What would you tell the mayor?\n\n"
        "A: Come and spend one afternoon here before you decide.\n\n"
        "Our readers often ask us the same question.\n\n"
        "The council will vote on the budget in December.",
    )
    assert by_text(quotes, "closing on Saturdays").speaker == "Maria Lopez"
    # A paragraph in someone's voice still goes on with the answer; then the writer closes.
    assert by_text(quotes, "same question").speaker == "Maria Lopez"
    assert not [q for q in quotes if "vote on the budget" in q.text]


@pytest.mark.slow
def test_a_name_taken_for_a_body_that_says_i_is_a_person(nlp: Language) -> None:
    # The model reads the surgeon's name as an organisation's; a body never says "I".
    quotes = read_quotes(
        nlp,
        "Marcus Bell spent thirty years operating on hearts in the city hospital. Then, at 62, "
        "he bought a van.\n\n"
        '"I realised I had spent my whole career waiting for patients," Bell said.\n\n'
        "Nurse Priya Raman said the van had already found dozens of cases.\n\n"
        "Bell shrugs off the praise. He said the work was simpler than surgery.",
    )
    assert by_text(quotes, "my whole career").speaker == "Marcus Bell"
    assert by_text(quotes, "simpler than surgery").speaker == "Marcus Bell"


@pytest.mark.slow
def test_an_office_that_speaks_in_a_lead_is_the_holder_named_next(nlp: Language) -> None:
    quotes = read_quotes(
        nlp,
        "The government will raise the pension age to 68 by 2035, the labour minister said on "
        "Thursday.\n\n"
        "Labour Minister Anna Kowalski told parliament that the change was needed.",
    )
    assert by_text(quotes, "raise the pension age").speaker == "Anna Kowalski"
    # Two ministers named after it: which one spoke is not plain.
    quotes = read_quotes(
        nlp,
        "Ports will reopen on Monday, the minister said. Trade Minister Piet Dorn and Transport "
        "Minister Ewa Lis met on Friday.",
    )
    assert by_text(quotes, "Ports will reopen").speaker is None


JOINT_REMARKS = """\
DEPUTY MINISTER ORRELL: Thank you all for coming to the harbour this morning. The new ferry \
line will open in the spring.

Q Will the fares go up?

DEPUTY MINISTER ORRELL: The fares will stay where they are for two years.

SECRETARY OF STATE TANNOCK: We will pay for the new piers from the transport budget.

Q And the old piers?

SECRETARY OF STATE TANNOCK: They will be kept as a museum for the town."""


@pytest.mark.slow
def test_a_briefing_label_with_a_whole_office_before_the_name_is_that_persons(
    nlp: Language,
) -> None:
    # A briefing label puts the office before the surname; the transcript's title names the
    # speaker in full.
    parsed = parse_titled(
        nlp,
        "Remarks by Deputy Minister Ilse Orrell and Secretary of State Tannock",
        JOINT_REMARKS.split("\n\n"),
    )
    quotes = find_quotes(parsed, known_actors(parsed, {}), [])
    assert by_text(quotes, "stay where they are").speaker == "Ilse Orrell"
    assert by_text(quotes, "new piers").speaker == "Tannock"
    assert by_text(quotes, "kept as a museum").speaker == "Tannock"
    assert not [q for q in quotes if "fares go up" in q.text]


@pytest.mark.slow
def test_a_surname_in_capitals_after_a_title_is_a_person(nlp: Language) -> None:
    # The model reads a surname shouted in a speaker label as a body; after a title it is a
    # person, written as a name is written in a sentence.
    parsed = parse_text(
        nlp,
        "MS. QUELLBY: Good morning. The minister will visit the flooded valley on Friday.\n\n"
        "Q Will she meet the farmers?\n\n"
        "MS. QUELLBY: She will meet the farmers and the mayors of the valley towns.",
    )
    actors = find_actors(parsed, find_places(parsed))
    kinds = {actor.name: actor.kind for actor in actors.actors}
    assert kinds.get("Quellby") == ActorKind.PERSON
    assert "QUELLBY" not in kinds
    quotes = find_quotes(parsed, actors, [])
    assert by_text(quotes, "meet the farmers and").speaker == "Quellby"


@pytest.mark.slow
def test_a_stage_note_in_a_transcript_is_nobodys_words_and_nobody(nlp: Language) -> None:
    parsed = parse_text(
        nlp,
        "MS. QUELLBY: I will not guess what the council decides. (Laughter.) We will see.\n\n"
        "Q Is the mayor (who chairs it) in favour?\n\n"
        "MS. QUELLBY: Ask him, not me. (Laughter.)",
    )
    actors = find_actors(parsed, find_places(parsed))
    assert "Laughter" not in {actor.name for actor in actors.actors}
    quotes = find_quotes(parsed, actors, [])
    assert by_text(quotes, "guess what").text == (
        "I will not guess what the council decides. We will see."
    )
    assert by_text(quotes, "Ask him").text == "Ask him, not me."


@pytest.mark.slow
@pytest.mark.parametrize("name", ["Jonas", "Dana"])
def test_a_first_name_only_used_to_address_the_briefer_is_no_actor(
    nlp: Language, name: str
) -> None:
    parsed = parse_text(
        nlp,
        "MS. QUELLBY: Good morning. The minister will visit the valley on Friday.\n\n"
        f"Q Thanks, {name}. Will she meet the farmers?\n\n"
        "MS. QUELLBY: She will meet them in the afternoon.\n\n"
        f"Q {name}, is the budget ready?\n\n"
        "MS. QUELLBY: Not yet. Thank you, everyone.",
    )
    names = {actor.name for actor in find_actors(parsed, find_places(parsed)).actors}
    # Neither the name spoken to nor the question mark the model runs into it is anyone.
    assert names == {"Quellby"}


@pytest.mark.slow
def test_a_release_in_its_issuers_name_and_voice_is_the_issuers(nlp: Language) -> None:
    # A press release under a headline, not a "Statement by" title: the body names its issuer
    # acting now as often as it says "we".
    quotes = quotes_with(
        nlp,
        "The Ostland Ministry of Transport strongly condemns the attack on a rail crew near "
        "the northern border on Monday.\n\n"
        "We call on the authorities of Tarnland to find those responsible. Ostland will keep "
        "the line open.\n\n"
        "Ostland calls for an inquiry by the regional council.\n\n"
        "Contact: Press Office, 555 0100",
        {"Ostland Ministry of Transport": ActorKind.ORG},
    )
    for words in ("strongly condemns", "find those responsible", "calls for an inquiry"):
        assert by_text(quotes, words).speaker == "Ostland Ministry of Transport", words


@pytest.mark.slow
def test_a_feature_with_the_writers_we_is_no_release(nlp: Language) -> None:
    quotes = quotes_with(
        nlp,
        "The Ostland Games Trust hosts the regional games this summer.\n\n"
        "The Ostland Games Trust expects forty thousand visitors.\n\n"
        "We spoke to the organisers about the stadium.\n\n"
        "The organisers said the stadium was ready.",
        {"Ostland Games Trust": ActorKind.ORG},
    )
    assert not [q for q in quotes if q.speaker == "Ostland Games Trust"]


@pytest.mark.slow
def test_a_title_in_a_capital_label_is_the_speakers_role_as_written_in_a_sentence(
    nlp: Language,
) -> None:
    parsed = parse_text(
        nlp,
        "SECRETARY QUELLBY: Good morning. The ferry will run again on Friday.\n\n"
        "Q Will the fares change?\n\n"
        "SECRETARY QUELLBY: The fares will stay the same this year.\n\n"
        "CEO Ilse Orrell welcomed the news.",
    )
    roles = {actor.name: actor.role for actor in find_actors(parsed, find_places(parsed)).actors}
    assert roles["Quellby"] == "Secretary"
    assert roles["Ilse Orrell"] == "CEO"  # an acronym stays in capitals


@pytest.mark.slow
@pytest.mark.parametrize(
    "contact",
    [
        "For further information, please contact the Tarnland Press Bureau.",
        "Please contact the Tarnland Press Bureau with any questions.",
    ],
)
def test_a_releases_contact_line_is_no_statement_and_its_office_no_actor(
    nlp: Language, contact: str
) -> None:
    parsed = parse_text(
        nlp,
        "The Republic of Ostland welcomes the truce agreed today in the valley. We urge both "
        "sides to let aid through.\n\n"
        "We commend the mediators for their patience.\n\n" + contact,
    )
    actors = find_actors(parsed, find_places(parsed))
    assert "Tarnland Press Bureau" not in {actor.name for actor in actors.actors}
    quotes = find_quotes(parsed, actors, [])
    assert by_text(quotes, "welcomes the truce").speaker == "Republic of Ostland"
    assert not [q for q in quotes if "contact" in q.text]


@pytest.mark.slow
def test_a_surname_ending_in_s_takes_its_full_name_from_the_title(nlp: Language) -> None:
    # The title's possessive and punctuation go, not every "s" at the surname's ends.
    quotes = titled_quotes(
        nlp,
        "Remarks by Deputy Minister Tomas Sorens at the Harbour Authority",
        [
            "DEPUTY MINISTER SORENS: The new ferries will stay where they are until spring.",
            "Q Will fares rise?",
            "DEPUTY MINISTER SORENS: No. Fares will not change this year.",
        ],
    )
    assert by_text(quotes, "stay where they are").speaker == "Tomas Sorens"


@pytest.mark.slow
def test_a_briefings_last_answer_runs_on_to_the_end_of_the_transcript(nlp: Language) -> None:
    # A transcript that is the whole text has no writer to close it: the paragraphs after the
    # last label go on with the last answer, in the official's voice or not.
    quotes = titled_quotes(
        nlp,
        "Press Briefing by Spokesperson Maren Tolle",
        [
            "MS. TOLLE: Good afternoon. I have two things at the top.",
            "Q Thank you.",
            "MS. TOLLE: First, the ferry to the islands will run again from Monday.",
            "The harbour board has finished the repairs to the northern pier ahead of time.",
            "The fares will stay as they are until the end of the season.",
        ],
    )
    assert by_text(quotes, "finished the repairs").speaker == "Maren Tolle"
    assert by_text(quotes, "fares will stay").speaker == "Maren Tolle"


@pytest.mark.slow
def test_remarks_under_a_single_titled_label_are_that_speakers(nlp: Language) -> None:
    # Remarks by one official carry one label: with a title, opening the text, it is enough
    # to read the text as a transcript (a body that merely uses "we" is not its speaker). A
    # title word before the name in the document's title is no part of the name.
    quotes = titled_quotes(
        nlp,
        "Spokesman Tomas Sorens on the ferry strike",
        [
            "MR. SORENS: Good afternoon. The Republic of Ostland regrets the strike at the ferry "
            "port.",
            "We urge both sides to return to talks this week.",
            "The harbour board will publish its offer on Friday.",
        ],
        {"Republic of Ostland": ActorKind.COUNTRY},
    )
    assert by_text(quotes, "return to talks").speaker == "Tomas Sorens"
    assert by_text(quotes, "publish its offer").speaker == "Tomas Sorens"


@pytest.mark.slow
def test_a_briefers_signature_line_names_the_surname_label_in_full(nlp: Language) -> None:
    # "Maren Tolle, Department Spokesperson" over the transcript: "MS. TOLLE:" is that person.
    text = (
        "Ministry Press Briefing – March 3, 2025\n\nMaren Tolle, Department Spokesperson\n\n"
        "MS. TOLLE: Good afternoon. The ferry to the islands will run again from Monday.\n\n"
        "Q Will the fares change?\n\nMS. TOLLE: They will not change this year, I am told."
    )
    quotes = document_quotes(nlp, text)
    assert by_text(quotes, "run again from Monday").speaker == "Maren Tolle"
    assert by_text(quotes, "will not change").speaker == "Maren Tolle"


@pytest.mark.slow
def test_a_signed_statement_whose_body_names_no_issuer_is_its_signatorys(
    nlp: Language,
) -> None:
    # "I salute ...": a statement in the first person, signed over its body, with no
    # body acting in it, speaks only with its signatory's voice.
    text = (
        "Vessa Bay Founding Day\n\nTomas Sorens, Secretary of State\n\n"
        "On behalf of our people, I salute the people of Vessa Bay as you mark the day "
        "your city was founded.\n\n"
        "Over the past year we have worked together on the new harbour and the schools.\n\n"
        "We look forward to many more years of friendship between our two peoples."
    )
    quotes = document_quotes(nlp, text)
    assert by_text(quotes, "I salute").speaker == "Tomas Sorens"
    assert by_text(quotes, "many more years").speaker == "Tomas Sorens"


@pytest.mark.slow
def test_a_pronoun_after_someone_the_text_does_not_name_is_not_whom_they_talk_about(
    nlp: Language,
) -> None:
    # "A fisherman ... says Mr. Vell, who he says ..., He says ...": "he" is the fisherman,
    # whom the text never names; Vell is only talked about, even as the person named last.
    quotes = read_quotes(
        nlp,
        "Harbour master Oskar Vell closed the Vessa Bay pier on Monday.\n\n"
        "A fisherman in the old town, Brenmouth, says the boats owe their safety to Mr. Vell, "
        "who he says is the best master the port has had. He says the pier should stay shut "
        "until the storm passes. He says the crews agree with him.",
    )
    for words in ("best master", "stay shut", "crews agree"):
        holding = [q for q in quotes if words in q.text]
        assert holding
        assert all(q.speaker is None for q in holding)


@pytest.mark.slow
def test_it_said_in_the_paragraph_after_a_body_spoke_is_that_body(nlp: Language) -> None:
    # Wire copy gives each sentence its own paragraph: "it said" goes on with the body that
    # spoke just before, across the paragraph break.
    quotes = quotes_with(
        nlp,
        "The Vessa Bay Dockers Union said its members would stay out until Friday.\n\n"
        '"No ship will be unloaded before the talks resume," it said on Monday.',
        {"Vessa Bay Dockers Union": ActorKind.ORG},
    )
    assert by_text(quotes, "No ship will be unloaded").speaker == "Vessa Bay Dockers Union"


@pytest.mark.slow
def test_a_gaggles_kind_line_names_the_surname_label_in_full(nlp: Language) -> None:
    # "Press Gaggle with Maren Tolle" after the date line of an archived page titled with the
    # site's name: "MS. TOLLE:" is Maren Tolle.
    quotes = document_quotes(
        nlp,
        "The Vessa Bay Council\nPrint this page\n\nOffice of the Press Secretary\n"
        "March 3, 2025\n\nPress Gaggle with Maren Tolle\n\n10:05 A.M.\n\n"
        "MS. TOLLE: Good morning. The ferry to the islands will run again from Monday.\n\n"
        "Q Will the fares change?\n\nMS. TOLLE: They will not change this year, I am told.",
    )
    assert by_text(quotes, "run again from Monday").speaker == "Maren Tolle"


@pytest.mark.slow
def test_officials_under_a_word_of_a_bodys_name_speak_for_that_body(nlp: Language) -> None:
    # "Harbour officials" after "the Vessa Bay Harbour Authority": the word before the noun
    # for its people is the body's name, shortened; "they" goes on with it.
    quotes = quotes_with(
        nlp,
        "The Vessa Bay Harbour Authority opened its new pier on Monday.\n\n"
        "Harbour officials have said the pier is not meant for cruise ships. They noted that "
        "the fishing fleet would have the first berths.",
        {"Vessa Bay Harbour Authority": ActorKind.ORG},
    )
    assert by_text(quotes, "not meant for cruise ships").speaker == "Vessa Bay Harbour Authority"
    assert by_text(quotes, "first berths").speaker == "Vessa Bay Harbour Authority"


@pytest.mark.slow
def test_a_countrys_party_is_a_body_of_its_own_not_the_country(nlp: Language) -> None:
    # "Tarnland's largest opposition party says ...": the party speaks, not Tarnland; a state's
    # ministry still speaks for the state.
    quotes = quotes_with(
        nlp,
        "Tarnland's largest opposition party says it will contest the results of the vote.\n\n"
        "Tarnland's foreign ministry said the vote had been fair.",
        {"Tarnland": ActorKind.COUNTRY},
    )
    assert by_text(quotes, "contest the results").speaker != "Tarnland"
    assert by_text(quotes, "had been fair").speaker == "Tarnland"
