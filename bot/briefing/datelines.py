"""Datelines: the place a wire story was filed from, opening a paragraph.

In capitals with the day and the agency ("HOLLEN, March 5 (Wire) -"), or, in the body's first
paragraph, as the ingest writes it: a name and an em dash ("Hollen, Nev. — Residents voted").
Its words frame the copy. Its date is the day of filing, its city is a place, and none of its
words is a party, a subject or a word of an event.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from bot.briefing.parsed import ParsedArticle

DASHES = frozenset({"-", "--", "–", "—"})
# How far into a paragraph a dateline's dash may come: "SAN JOSE, Costa Rica, Feb. 11 (Wire) —".
_DATELINE_TOKENS = 16


@dataclass(frozen=True)
class Dateline:
    start: int  # the paragraph's first token
    city_end: int  # the city is the tokens [start, city_end)
    dash: int  # the dash closing the dateline

    @property
    def words(self) -> range:
        """Every token of the dateline, its dash included."""
        return range(self.start, self.dash + 1)


def find_datelines(parsed: ParsedArticle) -> list[Dateline]:
    """The datelines opening the article's paragraphs, in text order."""
    doc, body = parsed.doc, _body_start(parsed)
    found = []
    for start, end in parsed.paragraphs:
        dash = _dash(doc, start, end, written_as_name=start == body)
        if dash is not None:
            city_end = next((t.i for t in doc[start:dash] if t.text in (",", "(", "[")), dash)
            found.append(Dateline(start=start, city_end=city_end, dash=dash))
    return found


def _body_start(parsed: ParsedArticle) -> int:
    """The first token of the body's first paragraph (after the standfirst, if any)."""
    standfirst = parsed.article.standfirst
    if not standfirst:
        return 0
    char = len(standfirst) + 2  # article_text joins the parts with a blank line
    return next((t.i for t in parsed.doc if t.idx >= char and not t.is_space), -1)


def _dash(doc: Doc, start: int, end: int, *, written_as_name: bool) -> int | None:
    """The dash closing a dateline that opens the paragraph [start, end), if one does: a place
    in capitals, then words without a verb up to a dash; or, where the ingest wrote it
    (`written_as_name`), capitalised words and commas up to an em dash."""
    window = doc[start : min(end, start + _DATELINE_TOKENS)]
    if written_as_name:
        for token in window:
            if token.text == "—":
                return token.i if token.i > start else None
            # Capitalised words, whatever the tagger makes of a name it does not know.
            if not (token.text[:1].isupper() or token.text == ","):
                break
    first = doc[start]
    if not (first.is_upper and first.is_alpha and len(first) > 1):
        return None
    for token in window:
        if token.text in DASHES:
            return token.i if token.i > start else None
        if token.pos_ in ("VERB", "AUX") and not token.is_upper:
            return None
    return None
