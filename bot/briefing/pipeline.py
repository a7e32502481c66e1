"""Articles -> ArticleBriefings: one spaCy pass per article (nlp.pipe for many), then extractors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from bot.briefing.actors import find_actors
from bot.briefing.figures import find_figures
from bot.briefing.lexicon import TopicLexicon
from bot.briefing.models import Article, ArticleBriefing
from bot.briefing.parsed import ParsedArticle, article_text
from bot.briefing.places import find_places
from bot.briefing.quotes import attributed_quotes, find_quotes
from bot.briefing.subjects import find_subjects
from bot.briefing.timeline import find_dates, find_events
from bot.briefing.topics import find_topics
from bot.briefing.version import engine_version

# Characters parsed by spaCy at once: a few long paragraphs, short enough to bound its memory.
PIECE_CHARS = 20_000
# Pieces spaCy works on together: its memory follows the characters in a batch, not in a piece.
BATCH_PIECES = 4


def extract(parsed: ParsedArticle, lexicon: TopicLexicon) -> ArticleBriefing:
    """Everything the engine reads from one parsed article."""
    places = find_places(parsed)
    actors = find_actors(parsed, places)
    dates = find_dates(parsed)
    quotes = find_quotes(parsed, actors, dates)
    return ArticleBriefing(
        article=parsed.article,
        actors=actors.actors,
        quotes=attributed_quotes(quotes),
        events=find_events(parsed, dates, actors, places),
        topics=find_topics(parsed, lexicon, actors, dates, quotes)
        + find_subjects(parsed, lexicon, actors, dates, quotes, places),
        places=places.places,
        figures=find_figures(parsed, places),
        engine_version=engine_version(lexicon),
    )


def parse_articles(nlp: Language, articles: Iterable[Article]) -> Iterator[ParsedArticle]:
    """Run spaCy over many articles in one stream (nlp.pipe batches the work).

    A long article is parsed in pieces of whole paragraphs and the pieces joined into one Doc:
    spaCy's memory grows with the length of the text it is given at once (3 GB for 1 MB), so
    pieces keep a 1 MB article under a few hundred MB and its time linear in its length.
    """
    from spacy.tokens import Doc

    pieces = (
        (piece, (n, article, last))
        for n, article in enumerate(articles)
        for piece, last in _with_last(text_pieces(article_text(article), PIECE_CHARS))
    )
    parts: list[Doc] = []
    for doc, (_, article, last) in nlp.pipe(pieces, as_tuples=True, batch_size=BATCH_PIECES):
        parts.append(doc)
        if last:
            whole = parts[0]
            if len(parts) > 1:
                # No extractor reads the tensor (tok2vec output, 96 floats a token). spaCy 3.8
                # takes `exclude`; its type stub does not know it.
                whole = Doc.from_docs(parts, exclude=["tensor"])  # type: ignore[call-arg]
            parts = []
            yield ParsedArticle.from_doc(article, whole)


def _with_last(items: list[str]) -> Iterator[tuple[str, bool]]:
    for i, item in enumerate(items):
        yield item, i == len(items) - 1


def text_pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """`text` cut into pieces of at most about `limit` characters that join back into it.

    Cuts fall after a paragraph break where there is one, else after a sentence's full stop,
    else after any white space; every piece but the last ends in white space, so spaCy's tokens
    across the joined pieces are those of the whole text.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n\n")
        if cut > 0:
            cut += 2
        else:
            sentence_end = max(window.rfind(". "), window.rfind(".\n"))
            space = max(window.rfind(" "), window.rfind("\n"))
            cut = sentence_end + 2 if sentence_end > 0 else space + 1
        if cut <= 0:  # no white space at all: a token longer than a piece is cut where it is
            cut = limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def process_articles(
    nlp: Language, articles: Iterable[Article], lexicon: TopicLexicon
) -> list[ArticleBriefing]:
    """Blocking (spaCy): call it from a worker thread, never on the event loop."""
    return [extract(parsed, lexicon) for parsed in parse_articles(nlp, articles)]


def process_article(nlp: Language, article: Article, lexicon: TopicLexicon) -> ArticleBriefing:
    return process_articles(nlp, [article], lexicon)[0]
