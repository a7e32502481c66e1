"""Quotes: who said what, direct or reported, and when."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
import spacy
from spacy.language import Language

from bot.briefing.actors import ActorIndex, find_actors
from bot.briefing.ingest import parse_article_text
from bot.briefing.lexicon import TopicLexicon
from bot.briefing.models import Actor, ActorKind, DateValue, Precision, Quote, QuoteKind
from bot.briefing.parsed import ParsedArticle, article_text
from bot.briefing.pipeline import extract
from bot.briefing.places import find_places
from bot.briefing.quotes import find_quote_spans, find_quotes
from bot.briefing.timeline import DateMention, find_dates
from tests.conftest import SEED, parse_text

parse = parse_text


def known_actors(
    parsed: ParsedArticle, names: dict[str, ActorKind], also: dict[str, str] | None = None
) -> ActorIndex:
    """An actor index that knows the given names, people by their surnames too, and the extra
    forms in `also` (form -> name: "union" for the union)."""
    actors = []
    token_actor: dict[int, str] = {}
    text = parsed.doc.text
    forms: dict[str, str] = dict(also or {})
    for name, kind in names.items():
        actors.append(Actor(id=_slug(name), name=name, kind=kind))
        forms[name] = name
        if kind is ActorKind.PERSON:
            forms[name.split()[-1]] = name
    for form, name in forms.items():
        for match in re.finditer(rf"\b{re.escape(form)}\b", text):
            span = parsed.doc.char_span(match.start(), match.end())
            if span is not None:
                token_actor.update(dict.fromkeys(range(span.start, span.end), _slug(name)))
    return ActorIndex(actors=actors, token_actor=token_actor)


def _slug(name: str) -> str:
    return re.sub(r"\W+", "-", name.lower()).strip("-")


def by_text(quotes: list[Quote], words: str) -> Quote:
    found = [q for q in quotes if words in q.text]
    assert len(found) == 1, f"{words!r} in {[q.text for q in quotes]}"
    return found[0]


def test_quote_spans_pair_marks_and_leave_apostrophes_alone() -> None:
    doc = spacy.blank("en")(
        "Russia's offer was \u201cnot serious,\u201d she said of the officials' plan, "
        "calling it \u2018a telling moment\u2019.\n\n"
        '"We will go on.\n\n"And we will win," he said.'
    )
    spans = [(doc[s.start : s.end].text, s.close_mark is None) for s in find_quote_spans(doc)]
    assert spans == [
        ("not serious,", False),
        ("a telling moment", False),
        ("We will go on.", True),  # open at the paragraph's end: it goes on in the next one
        ("And we will win,", False),
    ]


BUSINESS = """\
Northwind Motors will cut 1,200 jobs at its plant in Leeds, the company announced on Monday, as \
talks with the union over a new pay deal broke down.

\u201cThe decision was not taken lightly, and we will support every affected worker,\u201d said \
Anna Berg, a spokesperson for the company.

\u201cWe have looked at every option,\u201d she added. \u201cThis was the last one.

\u201cWe remain committed to Leeds.\u201d

Union leader Tom Price rejected the company\u2019s pay offer, calling it \u201can insult to \
people who have kept this plant running\u201d.

Price told reporters on Tuesday that the union would ballot its 4,000 members on strike action.

According to the union, the company earned $3.5 billion last year, up 12% on 2014.

The chief executive, Lars Holm, was blunt: "We cannot keep a plant open that loses money every \
single month."

Analysts described the plan as "sensible" and said the cuts were overdue.

Berg said the firm had offered "generous" terms.

The company is expected to announce further cuts, a source close to the board said.
"""


@pytest.fixture(scope="module")
def business(nlp: Language) -> tuple[ParsedArticle, list[Quote]]:
    parsed = parse(nlp, BUSINESS)
    actors = known_actors(
        parsed,
        {
            "Anna Berg": ActorKind.PERSON,
            "Tom Price": ActorKind.PERSON,
            "Lars Holm": ActorKind.PERSON,
            "Northwind Motors": ActorKind.ORG,
            "Motor Workers Union": ActorKind.ORG,
        },
        also={"union": "Motor Workers Union"},
    )
    tuesday = next(t for t in parsed.doc if t.text == "Tuesday")
    dates = [
        DateMention(
            start=tuesday.i - 1,
            end=tuesday.i + 1,
            expression="on Tuesday",
            value=DateValue(value=dt.date(2024, 3, 5), precision=Precision.DAY),
            planned=False,
            sentence=parsed.sentence_index(tuesday),
        )
    ]
    return parsed, find_quotes(parsed, actors, dates)


@pytest.mark.slow
def test_said_after_the_quote_names_the_speaker(
    business: tuple[ParsedArticle, list[Quote]],
) -> None:
    _, quotes = business
    quote = by_text(quotes, "not taken lightly")
    assert (quote.speaker, quote.kind) == ("Anna Berg", QuoteKind.DIRECT)
    assert quote.text == (
        "The decision was not taken lightly, and we will support every affected worker"
    )


@pytest.mark.slow
def test_she_added_and_the_quotes_after_it_stay_with_the_speaker(
    business: tuple[ParsedArticle, list[Quote]],
) -> None:
    _, quotes = business
    for words in ("looked at every option", "the last one", "committed to Leeds"):
        assert by_text(quotes, words).speaker == "Anna Berg", words


@pytest.mark.slow
def test_partial_quote_and_colon_introduction(
    business: tuple[ParsedArticle, list[Quote]],
) -> None:
    _, quotes = business
    assert by_text(quotes, "an insult to people").speaker == "Tom Price"
    blunt = by_text(quotes, "cannot keep a plant open")
    assert (blunt.speaker, blunt.kind) == ("Lars Holm", QuoteKind.DIRECT)


@pytest.mark.slow
def test_reported_speech_with_its_date_and_source(
    business: tuple[ParsedArticle, list[Quote]],
) -> None:
    parsed, quotes = business
    ballot = by_text(quotes, "ballot its 4,000 members")
    assert ballot.kind is QuoteKind.REPORTED
    assert ballot.speaker == "Tom Price"
    assert ballot.text == "the union would ballot its 4,000 members on strike action"
    assert ballot.said_on == DateValue(value=dt.date(2024, 3, 5), precision=Precision.DAY)
    assert "told reporters" in parsed.article.sentences[ballot.source.sentence]
    assert by_text(quotes, "earned $3.5 billion").speaker == "Motor Workers Union"


@pytest.mark.slow
def test_scare_quotes_are_nobodys_words(business: tuple[ParsedArticle, list[Quote]]) -> None:
    _, quotes = business
    texts = [q.text for q in quotes]
    assert "sensible" not in texts
    assert "generous" not in texts
    # The sentence around the scare quote is still Berg's reported statement.
    offered = by_text(quotes, "the firm had offered")
    assert (offered.speaker, offered.kind) == ("Anna Berg", QuoteKind.REPORTED)


@pytest.mark.slow
def test_unnamed_source_is_unknown_and_left_out_of_the_statement(
    business: tuple[ParsedArticle, list[Quote]],
) -> None:
    _, quotes = business
    cuts = by_text(quotes, "announce further cuts")
    assert cuts.speaker is None
    assert cuts.text == "The company is expected to announce further cuts"


@pytest.fixture(scope="module")
def seed_quotes(nlp: Language) -> list[Quote]:
    article = parse_article_text(SEED.read_text(encoding="utf-8"))
    parsed = ParsedArticle.from_doc(article, nlp(article_text(article)))
    actors = find_actors(parsed, find_places(parsed))
    return find_quotes(parsed, actors, find_dates(parsed))


@pytest.mark.slow
def test_seed_direct_quotes(seed_quotes: list[Quote]) -> None:
    kerry = by_text(seed_quotes, "We will approach this meeting in Munich")
    assert (kerry.speaker, kerry.kind) == ("John Kerry", QuoteKind.DIRECT)
    assert kerry.said_on == DateValue(value=dt.date(2016, 2, 9), precision=Precision.DAY)
    mcgurk = by_text(seed_quotes, "What Russia's doing is directly enabling [IS]")
    assert mcgurk.speaker == "Brett McGurk"
    engel = by_text(seed_quotes, "It seems as if we're only half-heartedly going after [IS]")
    assert engel.speaker == "Eliot Engel"
    assert by_text(seed_quotes, "robust campaign, not a tentative one").speaker == "Eliot Engel"
    # "he added" after Kerry's emphasis is Kerry again.
    assert by_text(seed_quotes, "much more difficult").speaker == "John Kerry"


@pytest.mark.slow
def test_seed_reported_statement_and_scare_quotes(seed_quotes: list[Quote]) -> None:
    statement = by_text(seed_quotes, "The Kremlin has reportedly shared its own intelligence")
    assert (statement.speaker, statement.kind) == ("Igor Konasshenkov", QuoteKind.REPORTED)
    assert statement.said_on == DateValue(value=dt.date(2016, 2, 11), precision=Precision.DAY)
    texts = {q.text for q in seed_quotes}
    assert not texts & {"moderate", "wrong objects", "gratefully taken"}


@pytest.mark.slow
def test_many_quote_marks_in_one_sentence_stay_fast(nlp: Language) -> None:
    parsed = parse(nlp, 'She said "' * 2000 + "the ceasefire was rejected, he said.")
    started = time.perf_counter()
    find_quotes(parsed, ActorIndex(), [])
    assert time.perf_counter() - started < 2.0  # generous: it was quadratic once


def read_quotes(nlp: Language, text: str) -> list[Quote]:
    """Quotes with the actors and dates the engine itself reads from the text."""
    parsed = parse(nlp, text)
    return find_quotes(parsed, find_actors(parsed, find_places(parsed)), find_dates(parsed))


@pytest.mark.slow
def test_a_quote_goes_on_after_the_sentence_that_attributes_it(nlp: Language) -> None:
    quotes = read_quotes(
        nlp,
        '"The pitch was waterlogged. Nobody could have played on it," the referee, Tom Quirke, '
        'said after the match. "We had no choice but to stop."',
    )
    assert by_text(quotes, "no choice but to stop").speaker == "Tom Quirke"


@pytest.mark.slow
def test_a_description_names_the_speaker_it_refers_back_to(nlp: Language) -> None:
    quotes = read_quotes(
        nlp,
        'Inspector Dan Reilly led the search of the river bank. "We found nothing that links '
        'the two cases," the inspector said.\n\n'
        "Harlow Foods recalled its frozen pies after inspectors found glass in a batch. The "
        'Food Standards Agency said the risk was low. "We are sorry for the worry this has '
        'caused," the company said.',
    )
    assert by_text(quotes, "links the two cases").speaker == "Dan Reilly"
    assert by_text(quotes, "sorry for the worry").speaker == "Harlow Foods"


@pytest.mark.slow
def test_two_quoted_words_are_speech_unless_they_are_a_term(nlp: Language) -> None:
    quotes = read_quotes(
        nlp,
        'Building inspector Rosa Klein said the repairs were "far from" adequate. She said the '
        '"safety culture" at the site had improved.',
    )
    far = by_text(quotes, "far from")
    assert (far.speaker, far.kind, far.text) == ("Rosa Klein", QuoteKind.DIRECT, "far from")
    assert not [q for q in quotes if q.text == "safety culture"]


@pytest.mark.slow
def test_a_speech_verb_hung_on_the_reported_clause_is_the_reporters(nlp: Language) -> None:
    quotes = read_quotes(
        nlp,
        "Maria Lopez, the fire chief, said the damage was limited but warned residents to "
        '"stay away from the river" until Friday.\n\n'
        'The union leader, Sam Ortiz, said the offer was an insult but urged members to "keep '
        'talking" with managers.',
    )
    assert by_text(quotes, "stay away from the river").speaker == "Maria Lopez"
    assert by_text(quotes, "keep talking").speaker == "Sam Ortiz"
    # The clause reported before the conjoined verb stands on its own.
    insult = by_text(quotes, "the offer was an insult")
    assert (insult.speaker, insult.kind) == ("Sam Ortiz", QuoteKind.REPORTED)
    assert "keep talking" not in insult.text


@pytest.mark.slow
def test_a_clause_reported_beside_a_quoted_one_is_reported_too(nlp: Language) -> None:
    quotes = read_quotes(
        nlp,
        'Dr Anna Weiss said on Tuesday that the drug had "exceeded every target" and that the '
        "company would apply for a licence next year.",
    )
    assert by_text(quotes, "exceeded every target").kind is QuoteKind.DIRECT
    licence = by_text(quotes, "apply for a licence")
    assert (licence.speaker, licence.kind) == ("Anna Weiss", QuoteKind.REPORTED)
    assert licence.text == "the company would apply for a licence next year"


@pytest.mark.slow
def test_a_hedging_relative_clause_vouches_for_its_noun_phrase(nlp: Language) -> None:
    quotes = read_quotes(
        nlp,
        "Sales rose 2 percent in the quarter, well below the 5 percent that analysts say the "
        "chain needs to stay profitable.",
    )
    [quote] = quotes
    assert quote.text.startswith("the 5 percent that analysts say the chain needs")
    assert quote.speaker is None


@pytest.mark.slow
def test_he_replied_skips_the_woman_quoted_last(nlp: Language) -> None:
    parsed = parse(
        nlp,
        '"We will build the bridge," said Tom Price. "It is too early," said Anna Berg.\n\n'
        '"Not if we start now," he replied.',
    )
    actors = known_actors(parsed, {"Tom Price": ActorKind.PERSON, "Anna Berg": ActorKind.PERSON})
    actors.genders.update({"tom-price": "m", "anna-berg": "f"})
    quotes = find_quotes(parsed, actors, [])
    assert by_text(quotes, "Not if we start now").speaker == "Tom Price"


@pytest.mark.slow
def test_a_briefing_leaves_out_reported_speech_nobody_is_named_for(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    # "Witnesses said ..." reports what no one named claims: the writer's sentence, not a
    # quote. Words in quotation marks stay even when the text does not say whose they are.
    parsed = parse(
        nlp,
        "Witnesses said the ferry left the Vessa Bay pier an hour late. Maren Tolle, the "
        'harbour master, said the crew had waited for the fog to lift.\n\n"Never again," read '
        "a note pinned to the gate.",
    )
    quotes = extract(parsed, lexicon).quotes
    assert not [q for q in quotes if "an hour late" in q.text]
    assert by_text(quotes, "fog to lift").speaker == "Maren Tolle"
    assert by_text(quotes, "Never again").speaker is None


@pytest.mark.slow
def test_a_report_of_what_the_speaker_told_someone_is_one_statement(nlp: Language) -> None:
    # "Vell said he told the crews that ...": one statement of Vell's, not a second one that
    # the pier was safe; what someone else told him stays theirs.
    quotes = read_quotes(
        nlp,
        "Harbour master Oskar Vell said he told the crews that the pier was safe.\n\n"
        "Maren Tolle said Mayor Ilse Orrell told her the ferry would run on Sunday.",
    )
    assert [q.speaker for q in quotes if "pier was safe" in q.text] == ["Oskar Vell"]
    ferry = [q.speaker for q in quotes if "ferry would run" in q.text]
    assert sorted(ferry) == ["Ilse Orrell", "Maren Tolle"]


@pytest.mark.slow
def test_words_the_speaker_calls_something_inside_a_report_leave_the_report_whole(
    nlp: Language,
) -> None:
    # The quoted words name something within what is reported, through a speech verb of the
    # clause's own: the clause is still reported speech, beside the quoted name for it.
    quotes = read_quotes(
        nlp,
        'Maren Tolle said on Friday she would fight what she called "a harbour grab" in '
        "every court of the land.",
    )
    assert by_text(quotes, "would fight what she called").speaker == "Maren Tolle"
    assert [q.text for q in quotes if q.kind is QuoteKind.DIRECT] == ["a harbour grab"]


@pytest.mark.slow
def test_a_speech_verb_with_an_infinitive_of_its_own_reports_nothing(nlp: Language) -> None:
    # "continues to grant" tells what the council does; the clause before the colon, which the
    # parse hangs on "continues", is the briefer's own, not the council's.
    parsed = parse(
        nlp,
        "MS. TOLLE: Good afternoon. I have one thing at the top.\n\n"
        "Let me say one thing plainly: the Vessa Bay Council continues to grant permits "
        "to the reporters, and we have not closed their office.",
    )
    quotes = find_quotes(parsed, known_actors(parsed, {"Vessa Bay Council": ActorKind.ORG}), [])
    assert not [q for q in quotes if q.speaker == "Vessa Bay Council"]


@pytest.mark.slow
def test_what_a_speaker_calls_something_in_two_words_is_their_fragment(nlp: Language) -> None:
    # The speaker's own word for something, mid-sentence and however short, is quoted speech;
    # a name a group calls itself is not.
    quotes = read_quotes(
        nlp,
        'Maren Tolle asked the council to reject what she called "reckless dredging" at the '
        "Vessa Bay pier on Monday.\n\n"
        'A group that calls itself "Harbourwatch" has joined her.',
    )
    assert by_text(quotes, "reckless dredging").speaker == "Maren Tolle"
    assert not [q for q in quotes if "Harbourwatch" in q.text]
