"""Inputs built to make text handling blow up: every pattern family stays linear.

Bounds are generous (2 s for 100 KB or more) so they catch catastrophic backtracking or quadratic
loops, not ordinary slowness; speed itself is measured by the benchmarks."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.briefing.ingest import ArticleMeta, IngestError, decode_article_bytes, parse_article_text
from bot.render.html import escape, split_html
from bot.render.pages import parse_page_data
from handlers.admin import AddInputError, parse_add_command
from handlers.subscriptions import SubscribeArgsError, parse_subscribe_args

BOUND_SECONDS = 2.0
SIZE = 100_000
META = ArticleMeta(published=dt.date(2020, 1, 1))


def _bounded(work: Callable[[], object], refusal: type[ValueError] | None = None) -> None:
    """`work` ends in time; it may raise only `refusal`, the error its code refuses input with
    (any other exception is a bug and fails the test)."""
    start = time.perf_counter()
    # Refusing the input is fine; taking forever is not.
    with contextlib.suppress(*(refusal,) if refusal else ()):
        work()
    assert time.perf_counter() - start < BOUND_SECONDS


ARTICLE_SHAPES = {
    "many short sentences": "\n".join(
        f"The council met on day {i} and said it was fine." for i in range(2500)
    ),
    "open brackets": "[" * SIZE,
    "caption-like lines": ("Photo of the scene [" + "A" * 39 + " ") * (SIZE // 60),
    "date-like lines": "11 February, 2016\n" * (SIZE // 18),
    "reading-time lines": "4 min read\n" * (SIZE // 11),
    "quote marks": '"' * SIZE,
    "nested tags": "<div>" * (SIZE // 5),
    "unclosed comment": "<html><body><!--" + "-" * SIZE,
    "one long word": "a" * SIZE,
    "whitespace runs": " \t\n" * (SIZE // 3),
}


@pytest.mark.parametrize("shape", sorted(ARTICLE_SHAPES))
def test_ingest_stays_linear(shape: str) -> None:
    text = ARTICLE_SHAPES[shape]
    _bounded(lambda: parse_article_text(decode_article_bytes(text.encode()), META), IngestError)


def test_deeply_nested_and_malformed_html_is_refused_or_read() -> None:
    nested = (
        "<html><body>"
        + "<div><p><b><i>" * 5000
        + "Text of the article."
        + "</i>" * 3
        + "<script>" * 100
    )
    _bounded(lambda: parse_article_text(nested, META), IngestError)


@pytest.mark.parametrize(
    "text", ["<" * SIZE, "&" * SIZE, "<b>" * (SIZE // 3), "\n\n".join(["<i>x</i>"] * 10_000)]
)
def test_splitting_and_escaping_stay_linear(text: str) -> None:
    _bounded(lambda: split_html(escape(text)))


@pytest.mark.parametrize(
    "text",
    [
        "/add " + "2016-02-11 " * 9000,
        "/add " + "http://a" * 12_000,
        "/add@" + "b" * SIZE,
        "/add\n" + "\n" * SIZE,
    ],
)
def test_add_command_parsing_stays_linear(text: str) -> None:
    _bounded(lambda: parse_add_command(text), AddInputError)


def test_subscribe_and_callback_parsing_stay_linear() -> None:
    _bounded(lambda: parse_subscribe_args(["1" * SIZE + ":00"], ["ceasefire"]), SubscribeArgsError)
    _bounded(lambda: parse_subscribe_args(["Europe/" * 15_000], ["ceasefire"]), SubscribeArgsError)
    _bounded(lambda: parse_page_data("p|who|" + "a" * SIZE + "|1"))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=4096))
def test_random_bytes_become_an_article_or_a_clear_refusal(data: bytes) -> None:
    refusal = None
    try:
        article = parse_article_text(decode_article_bytes(data), META)
    except IngestError as exc:
        refusal = str(exc)
    if refusal is not None:
        assert refusal  # one line the admin can read
        assert "\n" not in refusal
    else:
        assert article.paragraphs
