"""One article after spaCy: the Doc, its sentences by index, and the article they belong to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from bot.briefing.layouts import Turn, paragraph_ranges, transcript_turns
from bot.briefing.models import Article, SourceRef


@dataclass(frozen=True)
class ParsedArticle:
    """The parsed text of an article: the standfirst (if any) then the body paragraphs.

    `sentences[i]` is the sentence every fact with `SourceRef(sentence=i)` points at; sentences made
    only of white space are left out.
    """

    article: Article
    doc: Doc
    sentences: tuple[Span, ...]
    _sentence_of_token: tuple[int, ...] = field(repr=False)

    @classmethod
    def from_doc(cls, article: Article, doc: Doc) -> ParsedArticle:
        # A Span joins its tokens' text anew on each read: each sentence's is read once.
        texts = [(s, s.text.strip()) for s in doc.sents]
        sentences = tuple(s for s, text in texts if text)
        # The Doc's sentences cover its tokens in order: each sentence's tokens are given its
        # index at once. A sentence of white space belongs to the sentence before it (the
        # first, when it opens the text).
        owner: list[int] = []
        index = -1
        for sentence, text in texts:
            index += bool(text)
            owner.extend([max(index, 0)] * len(sentence))
        filled = article.model_copy(update={"sentences": [text for _, text in texts if text]})
        return cls(filled, doc, sentences, tuple(owner))

    @property
    def published(self) -> dt.date:
        return self.article.published

    @cached_property
    def paragraphs(self) -> tuple[tuple[int, int], ...]:
        """Token ranges [start, end) of the paragraphs (split at line breaks, as the parser is),
        found once: walking a Doc's tokens in Python is one of the engine's dearer steps."""
        found, start = [], 0
        for token in self.doc:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    found.append((start, token.i))
                start = token.i + 1
        if start < len(self.doc):
            found.append((start, len(self.doc)))
        return tuple(found)

    @cached_property
    def paragraph_spans(self) -> list[tuple[int, int]]:
        """Every paragraph's token range, blank ones included and white space trimmed (see
        `paragraph_ranges`): the numbering a transcript's turns and a statement's paragraphs
        use."""
        return paragraph_ranges(self.doc)

    @cached_property
    def turns(self) -> dict[int, Turn]:
        """The turns of a transcript by paragraph (see `transcript_turns`), empty for any other
        text, found once: the quotes take each turn's words, the subjects skip its label."""
        return transcript_turns(self.doc, self.paragraph_spans)

    @cached_property
    def entities(self) -> tuple[Span, ...]:
        """The Doc's named entities, read once: spaCy makes every Span of `doc.ents` anew on each
        read, and the extractors read them about fifteen times an article. The engine never sets
        a Doc's entities; whoever does (a test copying a model's mistake) must before extracting."""
        return tuple(self.doc.ents)

    def sentence_index(self, item: Token | Span | int) -> int:
        """The index of the sentence holding a token, span or token index."""
        i = item if isinstance(item, int) else item.i if isinstance(item, Token) else item.start
        return self._sentence_of_token[i]

    def ref(self, item: Token | Span | int) -> SourceRef:
        """Provenance for a fact read at this token, span or token index."""
        return SourceRef(article_id=self.article.id, sentence=self.sentence_index(item))


def article_text(article: Article) -> str:
    """The text the engine parses for an article: standfirst, then the body paragraphs."""
    parts = ([article.standfirst] if article.standfirst else []) + list(article.paragraphs)
    return "\n\n".join(parts)
