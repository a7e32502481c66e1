"""Small hand-made briefings for fast tests: fictional people and places, no spaCy."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from bot.briefing.models import (
    Actor,
    ActorKind,
    Article,
    ArticleBriefing,
    Briefing,
    DateValue,
    Event,
    Figure,
    Place,
    Position,
    Precision,
    Quote,
    QuoteKind,
    SourceRef,
    Stance,
    Topic,
)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def ref(article_id: str, sentence: int) -> SourceRef:
    return SourceRef(article_id=article_id, sentence=sentence)


def day(year: int, month: int, d: int) -> DateValue:
    return DateValue(value=dt.date(year, month, d), precision=Precision.DAY)


def week(year: int, month: int, monday: int) -> DateValue:
    return DateValue(value=dt.date(year, month, monday), precision=Precision.WEEK)


def month(year: int, m: int) -> DateValue:
    return DateValue(value=dt.date(year, m, 1), precision=Precision.MONTH)


def year(y: int) -> DateValue:
    return DateValue(value=dt.date(y, 1, 1), precision=Precision.YEAR)


def article(
    article_id: str,
    title: str,
    published: dt.date,
    sentences: Sequence[str],
    source: str | None = "Test Wire",
    url: str | None = None,
) -> Article:
    return Article(
        id=article_id,
        title=title,
        source=source,
        url=url,
        published=published,
        paragraphs=[" ".join(sentences)],
        sentences=list(sentences),
        content_hash=f"hash-{article_id}",
    )


def actor(
    name: str,
    kind: ActorKind = ActorKind.PERSON,
    *,
    aliases: Sequence[str] = (),
    role: str | None = None,
    affiliation: str | None = None,
    salience: float = 1.0,
    mentions: int = 1,
    sources: Sequence[SourceRef] = (),
    actor_id: str | None = None,
) -> Actor:
    return Actor(
        id=actor_id or slug(name),
        name=name,
        kind=kind,
        aliases=list(aliases),
        role=role,
        affiliation=affiliation,
        salience=salience,
        mentions=mentions,
        sources=list(sources),
    )


def event(
    source: SourceRef,
    summary: str,
    date: DateValue | None,
    *,
    expression: str = "",
    actor_ids: Sequence[str] = (),
    places: Sequence[str] = (),
    planned: bool = False,
) -> Event:
    return Event(
        date=date,
        expression=expression,
        summary=summary,
        actor_ids=list(actor_ids),
        places=list(places),
        planned=planned,
        source=source,
    )


def quote(
    speaker: Actor | None,
    text: str,
    source: SourceRef,
    kind: QuoteKind = QuoteKind.DIRECT,
    said_on: DateValue | None = None,
) -> Quote:
    return Quote(
        speaker_id=speaker.id if speaker else None,
        speaker=speaker.name if speaker else None,
        text=text,
        kind=kind,
        said_on=said_on,
        source=source,
    )


def position(
    who: Actor, stance: Stance, text: str, source: SourceRef, date: DateValue | None = None
) -> Position:
    return Position(
        actor_id=who.id, actor=who.name, stance=stance, text=text, date=date, source=source
    )


A1_SENTENCES = (
    "Valdorian Foreign Minister Ana Ferreira said the truce must hold.",
    "Ferreira will travel to Geneva on 20 March for talks.",
    "General Viktor Orlov rejected the ceasefire proposal on Wednesday.",
    "Aid agencies said 1,200 families had fled Port Elin last month.",
    "The Northern Alliance proposed a ceasefire starting 1 April.",
)
A2_SENTENCES = (
    "Viktor Orlov said on Monday he was open to talks.",
    "Foreign Minister Ferreira welcomed the move.",
    "Talks are planned for April in Geneva.",
)

FERREIRA = actor(
    "Ana Ferreira",
    aliases=["Ferreira", "Foreign Minister Ana Ferreira"],
    role="Foreign Minister",
    affiliation="valdoria",
    salience=3.0,
    mentions=3,
    sources=[ref("a1", 0), ref("a1", 1), ref("a2", 1)],
)
ORLOV = actor(
    "Viktor Orlov",
    aliases=["Orlov", "General Viktor Orlov"],
    role="General",
    affiliation="northern-alliance",
    salience=2.5,
    mentions=2,
    sources=[ref("a1", 2), ref("a2", 0)],
)
ALLIANCE = actor("Northern Alliance", ActorKind.GROUP, salience=1.0, sources=[ref("a1", 4)])
VALDORIA = actor("Valdoria", ActorKind.COUNTRY, salience=0.5, sources=[ref("a1", 0)])


def sample_briefing() -> Briefing:
    """Two articles about a fictional conflict, already merged by hand."""
    a1 = article(
        "a1",
        "Valdoria truce talks stall as ministers trade blame",
        dt.date(2024, 3, 14),
        A1_SENTENCES,
    )
    a2 = article(
        "a2", "Orlov signals openness to talks", dt.date(2024, 3, 20), A2_SENTENCES, "Daily Example"
    )
    events = [
        event(
            ref("a1", 3),
            "1,200 families fled Port Elin",
            month(2024, 2),
            expression="last month",
            places=["Port Elin"],
        ),
        event(
            ref("a1", 2),
            "Orlov rejected the ceasefire proposal",
            day(2024, 3, 13),
            expression="on Wednesday",
            actor_ids=[ORLOV.id],
        ),
        event(
            ref("a2", 0),
            "Orlov said he was open to talks",
            day(2024, 3, 18),
            expression="on Monday",
            actor_ids=[ORLOV.id],
        ),
        event(
            ref("a1", 1),
            "Ferreira travels to Geneva for talks",
            day(2024, 3, 20),
            expression="on 20 March",
            actor_ids=[FERREIRA.id],
            places=["Geneva"],
            planned=True,
        ),
        event(
            ref("a1", 4),
            "A ceasefire would start",
            day(2024, 4, 1),
            expression="starting 1 April",
            actor_ids=[ALLIANCE.id],
            planned=True,
        ),
        event(
            ref("a2", 2),
            "Talks planned in Geneva",
            month(2024, 4),
            expression="in April",
            places=["Geneva"],
            planned=True,
        ),
    ]
    return Briefing(
        articles=[a1, a2],
        actors=[FERREIRA, ORLOV, ALLIANCE, VALDORIA],
        quotes=[
            quote(FERREIRA, "the truce must hold", ref("a1", 0)),
            quote(
                ORLOV, "he was open to talks", ref("a2", 0), QuoteKind.REPORTED, day(2024, 3, 18)
            ),
        ],
        events=events,
        topics=[
            Topic(
                key="ceasefire",
                label="Ceasefire",
                sentences=[ref("a1", 0), ref("a1", 2), ref("a1", 4)],
                positions=[
                    position(FERREIRA, Stance.SUPPORTS, "the truce must hold", ref("a1", 0)),
                    position(
                        ORLOV,
                        Stance.REJECTS,
                        "rejected the ceasefire proposal",
                        ref("a1", 2),
                        day(2024, 3, 13),
                    ),
                    position(
                        ALLIANCE, Stance.PROPOSES, "a ceasefire starting 1 April", ref("a1", 4)
                    ),
                ],
            ),
            Topic(
                key="peace_talks",
                label="Peace talks",
                sentences=[ref("a1", 1), ref("a2", 0), ref("a2", 2)],
                positions=[position(ORLOV, Stance.SUPPORTS, "open to talks", ref("a2", 0))],
            ),
            Topic(key="sanctions", label="Sanctions"),
        ],
        places=[
            Place(
                name="Geneva",
                count=3,
                kind="city",
                country_code="CH",
                sources=[ref("a1", 1), ref("a2", 2)],
            ),
            Place(name="Port Elin", count=1, kind="city", sources=[ref("a1", 3)]),
        ],
        figures=[
            Figure(text="1,200 families", value=1200.0, counts="families", source=ref("a1", 3))
        ],
    )


def two_article_briefings() -> list[ArticleBriefing]:
    """The same minister under different names in two articles, the newer one with a new role."""
    a1 = article("a1", "First report", dt.date(2024, 3, 14), A1_SENTENCES)
    a2 = article("a2", "Second report", dt.date(2024, 3, 20), A2_SENTENCES)
    ferreira_1 = actor(
        "Ana Ferreira",
        aliases=["Ferreira"],
        role="Foreign Minister",
        salience=2.0,
        mentions=2,
        sources=[ref("a1", 0), ref("a1", 1)],
    )
    orlov_1 = actor("General Orlov", aliases=["Orlov"], role="General", sources=[ref("a1", 2)])
    jordan = actor("Jordan", ActorKind.COUNTRY, sources=[ref("a1", 3)])
    ferreira_2 = actor(
        "FERREIRA",
        aliases=["Minister Ferreira"],
        role="Acting Prime Minister",
        salience=1.5,
        mentions=1,
        sources=[ref("a2", 1)],
        actor_id="ferreira",
    )
    orlov_2 = actor("Viktor Orlov", aliases=["Orlov"], salience=1.0, sources=[ref("a2", 0)])
    jordan_person = actor("Jordan Smith", aliases=["Jordan"], sources=[ref("a2", 2)])
    first = ArticleBriefing(
        article=a1,
        actors=[ferreira_1, orlov_1, jordan],
        quotes=[quote(ferreira_1, "the truce must hold", ref("a1", 0))],
        events=[
            event(ref("a1", 4), "A ceasefire would start", day(2024, 4, 1), planned=True),
            event(
                ref("a1", 2),
                "Orlov rejected the proposal",
                day(2024, 3, 13),
                actor_ids=[orlov_1.id],
            ),
            event(ref("a1", 3), "Families fled", None),
        ],
        topics=[
            Topic(
                key="ceasefire",
                label="Ceasefire",
                sentences=[ref("a1", 0)],
                positions=[
                    position(ferreira_1, Stance.SUPPORTS, "the truce must hold", ref("a1", 0))
                ],
            ),
        ],
        places=[Place(name="Geneva", count=1, kind="city", sources=[ref("a1", 1)])],
        figures=[
            Figure(text="1,200 families", value=1200.0, counts="families", source=ref("a1", 3))
        ],
        engine_version="test",
    )
    second = ArticleBriefing(
        article=a2,
        actors=[orlov_2, ferreira_2, jordan_person],
        quotes=[quote(ferreira_2, "we welcome the move", ref("a2", 1))],
        events=[
            event(
                ref("a2", 0),
                "Orlov said he was open to talks",
                day(2024, 3, 18),
                actor_ids=[orlov_2.id, ferreira_2.id],
            ),
            event(ref("a2", 2), "Talks planned", month(2024, 4), planned=True),
        ],
        topics=[
            Topic(
                key="ceasefire",
                label="Ceasefire",
                sentences=[ref("a2", 1)],
                positions=[position(ferreira_2, Stance.DEMANDS, "a lasting truce", ref("a2", 1))],
            ),
            Topic(key="peace_talks", label="Peace talks", sentences=[ref("a2", 0)]),
        ],
        places=[Place(name="geneva", count=2, country_code="CH", sources=[ref("a2", 2)])],
        figures=[],
        engine_version="test",
    )
    return [first, second]


HOSTILE = '<script>alert("x")</script> & Co\'s "best" <b>bold</b> 🎉 مرحبا \u200b\u202e end'


def hostile_briefing() -> Briefing:
    """Every text field holds markup, entities, emoji, RTL and zero-width characters."""
    a = article(
        "evil",
        f"Title {HOSTILE}",
        dt.date(2024, 1, 2),
        [f"Sentence {HOSTILE}"],
        source=f"Outlet {HOSTILE}",
    )
    person = actor(
        f"Eve {HOSTILE}",
        aliases=[HOSTILE],
        role=f"Role {HOSTILE}",
        affiliation=HOSTILE,
        sources=[ref("evil", 0)],
        actor_id="eve",
    )
    return Briefing(
        articles=[a],
        actors=[person],
        quotes=[quote(person, f"Said {HOSTILE}", ref("evil", 0))],
        events=[
            event(
                ref("evil", 0),
                f"Event {HOSTILE}",
                day(2024, 1, 1),
                expression=HOSTILE,
                actor_ids=["eve"],
            )
        ],
        topics=[
            Topic(
                key="ceasefire",
                label=f"Label {HOSTILE}",
                sentences=[ref("evil", 0)],
                positions=[position(person, Stance.DEMANDS, f"Wants {HOSTILE}", ref("evil", 0))],
            )
        ],
        places=[Place(name=f"Town {HOSTILE}", count=1, kind=HOSTILE, sources=[ref("evil", 0)])],
    )


def huge_briefing(articles: int = 200, actors_per_article: int = 5) -> Briefing:
    """Many articles with long texts: every list overflows one Telegram message."""
    long_text = "Officials said & repeated <that> " + "the talks continue " * 30
    arts = []
    people: list[Actor] = []
    quotes: list[Quote] = []
    events: list[Event] = []
    for n in range(articles):
        article_id = f"art{n:04d}"
        arts.append(
            article(
                article_id,
                f"Report {n}: {long_text[:150]}",
                dt.date(2024, 1, 1) + dt.timedelta(days=n % 300),
                [f"Sentence {k} {long_text}" for k in range(4)],
            )
        )
        for k in range(actors_per_article):
            person = actor(
                f"Person{n} Surname{k}",
                role="Spokesperson for the ministry",
                salience=float(articles - n),
                sources=[ref(article_id, k % 4)],
            )
            people.append(person)
            quotes.append(quote(person, long_text, ref(article_id, k % 4)))
        events.append(
            event(
                ref(article_id, 1),
                long_text,
                day(2024, 1 + n % 12, 1 + n % 28),
                actor_ids=[people[-1].id],
                planned=n % 2 == 0,
            )
        )
    events.sort(key=lambda e: e.date.value if e.date else dt.date.max)
    return Briefing(
        articles=arts,
        actors=people,
        quotes=quotes,
        events=events,
        topics=[
            Topic(
                key="ceasefire",
                label="Ceasefire",
                sentences=[ref(a.id, 1) for a in arts],
                positions=[
                    position(p, Stance.DEMANDS, long_text, p.sources[0]) for p in people[:300]
                ],
            )
        ],
        places=[
            Place(name=f"Town {n} {long_text[:40]}", count=n + 1, sources=[ref(arts[0].id, 0)])
            for n in range(400)
        ],
    )


def longest_briefing(count: int = 30) -> Briefing:
    """Every text field far longer than any reply shows, in characters Telegram counts twice."""
    wide = '𝐖𝐢𝐝𝐞 😀 &<>" ' * 60  # longer than any clip; astral characters count twice
    arts = [
        article(f"{'i' * 200}{n}", wide, dt.date(2024, 1, 1), [wide] * 3, source=wide)
        for n in range(count)
    ]
    people = [
        actor(
            f"{wide}{n}",
            role=wide,
            affiliation=wide,
            aliases=[wide],
            actor_id=f"p{n}",
            sources=[ref(a.id, 0) for a in arts],
        )
        for n in range(count)
    ]
    return Briefing(
        articles=arts,
        actors=people,
        quotes=[
            quote(p, wide, ref(arts[0].id, 0), QuoteKind.REPORTED, week(2024, 1, 1)) for p in people
        ],
        events=[
            event(
                ref(a.id, 1),
                wide,
                week(2024, 1, 1),
                expression=wide,
                actor_ids=[people[0].id],
                planned=True,
            )
            for a in arts
        ],
        topics=[
            Topic(
                key="ceasefire",
                label=wide,
                sentences=[ref(a.id, 1) for a in arts],
                positions=[
                    position(p, Stance.DEMANDS, wide, ref(arts[0].id, 0), week(2024, 1, 1))
                    for p in people
                ],
            )
        ],
        places=[
            Place(
                name=f"{wide}{n}",
                count=n,
                kind=wide,
                country_code=wide,
                sources=[ref(arts[0].id, 0)],
            )
            for n in range(count)
        ],
    )
