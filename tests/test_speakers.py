"""Speakers of layouts and attributions that real copy uses: transcripts, statements in the
issuer's voice, quotes attributed after them and paragraphs that go on with a speaker.

Every text here is written for these tests: invented people, places and bodies.
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from bot.briefing.actors import find_actors
from bot.briefing.ingest import parse_article_text
from bot.briefing.models import ActorKind, Article, DateValue, Precision, Quote, QuoteKind
from bot.briefing.parsed import ParsedArticle, article_text
from bot.briefing.places import find_places
from bot.briefing.quotes import find_quotes
from tests.conftest import parse_text
from tests.test_quotes import by_text, known_actors, read_quotes

BRIEFING = """\
MS. WHITCOMBE: Good afternoon, everyone. The minister spoke this morning with Prime Minister \
Arlo Venn about the border talks.

Q Dana, did the minister raise the fishing dispute?

MS. WHITCOMBE: She did, and she expects an answer from the commission soon.

The commission has until the end of the month to reply to the request.

Q Thank you.

MS. WHITCOMBE: Thank you.

END 2:41 P.M. EST"""


@pytest.mark.slow
def test_briefing_turns_belong_to_the_labelled_speaker_and_questions_to_nobody(
    nlp: Language,
) -> None:
    parsed = parse_text(nlp, BRIEFING)
    actors = known_actors(parsed, {"Arlo Venn": ActorKind.PERSON})
    quotes = find_quotes(parsed, actors, [])
    answer = by_text(quotes, "expects an answer")
    # The label gives the name even though no actor was found for it.
    assert (answer.speaker, answer.speaker_id, answer.kind) == (
        "Whitcombe",
        None,
        QuoteKind.DIRECT,
    )
    assert answer.text == "She did, and she expects an answer from the commission soon."
    assert by_text(quotes, "Good afternoon").speaker == "Whitcombe"
    # A paragraph with no label goes on with the answer before it.
    assert by_text(quotes, "until the end of the month").speaker == "Whitcombe"
    assert not [q for q in quotes if "fishing dispute" in q.text]
    # A courtesy reply is no statement.
    assert not [q for q in quotes if q.text.startswith(("Thank you", "END"))]


INTERVIEW = """\
Ines Marlowe has run a bakery in Tarnbridge for twenty years.

Interviewer: How has the price of flour changed this year?

Marlowe: It has doubled since the spring, and we cannot pass all of that on.

Interviewer: What will you do?

Marlowe: We will bake fewer kinds of bread and open longer on Saturdays."""


@pytest.mark.slow
def test_interview_turns_resolve_the_label_to_the_actor(nlp: Language) -> None:
    parsed = parse_text(nlp, INTERVIEW)
    actors = known_actors(parsed, {"Ines Marlowe": ActorKind.PERSON})
    quotes = find_quotes(parsed, actors, [])
    for words in ("doubled since the spring", "fewer kinds of bread"):
        quote = by_text(quotes, words)
        assert (quote.speaker, quote.speaker_id) == ("Ines Marlowe", "ines-marlowe"), words
    assert not [q for q in quotes if "price of flour" in q.text]


@pytest.mark.slow
def test_one_labelled_line_is_not_a_transcript(nlp: Language) -> None:
    parsed = parse_text(
        nlp,
        "Marlowe: a life in bread, from the first loaf to the last one.\n\n"
        "Ines Marlowe has run a bakery in Tarnbridge for twenty years.",
    )
    quotes = find_quotes(parsed, known_actors(parsed, {"Ines Marlowe": ActorKind.PERSON}), [])
    assert not [q for q in quotes if q.kind is QuoteKind.DIRECT]


STATEMENT = """\
The Republic of Vantoria welcomes the agreement signed today between the two parties. We \
commend both delegations for their patience.

We urge all sides to keep the ceasefire. Lasting peace will need the support of every \
neighbour.

Vantoria will remain a committed partner in the talks."""


@pytest.mark.slow
def test_statement_in_the_issuers_voice_is_the_issuers(nlp: Language) -> None:
    parsed = parse_text(nlp, STATEMENT, published=dt.date(2025, 4, 2))
    actors = known_actors(
        parsed,
        {"Republic of Vantoria": ActorKind.COUNTRY},
        also={"Vantoria": "Republic of Vantoria"},
    )
    quotes = find_quotes(parsed, actors, [])
    assert len(quotes) == 3  # one per paragraph, nothing read twice clause by clause
    for words in ("welcomes the agreement", "keep the ceasefire", "committed partner"):
        quote = by_text(quotes, words)
        assert (quote.speaker, quote.kind) == ("Republic of Vantoria", QuoteKind.REPORTED)
        assert quote.said_on == DateValue(value=dt.date(2025, 4, 2), precision=Precision.DAY)


@pytest.mark.slow
def test_news_in_the_third_person_is_no_statement(nlp: Language) -> None:
    parsed = parse_text(
        nlp,
        "The Republic of Vantoria welcomes the agreement, officials said.\n\n"
        "The talks resumed on Monday.\n\n"
        '"We are ready," the foreign minister said.',
    )
    actors = known_actors(parsed, {"Republic of Vantoria": ActorKind.COUNTRY})
    quotes: list[Quote] = find_quotes(parsed, actors, [])
    assert not [q for q in quotes if q.text.startswith("The talks")]


Row = tuple[str, int, str, str, str]  # word, head, relation, part of speech, lemma


def parsed_from_rows(nlp: Language, rows: list[Row], spaces: list[bool]) -> ParsedArticle:
    """One sentence with the parse written out row by row: the parse a rule repairs, whatever
    the model does with the words today."""
    doc = Doc(
        nlp.vocab,
        words=[row[0] for row in rows],
        spaces=spaces,
        heads=[row[1] for row in rows],
        deps=[row[2] for row in rows],
        pos=[row[3] for row in rows],
        lemmas=[row[4] for row in rows],
        sent_starts=[i == 0 for i in range(len(rows))],
    )
    article = Article(
        id="t", title="T", published=dt.date(2024, 3, 6), paragraphs=[doc.text], content_hash="0"
    )
    return ParsedArticle.from_doc(article, doc)


def quotes_of(
    nlp: Language, text: str, people: list[str], orgs: tuple[str, ...] = ()
) -> list[Quote]:
    """Quotes of a written text, with the named people and organisations as its actors."""
    parsed = parse_text(nlp, text)
    names = dict.fromkeys(people, ActorKind.PERSON)
    names.update(dict.fromkeys(orgs, ActorKind.ORG))
    return find_quotes(parsed, known_actors(parsed, names), [])


@pytest.mark.slow
def test_an_opening_mark_typed_as_the_closing_one_closes_the_quote(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "Ada Lind said, \u201cThe harbour plan was a mistake from the first day.\u201c "
        "However, the council will vote on it again in May.",
        ["Ada Lind"],
    )
    quote = by_text(quotes, "harbour plan")
    assert quote.text == "The harbour plan was a mistake from the first day."
    assert quote.speaker == "Ada Lind"


@pytest.mark.slow
def test_a_title_headed_subject_and_a_statements_owner_speak(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        'Governor of Tarnland Ada Lind said, "The new bridge will open before the winter."\n\n'
        'Lind\'s statement added, "We have waited for this bridge for thirty years."',
        ["Ada Lind"],
    )
    assert by_text(quotes, "open before the winter").speaker == "Ada Lind"
    assert by_text(quotes, "waited for this bridge").speaker == "Ada Lind"


@pytest.mark.slow
def test_words_quoted_in_an_accusation_belong_to_the_accused(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        'Ada Lind accused Piet Moran of saying "the harbour workers can wait another year" '
        "at a closed meeting.",
        ["Ada Lind", "Piet Moran"],
    )
    assert by_text(quotes, "harbour workers can wait").speaker == "Piet Moran"


@pytest.mark.slow
def test_in_the_words_of_names_the_speaker(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "By the end of the trial, in the words of the prosecutor, Piet Moran, "
        '"the company chose profit over the safety of its workers."',
        ["Piet Moran"],
    )
    assert by_text(quotes, "chose profit over").speaker == "Piet Moran"


@pytest.mark.slow
def test_a_sentence_that_announces_words_gives_the_next_quote_its_speaker(
    nlp: Language,
) -> None:
    quotes = quotes_of(
        nlp,
        "Senator Ada Lind issued a statement about the closure of the mill. "
        '"Like many people in this valley, I am angry about the way it was done."\n\n'
        "Piet Moran, a farmer from Oskvale, agrees. "
        '"If the mill closes, every farm here will have to sell its grain abroad."',
        ["Ada Lind", "Piet Moran"],
    )
    assert by_text(quotes, "I am angry").speaker == "Ada Lind"
    assert by_text(quotes, "every farm here").speaker == "Piet Moran"


@pytest.mark.slow
def test_a_quote_opening_its_paragraph_is_attributed_in_the_next_sentence(
    nlp: Language,
) -> None:
    quotes = quotes_of(
        nlp,
        "The mill in Oskvale will close in June.\n\n"
        '"We will not let this valley lose its last employer." Ada Lind said this to '
        "farmers at a meeting on Monday.",
        ["Ada Lind"],
    )
    assert by_text(quotes, "last employer").speaker == "Ada Lind"


@pytest.mark.slow
def test_a_paragraph_that_is_one_quote_goes_on_from_the_paragraph_before(
    nlp: Language,
) -> None:
    quotes = quotes_of(
        nlp,
        "Ada Lind spoke about the history of the valley:\n\n"
        '"My grandmother worked at the mill for forty years, and so did her brothers."\n\n'
        "Piet Moran explained that the farms need the mill to stay open.\n\n"
        '"Without the mill we would have to drive our grain three hundred miles."',
        ["Ada Lind", "Piet Moran"],
    )
    assert by_text(quotes, "My grandmother worked").speaker == "Ada Lind"
    assert by_text(quotes, "three hundred miles").speaker == "Piet Moran"


@pytest.mark.slow
def test_a_pronoun_before_anyone_is_quoted_is_the_person_named_before_it(
    nlp: Language,
) -> None:
    quotes = quotes_of(
        nlp,
        "Ada Lind of the Oskvale Courier wrote a long post about the mill on Monday. "
        'She described the dispute as "a fight the valley cannot afford to lose".',
        ["Ada Lind"],
        ("Oskvale Courier",),
    )
    assert by_text(quotes, "a fight the valley").speaker == "Ada Lind"


def test_a_name_after_an_opening_clause_speaks_when_the_parse_loses_the_subject(
    nlp: Language,
) -> None:
    # The parse the rule repairs, written out: the opening participle taken for a clausal
    # subject, and the name hung on it ("Writing in a post, Ada Lind of the Courier dubbed").
    rows = [
        ("Writing", 10, "csubj", "VERB", "write"),
        ("in", 0, "prep", "ADP", "in"),
        ("a", 3, "det", "DET", "a"),
        ("post", 1, "pobj", "NOUN", "post"),
        (",", 10, "punct", "PUNCT", ","),
        ("Ada", 6, "compound", "PROPN", "Ada"),
        ("Lind", 0, "npadvmod", "PROPN", "Lind"),
        ("of", 6, "prep", "ADP", "of"),
        ("the", 9, "det", "DET", "the"),
        ("Courier", 7, "pobj", "PROPN", "Courier"),
        ("dubbed", 10, "ROOT", "VERB", "dub"),
        ("it", 10, "dobj", "PRON", "it"),
        (":", 10, "punct", "PUNCT", ":"),
        ('"', 16, "punct", "PUNCT", '"'),
        ("the", 16, "det", "DET", "the"),
        ("mill", 16, "compound", "NOUN", "mill"),
        ("war", 10, "oprd", "NOUN", "war"),
        ("again", 16, "advmod", "ADV", "again"),
        ('"', 16, "punct", "PUNCT", '"'),
        (".", 10, "punct", "PUNCT", "."),
    ]
    words = [row[0] for row in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in {",", ":", ".", '"'} for i in range(20)]
    spaces[13] = False  # the opening mark is glued to the word after it
    spaces[12] = True
    parsed = parsed_from_rows(nlp, rows, spaces)
    actors = known_actors(parsed, {"Ada Lind": ActorKind.PERSON})
    quote = by_text(find_quotes(parsed, actors, []), "the mill war again")
    assert quote.speaker == "Ada Lind"


@pytest.mark.slow
def test_a_statement_that_opens_with_we_is_by_the_body_that_acts_in_it(nlp: Language) -> None:
    parsed = parse_text(
        nlp,
        "We are deeply saddened by the floods in the north of Vantoria. Our thoughts are with "
        "the families who lost their homes.\n\n"
        "The Republic of Tarnland stands ready to send rescue teams. Minister Ada Lind will "
        "travel to the region. We call on all donors to give generously.",
    )
    actors = known_actors(
        parsed,
        {"Republic of Tarnland": ActorKind.COUNTRY, "Ada Lind": ActorKind.PERSON},
    )
    quotes = find_quotes(parsed, actors, [])
    assert [q.speaker for q in quotes] == ["Republic of Tarnland"] * 2
    assert by_text(quotes, "deeply saddened").kind is QuoteKind.REPORTED


@pytest.mark.slow
def test_a_briefing_label_with_a_mixed_case_surname_and_a_title(nlp: Language) -> None:
    parsed = parse_text(
        nlp,
        "MR. McARDLE: The minister will travel to Oskvale on Friday to meet the mill workers.\n\n"
        "Q Will she meet the owners as well?\n\n"
        "MR. McARDLE: She will meet the owners on Saturday, after the workers.\n\n"
        "SECRETARY LIND: Let me add that the talks will go on until an agreement is found.",
    )
    quotes = find_quotes(parsed, known_actors(parsed, {"Ada Lind": ActorKind.PERSON}), [])
    assert by_text(quotes, "travel to Oskvale").speaker == "McARDLE"
    # A label with a title resolves to the actor of that surname.
    assert by_text(quotes, "talks will go on").speaker == "Ada Lind"


@pytest.mark.slow
def test_a_quoted_title_is_nobodys_words(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        'On a new website, "The End of the Harbour Lights", the Oskvale Trust asks people to '
        'give. "We need every boat owner to help us," Ada Lind said on "Harbour Hour".',
        ["Ada Lind"],
        ("Oskvale Trust",),
    )
    assert [q.text for q in quotes] == ["We need every boat owner to help us"]
    # Capitals alone do not make a title: a short reply names nothing.
    reply = quotes_of(nlp, '"Absolutely Not," Ada Lind said when asked about a sale.', ["Ada Lind"])
    assert [(q.speaker, q.text) for q in reply] == [("Ada Lind", "Absolutely Not")]


@pytest.mark.slow
def test_a_document_speaks_for_the_body_named_before_it(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        'The Harbour Board letter reads "the quay will stay closed to private boats until '
        'the repairs are finished".\n\n'
        "The Oskvale Trust recommends that every boat owner should check the new rules.",
        [],
        ("Harbour Board", "Oskvale Trust"),
    )
    assert by_text(quotes, "quay will stay closed").speaker == "Harbour Board"
    assert by_text(quotes, "every boat owner should check").speaker == "Oskvale Trust"


@pytest.mark.slow
def test_a_label_made_of_a_title_is_the_person_holding_it(nlp: Language) -> None:
    parsed = parse_text(
        nlp,
        "THE PRESIDENT: Thank you all for coming to Oskvale on such a cold morning.\n\n"
        "Q Will the mill stay open?\n\n"
        "THE PRESIDENT: The mill will stay open as long as the workers want it to.",
    )
    actors = known_actors(parsed, {"Ada Lind": ActorKind.PERSON})
    lind = actors.actors[0]
    actors.actors[0] = lind.model_copy(update={"role": "President"})
    quotes = find_quotes(parsed, actors, [])
    assert by_text(quotes, "as long as the workers").speaker == "Ada Lind"


@pytest.mark.slow
def test_an_embedded_question_is_no_statement(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "Ada Lind announced where the three old ferries will be kept after the summer. "
        "Piet Moran said if the ferries leave, the harbour will lose its visitors.",
        ["Ada Lind", "Piet Moran"],
    )
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Piet Moran", "the ferries leave, the harbour will lose its visitors")
    ]


@pytest.mark.slow
def test_an_unnamed_spokesperson_or_office_speaks_for_its_body(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        'A spokesman for the Harbour Authority said, "We have frozen fares for three years."\n\n'
        "The government of Vantoria said it would review the fares of its own ferries.\n\n"
        "The Oskvale Trust's spokeswoman said the new fares would hurt families.",
        [],
        ("Harbour Authority", "Vantoria", "Oskvale Trust"),
    )
    assert by_text(quotes, "frozen fares").speaker == "Harbour Authority"
    assert by_text(quotes, "review the fares").speaker == "Vantoria"
    assert by_text(quotes, "hurt families").speaker == "Oskvale Trust"


@pytest.mark.slow
def test_a_pronoun_goes_to_the_person_named_just_before_it(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        'Ada Lind said, "The valley cannot live without the mill."\n\n'
        "The old mill also matters to Maria Ostberg. To feel closer to her family, she said "
        "she bakes bread with flour from the mill every Sunday.",
        ["Ada Lind", "Maria Ostberg"],
    )
    assert by_text(quotes, "bakes bread with flour").speaker == "Maria Ostberg"


@pytest.mark.slow
def test_a_quote_signed_with_a_dash_and_a_name_is_that_persons(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "The mill will close in June after ninety years.\n\n"
        '"So far it is the owners one, the valley nil. But it is a long game." - Ada Lind\n\n'
        "Workers gathered outside the gates on Monday.",
        ["Ada Lind"],
    )
    assert by_text(quotes, "a long game").speaker == "Ada Lind"


@pytest.mark.slow
def test_a_quote_paragraph_after_a_paragraph_about_one_person_is_theirs(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "The orchard owner, Ellen Harrow, has grown apples for thirty years. She remembers the "
        "frost of 1998.\n\n"
        '"We lost everything that spring."\n\n'
        "Prices rose that year. Ellen Harrow and the Valley Growers Union asked for help.\n\n"
        '"Nobody came for months."',
        ["Ellen Harrow"],
        ("Valley Growers Union",),
    )
    assert by_text(quotes, "lost everything").speaker == "Ellen Harrow"
    # A body acting in the paragraph before makes the speaker unclear.
    assert by_text(quotes, "Nobody came").speaker is None


@pytest.mark.slow
def test_it_said_is_the_body_named_just_before(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "The Harbour Authority said on Tuesday that the ferries would run. "
        '"There is no reason to cancel trips," it said.\n\n'
        "Ada Lind said the storm was over. "
        '"It is calm now," it said.',
        ["Ada Lind"],
        ("Harbour Authority",),
    )
    assert by_text(quotes, "no reason to cancel").speaker == "Harbour Authority"
    # "it" never stands for a person named just before it.
    assert by_text(quotes, "calm now").speaker is None


SIGNED = """\
Floods in the Eastern Provinces

Press Statement
Karen Holloway
Department Spokesperson
Tarnville
March 3, 2014

Iceland offers its condolences to the families of the victims. We stand ready to help the \
provinces.

We call on all citizens to follow the advice of the emergency services."""


@pytest.mark.slow
def test_a_statement_signed_by_an_official_in_office_is_theirs(nlp: Language) -> None:
    def speakers(text: str) -> set[str | None]:
        article = parse_article_text(text)
        parsed = ParsedArticle.from_doc(article, nlp(article_text(article)))
        actors = find_actors(parsed, find_places(parsed))
        return {quote.speaker for quote in find_quotes(parsed, actors, [])}

    assert speakers(SIGNED) == {"Karen Holloway"}
    # A bare name in the header signs nothing: the statement speaks in the country's voice.
    assert speakers(SIGNED.replace("Department Spokesperson\n", "")) == {"Iceland"}


@pytest.mark.slow
def test_bodies_speak_through_their_statements_officials_and_named_examples(
    nlp: Language,
) -> None:
    quotes = quotes_of(
        nlp,
        "A statement from the Harbour Authority said the ferries would run on Sunday.\n\n"
        "Officials at the Tarn Pilots Guild said the cranes would be repaired.\n\n"
        "Campaign groups such as the Green Quay Alliance have said that they will sue the "
        "city.\n\n"
        "Residents at the Oskvale Trust estate said the lifts had failed.",
        [],
        ("Harbour Authority", "Tarn Pilots Guild", "Green Quay Alliance", "Oskvale Trust"),
    )
    assert by_text(quotes, "ferries would run").speaker == "Harbour Authority"
    assert by_text(quotes, "cranes would be repaired").speaker == "Tarn Pilots Guild"
    assert by_text(quotes, "will sue the city").speaker == "Green Quay Alliance"
    # Residents are not the body they live at.
    assert by_text(quotes, "lifts had failed").speaker is None


@pytest.mark.slow
def test_in_the_words_of_a_title_set_before_a_name_is_that_persons(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "The roof fell in, and in the words of the chief prosecutor, Alan Pryce, QC, "
        '"the owners knew the hall was unsafe." Pryce also spoke to the jury.',
        ["Alan Pryce"],
    )
    assert by_text(quotes, "knew the hall").speaker == "Alan Pryce"


@pytest.mark.slow
def test_answers_of_a_question_and_answer_interview_are_the_interviewees(
    nlp: Language,
) -> None:
    text = (
        "We spoke to Ada Lindqvist, who has kept bees on the island for forty years.\n\n"
        "Q: How was the honey harvest this year?\n\n"
        "A: It was the worst I can remember, because the spring was so wet.\n\n"
        "Q: What will you do next year?\n\n"
        "A: We will move some of the hives to the mainland and hope for sun."
    )
    quotes = quotes_of(nlp, text, ["Ada Lindqvist"])
    assert by_text(quotes, "worst I can remember").speaker == "Ada Lindqvist"
    assert by_text(quotes, "move some of the hives").speaker == "Ada Lindqvist"
    assert not [q for q in quotes if "honey harvest" in q.text]  # questions are nobody's
    # With two people named before the questions, who answers is not plain.
    both = text.replace("Ada Lindqvist,", "Ada Lindqvist and Tom Berg,")
    quotes = quotes_of(nlp, both, ["Ada Lindqvist", "Tom Berg"])
    assert not [q for q in quotes if "worst I can remember" in q.text and q.speaker]


@pytest.mark.slow
def test_a_title_described_in_full_speaks_for_its_one_holder(nlp: Language) -> None:
    quotes = read_quotes(
        nlp,
        "President Ana Ferreira met Prime Minister Jonas Berg on Monday. The president said "
        'the talks were useful. "We agreed on many things," the prime minister said. '
        '"Not on everything," the foreign minister said.',
    )
    assert by_text(quotes, "talks were useful").speaker == "Ana Ferreira"
    assert by_text(quotes, "agreed on many things").speaker == "Jonas Berg"
    assert by_text(quotes, "Not on everything").speaker is None  # nobody holds that title


@pytest.mark.slow
def test_a_reported_clause_with_words_of_its_own_beside_a_quote_is_reported_too(
    nlp: Language,
) -> None:
    quotes = quotes_of(
        nlp,
        'Ada Lind said her union has backed the new rota "for months" and would not change '
        'course.\n\nTom Berg said the storm in the north makes it "very hard to reach the '
        'villages".',
        ["Ada Lind", "Tom Berg"],
    )
    reported = by_text(quotes, "her union has backed the new rota")
    assert (reported.speaker, reported.kind) == ("Ada Lind", QuoteKind.REPORTED)
    # A quote that completes the clause is the statement itself: read once, as direct speech.
    assert by_text(quotes, "very hard to reach").kind is QuoteKind.DIRECT


@pytest.mark.slow
def test_a_question_opening_with_how_such_is_no_statement(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "Minister Tom Baird has asked officials how such papers that are supposed to be kept "
        'in "locked steel cabinets" ended up in a bin.',
        ["Tom Baird"],
    )
    assert not [q for q in quotes if q.kind is QuoteKind.REPORTED]


@pytest.mark.slow
def test_verbs_that_state_in_other_words_report_speech(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "Ada Lind lamented that the old library had closed for good.\n\n"
        "Tom Berg underlined that the new one would open in the spring.\n\n"
        '"The shelves are already full," Berg reminded the council.',
        ["Ada Lind", "Tom Berg"],
    )
    assert by_text(quotes, "old library had closed").speaker == "Ada Lind"
    assert by_text(quotes, "would open in the spring").speaker == "Tom Berg"
    assert by_text(quotes, "shelves are already full").speaker == "Tom Berg"


@pytest.mark.slow
def test_a_pronoun_prefers_the_person_known_to_share_its_gender(nlp: Language) -> None:
    quotes = read_quotes(
        nlp,
        "Ms. Ruth Kemp spoke after Jonas Dahl said the bank was closed. "
        '"I said no to the loan," she said.',
    )
    assert by_text(quotes, "I said no").speaker == "Ruth Kemp"


@pytest.mark.slow
def test_a_label_naming_a_part_in_the_interview_names_nobody(nlp: Language) -> None:
    quotes = read_quotes(
        nlp,
        "INTERVIEWER: What made you start the company in the first place?\n\n"
        "Rosa Delgado: I wanted to build shoes that last longer than a season.\n\n"
        "INTERVIEWER: And what comes next for the shop?\n\n"
        "Rosa Delgado: We will open a shop in the capital next year.",
    )
    assert by_text(quotes, "shoes that last longer").speaker == "Rosa Delgado"
    assert not [q for q in quotes if "start the company" in q.text and q.speaker]


@pytest.mark.slow
def test_a_gendered_role_tells_the_pronoun_who_speaks(nlp: Language) -> None:
    quotes = read_quotes(
        nlp,
        "Lena Brask, a spokeswoman for the port, spoke after Tomas Ekholm said the cranes were "
        'idle. "The strike will end soon," she said.',
    )
    assert by_text(quotes, "strike will end soon").speaker == "Lena Brask"


def test_the_company_is_the_body_named_in_the_sentence_before(nlp: Language) -> None:
    # Named only inside a phrase ("shares of ..."), the body is still what "the company" that
    # speaks next refers back to.
    quotes = read_quotes(
        nlp,
        "Shares of Tarnvale Motors fell 12 percent on Tuesday after the carmaker cut its "
        "forecast.\n\n"
        'The company said weak demand would cut its profit by a third. "We are acting '
        'decisively," it said.',
    )
    assert by_text(quotes, "weak demand").speaker == "Tarnvale Motors"
    assert by_text(quotes, "acting decisively").speaker == "Tarnvale Motors"


def test_said_in_a_statement_that_reports_the_clause(nlp: Language) -> None:
    # The parse hangs the "that" clause on the statement, not on the verb.
    quotes = read_quotes(
        nlp,
        "The Tarnvale Port Authority said in a statement that weak demand in Asia and higher "
        "fuel prices would reduce its income by about a third.",
    )
    reported = by_text(quotes, "weak demand in Asia")
    assert reported.speaker == "Tarnvale Port Authority"
    assert reported.kind is QuoteKind.REPORTED
