"""The JSON shape `briefing-bot process --json` prints (a contract: see PRODUCT.md)."""

from __future__ import annotations

from typing import Any

from bot.briefing.models import Article, ArticleBriefing, DateValue, Event, Quote, SourceRef


def _iso(value: DateValue | None) -> str | None:
    return None if value is None else value.iso()


def _sentence(article: Article, ref: SourceRef) -> str:
    return article.sentences[ref.sentence] if 0 <= ref.sentence < len(article.sentences) else ""


def _quote_json(article: Article, quote: Quote) -> dict[str, Any]:
    return {
        "speaker": quote.speaker,
        "text": quote.text,
        "kind": quote.kind.value,
        "date": _iso(quote.said_on),
        "sentence": quote.source.sentence,
    }


def _event_json(article: Article, event: Event) -> dict[str, Any]:
    return {
        "date": _iso(event.date),
        "precision": event.date.precision.value if event.date else None,
        "text": event.summary or _sentence(article, event.source),
        "expression": event.expression,
        "planned": event.planned,
        "actors": event.actor_ids,
        "places": event.places,
        "sentence": event.source.sentence,
        "source_text": _sentence(article, event.source),
    }


def briefing_json(briefing: ArticleBriefing) -> dict[str, Any]:
    """One article's briefing as the documented JSON object."""
    article = briefing.article
    names = {actor.id: actor.name for actor in briefing.actors}
    topic_sentences = {t.key: {r.sentence for r in t.sentences} for t in briefing.topics}
    return {
        "article": {
            "id": article.id,
            "title": article.title,
            "published": article.published.isoformat(),
            "standfirst": article.standfirst,
            "source": article.source,
            "url": article.url,
            "content_hash": article.content_hash,
            "sentences": len(article.sentences),
        },
        "actors": [
            {
                "name": actor.name,
                "kind": actor.kind.value,
                "aliases": actor.aliases,
                "role": actor.role,
                "affiliation": actor.affiliation,
                "salience": round(actor.salience, 4),
                "mentions": actor.mentions,
            }
            for actor in briefing.actors
        ],
        "quotes": [_quote_json(article, q) for q in briefing.quotes],
        "events": [_event_json(article, e) for e in briefing.events],
        "topics": {
            topic.key: {
                "label": topic.label,
                "kind": topic.kind.value,
                "positions": [
                    {
                        "actor": p.actor,
                        "stance": p.stance.value,
                        "text": p.text,
                        "date": _iso(p.date),
                        "sentence": p.source.sentence,
                    }
                    for p in topic.positions
                ],
                "events": [
                    _event_json(article, e)
                    for e in briefing.events
                    if e.source.sentence in topic_sentences[topic.key]
                ],
                "quotes": [
                    _quote_json(article, q)
                    for q in briefing.quotes
                    if q.source.sentence in topic_sentences[topic.key]
                ],
                "sentences": [_sentence(article, r) for r in topic.sentences],
                "parties": [
                    {"actor": p.actor, "sentence": p.source.sentence} for p in topic.parties
                ],
                "terms": topic.terms,
            }
            for topic in briefing.topics
        },
        "places": [{"name": p.name, "count": p.count, "kind": p.kind} for p in briefing.places],
        "figures": [
            {"text": f.text, "value": f.value, "counts": f.counts, "sentence": f.source.sentence}
            for f in briefing.figures
        ],
        "speakers": sorted({names[q.speaker_id] for q in briefing.quotes if q.speaker_id in names}),
    }
