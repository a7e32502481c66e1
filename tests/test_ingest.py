"""Ingest: raw text in the shapes news arrives in -> a clean Article, or a clear error."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.briefing.ingest import (
    MAX_ARTICLE_BYTES,
    ArticleMeta,
    IngestError,
    MissingDateError,
    decode_article_bytes,
    is_credit_line,
    parse_article_text,
    parse_date_line,
    without_dateline,
)
from tests.conftest import SEED

BODY = (
    "The city council voted on Monday to close the old harbour bridge for repairs, officials said. "
    "The mayor said the work would take about six months and cost the city more than it had hoped. "
    "Local shop owners told reporters that they feared losing customers while the bridge is shut."
)


def test_seed_shape_is_cleaned() -> None:
    article = parse_article_text(SEED.read_text(encoding="utf-8"))
    assert article.title == "US-Russia tensions rise as Munich Syria talks kick off"
    assert article.published == dt.date(2016, 2, 11)
    assert article.standfirst is not None and article.standfirst.startswith("Washington condemns")
    body = "\n".join(article.paragraphs)
    # Reading time, date line, photo caption, sub-headings, pull quote and trailer are not body.
    assert "min read" not in body
    assert "[AFP]" not in body
    assert "Agencies contributed" not in body
    assert "Munich talks" not in article.paragraphs
    assert "NATO outline" not in article.paragraphs
    assert sum("directly enabling" in p for p in article.paragraphs) == 1
    assert article.paragraphs[0].startswith("Moscow's proposed Syria ceasefire")
    assert len(article.id) == 8 and article.content_hash.startswith(article.id)


def test_plain_text_needs_a_date() -> None:
    with pytest.raises(MissingDateError, match="no publication date"):
        parse_article_text(BODY)
    article = parse_article_text(BODY, ArticleMeta(published=dt.date(2020, 5, 4)))
    assert article.published == dt.date(2020, 5, 4)
    assert article.paragraphs == [BODY]


def test_explicit_date_wins_over_the_date_line() -> None:
    text = f"Harbour bridge to close\n\n3 March, 2021\n\n{BODY}"
    assert parse_article_text(text).published == dt.date(2021, 3, 3)
    assert parse_article_text(
        text, ArticleMeta(published=dt.date(2021, 3, 4))
    ).published == dt.date(2021, 3, 4)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("11 February, 2016", dt.date(2016, 2, 11)),
        ("February 11, 2016", dt.date(2016, 2, 11)),
        ("Thu 11 Feb 2016", dt.date(2016, 2, 11)),
        ("Published: 2019-03-05", dt.date(2019, 3, 5)),
        ("31 February, 2016", None),
        ("We met in February", None),
    ],
)
def test_date_lines(line: str, expected: dt.date | None) -> None:
    assert parse_date_line(line) == expected


def test_same_text_hashes_the_same_whatever_the_spacing() -> None:
    a = parse_article_text(BODY, ArticleMeta(published=dt.date(2020, 1, 1)))
    b = parse_article_text(BODY.replace(". ", ".  "), ArticleMeta(published=dt.date(2020, 1, 2)))
    assert a.content_hash == b.content_hash


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"x" * (MAX_ARTICLE_BYTES + 1), "limit"),
    ],
)
def test_bad_bytes_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(IngestError, match=message):
        parse_article_text(decode_article_bytes(data), ArticleMeta(published=dt.date(2020, 1, 1)))


def test_non_english_is_refused() -> None:
    german = (
        "Die Bundesregierung hat am Montag neue Regeln für den Wohnungsbau beschlossen. "
        "Nach Angaben des Ministeriums sollen die Genehmigungen schneller erteilt werden, "
        "damit mehr Wohnungen in den großen Städten entstehen können und die Mieten sinken."
    )
    with pytest.raises(IngestError, match="English"):
        parse_article_text(german, ArticleMeta(published=dt.date(2020, 1, 1)))


def test_too_short_is_refused() -> None:
    with pytest.raises(IngestError, match="words"):
        parse_article_text("Short note.", ArticleMeta(published=dt.date(2020, 1, 1)))


def test_html_goes_through_main_text_extraction() -> None:
    html = (
        "<html><head><title>Harbour bridge to close</title>"
        '<meta property="article:published_time" content="2021-03-03"></head><body>'
        "<nav>Home | World | Sport</nav><article><h1>Harbour bridge to close</h1>"
        f"<p>{BODY}</p><p>{BODY.replace('Monday', 'Tuesday')}</p></article>"
        "<footer>Copyright 2021</footer><script>alert(1)</script></body></html>"
    )
    article = parse_article_text(html)
    assert article.title == "Harbour bridge to close"
    assert article.published == dt.date(2021, 3, 3)
    assert any("harbour bridge" in p for p in article.paragraphs)
    assert not any("alert(1)" in p or "Home | World" in p for p in article.paragraphs)


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by Mara Quist; Additional reporting by Tobias Renn; Editing by Ola Frey",
        "(Writing by Mara Quist; editing by Ola Frey)",
        "Compiled by Tobias Renn",
        "By Mara Quist and Tobias Renn",
        "Ola Frey wrote this story for Harbour Weekly. Tobias Renn was the editor.",
        "I'm Ola Frey. And I’m Tobias Renn, Jr.",
        # A broadcast script's presenter, framed by the service or the programme.
        "For Harbour Radio Learning, I'm Mara Quist.",
        "I'm Tobias Renn with the Harbour Radio Farm Report.",
        "From Harbour Radio Learning, this is the Health Report.",
        "I'm Mara Quist and this is Harbour Radio.",
        "Fishing boats tied up at the quay in Vardel on Monday. Image: Mara Quist.",
        "A ferry leaves the harbour at dusk. (Coastal Photo/Tobias Renn)",
        "Contact Mara Quist at mquist@harbourweekly.com.",
        "Reach reporter Tobias Renn at 555-0142 or trenn@harbourweekly.com",
    ],
)
def test_credit_lines_are_recognised(line: str) -> None:
    assert is_credit_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "By the time the ferry docked, the storm had passed, the captain said.",
        "I'm not sure the harbour will reopen this year, Ola Frey said.",
        "I'm Ola Frey with the ferry, and we are sinking, the captain radioed.",
        "This is the Harbour Board's worst year, Tobias Renn said.",
        "For Vardel, this is the end of a long wait.",
        "For Vardel, this is the Harbour Board's finest hour.",
        "Tobias Renn reported the theft to the harbour police on Monday.",
        "The image: boats tied up three deep along the quay.",
        "Contact with the ferry was lost at 9 p.m., the coast guard said.",
        "Residents can reach the council at the town hall on Elm Street.",
    ],
)
def test_body_lines_are_not_credits(line: str) -> None:
    assert not is_credit_line(line)


def test_a_presenters_sentence_leaves_the_paragraph_it_opens() -> None:
    text = (
        "Harbour bridge to close\n\nToday is Friday, March 1st. I'm Ola Frey and this is "
        f"Harbour Radio.\n\n{BODY}\n\nFrom Harbour Radio Learning, this is the Farm Report. "
        f"{BODY.replace('Monday', 'Tuesday')}\n\n"
        '"I\'m Tobias Renn and this is my farm," the farmer said.'
    )
    article = parse_article_text(text, ArticleMeta(published=dt.date(2024, 3, 1)))
    assert article.paragraphs[0] == "Today is Friday, March 1st."
    assert article.paragraphs[2].startswith(BODY.replace("Monday", "Tuesday")[:20])
    assert "Tobias Renn" in article.paragraphs[-1]
    assert not any("Frey" in p or "Farm Report" in p for p in article.paragraphs)


def test_a_long_sub_heading_in_title_case_leaves_the_body() -> None:
    text = (
        f"Harbour bridge to close\n\n{BODY}\n\n"
        "Harbour Board Relies on Ferries to Carry Commuters Across the Vardel River Mouth\n\n"
        f"{BODY.replace('Monday', 'Tuesday')}\n\n"
        "the ferry operator said on Friday that the extra boats would run until the bridge "
        "reopens in the spring of next year"
    )
    article = parse_article_text(text, ArticleMeta(published=dt.date(2024, 3, 1)))
    assert not any("Relies on Ferries" in p for p in article.paragraphs)
    assert any(p.startswith("the ferry operator") for p in article.paragraphs)


def test_credit_lines_leave_the_body() -> None:
    text = (
        f"Harbour bridge to close\n\n{BODY}\n\n"
        "The bridge seen from the ferry terminal. Image: Mara Quist.\n\n"
        f"{BODY.replace('Monday', 'Tuesday')}\n\n"
        "I'm Ola Frey.\n\nOla Frey wrote this story for Harbour Weekly."
    )
    article = parse_article_text(text, ArticleMeta(published=dt.date(2024, 3, 1)))
    assert len(article.paragraphs) == 2
    assert not any("Frey" in p or "Quist" in p for p in article.paragraphs)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("VARDEL (Coastwire) - The council voted.", "Vardel — The council voted."),
        ("NORTH VARDEL — The council voted.", "North Vardel — The council voted."),
        ("VARDEL, Ruritania -- The council voted.", "Vardel, Ruritania — The council voted."),
        ("VARDEL, Nov. 11 (Coastwire) - The council voted.", "Vardel — The council voted."),
        ("VARDEL, Ruritania, 3 March 2021 - Floods hit.", "Vardel, Ruritania — Floods hit."),
        ("NATO - the alliance met.", "NATO - the alliance met."),
        ("The council voted - again.", "The council voted - again."),
    ],
)
def test_dateline_keeps_the_city_and_drops_the_agency(paragraph: str, expected: str) -> None:
    assert without_dateline(paragraph) == expected


SIGNED_STATEMENT = """\
Floods in the Eastern Provinces

Press Statement
Karen Holloway
Department Spokesperson, Office of the Spokesperson
Tarnville
March 3, 2014

The Republic offers its condolences to the families of the victims of the floods. We stand \
ready to help the provinces, and we will send doctors, tents and food this week."""


def test_a_statement_header_gives_its_signatory_as_standfirst() -> None:
    article = parse_article_text(SIGNED_STATEMENT)
    assert article.title == "Floods in the Eastern Provinces"
    # The office without the bureau after it; the place line is not part of the signature.
    assert article.standfirst == "Karen Holloway, Department Spokesperson"
    unsigned = SIGNED_STATEMENT.replace("Department Spokesperson, Office of the Spokesperson\n", "")
    assert parse_article_text(unsigned).standfirst == "Karen Holloway"
    # Without the kind line, a name in a header may be a reporter's: nothing is read.
    plain = SIGNED_STATEMENT.replace("Press Statement\n", "")
    assert parse_article_text(plain).standfirst is None


BRIEFING = """\
Ministry Press Briefing – March 3, 2025

Maren Tolle, Department Spokesperson

Vessa Bay

2:05 p.m. EST

MS. TOLLE: Good afternoon. I have one thing at the top. The ferry to the islands will run \
again from Monday.

Q Will the fares change?

MS. TOLLE: They will not change this year."""


ARCHIVED_BRIEFING = """\
The Vessa Bay Council
Print this page

For Immediate Release
Office of the Press Secretary
March 3, 2025

Press Gaggle with Maren Tolle
Aboard the Council Ferry

10:05 A.M. EST

MS. TOLLE: Good morning. The ferry to the islands will run again from Monday.

Q Will the fares change?

MS. TOLLE: They will not change this year."""


@pytest.mark.parametrize(
    ("text", "line", "standfirst"),
    [
        # A "Name, Office" line over the body names, in full, who speaks under a surname label.
        (BRIEFING, "Maren Tolle, Department Spokesperson", "Maren Tolle, Department Spokesperson"),
        # A byline names who wrote the story, a place line where it was given: nobody in it.
        (BRIEFING, "Maren Tolle, Senior Correspondent", None),
        (BRIEFING, "Vessa Bay, Tarnland", None),
        # An archived page's title is the site's name; the transcript's own title, "Press
        # Gaggle with NAME", comes after the date line and gives the label's name in full.
        (ARCHIVED_BRIEFING, "Press Gaggle with Maren Tolle", "Press Gaggle with Maren Tolle"),
        (
            ARCHIVED_BRIEFING,
            "PRESS BRIEFING BY SPOKESPERSON MAREN TOLLE",
            "Press Briefing By Spokesperson Maren Tolle",
        ),
        # "the Mayor" names no one: the line stays a heading.
        (ARCHIVED_BRIEFING, "Remarks by the Mayor on the ferry", None),
    ],
)
def test_a_header_line_naming_who_speaks_in_a_transcript_is_its_standfirst(
    text: str, line: str, standfirst: str | None
) -> None:
    header = (
        "Maren Tolle, Department Spokesperson"
        if text == BRIEFING
        else "Press Gaggle with Maren Tolle"
    )
    article = parse_article_text(
        text.replace(header, line), ArticleMeta(published=dt.date(2025, 3, 3))
    )
    assert article.standfirst == standfirst
    assert article.paragraphs[0].startswith("MS. TOLLE:")
