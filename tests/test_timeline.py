"""Dates found in parsed articles, resolved with their clause's tense, and the events they date."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from spacy.language import Language

from bot.briefing.actors import ActorIndex
from bot.briefing.dates import Tense
from bot.briefing.ingest import ArticleMeta, parse_article_text
from bot.briefing.models import Actor, ActorKind, Article, Event
from bot.briefing.parsed import ParsedArticle, article_text
from bot.briefing.places import PlaceIndex
from bot.briefing.timeline import DateMention, find_dates, find_events
from tests.conftest import SEED

pytestmark = pytest.mark.slow

SEED_PUBLISHED = dt.date(2016, 2, 11)


def parse(nlp: Language, paragraphs: list[str], published: dt.date) -> ParsedArticle:
    article = Article(
        id="test",
        title="Test article",
        published=published,
        paragraphs=paragraphs,
        content_hash="test",
    )
    return ParsedArticle.from_doc(article, nlp(article_text(article)))


def dated(mentions: list[DateMention]) -> dict[str, str | None]:
    return {m.expression: None if m.value is None else m.value.iso() for m in mentions}


def dates_in(nlp: Language, paragraphs: list[str], published: dt.date) -> dict[str, str | None]:
    """The dates found in an article of these paragraphs, by expression."""
    return dated(find_dates(parse(nlp, paragraphs, published)))


def events_of(parsed: ParsedArticle) -> list[Event]:
    return find_events(parsed, find_dates(parsed), ActorIndex(), PlaceIndex())


def expressions_and_dates(events: list[Event]) -> list[tuple[str, str | None]]:
    return [(e.expression, e.date.iso() if e.date else None) for e in events]


@pytest.fixture(scope="module")
def seed(nlp: Language) -> ParsedArticle:
    article = parse_article_text(
        SEED.read_text(encoding="utf-8"), ArticleMeta(published=SEED_PUBLISHED)
    )
    return ParsedArticle.from_doc(article, nlp(article_text(article)))


def test_the_seed_dates_resolve_against_a_thursday_publication(seed: ParsedArticle) -> None:
    found = [(m.expression, m.value.iso() if m.value else None) for m in find_dates(seed)]
    assert ("starting 1 March", "2016-03-01") in found
    assert ("on Wednesday", "2016-02-10") in found
    assert ("on Thursday", "2016-02-11") in found
    assert ("on Tuesday", "2016-02-09") in found
    assert ("last week", "2016-02-01") in found
    assert ("last month", "2016-01") in found
    assert ("this year", "2016") in found
    assert ("August 2011", "2011-08") in found
    assert ("into 2017", "2017") in found
    # "the five-year civil war" is a duration, not a date.
    assert not any("five" in expression for expression, _ in found)
    assert all(value is not None for _, value in found)


def test_mentions_point_at_their_sentence_and_verb(seed: ParsedArticle) -> None:
    mentions = find_dates(seed)
    kerry = next(m for m in mentions if m.expression == "on Tuesday")
    assert "Kerry said on Tuesday" in seed.article.sentences[kerry.sentence]
    assert kerry.head is not None
    assert seed.doc[kerry.head].text == "said"
    assert kerry.tense is Tense.PAST
    assert not kerry.planned
    ceasefire = next(m for m in mentions if m.expression == "starting 1 March")
    assert ceasefire.planned


def test_seed_events_are_sorted_summarised_and_flagged(seed: ParsedArticle) -> None:
    events = events_of(seed)
    dates = [e.date for e in events if e.date is not None]
    assert dates == sorted(dates, key=lambda d: d.timeline_key)
    # "this year" stands after the dated events of 2016, not between January and February.
    expressions = [e.expression for e in events]
    assert expressions.index("this year") > expressions.index("starting 1 March")
    assert expressions.index("last month") < expressions.index("last week")
    by_summary = {e.summary: e for e in events}
    assert "Russian airstrikes hit around 1,900 targets in Syria" in by_summary
    assert by_summary["Russian airstrikes hit around 1,900 targets in Syria"].date is not None
    arrived = next(e for e in events if "arrived in Germany" in e.summary)
    assert arrived.date is not None
    assert arrived.date.iso() == "2016-02-10"
    assert "Kerry" in arrived.summary
    assert "who" not in arrived.summary.split()
    ceasefire = next(e for e in events if e.expression == "starting 1 March")
    assert ceasefire.planned
    assert "ceasefire" in ceasefire.summary
    assert not any(e.planned for e in events if e.expression in ("last week", "last month"))
    assert all(len(e.summary.split()) <= 25 for e in events)
    for event in events:
        assert event.source.article_id == seed.article.id
        assert event.source.sentence < len(seed.article.sentences)


def test_an_ordinal_day_after_a_time_preposition_is_a_date(nlp: Language) -> None:
    paragraphs = [
        "The Dorvale council said the new parking rules would take effect on the 14th.",
        "A fire broke out on the 14th floor of the Hollen tower on Tuesday.",
    ]
    assert dates_in(nlp, paragraphs, dt.date(2026, 11, 12)) == {
        "on the 14th": "2026-11-14",
        "on Tuesday": "2026-11-10",
    }


def test_a_span_of_years_tagged_as_two_dates_is_one(nlp: Language) -> None:
    paragraphs = ["Ilse Varga served as mayor of Dorvale from 1999 to 2003, and again in 2010."]
    assert dates_in(nlp, paragraphs, dt.date(2026, 11, 12)) == {
        "from 1999 to 2003": "1999",
        "in 2010": "2010",
    }


def test_last_year_after_a_calendar_date_names_its_year(nlp: Language) -> None:
    paragraphs = ["The Hollen museum was closed from Feb. 11-12 last year and again on the 3rd."]
    assert dates_in(nlp, paragraphs, dt.date(2026, 11, 12)) == {
        "from Feb. 11-12 last year": "2025-02",
        "on the 3rd": "2026-11-03",
    }


def test_a_time_set_in_the_past_tense_may_lie_ahead(nlp: Language) -> None:
    paragraphs = [
        "The Dorvale council vote was scheduled for Friday, but the opposition wants a delay.",
        "A Hollen court postponed the hearing to Dec. 3.",
        "The council set up a review panel on Monday.",
    ]
    assert dates_in(nlp, paragraphs, dt.date(2026, 11, 12)) == {
        "for Friday": "2026-11-13",
        "Dec. 3": "2026-12-03",
        "on Monday": "2026-11-09",
    }


def test_tense_decides_the_side_of_publication(nlp: Language) -> None:
    monday = dt.date(2017, 3, 6)
    parsed = parse(
        nlp,
        [
            "The ministers met on Friday in Geneva to discuss the draft treaty.",
            "They will meet again on Friday to sign it, the spokeswoman said.",
            "The parliament is expected to vote on the treaty in June.",
            "Elections were held in June under a caretaker government.",
            "The rebels captured the town in two weeks during a five-year war.",
        ],
        monday,
    )
    mentions = find_dates(parsed)
    values = [(m.expression, m.value.iso() if m.value else None, m.planned) for m in mentions]
    assert ("on Friday", "2017-03-03", False) in values
    assert ("on Friday", "2017-03-10", True) in values
    assert ("in June", "2017-06", True) in values
    assert ("in June", "2016-06", False) in values
    assert not any("two weeks" in e or "five-year" in e for e, _, _ in values)


def test_schedules_lie_ahead_and_past_participles_behind(nlp: Language) -> None:
    thursday = dt.date(2019, 2, 28)
    parsed = parse(
        nlp,
        [
            "The summit opens on Monday in Brussels.",
            "Talks could resume on Sunday.",
            "The law, passed on Wednesday, takes effect on 1 July.",
        ],
        thursday,
    )
    events = events_of(parsed)
    found = {(e.expression, e.date.iso() if e.date else None, e.planned) for e in events}
    assert found == {
        ("on Monday", "2019-03-04", True),
        ("on Sunday", "2019-03-03", True),
        ("on Wednesday", "2019-02-27", False),
        ("on 1 July", "2019-07-01", True),
    }
    law = next(e for e in events if e.expression == "on Wednesday")
    assert "passed on Wednesday" in law.summary


def test_dates_the_named_entity_model_missed_are_still_found(nlp: Language) -> None:
    published = dt.date(2016, 2, 11)
    article = Article(
        id="t",
        title="T",
        published=published,
        paragraphs=[
            "The envoy arrived on Wednesday after talks collapsed last month.",
            "A truce began three weeks ago and a vote was held on 1 February, 2016.",
            "Rebels had held the town since August 2011 and lost it in June.",
            "Yesterday the ministers met, and they will meet again on March 3rd.",
        ],
        content_hash="t",
    )
    doc = nlp(article_text(article))
    doc.ents = []  # as if the small model had tagged nothing
    parsed = ParsedArticle.from_doc(article, doc)
    assert dated(find_dates(parsed)) == {
        "on Wednesday": "2016-02-10",
        "last month": "2016-01",
        "three weeks ago": "2016-01-18",
        "on 1 February, 2016": "2016-02-01",
        "since August 2011": "2011-08",
        "in June": "2015-06",
        "Yesterday": "2016-02-10",
        "on March 3rd": "2016-03-03",
    }


def test_an_event_lists_the_actors_and_places_of_its_clause(nlp: Language) -> None:
    parsed = parse(
        nlp,
        ["Merkel flew to Paris on Monday, while the opposition leader stayed at home."],
        dt.date(2016, 2, 11),
    )
    doc = parsed.doc
    merkel = next(t.i for t in doc if t.text == "Merkel")
    paris = next(t.i for t in doc if t.text == "Paris")
    actor = Actor(id="angela-merkel", name="Angela Merkel", kind=ActorKind.PERSON)
    actors = ActorIndex(actors=[actor], token_actor={merkel: actor.id})
    places = PlaceIndex(token_place={paris: "Paris"})
    events = find_events(parsed, find_dates(parsed), actors, places)
    assert len(events) == 1
    event = events[0]
    assert event.date is not None
    assert event.date.iso() == "2016-02-08"
    assert event.actor_ids == ["angela-merkel"]
    assert event.places == ["Paris"]
    assert "flew to Paris" in event.summary
    assert "opposition" not in event.summary


def test_events_without_actors_still_come_out_in_date_order(nlp: Language) -> None:
    parsed = parse(
        nlp,
        [
            "The company will report its results next month.",
            "Its shares fell 4% on Tuesday.",
            "The firm was founded in 1998.",
        ],
        dt.date(2016, 2, 11),
    )
    events = events_of(parsed)
    assert [e.date.iso() if e.date else None for e in events] == ["1998", "2016-02-09", "2016-03"]
    assert [e.planned for e in events] == [False, False, True]


def test_two_dates_on_different_words_of_a_clause_are_two_events(nlp: Language) -> None:
    parsed = parse(
        nlp,
        [
            "The company last month reported a loss of $40m for 2015.",
            "Dorvale aims to cut its deficit to 3% by 2018, from 5% last year.",
            "The Hollen ferry was inspected in 2012 and again last week.",
            "A vaccine was approved by the regulator in December 2014.",
        ],
        dt.date(2016, 2, 11),
    )
    events = events_of(parsed)
    assert expressions_and_dates(events) == [
        ("in 2012", "2012"),
        ("in December 2014", "2014-12"),
        ("for 2015", "2015"),
        ("last year", "2015"),
        ("last month", "2016-01"),
        ("last week", "2016-02-01"),
        ("by 2018", "2018"),
    ]
    vaccine = next(e for e in events if e.expression == "in December 2014")
    assert vaccine.summary == "A vaccine was approved by the regulator"


def test_a_long_text_is_handled_in_bounded_time(nlp: Language) -> None:
    # Catches super-linear matching, not a speed target.
    sentence = "On Monday the council met, and last week it voted again in March 2015. "
    parsed = parse(nlp, [sentence * 400], dt.date(2016, 2, 11))  # about 30 KB
    started = time.perf_counter()
    mentions = find_dates(parsed)
    events = find_events(parsed, mentions, ActorIndex(), PlaceIndex())
    assert time.perf_counter() - started < 2.0
    assert len(mentions) >= 3 * 400
    assert events


@pytest.mark.parametrize(
    ("paragraphs", "published", "expected"),
    [
        pytest.param(
            [
                "Thursday, March 7, 2024",
                "Mayor Ilse Varga opens the Hollen bridge on May 3, 2021. Photo: Tom Rook.",
                "Varga (left) and Rook (right) on October 25, 2022.",
                "Ilse Varga, left, and Tom Rook, right, leave the hall in Hollen, Feb. 5, 2024.",
                "Councillors leave the hall as the board votes on the budget, in Hollen, "
                "Feb. 6, 2024.",
                "The Hollen council approved the budget on Tuesday.",
            ],
            dt.date(2024, 3, 7),
            {"on Tuesday": "2024-03-05"},
            id="captions, credits and date lines date no event",
        ),
        pytest.param(
            [
                "HOLLEN, March 5 (Wire) - Rail workers in Hollen walked out on Tuesday.",
                "DORVALE, March 5 (Wire) — The Dorvale board met on Monday.",
            ],
            dt.date(2025, 3, 5),
            {"on Tuesday": "2025-03-04", "on Monday": "2025-03-03"},
            id="a wire dateline's date is the day of filing, not an event",
        ),
        pytest.param(
            [
                "Office of the Mayor of Hollen",
                "For Immediate Release April 23, 2012",
                "The mayor congratulates the people of Hollen on the vote held on April 21.",
            ],
            dt.date(2012, 4, 23),
            {"on April 21": "2012-04-21"},
            id="a statement's header holding the publication day is not an event",
        ),
        pytest.param(
            ["The Hollen probe was launched on March 3 - a day late."],
            dt.date(2025, 3, 5),
            {"on March 3": "2025-03-03"},
            id="an aside after a spaced dash is not part of the date",
        ),
        pytest.param(
            ["Feb. 6, 2024: the Hollen board votes on the budget."],
            dt.date(2024, 3, 7),
            {"Feb. 6, 2024": "2024-02-06"},
            id="a chronology in the present keeps its dates",
        ),
        pytest.param(
            [
                "The Hollen lantern fair is held on the second Sunday in June.",
                "Dorvale's market opens every Friday, and the Monday after the fair is a holiday.",
                "The fair drew record crowds on Saturday.",
            ],
            dt.date(2023, 6, 13),
            {"on Saturday": "2023-06-10"},
            id="a weekday picked out by a rule or another event is not dated",
        ),
        pytest.param(
            [
                "Ilse Varga, who was born in 1978, founded the Hollen museum in 2009.",
                "The museum will show the Dorvale skeleton this summer.",
                "Ten years ago, the Hollen festival was born.",
            ],
            dt.date(2024, 4, 22),
            {"in 2009": "2009", "this summer": "2024", "Ten years ago": "2014"},
            id="a birth year is not an event; a season is its year",
        ),
        pytest.param(
            [
                "Born in 1961, the Dorvale singer rose to fame on the radio.",
                "She gave her last concert on Tuesday.",
            ],
            dt.date(2026, 11, 12),
            {"on Tuesday": "2026-11-10"},
            id="a participle opening the clause dates its subject's birth",
        ),
        pytest.param(
            [
                "Every year in March, Dorvale holds a lantern fair.",
                "The Hollen fair is held every May and drew 4,000 people last year.",
                "If the vote were held on Sunday, the Greens would win, a poll found.",
                "If talks fail on Friday, the union will strike on Monday.",
            ],
            dt.date(2024, 4, 24),
            {"last year": "2023", "on Friday": "2024-04-26", "on Monday": "2024-04-29"},
            id="recurring and hypothetical time is not an event; a real condition is",
        ),
    ],
)
def test_dates_that_place_no_event_of_the_story_are_left_out(
    nlp: Language, paragraphs: list[str], published: dt.date, expected: dict[str, str]
) -> None:
    assert dates_in(nlp, paragraphs, published) == expected


def test_a_past_list_of_weekdays_looks_back(nlp: Language) -> None:
    saturday = dt.date(2024, 11, 9)
    parsed = parse(
        nlp,
        ["The Dorvale clinic said 200 doses were given Wednesday, 210 Thursday and 190 Friday."],
        saturday,
    )
    mentions = find_dates(parsed)
    assert dated(mentions) == {
        "Wednesday": "2024-11-06",
        "Thursday": "2024-11-07",
        "Friday": "2024-11-08",
    }
    assert not any(m.planned for m in mentions)
    # Without a verb the list still reports days gone by.
    verbless = find_dates(parse(nlp, ["Doses by day: 200 Wednesday, 210 Thursday."], saturday))
    assert [m.value.iso() if m.value else None for m in verbless] == ["2024-11-06", "2024-11-07"]


def test_one_weekday_named_twice_is_one_day(nlp: Language) -> None:
    voted = "The Hollen council voted on Thursday to close the old bridge."
    # Alone, a present tense over a weekday reads as a schedule: the Thursday ahead.
    follows = "Repairs follow the vote on Thursday, the council says."
    mentions = find_dates(parse(nlp, [voted, follows], dt.date(2024, 11, 9)))
    assert [m.value.iso() if m.value else None for m in mentions] == ["2024-11-07", "2024-11-07"]


def test_a_reported_would_looks_ahead(nlp: Language) -> None:
    saturday = dt.date(2024, 11, 9)
    parsed = parse(nlp, ["Varga said the work would resume Sunday at noon."], saturday)
    (mention,) = find_dates(parsed)
    assert mention.value is not None and mention.value.iso() == "2024-11-10"
    assert mention.planned


def test_the_rest_of_the_current_period_is_planned(nlp: Language) -> None:
    parsed = parse(
        nlp,
        [
            "The Dorvale board is looking at new rules by the end of the year.",
            "The cooperative hopes to clear its backlog by year end.",
            "Varga said in March that she hoped to sign a deal by the end of the month.",
            "Sales fell earlier this year.",
        ],
        dt.date(2023, 2, 23),
    )
    planned = {m.expression: m.planned for m in find_dates(parsed)}
    assert planned == {
        "by the end of the year": True,
        "by year end": True,
        "in March": False,
        "by the end of the month": True,
        "earlier this year": False,
    }


def test_a_date_counted_from_the_one_before(nlp: Language) -> None:
    parsed = parse(
        nlp,
        [
            "In early November, the Hollen ferry company reported a record season. "
            "Its rival had reported a loss a month earlier.",
            "The harbour reopened two days later.",
        ],
        dt.date(2021, 12, 15),
    )
    # The second paragraph has no date of its own to count from.
    assert dated(find_dates(parsed)) == {
        "In early November": "2021-11",
        "a month earlier": "2021-10",
    }


def test_the_day_before_opening_a_sentence_counts_from_the_last_date(nlp: Language) -> None:
    parsed = parse(
        nlp,
        [
            "Dorvale police arrested two men on Nov. 3. The day before, a car had been set on "
            "fire outside the Hollen station.",
            "The council will meet the day before the vote.",
        ],
        dt.date(2026, 11, 12),
    )
    # "the day before the vote" counts from the vote, which the text does not date.
    assert dated(find_dates(parsed)) == {"on Nov. 3": "2026-11-03", "The day before": "2026-11-02"}


def test_a_pull_quote_repeating_a_dated_sentence_is_one_event(nlp: Language) -> None:
    sentence = "The Hollen bridge closed on Tuesday after cracks were found, the council said."
    parsed = parse(nlp, [sentence, "Engineers are inspecting it.", sentence], dt.date(2024, 3, 7))
    assert len(find_dates(parsed)) == 2
    assert len(events_of(parsed)) == 1


def test_a_weekday_joined_to_another_runs_on_from_it(nlp: Language) -> None:
    saturday = dt.date(2021, 8, 7)
    mentions = find_dates(
        parse(
            nlp,
            [
                "The Hollen vote allowed for a final ballot later Saturday or Sunday.",
                "Dorvale passengers faced cancellations on Monday and Tuesday.",
            ],
            saturday,
        )
    )
    found = {m.expression: (m.value.iso() if m.value else None, m.planned) for m in mentions}
    # Alone, a past-tense Sunday would be the one before publication (1 August).
    assert found["Sunday"] == ("2021-08-08", True)
    assert found["later Saturday"] == ("2021-08-07", True)
    assert found["on Monday"] == ("2021-08-02", False)
    assert found["Tuesday"] == ("2021-08-03", False)


@pytest.mark.parametrize(
    "city",
    [
        pytest.param("HOLLEN", id="the parse hangs the city on the subject"),
        pytest.param("PORT HOLLEN", id="the parse reads the city as a second subject"),
    ],
)
def test_a_datelines_city_is_not_the_subject_of_the_first_event(nlp: Language, city: str) -> None:
    text = (
        "Nurses walk out in the north\n\n"
        f"{city}, March 4 (Wire) - Nurses at the region's biggest hospital walked out on Monday "
        "after talks with the health board broke down over pay.\n\n"
        "BRESK — Farmers in the northern valley blocked two roads on Tuesday to protest "
        "against new water rules."
    )
    article = parse_article_text(text, ArticleMeta(published=dt.date(2025, 3, 5)))
    parsed = ParsedArticle.from_doc(article, nlp(article_text(article)))
    summaries = {e.expression: e.summary for e in events_of(parsed)}
    assert summaries["on Monday"].startswith("Nurses at the region's biggest hospital walked out")
    assert summaries["on Tuesday"].startswith("Farmers in the northern valley blocked two roads")


def test_a_year_naming_a_thing_is_no_event_beside_its_clauses_date(nlp: Language) -> None:
    parsed = parse(
        nlp,
        [
            "The council on Tuesday rejected the mayor's 2027 budget by 30 votes to 21.",
            "The 2011 earthquake destroyed the old harbour.",
        ],
        dt.date(2026, 11, 25),
    )
    events = events_of(parsed)
    assert expressions_and_dates(events) == [
        ("2011", "2011"),
        ("on Tuesday", "2026-11-24"),
    ]
    assert not any(e.planned for e in events)


def test_a_pronoun_opening_a_reported_clause_is_its_reporter(nlp: Language) -> None:
    parsed = parse(
        nlp,
        [
            "The ferry firm Calvane said it had cancelled 40 crossings on Sunday.",
            "Calvane said he had resigned on Monday.",
        ],
        dt.date(2026, 11, 25),
    )
    doc = parsed.doc
    firm = [t.i for t in doc if t.text == "Calvane"]
    actor = Actor(id="calvane", name="Calvane", kind=ActorKind.ORG)
    actors = ActorIndex(actors=[actor], token_actor=dict.fromkeys(firm, actor.id))
    events = find_events(parsed, find_dates(parsed), actors, PlaceIndex())
    by_day = {e.expression: e for e in events}
    assert by_day["on Sunday"].summary.startswith("Calvane had cancelled 40 crossings")
    assert by_day["on Sunday"].actor_ids == ["calvane"]
    # "he" cannot stand for an organisation: the pronoun stays.
    assert by_day["on Monday"].summary.startswith("He had resigned")


def test_a_verb_spelt_alike_in_past_and_present_takes_its_clauses_tense(nlp: Language) -> None:
    published = dt.date(2026, 11, 23)  # a Monday
    found = dates_in(
        nlp,
        [
            "Forty people were still missing after rivers burst their banks on Saturday night.",
            "The bridge will reopen once crews cut the last cables on Thursday.",
            "Residents said the storm hit the harbour on Friday.",
        ],
        published,
    )
    assert found == {
        "on Saturday night": "2026-11-21",
        "on Thursday": "2026-11-26",
        "on Friday": "2026-11-20",
    }


def test_an_ing_word_misread_as_a_second_verb_stays_in_its_clause(nlp: Language) -> None:
    parsed = parse(
        nlp,
        [
            "The director said the money would fund four guards and longer visiting hours from "
            "March.",
            "Students were marching and chanting outside the hall on Friday.",
        ],
        dt.date(2026, 11, 19),
    )
    summaries = {e.expression: e.summary for e in events_of(parsed)}
    assert summaries["from March"] == ("The money would fund four guards and longer visiting hours")
    assert summaries["on Friday"].startswith("Students were")


def test_a_plan_reported_in_the_past_lies_on_the_nearer_side(nlp: Language) -> None:
    published = dt.date(2024, 3, 7)  # a Thursday
    parsed = parse(
        nlp,
        [
            "Dock workers agreed on Thursday to return to work on Friday.",
            "The storm was expected to reach the coast on Tuesday, but it turned north.",
            "The board decided last month to close the plant in June.",
            "The union votes to end the strike on Monday.",
            "The pay deal agreed on Wednesday covers 3,000 workers.",
        ],
        published,
    )
    events = events_of(parsed)
    assert expressions_and_dates(events) == [
        ("last month", "2024-02"),
        ("on Tuesday", "2024-03-05"),
        ("on Wednesday", "2024-03-06"),
        ("on Thursday", "2024-03-07"),
        ("on Friday", "2024-03-08"),
        ("on Monday", "2024-03-11"),
        ("in June", "2024-06"),
    ]
    planned = {e.expression for e in events if e.planned}
    assert planned == {"on Friday", "on Monday", "in June"}


def test_a_sentence_read_as_one_noun_phrase_keeps_its_subject_and_offer(nlp: Language) -> None:
    parsed = parse(
        nlp,
        [
            "Hollen's mayor, Ilse Varga, offered on Wednesday to mediate between the nurses and "
            "the health board, as the strike entered its second day."
        ],
        dt.date(2024, 3, 6),
    )
    (event,) = events_of(parsed)
    assert event.summary == (
        "Hollen's mayor offered to mediate between the nurses and the health board"
    )
    assert not event.planned  # made on the day of publication, a Wednesday


def test_a_month_on_a_verb_in_the_simple_present_is_the_month_ahead(nlp: Language) -> None:
    published = dt.date(2025, 5, 14)
    found = dates_in(
        nlp,
        [
            "The new parking rules take effect in February, the council said.",
            "Registration opens in March for the autumn term.",
            "Sales figures in April show a rise of 4 percent.",
            "The ferry service resumes in May after repairs.",
        ],
        published,
    )
    # A schedule looks ahead, as "reopens on Tuesday" does; the month of publication is itself.
    assert found["in February"] == "2026-02"
    assert found["in March"] == "2026-03"
    assert found["in May"] == "2025-05"
    # Through a noun, a month reports figures: the nearer one, here the month before.
    assert found["in April"] == "2025-04"


def test_a_day_under_a_verb_of_reaction_in_the_present_is_past(nlp: Language) -> None:
    published = dt.date(2025, 5, 14)  # a Wednesday
    parsed = parse(
        nlp,
        [
            "The government condemns the attack on Sunday on a market in Dorrow.",
            "The minister congratulates the people of Ostmark on their peaceful elections on "
            "Monday.",
            "The new bridge opens on Friday, the council said.",
        ],
        published,
    )
    events = events_of(parsed)
    assert dict(expressions_and_dates(events)) == {
        "on Sunday": "2025-05-11",
        "on Monday": "2025-05-12",
        "on Friday": "2025-05-16",  # a schedule, beside them, still looks ahead
    }
    assert {e.expression for e in events if e.planned} == {"on Friday"}
