"""Long articles are parsed in pieces of whole paragraphs that join back into the same text."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from bot.briefing import pipeline
from bot.briefing.ingest import ArticleMeta, parse_article_text
from bot.briefing.pipeline import parse_articles, text_pieces


def test_pieces_are_cut_after_paragraph_breaks_and_join_back() -> None:
    text = "\n\n".join(f"Paragraph {i} says the council met. It voted." for i in range(40))
    pieces = text_pieces(text, 200)
    assert "".join(pieces) == text
    assert all(len(p) <= 200 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])
    assert len(pieces) > 5


def test_a_paragraph_longer_than_a_piece_is_cut_after_a_sentence_then_a_space() -> None:
    sentences = " ".join(f"Sentence number {i} is here." for i in range(30))
    pieces = text_pieces(sentences, 100)
    assert "".join(pieces) == sentences
    assert all(p.endswith(". ") for p in pieces[:-1])
    spaced = "word " * 100
    assert all(p.endswith(" ") for p in text_pieces(spaced, 33)[:-1])
    solid = "x" * 250
    assert text_pieces(solid, 100) == ["x" * 100, "x" * 100, "x" * 50]


@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), st.integers(5, 60))
def test_any_text_joins_back_from_bounded_pieces(text: str, limit: int) -> None:
    pieces = text_pieces(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)


@pytest.mark.slow
def test_a_long_article_reads_the_same_in_pieces_as_whole(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    paragraphs = [
        f"Mayor Clara Jensen of Northvale said on Monday that road {i} would reopen in May."
        for i in range(30)
    ]
    article = parse_article_text(
        "Roads to reopen\n\n" + "\n\n".join(paragraphs), ArticleMeta(published=dt.date(2021, 3, 3))
    )
    monkeypatch.setattr(pipeline, "PIECE_CHARS", 10**9)
    [whole] = parse_articles(nlp, [article])
    monkeypatch.setattr(pipeline, "PIECE_CHARS", 400)
    [pieced] = parse_articles(nlp, [article])
    assert pieced.doc.text == whole.doc.text
    assert [s.text for s in pieced.sentences] == [s.text for s in whole.sentences]
    assert [(e.text, e.label_) for e in pieced.doc.ents] == [
        (e.text, e.label_) for e in whole.doc.ents
    ]


@pytest.mark.slow
def test_a_paragraph_break_always_starts_a_sentence(nlp: Language) -> None:
    # Without its own component the parser runs "Ends here" into the next paragraph's sentence.
    assert "paragraph_boundaries" in nlp.pipe_names
    doc = nlp("The council met\n\nMayors from three towns said on Monday that they agreed.")
    assert [s.text.strip() for s in doc.sents] == [
        "The council met",
        "Mayors from three towns said on Monday that they agreed.",
    ]


@pytest.mark.slow
def test_an_articles_entities_are_its_docs_read_once(nlp: Language) -> None:
    [parsed] = parse_articles(
        nlp,
        [
            parse_article_text(
                "Talks in Munich\n\nAsh Carter met Sergei Lavrov in Munich on Thursday. They spoke for "
                "two hours about the war in Syria and the talks to come in Geneva.",
                ArticleMeta(published=dt.date(2016, 2, 11)),
            )
        ],
    )
    found = [(e.start, e.end, e.label_) for e in parsed.entities]
    assert {"PERSON", "GPE"} <= {label for _, _, label in found}
    assert found == [(e.start, e.end, e.label_) for e in parsed.doc.ents]
    assert parsed.entities is parsed.entities  # made once, not on every read
