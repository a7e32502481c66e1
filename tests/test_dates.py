"""The pure date resolver: expressions as news articles write them, against a publication date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.briefing.dates import (
    Tense,
    is_counted_from_another_date,
    names_later_part,
    resolve_counted_from,
    resolve_date_expression,
)
from bot.briefing.models import DateValue, Precision

THURSDAY = dt.date(2016, 2, 11)  # the bundled article's publication day
MONDAY = dt.date(2016, 2, 8)
NEW_YEAR = dt.date(2017, 1, 1)  # a Sunday
LEAP_DAY = dt.date(2016, 2, 29)  # a Monday

PAST, PRESENT, FUTURE = Tense.PAST, Tense.PRESENT, Tense.FUTURE
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def iso(expression: str, published: dt.date, tense: Tense = PAST) -> str | None:
    value = resolve_date_expression(expression, published, tense)
    return None if value is None else value.iso()


@pytest.mark.parametrize(
    ("expression", "tense", "expected"),
    [
        ("on Wednesday", PAST, "2016-02-10"),
        ("on Thursday", PAST, "2016-02-11"),
        ("on Thursday", FUTURE, "2016-02-11"),
        ("on Tuesday", PAST, "2016-02-09"),
        ("starting 1 March", PAST, "2016-03-01"),
        ("starting 1 March", FUTURE, "2016-03-01"),
        ("last week", PAST, "2016-02-01"),
        ("last month", PAST, "2016-01"),
        ("this year", FUTURE, "2016"),
        ("August 2011", PAST, "2011-08"),
        ("into 2017", PRESENT, "2017"),
    ],
)
def test_the_bundled_articles_expressions(expression: str, tense: Tense, expected: str) -> None:
    assert iso(expression, THURSDAY, tense) == expected


def test_precision_follows_the_expression() -> None:
    def precision(expression: str) -> Precision | None:
        value = resolve_date_expression(expression, THURSDAY, PAST)
        return None if value is None else value.precision

    assert precision("on Wednesday") is Precision.DAY
    assert precision("last week") is Precision.WEEK
    assert precision("last month") is Precision.MONTH
    assert precision("August 2011") is Precision.MONTH
    assert precision("this year") is Precision.YEAR


@pytest.mark.parametrize(
    ("expression", "tense", "expected"),
    [
        ("on Monday", PAST, "2016-02-08"),
        ("on Monday", FUTURE, "2016-02-08"),
        ("on Sunday", PAST, "2016-02-07"),
        ("on Sunday", FUTURE, "2016-02-14"),
        ("on Friday", PAST, "2016-02-05"),
        ("on Friday", FUTURE, "2016-02-12"),
        ("Friday", PRESENT, "2016-02-12"),  # "the summit opens on Friday": a schedule
        ("on Monday", PRESENT, "2016-02-08"),
        ("starting Friday", PAST, "2016-02-05"),  # three days back is nearer than four ahead
        ("starting Thursday", PAST, "2016-02-11"),  # three days ahead is nearer than four back
        ("this time last year", PAST, "2015"),
        ("last Monday", PAST, "2016-02-01"),
        ("next Monday", FUTURE, "2016-02-15"),
        ("Sunday night", PAST, "2016-02-07"),
        ("yesterday", PAST, "2016-02-07"),
        ("tomorrow", FUTURE, "2016-02-09"),
        ("today", PRESENT, "2016-02-08"),
        ("last night", PAST, "2016-02-07"),
        ("this week", PRESENT, "2016-02-08"),
        ("next week", FUTURE, "2016-02-15"),
        ("last week", PAST, "2016-02-01"),
        ("the weekend", PAST, "2016-02-06"),
        ("the weekend", FUTURE, "2016-02-13"),
        ("last weekend", PAST, "2016-02-06"),
        ("next weekend", FUTURE, "2016-02-13"),
    ],
)
def test_relative_days_in_a_monday_article(expression: str, tense: Tense, expected: str) -> None:
    assert iso(expression, MONDAY, tense) == expected


@pytest.mark.parametrize(
    ("expression", "tense", "expected"),
    [
        ("in December", PAST, "2016-12"),
        ("in December", FUTURE, "2017-12"),
        ("in January", PAST, "2017-01"),
        ("in January", FUTURE, "2017-01"),
        ("in June", FUTURE, "2017-06"),
        ("in June", PAST, "2016-06"),
        ("last month", PAST, "2016-12"),
        ("next month", FUTURE, "2017-02"),
        ("this month", PRESENT, "2017-01"),
        ("last year", PAST, "2016"),
        ("next year", FUTURE, "2018"),
        ("earlier this year", PAST, "2017"),
        ("later this year", FUTURE, "2017"),
        ("yesterday", PAST, "2016-12-31"),
        ("on Saturday", PAST, "2016-12-31"),
        ("on Friday", FUTURE, "2017-01-06"),
        ("last week", PAST, "2016-12-19"),  # the Sunday closes the week of Monday 26 December
        ("this week", PRESENT, "2016-12-26"),
        ("next week", FUTURE, "2017-01-02"),
        ("31 December", PAST, "2016-12-31"),
        ("December 31st", FUTURE, "2017-12-31"),
        ("the weekend", PRESENT, "2016-12-31"),
    ],
)
def test_year_boundaries_in_a_new_year_article(
    expression: str, tense: Tense, expected: str
) -> None:
    assert iso(expression, NEW_YEAR, tense) == expected


@pytest.mark.parametrize(
    ("expression", "published", "tense", "expected"),
    [
        ("29 February", LEAP_DAY, PAST, "2016-02-29"),
        ("February 29", dt.date(2017, 3, 1), PAST, "2016-02-29"),
        ("29 February", dt.date(2017, 3, 1), FUTURE, "2020-02-29"),
        ("1 March", LEAP_DAY, FUTURE, "2016-03-01"),
        ("tomorrow", LEAP_DAY, FUTURE, "2016-03-01"),
        ("yesterday", dt.date(2016, 3, 1), PAST, "2016-02-29"),
        ("a year ago", LEAP_DAY, PAST, "2015"),
        ("last month", dt.date(2016, 3, 31), PAST, "2016-02"),
        ("next month", dt.date(2016, 1, 31), FUTURE, "2016-02"),
        ("30 February", LEAP_DAY, PAST, None),
    ],
)
def test_leap_years_and_month_ends(
    expression: str, published: dt.date, tense: Tense, expected: str | None
) -> None:
    assert iso(expression, published, tense) == expected


@pytest.mark.parametrize(
    ("expression", "tense", "expected"),
    [
        ("March 1", FUTURE, "2016-03-01"),
        ("March 1st", FUTURE, "2016-03-01"),
        ("the 1st of March", FUTURE, "2016-03-01"),
        ("1 March", PAST, "2015-03-01"),
        ("1 March", PRESENT, "2016-03-01"),  # nearer than a year back
        ("from 1 March", PRESENT, "2016-03-01"),
        ("by 1 March", FUTURE, "2016-03-01"),
        ("until March", PRESENT, "2016-03"),
        ("until March", PAST, "2015-03"),  # "fighting went on until March"
        ("since 1 March", PRESENT, "2015-03-01"),
        ("11 February, 2016", PAST, "2016-02-11"),
        ("February 11, 2016", PAST, "2016-02-11"),
        ("Feb. 11", PAST, "2016-02-11"),
        ("2016-02-11", PAST, "2016-02-11"),
        ("in February", PAST, "2016-02"),
        ("in June", PRESENT, "2016-06"),  # four months ahead is nearer than eight back
        ("in August", PRESENT, "2015-08"),  # half a year either way: news looks back
        ("in June", FUTURE, "2016-06"),
        ("last March", PRESENT, "2015-03"),
        ("next January", FUTURE, "2017-01"),
        ("June 2014", PAST, "2014-06"),
        ("in 2019", FUTURE, "2019"),
        ("since 2011", PAST, "2011"),
        ("mid-2017", FUTURE, "2017"),
        ("early 2018", FUTURE, "2018"),
        ("the end of 2015", PAST, "2015"),
        ("2014-15", PAST, "2014"),
        ("three weeks ago", PAST, "2016-01-18"),
        ("two days ago", PAST, "2016-02-09"),
        ("in two weeks", FUTURE, "2016-02-22"),
        ("Thursday afternoon", PAST, "2016-02-11"),
        ("Monday night", PAST, "2016-02-08"),
        ("this past week", PAST, "2016-02-01"),
        ("earlier this month", PAST, "2016-02"),
        ("the day before yesterday", PAST, "2016-02-09"),
        ("in the first week of January", PAST, "2016-01-04"),  # 1 January was a Friday
        ("the first week of February", PAST, "2016-02-01"),
        ("the second week of March", FUTURE, "2016-03-07"),
        ("the last week of February", PAST, "2016-02-22"),
        ("by the end of the year", FUTURE, "2016"),
        ("the rest of the month", PRESENT, "2016-02"),
        ("the end of April", PAST, "2015-04"),
    ],
)
def test_calendar_and_relative_expressions(expression: str, tense: Tense, expected: str) -> None:
    assert iso(expression, THURSDAY, tense) == expected


@pytest.mark.parametrize(
    "expression",
    [
        "five-year",
        "the five-year civil war",
        "for two weeks",
        "4 min read",
        "two weeks",
        "60 years old",
        "a 60-year-old",
        "the 1990s",
        "the '90s",
        "decades",
        "recent weeks",
        "the past two weeks",
        "the coming days",
        "the same day",
        "the next day",
        "the following week",
        "that year",
        "in two weeks",  # "captured in two weeks" in the past is a duration
        "in the summer",  # a season without "this", "last" or a year (those date its year)
        "afternoon",
        "",
        "We",
        "x" * 500,
        "99999999 days ago",
        "12000 years ago",
    ],
)
def test_non_dates_resolve_to_nothing(expression: str) -> None:
    assert resolve_date_expression(expression, THURSDAY, PAST) is None


publication_days = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2190, 12, 31))


@given(publication_days, st.sampled_from(WEEKDAY_NAMES))
def test_a_past_weekday_is_within_the_week_up_to_publication(published: dt.date, name: str) -> None:
    value = resolve_date_expression(f"on {name}", published, PAST)
    assert value is not None
    assert value.precision is Precision.DAY
    assert 0 <= (published - value.value).days <= 6
    assert value.value.strftime("%A") == name


@given(publication_days, st.sampled_from(WEEKDAY_NAMES))
def test_a_future_weekday_is_within_the_week_from_publication(
    published: dt.date, name: str
) -> None:
    value = resolve_date_expression(f"on {name}", published, FUTURE)
    assert value is not None
    assert 0 <= (value.value - published).days <= 6
    assert value.value.strftime("%A") == name


@given(publication_days, st.sampled_from(list(Tense)))
def test_the_publication_weekday_is_the_publication_day(published: dt.date, tense: Tense) -> None:
    name = published.strftime("%A")
    value = resolve_date_expression(f"on {name}", published, tense)
    assert value is not None
    assert value.value == published


@given(publication_days, st.sampled_from(["this", "last", "next"]), st.sampled_from(list(Tense)))
def test_a_week_is_dated_to_its_monday(published: dt.date, which: str, tense: Tense) -> None:
    value = resolve_date_expression(f"{which} week", published, tense)
    assert value is not None
    assert value.precision is Precision.WEEK
    assert value.value.weekday() == 0
    offset = {"this": 0, "last": -7, "next": 7}[which]
    assert value.value <= published + dt.timedelta(days=offset) <= value.end


@given(publication_days, st.sampled_from(MONTH_NAMES))
def test_a_past_month_is_within_the_year_up_to_publication(published: dt.date, name: str) -> None:
    value = resolve_date_expression(f"in {name}", published, PAST)
    assert value is not None
    assert value.precision is Precision.MONTH
    assert value.value.strftime("%B") == name
    assert value.value <= published < value.value.replace(year=value.value.year + 1)


@given(publication_days, st.integers(1, 12), st.integers(1, 31), st.sampled_from(list(Tense)))
def test_a_day_and_month_resolve_to_a_real_date_on_the_tense_side(
    published: dt.date, month: int, day: int, tense: Tense
) -> None:
    value = resolve_date_expression(f"{day} {MONTH_NAMES[month - 1]}", published, tense)
    try:
        dt.date(2016, month, day)
    except ValueError:
        assert value is None
        return
    assert value is not None
    assert (value.value.month, value.value.day) == (month, day)
    if tense is PAST:
        assert value.value <= published
    if tense is FUTURE:
        assert value.value >= published
    assert abs((value.value - published).days) <= 366 * 8


@given(publication_days, st.sampled_from(["last", "this", "next"]), st.sampled_from(list(Tense)))
def test_deictic_months_and_years_step_from_publication(
    published: dt.date, which: str, tense: Tense
) -> None:
    step = {"last": -1, "this": 0, "next": 1}[which]
    month = resolve_date_expression(f"{which} month", published, tense)
    year = resolve_date_expression(f"{which} year", published, tense)
    assert month is not None
    assert year is not None
    months = (month.value.year - published.year) * 12 + month.value.month - published.month
    assert months == step
    assert month.value.day == 1
    assert year.value == dt.date(published.year + step, 1, 1)


@given(st.text(max_size=200), publication_days, st.sampled_from(list(Tense)))
def test_any_text_resolves_or_returns_none(text: str, published: dt.date, tense: Tense) -> None:
    value = resolve_date_expression(text, published, tense)
    assert value is None or value.value.year >= 1


def test_dates_at_the_edge_of_the_calendar_resolve_to_nothing() -> None:
    assert resolve_date_expression("on Sunday", dt.date(1, 1, 1), PAST) is None
    assert resolve_date_expression("next week", dt.date(9999, 12, 31), FUTURE) is None


def test_a_weekday_beside_a_yearless_date_names_the_year() -> None:
    # 26 October 2020 was a Monday: "Monday, Oct. 26" in a November 2020 story is that year's,
    # even under a future tense that would otherwise look a year ahead.
    november = dt.date(2020, 11, 10)
    assert iso("Monday, Oct. 26", november, FUTURE) == "2020-10-26"
    assert iso("Monday, Oct. 26", november, PAST) == "2020-10-26"
    # Without a weekday the tense still decides.
    assert iso("Oct. 26", november, FUTURE) == "2021-10-26"


def test_a_span_of_days_in_one_month_is_that_month() -> None:
    # Only the month is certain of "Feb. 11-12": the gold convention dates a span to its month,
    # in the year the tense points to from its first day.
    november = dt.date(2026, 11, 12)
    assert iso("Feb. 11-12", november, PAST) == "2026-02"
    assert iso("from March 3 to 5", november, PAST) == "2026-03"
    assert iso("for March 21 and 22", november, FUTURE) == "2027-03"
    assert iso("11-12 June 2019", november, PAST) == "2019-06"
    # One day, or days of two months, stay days.
    assert iso("Oct. 26", november, PAST) == "2026-10-26"
    assert iso("Oct. 30 to Nov. 2", november, PAST) == "2026-10-30"


def test_an_ordinal_day_alone_is_that_day_of_a_month_near_publication() -> None:
    november = dt.date(2026, 11, 12)
    assert iso("on the 14th", november, FUTURE) == "2026-11-14"
    assert iso("on the 14th", november, PAST) == "2026-10-14"
    assert iso("on the 3rd", november, PAST) == "2026-11-03"
    assert iso("by the 31st", november, FUTURE) == "2026-12-31"  # November has no 31st
    assert iso("the 14th century", november, PAST) is None


def test_decades_ago_this_coming_and_spans_of_years() -> None:
    november = dt.date(2026, 11, 12)  # a Thursday
    assert iso("a decade ago", november, PAST) == "2016"
    assert iso("two decades ago", november, PAST) == "2006"
    assert iso("for two decades", november, PAST) is None
    assert iso("this coming Sunday", november, FUTURE) == "2026-11-15"
    # A span of years is dated to its first year, as "from 2004 to 2009" is.
    assert iso("in the 2022-23 season", november, PAST) == "2022"
    assert iso("the 2019-2020 season", november, PAST) == "2019"
    assert iso("1999–2003", november, PAST) == "1999"


def test_a_month_with_last_this_or_next_year_is_in_that_year() -> None:
    november = dt.date(2026, 11, 12)
    assert iso("in March last year", november, PAST) == "2025-03"
    assert iso("Feb. 11-12 last year", november, PAST) == "2025-02"
    assert iso("on 3 June next year", november, FUTURE) == "2027-06-03"
    assert iso("in January this year", november, PAST) == "2026-01"


def test_the_end_of_the_year_written_short_is_the_current_year() -> None:
    assert iso("by year end", THURSDAY, FUTURE) == "2016"
    assert iso("by year-end", THURSDAY, PRESENT) == "2016"
    assert iso("by month end", THURSDAY, PRESENT) == "2016-02"


def test_the_later_part_of_a_period_is_recognised() -> None:
    assert names_later_part("by the end of the year")
    assert names_later_part("later this month")
    assert names_later_part("by year end")
    assert not names_later_part("earlier this year")
    assert not names_later_part("this year")


def test_a_date_counted_from_another_event() -> None:
    november = DateValue(value=dt.date(2021, 11, 1), precision=Precision.MONTH)
    ninth = DateValue(value=dt.date(2021, 11, 9), precision=Precision.DAY)
    assert resolve_counted_from("a month earlier", november) == DateValue(
        value=dt.date(2021, 10, 1), precision=Precision.MONTH
    )
    assert resolve_counted_from("two days later", ninth) == DateValue(
        value=dt.date(2021, 11, 11), precision=Precision.DAY
    )
    assert resolve_counted_from("the next day", ninth) == DateValue(
        value=dt.date(2021, 11, 10), precision=Precision.DAY
    )
    assert resolve_counted_from("the day before", ninth) == DateValue(
        value=dt.date(2021, 11, 8), precision=Precision.DAY
    )
    # A day cannot be counted from a month; "the day after the vote" names its own anchor.
    assert resolve_counted_from("two days later", november) is None
    assert not is_counted_from_another_date("the day after the vote")
    assert not is_counted_from_another_date("three weeks ago")


def test_a_weekday_of_a_named_week_is_that_day() -> None:
    assert iso("on Friday of last week", THURSDAY, PAST) == "2016-02-05"
    assert iso("next week on Tuesday", THURSDAY, FUTURE) == "2016-02-16"
    assert iso("last week", THURSDAY, PAST) == "2016-02-01"  # the week itself stays a week


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("last summer", dt.date(2023, 2, 23), "2022"),
        ("last summer", dt.date(2024, 7, 10), "2023"),  # the one under way is not yet "last"
        ("last summer", dt.date(2024, 10, 1), "2024"),
        ("this summer", dt.date(2024, 2, 1), "2024"),
        ("next spring", dt.date(2023, 2, 23), "2023"),
        ("next spring", dt.date(2024, 7, 10), "2025"),
        ("summer 2019", dt.date(2024, 7, 10), "2019"),
        ("the winter of 2018", dt.date(2024, 7, 10), "2018"),
        ("last winter", dt.date(2024, 7, 10), None),  # it spans two years
        ("in the summer", dt.date(2024, 7, 10), None),
    ],
)
def test_a_season_is_dated_to_its_year(expression: str, published: dt.date, expected: str) -> None:
    assert iso(expression, published, PAST) == expected
    value = resolve_date_expression(expression, published, PAST)
    assert value is None or value.precision is Precision.YEAR
