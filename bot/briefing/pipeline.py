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
from bot.briefing.quotes import find_quotes
from bot.briefing.timeline import find_dates, find_events
from bot.briefing.topics import find_topics
from bot.briefing.version import engine_version


def extract(parsed: ParsedArticle, lexicon: TopicLexicon) -> ArticleBriefing:
    """Everything the engine reads from one parsed article."""
    places = find_places(parsed)
    actors = find_actors(parsed, places)
    dates = find_dates(parsed)
    quotes = find_quotes(parsed, actors, dates)
    return ArticleBriefing(
        article=parsed.article,
        actors=actors.actors,
        quotes=quotes,
        events=find_events(parsed, dates, actors, places),
        topics=find_topics(parsed, lexicon, actors, dates, quotes),
        places=places.places,
        figures=find_figures(parsed, places),
        engine_version=engine_version(lexicon),
    )


def parse_articles(nlp: Language, articles: Iterable[Article]) -> Iterator[ParsedArticle]:
    """Run spaCy over many articles in one stream (nlp.pipe batches the work)."""
    pairs = ((article_text(article), article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True):
        yield ParsedArticle.from_doc(article, doc)


def process_articles(
    nlp: Language, articles: Iterable[Article], lexicon: TopicLexicon
) -> list[ArticleBriefing]:
    """Blocking (spaCy): call it from a worker thread, never on the event loop."""
    return [extract(parsed, lexicon) for parsed in parse_articles(nlp, articles)]


def process_article(nlp: Language, article: Article, lexicon: TopicLexicon) -> ArticleBriefing:
    return process_articles(nlp, [article], lexicon)[0]
