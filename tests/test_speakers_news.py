"""Speakers in news stories: bodies that speak through their documents, pronouns and
descriptions that stand for a body or a person named before.

Every text here is written for these tests: invented people, places and bodies.
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from bot.briefing.actors import find_actors
from bot.briefing.ingest import ArticleMeta, parse_article_text
from bot.briefing.models import ActorKind
from bot.briefing.parsed import ParsedArticle, article_text
from bot.briefing.places import find_places
from tests.test_quotes import by_text, parse, read_quotes
from tests.test_speakers_wire import document_quotes, quotes_with


@pytest.mark.slow
def test_the_statement_that_speaks_later_is_the_one_its_owner_spoke_through(
    nlp: Language,
) -> None:
    # "X added in a statement that ...", then "'...,' the statement read": the statement is
    # X's, not that of a body the statement talks about as having attributed words to X.
    quotes = read_quotes(
        nlp,
        "Transport Minister Oskar Velde denied on Friday that he had spoken to the Harlow "
        "Evening Courier.\n\n"
        "The minister added in a written statement that the Harlow Evening Courier had "
        "invented a statement in his name.\n\n"
        '"The Harlow Evening Courier printed words the minister never said and never wrote," '
        "the statement read.",
    )
    assert by_text(quotes, "never said and never wrote").speaker == "Oskar Velde"


@pytest.mark.slow
def test_a_statement_named_with_its_issuer_speaks_for_it_paragraphs_later(
    nlp: Language,
) -> None:
    quotes = quotes_with(
        nlp,
        "A statement issued by the Pellam Harbour Trust on Tuesday said the pier would stay "
        "closed for repairs.\n\n"
        "Fishing crews have moored in the next bay since the storm.\n\n"
        '"We will reopen the pier only when every plank has been checked," the statement said.',
        {"Pellam Harbour Trust": ActorKind.ORG},
    )
    assert by_text(quotes, "every plank has been checked").speaker == "Pellam Harbour Trust"


@pytest.mark.slow
def test_a_court_speaks_through_its_order(nlp: Language) -> None:
    quotes = quotes_with(
        nlp,
        "The Vell Appeals Court on Monday overturned the ban on the march.\n\n"
        '"A town square belongs to those who gather in it," the 20-page Vell Appeals Court '
        "order said.",
        {"Vell Appeals Court": ActorKind.ORG},
    )
    assert by_text(quotes, "belongs to those who gather").speaker == "Vell Appeals Court"


@pytest.mark.slow
def test_the_government_that_speaks_is_the_country_whose_government_the_text_named(
    nlp: Language,
) -> None:
    # A country named only in "the government of X" is the state acting, and "the
    # government" that speaks further on is that state.
    quotes = read_quotes(
        nlp,
        "The government of Botswana is reviewing a contract to store scrap batteries near the "
        "capital.\n\n"
        "In a statement on Monday, the government said it had not approved the contract.",
    )
    assert by_text(quotes, "had not approved the contract").speaker == "Botswana"


@pytest.mark.slow
def test_it_said_goes_on_with_the_body_past_a_person_named_in_what_it_said(
    nlp: Language,
) -> None:
    quotes = quotes_with(
        nlp,
        "The Orvell Mining Board said on Monday it had suspended the quarry's licence. It said "
        "Peter Ansel had ordered an inspection of the site. It said the quarry would stay shut "
        "until the inspection was over.",
        {"Orvell Mining Board": ActorKind.ORG, "Peter Ansel": ActorKind.PERSON},
    )
    assert by_text(quotes, "stay shut").speaker == "Orvell Mining Board"


@pytest.mark.slow
def test_her_beside_a_woman_the_text_does_not_name_leaves_the_named_man_a_he(
    nlp: Language,
) -> None:
    # "a widow and her daughter": "her" is the widow's, so it tells nothing of the man named
    # before, and his "he" still finds him.
    quotes = read_quotes(
        nlp,
        "Governor Tomas Brenner left the harvest fair early and called on a widow and her "
        "daughter in the flooded valley. He promised the county would spend \"all that it takes\" "
        "on a new roof.",
    )
    assert by_text(quotes, "all that it takes").speaker == "Tomas Brenner"


@pytest.mark.slow
def test_a_news_agency_that_says_what_happened_is_a_source_not_a_speaker(
    nlp: Language,
) -> None:
    quotes = read_quotes(
        nlp,
        "A storm flattened dozens of homes on the coast of Vardelia on Sunday.\n\n"
        "The official Tessary News Agency said that the storm cut power to the port city of "
        "Olmen.\n\n"
        "Mayor Ilse Brandt said crews would work through the night.",
    )
    assert by_text(quotes, "cut power").speaker is None
    assert by_text(quotes, "work through the night").speaker == "Ilse Brandt"


@pytest.mark.slow
def test_an_outlet_that_speaks_of_itself_is_a_party(nlp: Language) -> None:
    quotes = read_quotes(
        nlp,
        "A court in Vardelia fined the Harwick Daily Courier for a report on a minister.\n\n"
        "The Harwick Daily Courier said it would appeal the fine.",
    )
    assert by_text(quotes, "appeal the fine").speaker == "Harwick Daily Courier"


@pytest.mark.slow
def test_she_after_a_person_brought_in_unnamed_does_not_make_the_named_subject_a_woman(
    nlp: Language,
) -> None:
    # "wrote to a county magistrate after she hinted": "she" may well be the magistrate, so it
    # tells nothing of the prosecutor, whose "he" later still finds him.
    quotes = read_quotes(
        nlp,
        "Prosecutor appeals\n\n"
        "Prosecutor Ivo Marten wrote to a county magistrate after she hinted she might drop "
        "the charge.\n\n"
        "Marten said in a filing on Tuesday that his office would appeal any ruling by District "
        "Judge Ada Vell that accepted what he called the defence's \"plainly mistaken reading "
        'of the law."',
    )
    called = [q for q in quotes if q.text.startswith("plainly mistaken reading")]
    assert [q.speaker for q in called] == ["Ivo Marten"]


@pytest.mark.slow
def test_the_leader_of_a_party_is_not_a_leader_named_next_with_another_role(
    nlp: Language,
) -> None:
    # "The leader of the opposition party" says whose leader; "veteran leader Tomas Orvell"
    # in the next sentence leads something else, and is not who speaks.
    quotes = read_quotes(
        nlp,
        "Recount demanded\n\n"
        "The leader of Vardelia's largest opposition Green Hand party demanded a recount on "
        "Monday, saying the vote was rigged.\n\n"
        "Ilse Brandt said her camp would reject the tally, since ballot boxes were stuffed for "
        "veteran leader Tomas Orvell.",
    )
    assert by_text(quotes, "vote was rigged").speaker != "Tomas Orvell"


@pytest.mark.slow
def test_the_reporter_filing_the_story_is_not_the_source_of_what_it_says(
    nlp: Language,
) -> None:
    text = (
        "Count denounced\n\n"
        "The five opposition candidates held a news conference on Monday to denounce the count "
        "as a sham, according to Ilse Brandt, reporting for the Tessary Gazette from Olmen.\n\n"
        "Candidate Tomas Orvell said he would not recognise the result."
    )
    quotes = read_quotes(nlp, text)
    assert "Ilse Brandt" not in {q.speaker for q in quotes}
    assert by_text(quotes, "not recognise the result").speaker == "Tomas Orvell"
    parsed = parse(nlp, text)
    names = {a.name for a in find_actors(parsed, find_places(parsed)).actors}
    assert "Ilse Brandt" not in names  # a journalist's byline work makes no party (GOLD.md)


@pytest.mark.slow
def test_a_minister_titled_by_country_and_acronym_speaks_not_the_country(
    nlp: Language,
) -> None:
    quotes = quotes_with(
        nlp,
        "Solomon Islands (SI) Trade Minister Ada Kessling said she was resigning on Friday amid "
        "a row over the cost of a delegation.",
        {"Solomon Islands": ActorKind.COUNTRY, "Ada Kessling": ActorKind.PERSON},
    )
    assert by_text(quotes, "she was resigning").speaker == "Ada Kessling"


@pytest.mark.slow
def test_a_country_named_before_its_ministers_title_is_no_person(nlp: Language) -> None:
    text = (
        "Trade minister resigns\n\n"
        "Burkina Faso (BF) Trade Minister Ada Kessling said she was resigning on Friday amid a "
        "row over the cost of a delegation."
    )
    article = parse_article_text(text, ArticleMeta(published=dt.date(2025, 3, 3)))
    parsed = ParsedArticle.from_doc(article, nlp(article_text(article)))
    kinds = {a.name: a.kind for a in find_actors(parsed, find_places(parsed)).actors}
    assert kinds.get("Burkina Faso") != ActorKind.PERSON
    assert by_text(document_quotes(nlp, text), "she was resigning").speaker == "Ada Kessling"


@pytest.mark.slow
def test_a_name_set_beside_a_news_website_is_a_source_not_a_speaker(nlp: Language) -> None:
    quotes = read_quotes(
        nlp,
        "A lorry overturned on the coast road near Olmen overnight.\n\n"
        "The crash blocked both lanes for six hours, according to the Ostby Reform Council, a "
        "website run by retired engineers.",
    )
    assert by_text(quotes, "blocked both lanes").speaker is None
