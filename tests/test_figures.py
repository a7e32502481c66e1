"""Figures: numbers with their value and what they count."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.briefing.figures import find_figures, natural_number, parse_number
from bot.briefing.ingest import parse_article_text
from bot.briefing.models import Figure
from bot.briefing.parsed import ParsedArticle, article_text
from bot.briefing.places import PlaceIndex, find_places
from tests.conftest import SEED
from tests.test_quotes import parse


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["1,900"], 1900.0),
        (["17"], 17.0),
        (["more", "than", "two", "dozen"], 24.0),
        (["a", "dozen"], 12.0),
        (["$", "3.5", "billion"], 3.5e9),
        (["£", "42", "m"], 42e6),
        (["3.5bn"], 3.5e9),
        (["twenty", "-", "five"], 25.0),
        (["two", "hundred", "and", "fifty", "thousand"], 250_000.0),
        (["five", "million"], 5e6),
        (["thousands"], None),
        (["between", "30", "and", "40"], None),  # a range has no one value
        (["thirty", "or", "forty"], None),
        (["between", "$", "3", "billion", "and", "$", "4", "billion"], None),  # never 7 billion
        (["3bn", "-", "4bn"], None),
        (["half"], None),
    ],
)
def test_parse_number(words: list[str], value: float | None) -> None:
    assert parse_number(words) == value


def figures_of(nlp: Language, text: str) -> dict[str, Figure]:
    parsed = parse(nlp, text)
    return {f.text: f for f in find_figures(parsed, PlaceIndex())}


@pytest.mark.slow
def test_money_and_percentages(nlp: Language) -> None:
    found = figures_of(
        nlp,
        "The company earned $3.5 billion last year, up 12% on 2014, and lost £42m in Asia. "
        "Its shares fell 3.2 percent on Monday, and 40 per cent of voters backed the plan.",
    )
    assert (found["$3.5 billion"].value, found["$3.5 billion"].counts) == (3.5e9, "dollars")
    assert (found["£42m"].value, found["£42m"].counts) == (42e6, "pounds")
    assert (found["12%"].value, found["12%"].counts) == (12.0, "percent")
    assert (found["3.2 percent"].value, found["3.2 percent"].counts) == (3.2, "percent")
    voters = found["40 per cent of voters"]
    assert (voters.value, voters.counts) == (40.0, "voters")
    assert not any("2014" in text for text in found)  # a year is a date, not a figure


@pytest.mark.slow
def test_counts_come_from_the_parse(nlp: Language) -> None:
    found = figures_of(
        nlp,
        "About 9,500 people work for the firm, which hired 50 more health inspectors and "
        "thousands of seasonal workers during the 48-hour strike. One official said three "
        "soldiers and a 10-man crew were hurt.",
    )
    assert (found["About 9,500 people"].value, found["About 9,500 people"].counts) == (
        9500.0,
        "people",
    )
    assert found["50 more health inspectors"].counts == "health inspectors"
    assert (
        found["thousands of seasonal workers"].value,
        found["thousands of seasonal workers"].counts,
    ) == (
        None,
        "workers",
    )
    assert found["three soldiers"].value == 3.0
    assert found["10-man crew"].counts == "men"
    assert not any("48" in text or text.lower().startswith("one") for text in found)


@pytest.mark.slow
def test_labels_ranges_and_reading_times(nlp: Language) -> None:
    found = figures_of(
        nlp,
        "4 min read\n\nThe Group of 20 met in room 101, where between 30 and 40 people waited.",
    )
    assert list(found) == ["between 30 and 40 people"]
    assert (found["between 30 and 40 people"].value, found["between 30 and 40 people"].counts) == (
        None,
        "people",
    )


@pytest.mark.slow
def test_seed_figures(nlp: Language) -> None:
    article = parse_article_text(SEED.read_text(encoding="utf-8"))
    parsed = ParsedArticle.from_doc(article, nlp(article_text(article)))
    figures = find_figures(parsed, find_places(parsed))
    read = {(f.text, f.value, f.counts) for f in figures}
    assert ("around 1,900 targets", 1900.0, "targets") in read
    assert ("17-nation Syria contact group", 17.0, "nations") in read
    assert ("17 states", 17.0, "states") in read
    assert ("more than two dozen countries", 24.0, "countries") in read
    # "1 March", "five-year", "August 2011" and "half-heartedly" are not figures.
    assert len(figures) == 4
    targets = next(f for f in figures if f.counts == "targets")
    assert parsed.article.sentences[targets.source.sentence].startswith("Russian airstrikes")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (189e6, "189 million"),
        (3.5e9, "3.5 billion"),
        (2.5e12, "2.5 trillion"),
        (1e6, "1 million"),
        (1_234_567.0, "1,234,567"),  # an exact count keeps its digits
        (45_756.0, "45,756"),
        (1900.0, "1,900"),
        (0.25, "0.25"),
        (-3.2, "-3.2"),
        (1e-7, "0.0000001"),
    ],
)
def test_a_value_reads_as_a_reader_writes_it(value: float, text: str) -> None:
    assert natural_number(value) == text
    assert "e+" not in natural_number(value) and "e-" not in natural_number(value)


@pytest.mark.slow
def test_an_age_counts_its_years(nlp: Language) -> None:
    found = figures_of(nlp, "The Hollen reptile fossil is 189 million years old, Ilse Varga said.")
    (age,) = (f for text, f in found.items() if "189" in text)
    assert (age.value, age.counts) == (189e6, "years")
    assert natural_number(age.value) == "189 million"


def test_a_scale_written_short_counts_the_noun_after_it(nlp: Language) -> None:
    found = figures_of(nlp, "The storm in Dorvale left 1.3m homes without power on Sunday.")
    (homes,) = (f for text, f in found.items() if "1.3" in text)
    assert (homes.value, homes.counts) == (1.3e6, "homes")


def test_a_day_named_beside_a_number_is_not_what_it_counts(nlp: Language) -> None:
    found = figures_of(
        nlp, "Hollen nurses vaccinated 120 people Monday, 140 Tuesday and 165 Wednesday."
    )
    counts = {f.value: f.counts for f in found.values()}
    assert counts == {120.0: "people", 140.0: None, 165.0: None}


def test_a_ratio_is_one_figure_counting_its_noun(nlp: Language) -> None:
    found = figures_of(nlp, "About 1 in 5 adults in Dorvale smoke, and one in four children walk.")
    assert {text: (f.value, f.counts) for text, f in found.items()} == {
        "About 1 in 5 adults": (None, "adults"),
        "one in four children": (None, "children"),
    }
    # A year after "in" is a date, not the second number of a ratio.
    assert "2" in figures_of(nlp, "Hollen had 2 in 2020 and 7 in 2021.")


def test_a_fraction_is_a_share_of_what_follows_of(nlp: Language) -> None:
    found = figures_of(
        nlp,
        "About a third of voters in Dorvale backed the plan, and two-thirds of the budget "
        "goes on salaries.",
    )
    assert {text: (f.value, f.counts) for text, f in found.items()} == {
        "About a third of voters": (None, "voters"),
        "two-thirds of the budget": (None, "budget"),
    }


def test_numbers_joined_by_a_hyphen_are_one_figure(nlp: Language) -> None:
    found = figures_of(nlp, "The Dorvale bill passed 52-48, and Hollen won 3-1 on Sunday.")
    assert {text: f.value for text, f in found.items()} == {"52-48": None, "3-1": None}


def test_the_second_number_of_a_score_or_range_counts_what_the_first_does(
    nlp: Language,
) -> None:
    found = figures_of(
        nlp,
        "The Hollen council rejected the plan by 84 votes to 79, and cases rose from "
        "120 cases to 140 in a week.",
    )
    counts = {f.value: f.counts for f in found.values()}
    assert counts == {84.0: "votes", 79.0: "votes", 120.0: "cases", 140.0: "cases"}
