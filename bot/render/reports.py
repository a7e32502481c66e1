"""Plain-text reports for the command line (`briefing-bot process` without --json)."""

from __future__ import annotations

from bot.briefing.figures import natural_number
from bot.briefing.models import Actor, Article, ArticleBriefing, Event, SourceRef
from bot.render.html import plural


def _report_actor(actor: Actor, names: dict[str, str]) -> str:
    line = f"{actor.name} [{actor.kind.value}]"
    if actor.role:
        line += f" - {actor.role}"
    if actor.affiliation:
        line += f" ({names.get(actor.affiliation, actor.affiliation)})"
    aliases = [a for a in actor.aliases if a.casefold() != actor.name.casefold()]
    if aliases:
        line += f"; also {', '.join(aliases)}"
    return f"{line}; {plural(actor.mentions, 'mention')}"


def _report_event(article: Article, event: Event) -> str:
    when = event.date.iso() if event.date else "undated"
    status = "planned " if event.planned else ""
    text = event.summary or _sentence_of(article, event.source)
    expression = f" ({event.expression})" if event.expression else ""
    return f"{when:<10} {status}{text}{expression} [s{event.source.sentence}]"


def _sentence_of(article: Article, ref: SourceRef) -> str:
    sentences = article.sentences
    return sentences[ref.sentence] if 0 <= ref.sentence < len(sentences) else ""


def render_article_report(briefing: ArticleBriefing) -> str:
    """One article's briefing as plain text (`briefing-bot process` without --json).

    Facts end in [sN], the index of the sentence they were read from (listed under Sources)."""
    article = briefing.article
    names = {a.id: a.name for a in briefing.actors}
    meta = [f"published {article.published.isoformat()}", f"id {article.id}"]
    if article.source:
        meta.append(article.source)
    lines = [article.title, "=" * min(len(article.title), 78), "  ".join(meta)]
    if article.url:
        lines.append(article.url)
    if article.standfirst:
        lines += ["", article.standfirst]

    def section(title: str, rows: list[str], count: int | None = None) -> None:
        lines.extend(["", f"{title} ({len(rows) if count is None else count})"])
        lines.extend(f"  {row}" for row in rows)

    section("Actors", [_report_actor(a, names) for a in briefing.actors])
    section(
        "Quotes",
        [
            f"{q.speaker or 'unknown'} ({q.kind.value}"
            + (f", {q.said_on.iso()}" if q.said_on else "")
            + f'): "{q.text}" [s{q.source.sentence}]'
            for q in briefing.quotes
        ],
    )
    section("Timeline", [_report_event(article, e) for e in briefing.events])
    topic_rows: list[str] = []
    for topic in briefing.topics:
        sentences = plural(len(topic.sentences), "sentence")
        topic_rows.append(f"{topic.label} [{topic.key}]: {sentences}")
        topic_rows.extend(
            f"  {p.actor} {p.stance.value}: {p.text} [s{p.source.sentence}]"
            for p in topic.positions
        )
    section("Topics", topic_rows, len(briefing.topics))
    section(
        "Places",
        [f"{p.name} x{p.count}" + (f" ({p.kind})" if p.kind else "") for p in briefing.places],
    )
    section(
        "Figures",
        [
            f.text
            + (f" = {natural_number(f.value)}" if f.value is not None else "")
            + (f" [{f.counts}]" if f.counts else "")
            + f" [s{f.source.sentence}]"
            for f in briefing.figures
        ],
    )
    refs = [
        *(q.source for q in briefing.quotes),
        *(e.source for e in briefing.events),
        *(p.source for t in briefing.topics for p in t.positions),
        *(f.source for f in briefing.figures),
    ]
    cited = sorted({r.sentence for r in refs if _sentence_of(article, r)})
    section("Sources", [f"[s{i}] {article.sentences[i]}" for i in cited])
    return "\n".join(lines)
