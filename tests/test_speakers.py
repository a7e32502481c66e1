"""Speakers of layouts and attributions that real copy uses: transcripts, statements in the
issuer's voice, quotes attributed after them and paragraphs that go on with a speaker.

Every text here is written for these tests: invented people, places and bodies.
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from bot.briefing.models import ActorKind, DateValue, Precision, Quote, QuoteKind
from bot.briefing.quotes import find_quotes
from tests.conftest import parse_text
from tests.test_quotes import by_text, known_actors

BRIEFING = """\
MS. WHITCOMBE: Good afternoon, everyone. The minister spoke this morning with Prime Minister \
Arlo Venn about the border talks.

Q Dana, did the minister raise the fishing dispute?

MS. WHITCOMBE: She did, and she expects an answer from the commission soon.

Q Thank you.

MS. WHITCOMBE: Thank you."""


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
    assert not [q for q in quotes if "fishing dispute" in q.text]
    # A courtesy reply is no statement.
    assert not [q for q in quotes if q.text.startswith("Thank you")]


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
