"""Topics: the lexicon file, the sentences a topic covers and each party's position."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from bot.briefing.actors import find_actors
from bot.briefing.ingest import parse_article_text
from bot.briefing.lexicon import LexiconError, TopicLexicon, load_lexicon
from bot.briefing.models import ActorKind, DateValue, Precision, Stance, Topic
from bot.briefing.parsed import ParsedArticle, article_text
from bot.briefing.places import find_places
from bot.briefing.quotes import find_quotes
from bot.briefing.timeline import DateMention, find_dates
from bot.briefing.topics import find_topics, term_matches
from bot.config import CONTENT_DIR
from tests.conftest import SEED
from tests.test_quotes import known_actors, parse

PAY_LEXICON = """
[_stances]
proposes = ["propose", "offer", "put forward"]
rejects = ["reject", "refuse"]
supports = ["accept", "welcome", "agree"]
demands = ["urge", "call for"]

[pay]
label = "Pay dispute"
terms = ["pay offer", "pay rise", "pay deal", "wage"]
stances = { rejects = ["walk away from"] }

[pensions]
label = "Pensions"
terms = ["pension"]
"""


def write_lexicon(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "topics.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_lexicon_reads_shared_and_per_topic_stance_cues(tmp_path: Path) -> None:
    lexicon = load_lexicon(write_lexicon(tmp_path, PAY_LEXICON))
    assert lexicon.keys == ["pay", "pensions"]  # "_stances" configures; it is not a topic
    shared = {(c.stance, c.word, c.then) for c in lexicon.stances}
    assert (Stance.DEMANDS, "call", ("for",)) in shared
    assert (Stance.PROPOSES, "put", ("forward",)) in shared
    pay = lexicon.get("pay")
    assert pay is not None
    assert [(c.stance, c.word, c.then) for c in pay.stances] == [
        (Stance.REJECTS, "walk", ("away", "from"))
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[_stances]\nrefutes = ["deny"]\n', "unknown stance 'refutes'"),
        ('[_stances]\nrejects = "reject"\n', "needs a list"),
        ('[_colours]\nred = ["x"]\n', "unknown settings table '_colours'"),
        ('[pay]\nterms = ["wage"]\nstances = { supports = [""] }\n', "pay: stance 'supports'"),
    ],
)
def test_lexicon_errors_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        load_lexicon(write_lexicon(tmp_path, text))


def test_shipped_lexicon_has_cues_for_every_stance() -> None:
    lexicon = load_lexicon(CONTENT_DIR / "topics.toml")
    assert {"ceasefire", "peace_talks", "airstrikes"} <= set(lexicon.keys)
    assert {c.stance for c in lexicon.stances} == set(Stance)


PAY_ARTICLE = """Union leader Tom Price rejected the company's pay offer on Monday.

Northwind Motors put forward a new pay offer of 2.5% after the talks.

The union did not accept the new pay offer, Price said.

Business Secretary Priya Malhotra urged both sides to agree a pay deal.

Northwind Motors may walk away from the wage talks, and the Ceasefire Party welcomed the pay rise.

The pension scheme is closed to new members.
"""


@pytest.fixture(scope="module")
def pay_topics(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> list[Topic]:
    lexicon = load_lexicon(write_lexicon(tmp_path_factory.mktemp("lexicon"), PAY_LEXICON))
    parsed = parse(nlp, PAY_ARTICLE)
    actors = known_actors(
        parsed,
        {
            "Tom Price": ActorKind.PERSON,
            "Priya Malhotra": ActorKind.PERSON,
            "Northwind Motors": ActorKind.ORG,
            "Motor Workers Union": ActorKind.ORG,
        },
        also={"union": "Motor Workers Union"},
    )
    monday = next(t for t in parsed.doc if t.text == "Monday")
    dates = [
        DateMention(
            start=monday.i - 1,
            end=monday.i + 1,
            expression="on Monday",
            value=DateValue(value=dt.date(2024, 3, 4), precision=Precision.DAY),
            planned=False,
            sentence=parsed.sentence_index(monday),
            head=monday.head.head.i,
        )
    ]
    quotes = find_quotes(parsed, actors, dates)
    return find_topics(parsed, lexicon, actors, dates, quotes)


def stances(topic: Topic) -> set[tuple[str, Stance]]:
    return {(p.actor, p.stance) for p in topic.positions}


@pytest.mark.slow
def test_pay_dispute_positions(pay_topics: list[Topic]) -> None:
    pay = pay_topics[0]
    assert (pay.key, pay.label) == ("pay", "Pay dispute")
    assert stances(pay) == {
        ("Tom Price", Stance.REJECTS),
        ("Northwind Motors", Stance.PROPOSES),
        ("Northwind Motors", Stance.REJECTS),  # "walk away from", a cue of this topic only
        ("Motor Workers Union", Stance.REJECTS),  # "did not accept"
        ("Priya Malhotra", Stance.DEMANDS),
        ("Ceasefire Party", Stance.SUPPORTS),  # a name no actor index knows still counts
    }
    rejection = next(p for p in pay.positions if p.actor == "Tom Price")
    assert rejection.text == "Union leader Tom Price rejected the company's pay offer on Monday"
    assert rejection.date == DateValue(value=dt.date(2024, 3, 4), precision=Precision.DAY)
    assert rejection.actor_id == "tom-price"


@pytest.mark.slow
def test_topics_come_most_discussed_first_and_only_when_mentioned(
    pay_topics: list[Topic],
) -> None:
    assert [t.key for t in pay_topics] == ["pay", "pensions"]
    assert [r.sentence for r in pay_topics[0].sentences] == [0, 1, 2, 3, 4]
    assert [r.sentence for r in pay_topics[1].sentences] == [5]
    assert pay_topics[1].positions == []


@pytest.mark.slow
def test_terms_match_any_case_inflection_and_hyphenation(nlp: Language) -> None:
    ceasefire = load_lexicon(CONTENT_DIR / "topics.toml").get("ceasefire")
    assert ceasefire is not None
    lexicon = TopicLexicon((ceasefire,))
    parsed = parse(
        nlp,
        "CEASEFIRE hopes fade.\n\nThe cease-fire collapsed.\n\nBoth truces held.\n\n"
        "Nobody mentioned it.\n\nThey called for an end to the fighting.",
    )
    topics = find_topics(parsed, lexicon, known_actors(parsed, {}), [], [])
    assert [r.sentence for r in topics[0].sentences] == [0, 1, 2, 4]


@pytest.mark.slow
def test_terms_are_split_by_the_tokenizer_of_the_model_that_parsed_the_text(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Making another English tokenizer for the terms costs about 0.1 s of a one-shot run."""

    def another_tokenizer(*args: object, **kwargs: object) -> Language:
        raise AssertionError("a second English pipeline was made for the terms")

    monkeypatch.setattr(spacy, "blank", another_tokenizer)
    lexicon = load_lexicon(write_lexicon(tmp_path, PAY_LEXICON))  # new: no matcher cached for it
    parsed = parse(nlp, "Nurses rejected the pay offer.\n\nTheir union wants higher wages.")
    assert term_matches(parsed, lexicon) == {"pay": [(3, 5), (11, 12)]}


def test_terms_match_in_a_text_parsed_by_a_pipeline_not_loaded_here(tmp_path: Path) -> None:
    """Another pipeline's text (its own vocabulary) gets an English tokenizer for the terms."""
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    lexicon = load_lexicon(write_lexicon(tmp_path, PAY_LEXICON))
    parsed = parse(pipeline, "Nurses rejected the pay offer.\n\nTheir union wants a pay rise.")
    assert term_matches(parsed, lexicon) == {"pay": [(3, 5), (11, 13)]}


@pytest.fixture(scope="module")
def seed_topics(nlp: Language) -> list[Topic]:
    article = parse_article_text(SEED.read_text(encoding="utf-8"))
    parsed = ParsedArticle.from_doc(article, nlp(article_text(article)))
    actors = find_actors(parsed, find_places(parsed))
    dates = find_dates(parsed)
    quotes = find_quotes(parsed, actors, dates)
    return find_topics(parsed, load_lexicon(CONTENT_DIR / "topics.toml"), actors, dates, quotes)


@pytest.mark.slow
def test_seed_ceasefire_positions(seed_topics: list[Topic]) -> None:
    ceasefire = next(t for t in seed_topics if t.key == "ceasefire")
    found = stances(ceasefire)
    assert ("Russia", Stance.PROPOSES) in found  # "Moscow's proposed ceasefire", "Russia's offer"
    assert ("United States", Stance.REJECTS) in found  # "Washington condemns", "unacceptable to"
    assert ("United States", Stance.DEMANDS) in found  # "calls for an immediate halt"
    assert all(p.actor in {"Russia", "United States"} for p in ceasefire.positions)
    offer = next(p for p in ceasefire.positions if p.text.startswith("Russia's offer"))
    # Said by a US official "on Wednesday"; 1 March is when the ceasefire would start.
    assert offer.date == DateValue(value=dt.date(2016, 2, 10), precision=Precision.DAY)


SAID_ARTICLE = """Valdoria's offer of a ceasefire starting 1 April was unacceptable to Orlandia, \
an Orlandian official said on Tuesday.

Orlandia rejected the ceasefire offer."""


@pytest.mark.slow
def test_a_position_is_dated_when_it_was_said_not_by_what_it_is_about(nlp: Language) -> None:
    parsed = parse(nlp, SAID_ARTICLE, published=dt.date(2024, 3, 7))  # a Thursday
    actors = known_actors(parsed, {"Valdoria": ActorKind.COUNTRY, "Orlandia": ActorKind.COUNTRY})
    dates = find_dates(parsed)
    quotes = find_quotes(parsed, actors, dates)
    lexicon = load_lexicon(CONTENT_DIR / "topics.toml")
    topic = next(
        t for t in find_topics(parsed, lexicon, actors, dates, quotes) if t.key == "ceasefire"
    )
    dated = {(p.actor, p.stance, p.source.sentence): p.date for p in topic.positions}
    tuesday = DateValue(value=dt.date(2024, 3, 5), precision=Precision.DAY)
    published = DateValue(value=dt.date(2024, 3, 7), precision=Precision.DAY)
    # The speech act's date, not the ceasefire's start (1 April).
    assert dated[("Orlandia", Stance.REJECTS, 0)] == tuesday
    assert dated[("Valdoria", Stance.PROPOSES, 0)] == tuesday
    # No date for the act in its sentence: the day the article says it.
    assert dated[("Orlandia", Stance.REJECTS, 1)] == published


TRADE_LEXICON = """
[_stances]
proposes = ["proposal"]
rejects = ["refuse"]
supports = ["accept", "hopeful"]

[trade]
label = "Trade"
terms = ["tariff", "tariff talks"]
"""


@pytest.mark.slow
def test_positions_through_pronouns_demonyms_and_clauses(nlp: Language, tmp_path: Path) -> None:
    lexicon = load_lexicon(write_lexicon(tmp_path, TRADE_LEXICON))
    parsed = parse(
        nlp,
        "Canada said it had accepted a Mexican proposal for lower tariffs.\n\n"
        "Brazil is hopeful that the tariff talks will resume next month.\n\n"
        "Chile refused to accept the new tariffs.",
    )
    names = dict.fromkeys(("Canada", "Mexico", "Brazil", "Chile"), ActorKind.COUNTRY)
    actors = known_actors(parsed, names, also={"Mexican": "Mexico"})
    quotes = find_quotes(parsed, actors, [])
    (trade,) = find_topics(parsed, lexicon, actors, [], quotes)
    assert {(p.actor, p.stance, p.source.sentence) for p in trade.positions} == {
        ("Canada", Stance.SUPPORTS, 0),  # "it" is the country that said so
        ("Mexico", Stance.PROPOSES, 0),  # "a Mexican proposal"
        ("Brazil", Stance.SUPPORTS, 1),  # hopeful that the talks resume
        ("Chile", Stance.REJECTS, 2),  # "refused to accept": the refusal decides
    }
