"""/subscribe arguments are recognised by shape, in any order, with polite errors."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers.subscriptions import SubscribeArgsError, parse_subscribe_args

TOPICS = ["ceasefire", "peace_talks", "airstrikes"]


def test_every_field_in_any_order() -> None:
    request = parse_subscribe_args(["peace_talks", "Europe/Berlin", "7:30", "ceasefire"], TOPICS)
    assert request.time == dt.time(7, 30)
    assert request.tz == "Europe/Berlin"
    assert request.topics == ["peace_talks", "ceasefire"]


def test_only_named_fields_change() -> None:
    request = parse_subscribe_args(["21:05"], TOPICS)
    assert (request.time, request.tz, request.topics, request.always) == (
        dt.time(21, 5),
        None,
        None,
        None,
    )
    assert parse_subscribe_args([], TOPICS).fields == []


def test_zone_names_are_forgiving_about_case_and_utc_is_a_zone() -> None:
    assert parse_subscribe_args(["america/new_york"], TOPICS).tz == "America/New_York"
    assert parse_subscribe_args(["UTC"], TOPICS).tz == "UTC"


def test_all_clears_the_topic_filter_and_daily_sends_every_day() -> None:
    request = parse_subscribe_args(["all", "daily"], TOPICS)
    assert request.topics == []
    assert request.always is True
    assert parse_subscribe_args(["changes"], TOPICS).always is False


@pytest.mark.parametrize(
    ("arg", "message"),
    [
        ("25:00", "not a time of day"),
        ("12:60", "not a time of day"),
        ("Mars/Olympus_Mons", "not a time zone"),
        ("../../etc/passwd", "not a time zone"),
        ("football", "don't understand"),
    ],
)
def test_bad_arguments_get_a_clear_message(arg: str, message: str) -> None:
    with pytest.raises(SubscribeArgsError, match=message):
        parse_subscribe_args([arg], TOPICS)


def test_echoed_arguments_are_escaped_and_short() -> None:
    with pytest.raises(SubscribeArgsError) as caught:
        parse_subscribe_args(["<b>" + "x" * 500], TOPICS)
    text = str(caught.value)
    assert "<b>" not in text and "&lt;b&gt;" in text
    assert len(text) < 400


@given(st.lists(st.text(max_size=60), max_size=6))
def test_any_input_parses_or_fails_politely(args: list[str]) -> None:
    refusal = None
    try:
        request = parse_subscribe_args(args, TOPICS)
    except SubscribeArgsError as exc:
        refusal = str(exc)
    if refusal is not None:
        assert "<" not in refusal  # the user's words come back escaped
    else:
        assert request.topics is None or set(request.topics) <= set(TOPICS)
