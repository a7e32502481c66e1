"""Telegram HTML replies: what users read, escaping, the 4,096 limit, splitting and paging."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.briefing.models import Briefing, Place
from bot.briefing.query import BriefingIndex
from bot.render.admin import render_add_summary, render_stats
from bot.render.entries import format_date_value
from bot.render.html import TELEGRAM_LIMIT, split_html
from bot.render.pages import Page, PageRequest, page_buttons, page_keyboard_data, parse_page_data
from bot.render.public import (
    render_actor_list,
    render_actor_profile,
    render_articles_page,
    render_brief,
    render_help,
    render_quotes_page,
    render_search,
    render_suggestions,
    render_timeline_page,
    render_topic,
    render_where_page,
)
from bot.render.reports import render_article_report
from bot.render.subscribers import render_digest, render_settings
from bot.terminal import html_to_terminal
from tests.helpers.briefings import (
    HOSTILE,
    article,
    day,
    hostile_briefing,
    huge_briefing,
    longest_briefing,
    month,
    sample_briefing,
    two_article_briefings,
    week,
    year,
)

TELEGRAM_TAGS = {"b", "i", "u", "s", "a", "code", "pre", "blockquote"}


class _Reader(HTMLParser):
    """Independent reading of Telegram HTML: visible characters with the tags around them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.chars: list[
            tuple[str, tuple[tuple[str, tuple[tuple[str, str | None], ...]], ...]]
        ] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TELEGRAM_TAGS:
            self.problems.append(f"tag {tag}")
        if attrs and not (tag == "a" and [name for name, _ in attrs] == ["href"]):
            self.problems.append(f"attributes {attrs}")
        self.stack.append((tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append(f"unbalanced </{tag}>")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.chars.extend((ch, tuple(self.stack)) for ch in data)


def read(markup: str) -> _Reader:
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    return reader


def visible(markup: str) -> str:
    return "".join(ch for ch, _ in read(markup).chars)


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def assert_valid_message(message: str, limit: int = TELEGRAM_LIMIT) -> None:
    reader = read(message)
    assert not reader.problems, reader.problems
    assert not reader.stack, f"unclosed {reader.stack}"
    outside_tags = re.sub(r"<(/?)[a-z]+( href=\"[^\"<>]*\")?>", "", message)
    assert "<" not in outside_tags
    assert ">" not in outside_tags
    stray = re.sub(r"&(amp|lt|gt|quot|#[0-9]+|#x[0-9a-fA-F]+);", "", outside_tags)
    assert "&" not in stray
    assert visible(message).strip(), "empty message"
    assert utf16(visible(message)) <= limit


def assert_valid(messages: list[str]) -> str:
    """Every message is valid; returns all visible text for content checks."""
    assert messages, "no message at all"
    for message in messages:
        assert_valid_message(message)
    return "\n".join(visible(m) for m in messages)


@pytest.fixture(scope="module")
def index() -> BriefingIndex:
    return BriefingIndex(sample_briefing())


@pytest.fixture(scope="module")
def hostile() -> BriefingIndex:
    return BriefingIndex(hostile_briefing())


@pytest.fixture(scope="module")
def huge() -> BriefingIndex:
    return BriefingIndex(huge_briefing())


# split_html


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"),
    max_size=40,
).map(html.escape)
_BREAK = st.sampled_from(["\n", "\n\n", " ", "\n\n\n"])


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    plain = st.sampled_from(["b", "i", "u", "s", "code", "pre", "blockquote"]).flatmap(
        lambda tag: st.lists(children, max_size=4).map(lambda xs: f"<{tag}>{''.join(xs)}</{tag}>")
    )
    link = st.tuples(
        st.sampled_from(["https://example.org/?a=1&amp;b=2", "http://x.test"]),
        st.lists(children, max_size=3),
    ).map(lambda pair: f'<a href="{pair[0]}">{"".join(pair[1])}</a>')
    return st.one_of(plain, link)


_MARKUP = st.lists(
    st.recursive(st.one_of(_TEXT, _BREAK), _element, max_leaves=30), max_size=12
).map("".join)


def _styled(markup: str) -> list[tuple[str, tuple[str, ...]]]:
    """Non-space visible characters with the names (and hrefs) of the tags around them."""
    return [
        (ch, tuple(f"{tag}{attrs}" for tag, attrs in stack))
        for ch, stack in read(markup).chars
        if not ch.isspace()
    ]


@settings(max_examples=300, deadline=None)
@given(markup=_MARKUP, limit=st.integers(min_value=2, max_value=120))
def test_split_html_parts_are_valid_within_limit_and_lose_nothing(markup: str, limit: int) -> None:
    parts = split_html(markup, limit)
    for part in parts:
        assert_valid_message(part, limit)
    # Every visible character survives, in order, with the same formatting around it.
    assert [c for p in parts for c in _styled(p)] == _styled(markup)


@settings(max_examples=100, deadline=None)
@given(
    raw=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="<;\r")),
    limit=st.integers(min_value=2, max_value=50),
)
def test_split_html_escapes_unescaped_text(raw: str, limit: int) -> None:
    parts = split_html(raw, limit)
    for part in parts:
        assert_valid_message(part, limit)
    assert "".join("".join(visible(p).split()) for p in parts) == "".join(raw.split())


def test_split_html_prefers_paragraph_boundaries() -> None:
    paragraphs = [f"<b>Item {n}</b> " + "words " * 30 for n in range(200)]
    parts = split_html("\n\n".join(paragraphs))
    assert len(parts) > 1
    for part in parts:
        assert_valid_message(part)
        assert part.startswith("<b>Item ")
        assert part.endswith("words")


def test_split_html_closes_and_reopens_a_tag_open_across_a_split() -> None:
    markup = '<blockquote><a href="https://example.org/x">' + "word " * 3000 + "</a></blockquote>"
    parts = split_html(markup)
    assert len(parts) == 4
    for part in parts:
        assert_valid_message(part)
        assert part.startswith('<blockquote><a href="https://example.org/x">word')
        assert part.endswith("</a></blockquote>")


def test_split_html_counts_utf16_units_like_telegram() -> None:
    parts = split_html("😀" * 3000)  # 6,000 UTF-16 units
    assert [utf16(visible(p)) for p in parts] == [4096, 1904]


def test_split_html_keeps_a_short_message_and_escapes_stray_characters() -> None:
    assert split_html("<b>Hello</b> &amp; bye") == ["<b>Hello</b> &amp; bye"]
    assert split_html("a < b & c > d") == ["a &lt; b &amp; c &gt; d"]
    assert split_html("  \n\n ") == []


def test_split_html_rejects_an_impossible_limit() -> None:
    with pytest.raises(ValueError, match="limit"):
        split_html("text", 1)


# Hostile text and the 4,096 limit


def _all_renders(index: BriefingIndex, today: dt.date) -> list[list[str]]:
    actors = index.ranked_actors()
    first = actors[0]
    topic_key = index.topics()[0].key
    return [
        render_brief(index),
        render_brief(index, today),
        [render_actor_list(index, 1).text],
        [render_actor_list(index, 2).text],
        render_actor_profile(index, first),
        render_suggestions(first.name, actors[:5]),
        [render_timeline_page(index, index.events(), first.name).text],
        render_topic(index, topic_key),
        [render_where_page(index).text],
        [render_quotes_page(index, None).text],
        [render_quotes_page(index, first).text],
        [render_articles_page(index).text],
        render_digest(index, [a.id for a in index.briefing.articles], index.upcoming_events(today)),
        render_search(index, first.name, index.search(first.name)),
    ]


def test_hostile_text_is_escaped_everywhere(hostile: BriefingIndex) -> None:
    for messages in _all_renders(hostile, dt.date(2023, 1, 1)):
        text = assert_valid(messages)
        assert "<script>" not in "".join(messages)
        assert '<script>alert("x")</script>' in text
    profile = assert_valid(render_actor_profile(hostile, hostile.ranked_actors()[0]))
    assert HOSTILE in profile  # emoji, RTL override and zero-width space kept as written


def test_user_query_is_escaped_in_suggestions() -> None:
    text = assert_valid(render_suggestions("<i>who</i> & me", []))
    assert "“<i>who</i> & me”" in text


def test_every_reply_fits_telegram_limit_on_a_huge_briefing(huge: BriefingIndex) -> None:
    for messages in _all_renders(huge, dt.date(2024, 1, 1)):
        assert_valid(messages)
    first = render_timeline_page(huge, huge.events(), "all")
    assert first.pages > 1
    assert "Timeline: all (200)" in visible(first.text)
    for page in (first.pages, 99, 0):  # out of range clamps to the last or the first page
        shown = render_timeline_page(huge, huge.events(), "all", page=page)
        assert shown.page == (1 if page == 0 else first.pages)
        assert_valid_message(shown.text)


# What users read


def test_brief_shows_articles_actors_topics_and_plans(index: BriefingIndex) -> None:
    text = assert_valid(render_brief(index))
    assert "2 articles, latest 20 Mar 2024" in text
    assert text.index("Orlov signals openness to talks") < text.index("Valdoria truce talks stall")
    assert "Ana Ferreira, Foreign Minister" in text
    assert "Viktor Orlov rejects: rejected the ceasefire proposal" in text
    assert "/ceasefire" in text
    assert "20 Mar 2024 Ferreira travels to Geneva" in text
    later = assert_valid(render_brief(index, dt.date(2024, 3, 25)))
    assert "Coming up" in later
    assert "Ferreira travels to Geneva" not in later
    assert "Apr 2024 Talks planned in Geneva" in later


def test_brief_of_an_empty_briefing_points_admins_to_add() -> None:
    text = assert_valid(render_brief(BriefingIndex(Briefing())))
    assert "/add" in text


def test_actor_profile_shows_role_quotes_actions_and_cited_sentences(
    index: BriefingIndex,
) -> None:
    ferreira = index.actor("ana-ferreira")
    assert ferreira is not None
    text = assert_valid(render_actor_profile(index, ferreira))
    assert "Role: Foreign Minister" in text
    assert "Affiliation: Valdoria" in text  # the id resolved to a name
    assert "Also: Ferreira, Foreign Minister Ana Ferreira" in text
    assert "3 mentions in 2 articles" in text
    assert "“the truce must hold”" in text
    assert "20 Mar 2024 · planned" in text
    assert "Orlov signals openness to talks, 20 Mar 2024" in text
    assert "Foreign Minister Ferreira welcomed the move." in text
    sources = text.split("Sources")[1]
    # Newest article first, each article once with its cited sentences under it.
    assert sources.index("Orlov signals openness") < sources.index("Valdoria truce talks")
    assert sources.count("Valdoria truce talks") == 1


def test_suggestions_offer_candidates_or_the_full_list(index: BriefingIndex) -> None:
    text = assert_valid(render_suggestions("orl", index.ranked_actors()[:2]))
    assert "“orl” could be:" in text
    assert "/who Viktor Orlov" in text
    assert "/who lists everyone" in assert_valid(render_suggestions("nobody", []))


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (day(2016, 2, 10), "10 Feb 2016"),
        (week(2016, 2, 1), "week of 1 Feb 2016"),
        (month(2016, 1), "Jan 2016"),
        (year(2016), "2016"),
        (None, "undated"),
    ],
)
def test_dates_are_shown_at_their_precision(value: object, shown: str) -> None:
    assert format_date_value(value) == shown  # type: ignore[arg-type]


def test_timeline_is_chronological_with_planned_marked(index: BriefingIndex) -> None:
    events = index.events()
    text = assert_valid([render_timeline_page(index, events, per_page=len(events)).text])
    assert text.startswith(f"Timeline ({len(events)})\n")
    dates = ["Feb 2024", "13 Mar 2024", "18 Mar 2024", "20 Mar 2024", "1 Apr 2024", "Apr 2024"]
    positions = [text.index(f"{d} ") for d in dates]
    assert positions == sorted(positions)
    assert "13 Mar 2024 (“on Wednesday”)\nOrlov rejected" in text
    assert "1 Apr 2024 · planned" in text
    assert "13 Mar 2024 · planned" not in text
    assert "— Orlov signals openness to talks, 20 Mar 2024" in text
    assert "No dated events" in assert_valid([render_timeline_page(index, [], "nothing").text])


def test_who_and_where_count_a_country_named_as_place_and_as_actor_alike(
    index: BriefingIndex,
) -> None:
    valdoria = next(a for a in index.briefing.actors if a.name == "Valdoria")
    as_place = Place(name="Valdoria", count=4, kind="country", country_code="VA")
    briefing = index.briefing.model_copy(
        update={
            "actors": [
                a.model_copy(update={"mentions": 2}) if a.id == valdoria.id else a
                for a in index.briefing.actors
            ],
            "places": [*index.briefing.places, as_place],
        }
    )
    both = BriefingIndex(briefing)
    who = assert_valid([render_actor_list(both).text])
    where = assert_valid([render_where_page(both).text])
    profile = assert_valid(render_actor_profile(both, valdoria))
    assert re.search(r"Valdoria · country · score \d+ · 6 mentions", who), who
    assert "Valdoria (country, VA) · 6 mentions" in where
    assert "6 mentions in 1 article" in profile
    # Where Valdoria now stands among places follows the same count.
    assert where.index("Valdoria") < where.index("Geneva (city, CH) · 3 mentions")


def test_who_says_what_ranks_it(index: BriefingIndex) -> None:
    text = assert_valid([render_actor_list(index).text])
    assert "Ranked by score" in text
    scores = [int(s) for s in re.findall(r" · score (\d+) · ", text)]
    assert len(scores) == len(index.briefing.actors)
    assert scores == sorted(scores, reverse=True)


def test_topic_lists_a_restated_stance_once_as_first_said(index: BriefingIndex) -> None:
    topic = index.briefing.topics[0]
    orlov = topic.positions[1]
    again = replace(orlov, text="still rejects the proposal", date=day(2024, 3, 15))
    earlier = replace(orlov, text="first rejected it", date=day(2024, 3, 11))
    briefing = index.briefing.model_copy(
        update={
            "topics": [
                topic.model_copy(update={"positions": [*topic.positions, again, earlier]}),
                *index.briefing.topics[1:],
            ]
        }
    )
    text = assert_valid(render_topic(BriefingIndex(briefing), "ceasefire"))
    assert "3 statements in 1 article, 3 positions" in text
    assert text.count("Viktor Orlov rejects") == 1
    assert "Viktor Orlov rejects (11 Mar 2024, first of 3 statements): first rejected it" in text
    # Dated positions in the order they were said; undated ones after them.
    assert text.index("Viktor Orlov rejects") < text.index("Ana Ferreira supports")


def test_topic_shows_positions_events_and_quotes(index: BriefingIndex) -> None:
    text = assert_valid(render_topic(index, "ceasefire"))
    assert "Ceasefire /ceasefire" in text
    assert "Northern Alliance proposes: a ceasefire starting 1 April" in text
    assert "Viktor Orlov rejects (13 Mar 2024)" in text
    assert "A ceasefire would start" in text
    assert "Ana Ferreira: “the truce must hold”" in text
    assert "Nothing on Sanctions" in assert_valid(render_topic(index, "sanctions"))
    assert "Nothing on unknown_key" in assert_valid(render_topic(index, "unknown_key"))


def test_where_lists_places_by_mentions(index: BriefingIndex) -> None:
    text = assert_valid([render_where_page(index).text])
    assert "Geneva (city, CH) · 3 mentions" in text
    assert text.index("Geneva") < text.index("Port Elin (city) · 1 mention")


def test_quotes_by_everyone_or_one_actor(index: BriefingIndex) -> None:
    everyone = assert_valid([render_quotes_page(index).text])
    assert "Ana Ferreira: “the truce must hold”" in everyone
    assert "Viktor Orlov: he was open to talks (reported) (18 Mar 2024)" in everyone
    orlov = index.actor("viktor-orlov")
    assert orlov is not None
    only = assert_valid([render_quotes_page(index, orlov).text])
    assert "truce" not in only
    valdoria = index.actor("valdoria")
    assert valdoria is not None
    none = assert_valid([render_quotes_page(index, valdoria).text])
    assert "Quotes: Valdoria (0)\n\nNo quotes yet." in none


def test_articles_from_index_or_store_rows(index: BriefingIndex) -> None:
    text = assert_valid([render_articles_page(index).text])
    assert text.index("a2 Orlov signals") < text.index("a1 Valdoria")
    rows = [
        ("7", "Older <one>", dt.date(2024, 1, 1), None),
        ("9", "Newer & better", dt.date(2024, 2, 1), "Wire"),
    ]
    stored = assert_valid([render_articles_page(rows).text])
    assert "9 Newer & better\nWire, 1 Feb 2024" in stored
    assert stored.index("Newer") < stored.index("Older <one>")
    assert "No articles" in assert_valid([render_articles_page([]).text])


def test_digest_covers_new_articles_and_what_is_ahead(index: BriefingIndex) -> None:
    ahead = index.upcoming_events(dt.date(2024, 3, 21))
    text = assert_valid(render_digest(index, ["a2"], ahead))
    assert "Orlov signals openness to talks" in text
    assert "Valdoria truce talks stall" not in text.split("What happened")[0]
    assert "Orlov said he was open to talks" in text
    assert "Coming up" in text
    assert "1 Apr 2024" in text
    narrowed = assert_valid(render_digest(index, ["a2"], ahead, ["ceasefire"]))
    assert "Daily briefing · Ceasefire" in narrowed
    assert "Orlov signals openness" not in narrowed  # a2 says nothing on the ceasefire
    assert "A ceasefire would start" in narrowed
    assert "Talks planned in Geneva" not in narrowed
    quiet = assert_valid(render_digest(index, [], []))
    assert "Nothing new" in quiet
    never_sent = assert_valid(render_digest(index, [], [], first=True))
    assert "Nothing in the briefing yet." in never_sent and "last digest" not in never_sent


def test_help_lists_commands_topics_and_admin_commands() -> None:
    commands = [("who", "[name] who is who"), ("brief", "the headline briefing")]
    public = assert_valid(render_help(commands, ["ceasefire", "peace_talks"]))
    assert "/ceasefire /peace_talks" in public
    assert "/who [name] who is who" in public
    assert "/add" not in public
    assert "/add" in assert_valid(render_help(commands, [], [("add", "an article")]))


def test_settings_show_the_chat_subscription() -> None:
    text = assert_valid(
        render_settings(
            subscribed=True, digest_time="07:30", timezone="Europe/Lisbon", topics=["ceasefire"]
        )
    )
    assert "07:30 (Europe/Lisbon)" in text
    assert "Topics: ceasefire" in text
    assert "/subscribe" in assert_valid(render_settings(subscribed=False))


def test_search_answers_one_name_with_its_profile(index: BriefingIndex) -> None:
    text = assert_valid(render_search(index, "orlov?", index.search("orlov?")))
    assert "Role: General" in text
    mixed = assert_valid(render_search(index, "Orlov in Geneva", index.search("Orlov in Geneva")))
    assert "/who Viktor Orlov" in mixed
    assert "Geneva" in mixed
    assert "nothing about" in assert_valid(render_search(index, "weather", index.search("weather")))


# Pagination and callback data


def test_actor_list_pages(huge: BriefingIndex) -> None:
    first = render_actor_list(huge, 1)
    assert (first.page, first.pages) == (1, 100)
    assert_valid_message(first.text)
    assert "1. Person0 Surname0" in visible(first.text)
    second = render_actor_list(huge, 2)
    assert "11. " in visible(second.text)
    assert "Page 2 of 100" in visible(second.text)
    assert render_actor_list(huge, 500).page == 100
    assert render_actor_list(huge, -3).page == 1


def test_pages_show_every_entry_even_when_every_field_is_huge() -> None:
    index = BriefingIndex(longest_briefing())
    first = index.ranked_actors()[0]
    pages = {
        "who": (render_actor_list(index, 2), 10),
        "timeline": (render_timeline_page(index, index.events(), first.name, 2), 5),
        "quotes": (render_quotes_page(index, None, 2), 5),
        "articles": (render_articles_page(index, 2), 6),
        "where": (render_where_page(index, 2), 10),
    }
    for kind, (page, per_page) in pages.items():
        assert_valid_message(page.text)
        assert page.page == 2, kind
        assert page.pages == -(-30 // per_page), kind
        # The last entry on the page is whole: its source or count is there.
        assert visible(page.text).count("…") >= per_page, kind
        assert f"Page 2 of {page.pages}" in visible(page.text), kind
    for messages in _all_renders(index, dt.date(2024, 1, 1)):
        assert_valid(messages)


def test_timeline_quotes_articles_and_places_page_in_order(index: BriefingIndex) -> None:
    second = render_timeline_page(index, index.events(), "all", page=2, per_page=4)
    assert (second.page, second.pages) == (2, 2)
    assert "1 Apr 2024" in visible(second.text)
    assert "13 Mar 2024" not in visible(second.text)
    quotes = render_quotes_page(index, index.actor("viktor-orlov"))
    assert "he was open to talks" in visible(quotes.text)
    assert "truce" not in visible(quotes.text)
    assert (quotes.page, quotes.pages) == (1, 1)
    rows = [(str(n), f"Title {n}", dt.date(2024, 1, 1 + n), None) for n in range(9)]
    newest = render_articles_page(rows, page=1, per_page=3)
    assert visible(newest.text).index("8 Title 8") < visible(newest.text).index("7 Title 7")
    assert newest.pages == 3
    assert "Geneva" in visible(render_where_page(index).text)
    empty = render_where_page(BriefingIndex(Briefing()))
    assert "No places" in visible(empty.text)


def test_page_buttons_round_trip() -> None:
    page = Page("text", 2, 3)
    buttons = page_buttons("quotes", "viktor-orlov", page)
    assert [label for label, _ in buttons] == ["‹ Previous", "Next ›"]
    requests = [parse_page_data(data) for _, data in buttons]
    assert requests == [
        PageRequest("quotes", "viktor-orlov", 1),
        PageRequest("quotes", "viktor-orlov", 3),
    ]
    assert page_buttons("who", "", Page("text", 1, 1)) == []
    assert page_keyboard_data("who", "", 2) == "p|who||2"


@pytest.mark.parametrize(
    "data",
    [
        "",
        "p|who||0",
        "p|who||10000",
        "p|who||-1",
        "p|who||02",
        "p|evil||2",
        "x|who||2",
        "p|who|a|b|2",
        "p|who||2 ",
        "p|who|<b>||2",
        "p|who|ünïcode|2",
        "p|who|" + "a" * 60 + "|2",
        "p|who||2\n",
    ],
)
def test_forged_callback_data_is_rejected(data: str) -> None:
    assert parse_page_data(data) is None


def test_callback_data_that_cannot_be_encoded_raises_and_yields_no_buttons() -> None:
    with pytest.raises(ValueError, match="cannot encode"):
        page_keyboard_data("quotes", "x" * 70, 2)
    assert page_buttons("quotes", "bad|id", Page("t", 1, 2)) == []
    assert len(page_keyboard_data("timeline", "a" * 48, 9999).encode()) <= 64


# Terminal and command-line output


def test_terminal_text_is_readable() -> None:
    markup = '<b>Bold</b> &amp; <a href="https://example.org">link</a>\n<blockquote>one\ntwo</blockquote>'
    assert html_to_terminal(markup) == "Bold & link (https://example.org)\n│ one\n│ two"
    assert html_to_terminal(markup, ansi=True).startswith("\x1b[1mBold\x1b[22m & ")
    assert html_to_terminal('<a href="https://x.test">https://x.test</a>') == "https://x.test"


def test_terminal_shows_a_real_reply(index: BriefingIndex) -> None:
    text = html_to_terminal(render_brief(index)[0])
    assert "<" not in text.replace("<b>", "")  # no markup left
    assert "Ana Ferreira, Foreign Minister" in text


def test_article_report_lists_every_section() -> None:
    report = render_article_report(two_article_briefings()[1])
    assert report.startswith("Second report\n")
    assert "published 2024-03-20  id a2" in report
    assert "FERREIRA [person] - Acting Prime Minister; also Minister Ferreira" in report
    assert 'FERREIRA (direct): "we welcome the move" [s1]' in report
    assert "2024-04    planned Talks planned [s2]" in report
    assert "Ceasefire [ceasefire]: 1 sentence\n" in report
    assert "[s1] Foreign Minister Ferreira welcomed the move." in report


def test_add_summary_says_what_was_read() -> None:
    text = assert_valid(render_add_summary(two_article_briefings()[1]))
    assert "Added a2: Second report (Test Wire, 20 Mar 2024)" in text
    assert "Actors: 3" in text
    assert "Events: 2 (1 planned)" in text
    assert "/ceasefire /peace_talks" in text


def test_stats_show_store_and_briefing_figures(index: BriefingIndex) -> None:
    @dataclass
    class Figures:
        articles: int = 2
        active_subscriptions: int = 5
        private_subscriptions: int = 3
        group_subscriptions: int = 2
        deliveries_sent: int = 40
        deliveries_failed: int = 1
        deliveries_unconfirmed: int = 0

    text = assert_valid(render_stats(Figures(), index.briefing))
    assert "Subscriptions: 5 (3 private, 2 groups/channels)" in text
    assert "Digests delivered: 40 · failed: 1\n" in text  # nothing unconfirmed: not mentioned
    text = assert_valid(render_stats(Figures(deliveries_unconfirmed=3), index.briefing))
    assert "failed: 1 · unconfirmed: 3 (their sender stopped mid-send)" in text
    assert "Briefing: 2 articles, 4 actors" in text
    # More stored than the briefing holds (LATEST_ARTICLES): it says whose figures these are.
    text = assert_valid(render_stats(Figures(articles=10_000), index.briefing))
    assert "Briefing of the latest: 2 articles, 4 actors" in text


def test_article_titles_link_only_to_web_addresses() -> None:
    safe = article("w", "Web", dt.date(2024, 1, 1), ["One."], url="https://example.org/a?b=1&c=2")
    unsafe = article("j", "Script", dt.date(2024, 1, 2), ["Two."], url="javascript:alert(1)")
    text = "".join(render_brief(BriefingIndex(Briefing(articles=[safe, unsafe]))))
    assert '<a href="https://example.org/a?b=1&amp;c=2"><b>Web</b></a>' in text
    assert "javascript" not in text
