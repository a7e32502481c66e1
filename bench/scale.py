"""`python -m bench.scale`: issue 13's scale targets, at 10,000 stored articles in 500 stories.

Everything is measured from the bot's outside: the real Application and handlers answering
updates in-process (bench/inprocess.py), fresh `python -m bench.scale --probe ...` processes for
start-up and memory, the store's own API to fill it, and feeds served from 127.0.0.1. Every reply
is checked before its time counts; a missed target is a "no" in the table, never an exit status.

The articles are invented (bench/stories.py's events, grown into whole briefings here: sentences,
sourced actors, places, dated events, quotes, figures), stored with their raw text under the
engine's current version, so the bot takes them as processed and no spaCy parse is needed to build
the store. The store is cached per engine version under $TMPDIR/briefing-bench/.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import html
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.report import Row, percentile, render_table, run_probe
from bench.stores import content_dir, fill_articles, sqlite_url
from bench.stories import synthetic_briefings
from bot.briefing.ingest import article_id_for, content_hash
from bot.briefing.lexicon import load_lexicon
from bot.briefing.models import (
    Actor,
    ArticleBriefing,
    DateValue,
    Event,
    Figure,
    Place,
    Precision,
    Quote,
    QuoteKind,
    SourceRef,
    Topic,
)

ARTICLES = 10_000
ARTICLES_PER_STORY = 20
FEEDS = 100
ENTRIES_PER_FEED = 20
P99_TARGET_MS = 10.0
STARTUP_TARGET_S = 2.0
PEAK_TARGET_MB = 600.0
ONE_MORE_TARGET_MS = 50.0
INLINE_LIMIT = 4_000
WINDOW_SECONDS = 3.0
# Bump when the generator below changes what it writes: the cached store is keyed by it.
GENERATOR = 2

_TOPIC_KEYS = ("ceasefire", "peace_talks", "airstrikes", "sanctions", "elections")
_REPORTING = ("said", "told reporters", "announced", "confirmed", "warned", "added")
_BREIF_HEADER = re.compile(r"([\d,]+) stor(?:y|ies) from ([\d,]+) articles?")


# -- The store ------------------------------------------------------------------------------


def _sentence(rng: random.Random, words: Sequence[str], names: Sequence[str]) -> str:
    """About 20 words of news English, whose content words are the story's own."""
    w = rng.sample(list(words), 8)
    return (
        f"{rng.choice(names)} {rng.choice(_REPORTING)} that the {w[0]} of the {w[1]} {w[2]} "
        f"would {w[3]} in {w[4]} and that it was to {w[5]} with the {w[6]} {w[7]}."
    )


def _grown(
    skeleton: ArticleBriefing, rng: random.Random, vocabulary: Sequence[str], taken: set[str]
) -> ArticleBriefing:
    """A skeleton (id, title, lead, actors, places, one topic) as a whole processed article.

    About 600 words in 30 sentences; each person, organisation and place cites the sentences that
    name it, and the article holds 10 dated events, 5 quotes and 3 figures, all sourced. Its id and
    content hash are the ones the bot's ingest gives the same text, and no id in `taken`.
    """
    article = skeleton.article
    names = [a.name for a in skeleton.actors]
    event_words = article.title.split()
    sentences = list(article.sentences)
    paragraphs: list[str] = []
    digest = aid = ""
    # Ids are 8 hex digits of the hash: at 10,000 articles two collide in about one store of 80.
    while len(sentences) < 30 or aid in taken:
        words = [*event_words, *rng.sample(vocabulary, 12)]
        sentences.append(_sentence(rng, words, names))
        paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
        digest = content_hash(article.title, paragraphs)
        aid = article_id_for(digest)
    taken.add(aid)

    def refs(count: int) -> list[SourceRef]:
        return [
            SourceRef(article_id=aid, sentence=s) for s in rng.sample(range(len(sentences)), count)
        ]

    published = article.published
    actors = [
        Actor(
            # A slug of the name, as the engine makes it: the same person merges across articles.
            id=re.sub(r"[^a-z0-9]+", "-", a.name.lower()).strip("-"),
            name=a.name,
            kind=a.kind,
            role="minister" if a.kind == "person" and i == 0 else None,
            salience=a.salience,
            mentions=3 + i,
            sources=refs(3),
        )
        for i, a in enumerate(skeleton.actors)
    ]
    people = [a for a in actors if a.kind == "person"]
    places = [
        Place(
            name=p.name,
            count=2,
            kind="city",
            country_code="ZZ",
            latitude=rng.uniform(-50, 60),
            longitude=rng.uniform(-120, 140),
            sources=refs(2),
        )
        for p in skeleton.places
    ]
    events = []
    for _ in range(10):
        day = published + dt.timedelta(days=rng.randint(-6, 3))
        source = refs(1)[0]
        events.append(
            Event(
                date=DateValue(value=day, precision=Precision.DAY),
                expression=f"on {day:%A}",
                summary=sentences[source.sentence],
                actor_ids=[rng.choice(actors).id],
                places=[rng.choice(places).name],
                planned=day > published,
                source=source,
            )
        )
    quotes = []
    for _ in range(5):
        speaker = rng.choice(people)
        quotes.append(
            Quote(
                speaker_id=speaker.id,
                speaker=speaker.name,
                text=" ".join(rng.sample(vocabulary, 14)).capitalize() + ".",
                kind=QuoteKind.DIRECT,
                said_on=DateValue(value=published, precision=Precision.DAY),
                source=refs(1)[0],
            )
        )
    figures = [
        Figure(text=f"{v:,} {w}", value=float(v), counts=w, source=refs(1)[0])
        for v, w in ((rng.randint(2, 900), "people"), (rng.randint(10, 5000), "homes"), (3, "days"))
    ]
    topics = [
        Topic(key=t.key, label=t.key.replace("_", " "), sentences=refs(4)) for t in skeleton.topics
    ]
    briefing = skeleton.model_copy(
        update={
            "article": article.model_copy(
                update={
                    "id": aid,
                    "content_hash": digest,
                    "paragraphs": paragraphs,
                    "sentences": sentences,
                }
            ),
            "actors": actors,
            "places": places,
            "events": events,
            "quotes": quotes,
            "figures": figures,
            "topics": topics,
        }
    )
    # Through JSON once, as the store will read it back: a bad field fails here, not at start-up.
    return ArticleBriefing.model_validate_json(briefing.model_dump_json())


def scale_briefings(articles: int, stories: int, version: str) -> list[ArticleBriefing]:
    """`articles` whole briefings over `stories` events, in publication order."""
    rng = random.Random(13)
    vocabulary = [
        f"{a}{b}"
        for a in ("sta", "mor", "lin", "det", "cor", "pas", "ven", "tul")
        for b in ("ber", "dle", "ning", "ture", "sion", "ment", "ward", "cast")
    ]
    grown, taken = [], set[str]()
    for skeleton in synthetic_briefings(articles, stories):
        topic = rng.choice(_TOPIC_KEYS)
        skeleton = skeleton.model_copy(
            update={"topics": [Topic(key=topic, label=topic)], "engine_version": version}
        )
        briefing = _grown(skeleton, rng, vocabulary, taken)
        grown.append(briefing)
    return grown


def _engine_version(content: Path) -> str:
    from bot.briefing.version import engine_version

    return engine_version(load_lexicon(content / "topics.toml"))


def cached_store(articles: int, content: Path) -> tuple[Path, float]:
    """The store file for `articles` (built now unless cached) and the seconds building took."""
    version = _engine_version(content)
    cache = Path(tempfile.gettempdir()) / "briefing-bench"
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"scale-{articles}-g{GENERATOR}-{version}.db"
    if path.exists():
        return path, 0.0
    began = time.perf_counter()
    building = path.with_suffix(f".building-{os.getpid()}")  # two runs at once build apart
    building.unlink(missing_ok=True)
    items = scale_briefings(articles, max(1, articles // ARTICLES_PER_STORY), version)
    asyncio.run(fill_articles(sqlite_url(building), items))
    building.rename(path)
    return path, time.perf_counter() - began


def working_copy(cached: Path, folder: Path, name: str) -> str:
    """A copy of the cached store that a run may write to; its URL."""
    target = folder / f"{name}.db"
    shutil.copy(cached, target)
    return sqlite_url(target)


# -- Checked answers ------------------------------------------------------------------------


def _plain(texts: list[str]) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", "\n".join(texts)))


def brief_counts(texts: list[str]) -> tuple[int, int]:
    """Stories and articles as /brief's header states them."""
    found = _BREIF_HEADER.search(_plain(texts))
    if found is None:
        raise SystemExit(f"/brief did not list stories: {_plain(texts)[:200]!r}")
    return int(found[1].replace(",", "")), int(found[2].replace(",", ""))


def check_reply(command: str, texts: list[str], story: int | None = None) -> None:
    """A fast answer that says nothing is no result: each reply must carry the briefing."""
    reply = _plain(texts)
    if len(reply) < 80:
        raise SystemExit(f"{command!r} got a near-empty reply: {reply!r}")
    if command.startswith("/brief") and "1. " not in reply:
        raise SystemExit(f"/brief listed no numbered story: {reply[:200]!r}")
    if story is not None and f"Story {story}" not in reply:
        raise SystemExit(f"{command!r} did not answer within story {story}: {reply[:200]!r}")
    if command.startswith("/timeline") and not re.search(r"\b20\d\d\b", reply):
        raise SystemExit(f"/timeline gave no dated event: {reply[:200]!r}")


# -- Probes in fresh processes ---------------------------------------------------------------


async def _probe(database_url: str, content: Path, with_model: bool) -> dict[str, Any]:
    from bench.inprocess import TimedRequest, settings_for, start_app, stop_app, timed_update
    from bench.report import peak_rss_mb, rss_mb
    from tests.handlers.updates import private

    request = TimedRequest()
    model_mb = 0.0
    if with_model:
        from bot.briefing.nlp import load_model
        from bot.config import Settings

        nlp = load_model(Settings(_env_file=None).spacy_model)
        if not nlp("Angela Merkel met Emmanuel Macron in Paris on Monday.").ents:
            raise SystemExit("the model found no entities")
        model_mb = rss_mb()
    app = await start_app(settings_for(database_url, content), request, restamp=False)
    try:
        _, texts = await timed_update(app, request, private("/who", 501))
        answered = time.time()
        spacy_imported = "spacy" in sys.modules
        check_reply("/who", texts)
        _, texts = await timed_update(app, request, private("/brief", 501))
        listed = time.time()
        stories, articles = brief_counts(texts)
        check_reply("/brief", texts)
        for command in ("/timeline",):
            check_reply(command, (await timed_update(app, request, private(command, 501)))[1])
        check_reply("/story 1", (await timed_update(app, request, private("/story 1", 502)))[1], 1)
        for command in ("/who", "/timeline"):
            check_reply(command, (await timed_update(app, request, private(command, 502)))[1], 1)
        from bot.briefing.nlp import loaded_models  # after the answers: it imports spaCy itself

        return {
            "answered": answered,
            "listed": listed,
            "spacy_imported": spacy_imported,
            "models": loaded_models(),
            "stories": stories,
            "articles": articles,
            "model_mb": model_mb,
            "peak_mb": peak_rss_mb(),
        }
    finally:
        await stop_app(app)


def probe_main(kind: str, database_url: str, content: Path) -> None:
    import bot.app  # noqa: F401 - what `briefing-bot run` imports before it can answer

    imported = time.time()
    result = asyncio.run(_probe(database_url, content, with_model=kind == "memory-model"))
    result["imported"] = imported
    print(json.dumps(result))


@dataclass(frozen=True)
class Probes:
    first_answer: float  # median seconds from spawn to the first /who answer
    first_brief: float  # to the first /brief after it (stories grouped)
    imports: float
    very_first: float  # the first start on the store as built
    models: frozenset[str]
    imported_spacy: int
    stories: int
    peak_mb: float  # VmHWM without the model, after the six answers
    peak_model_mb: float  # the same with the model loaded first
    model_mb: float  # RSS once the model was loaded, before the bot started


def run_probes(database_url: str, content: Path, articles: int, runs: int) -> Probes:
    """`runs` + 1 start-ups and two memory probes, each a fresh process on the same store.

    The first start is on the store as built, the others on the store as a started bot left it
    (whatever it keeps for the next start, an index or a cache, is there): the first is reported
    on its own, the median is of the others, as a restarted bot sees them."""
    from bench.inprocess import restamp_briefings, settings_for

    asyncio.run(restamp_briefings(settings_for(database_url, content)))
    results = []
    for _ in range(runs + 1):
        began = time.time()
        probe = run_probe("bench.scale", "--probe", "start", database_url, str(content))
        results.append({**probe, "began": began})
    bare = run_probe("bench.scale", "--probe", "memory", database_url, str(content))
    model = run_probe("bench.scale", "--probe", "memory-model", database_url, str(content))
    for probe in [*results, bare, model]:
        if probe["articles"] != articles:
            raise SystemExit(f"the bot listed {probe['articles']} articles, not {articles}")
    later = results[1:]

    def median(key: str) -> float:
        return float(statistics.median(p[key] - p["began"] for p in later))

    return Probes(
        median("answered"),
        median("listed"),
        median("imported"),
        results[0]["answered"] - results[0]["began"],
        frozenset(m for p in results for m in p["models"]),
        sum(p["spacy_imported"] for p in results),
        results[0]["stories"],
        bare["peak_mb"],
        model["peak_mb"],
        model["model_mb"],
    )


# -- Answer latency, and while 100 feeds are polled -------------------------------------------


@dataclass
class Samples:
    by_name: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, seconds: float) -> None:
        self.by_name.setdefault(name, []).append(seconds)


def story_numbers(stories: int, count: int) -> list[int]:
    """`count` distinct story numbers spread over all of /brief's list (1 = newest, biggest)."""
    return sorted({1 + (i * stories) // count for i in range(count)})


async def _asked(
    app: Any,
    request: Any,
    samples: Samples | None,
    name: str,
    command: str,
    chat: int,
    story: int | None = None,
) -> None:
    from bench.inprocess import timed_update
    from tests.handlers.updates import private

    seconds, texts = await timed_update(app, request, private(command, chat))
    check_reply(command, texts, story)
    if samples is not None:
        samples.add(name, seconds)


EVERYTHING, FOCUSED = 601, 602  # a chat with no story open, one with a story open


async def _rounds(app: Any, request: Any, numbers: Sequence[int], samples: Samples) -> None:
    """Per story N: the everything view's answers, then N opened cold, asked, reopened warm."""
    for round_, number in enumerate(numbers):
        counted = samples if round_ >= 3 else None  # three warm-up rounds, checked, not counted
        await _asked(app, request, counted, "/brief", "/brief", EVERYTHING)
        await _asked(app, request, counted, "/who", "/who", EVERYTHING)
        await _asked(app, request, counted, "/timeline", "/timeline", EVERYTHING)
        story = f"/story {number}"
        await _asked(app, request, counted, "/story N first open", story, FOCUSED, number)
        await _asked(app, request, counted, "/who in story, first", "/who", FOCUSED, number)
        await _asked(
            app,
            request,
            counted,
            "/timeline in story, first (its chart drawn)",
            "/timeline",
            FOCUSED,
            number,
        )
        await _asked(app, request, counted, "/story N warm", story, FOCUSED, number)
        await _asked(app, request, counted, "/who in story, warm", "/who", FOCUSED, number)
        await _asked(
            app, request, counted, "/timeline in story, warm", "/timeline", FOCUSED, number
        )
        request.clear()


def _feed_xml(feed: int, links: Sequence[str], day: dt.date) -> str:
    """An RSS 2.0 feed of ENTRIES_PER_FEED items, each with a description as real feeds have."""
    items = []
    for n, link in enumerate(links):
        items.append(
            f"<item><title>Feed {feed} report {n}: talks resume in the capital</title>"
            f"<link>{link}</link><guid>urn:bench:{feed}:{n}</guid>"
            f"<pubDate>{day:%a, %d %b %Y} 09:{n:02d}:00 GMT</pubDate>"
            "<description>Negotiators returned to the table on Monday after a week of "
            "strikes, officials said, as the ministers prepared a new proposal for the "
            "ceasefire and aid agencies asked for access to the northern towns.</description>"
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>Bench wire {feed}</title><link>http://127.0.0.1/</link>"
        "<description>benchmark feed</description>" + "".join(items) + "</channel></rss>"
    )


async def _follow_feeds(app: Any, site: Any) -> list[int]:
    """FEEDS feeds on `site`, followed in the store, every entry already seen (primed as the
    store's claim and finish record it): a poll fetches and parses each whole feed and takes nothing."""
    from bench.inprocess import NOON
    from bot.feeds.identity import guid_key, link_key
    from bot.feeds.parse import parse_feed
    from bot.store.feeds import FeedItemStatus

    feeds = app.bot_data.services.store.feeds
    ids = []
    for feed in range(FEEDS):
        links = [site.url(f"/news/{feed}/{n}") for n in range(ENTRIES_PER_FEED)]
        body = _feed_xml(feed, links, NOON.date())
        url = site.put(f"/feed/{feed}.xml", body, content_type="application/rss+xml")
        stored = await feeds.add(url, f"Bench wire {feed}", [], None, NOON + dt.timedelta(days=1))
        ids.append(stored.id)
        for entry in parse_feed(body.encode(), url=url).entries:
            key = guid_key(entry)
            if not await feeds.claim(stored.id, key, link_key(entry), entry.link):
                raise SystemExit(f"entry {entry.guid} was claimed twice")
            await feeds.finish(key, FeedItemStatus.SKIPPED, reason="primed by the benchmark")
    return ids


@dataclass
class Polling:
    polls: int = 0  # whole sweeps of every feed
    fetched_while_measured: int = 0  # feed fetches the site served during polling windows
    measured_seconds: float = 0.0


async def _poll_until(app: Any, stop: asyncio.Event, tally: Polling) -> None:
    """Every feed made due, then the poller's own job path (poll_due), over and over."""
    from sqlalchemy import update

    from bench.inprocess import NOON
    from bot.store.schema import FeedRow

    poller = app.bot_data.services.feeds
    store = app.bot_data.services.store
    while not stop.is_set():
        async with store.engine.begin() as db:
            await db.execute(update(FeedRow).values(next_poll_at=NOON - dt.timedelta(seconds=1)))
        reports = await poller.poll_due()
        for report in reports:
            if (
                report.error is not None
                or report.outcomes
                or report.seen_before != ENTRIES_PER_FEED
            ):
                raise SystemExit(f"feed {report.feed_id} polled wrong: {report}")
        if len(reports) != FEEDS:
            raise SystemExit(f"one poll_due polled {len(reports)} feeds, not {FEEDS}")
        tally.polls += 1


async def _feed_windows(
    app: Any, request: Any, number: int, windows: int, seconds: float
) -> tuple[list[list[float]], list[list[float]], Polling]:
    """Quiet and polling windows alternately, each `seconds` long, the same commands in each.

    Commands come 10 ms apart, as users' updates do, so the poller's work runs between them; the
    feed site counts the fetches, so a polling window that fetched nothing would show."""
    from tests.helpers.feed_site import FeedSite

    quiet: list[list[float]] = []
    polled: list[list[float]] = []
    tally = Polling()
    with FeedSite() as site:
        await _follow_feeds(app, site)
        for window in range(2 * windows):
            polling = window % 2 == 1
            target = Samples()
            stop = asyncio.Event()
            task = asyncio.create_task(_poll_until(app, stop, tally)) if polling else None
            fetched = len(site.requests)
            began = time.perf_counter()
            while time.perf_counter() - began < seconds:
                for name, command, chat, story in (
                    ("/who", "/who", EVERYTHING, None),
                    ("/timeline", "/timeline", EVERYTHING, None),
                    ("/brief", "/brief", EVERYTHING, None),
                    ("/story N", f"/story {number}", FOCUSED, number),
                ):
                    await asyncio.sleep(0.01)
                    await _asked(app, request, target, name, command, chat, story)
                request.clear()
            fetched = len(site.requests) - fetched
            (polled if polling else quiet).append([t for v in target.by_name.values() for t in v])
            if polling:
                tally.fetched_while_measured += fetched
                tally.measured_seconds += time.perf_counter() - began
                stop.set()
                await asyncio.gather(*(t for t in [task] if t is not None))
            elif fetched:
                raise SystemExit(f"{fetched} feeds were fetched in a quiet window")
    if not tally.fetched_while_measured:
        raise SystemExit("no feed was fetched while answers were timed")
    return quiet, polled, tally


@dataclass(frozen=True)
class Latency:
    samples: Samples
    stories: int
    articles: int
    quiet: list[list[float]]  # each quiet window's times, every command pooled
    polled: list[list[float]]
    polling: Polling
    tracked: int  # objects the garbage collector tracks once the stories are grouped
    full_collections: list[float]  # seconds of each full (generation 2) collection while timed


class FullCollections:
    """Times every full garbage collection while installed: at millions of tracked objects one
    stops the interpreter, answers included, for as long as it takes."""

    def __init__(self) -> None:
        self.seconds: list[float] = []
        self._began = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.seconds.append(time.perf_counter() - self._began)

    def __enter__(self) -> FullCollections:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self)


async def _latency(database_url: str, content: Path, rounds: int, windows: int) -> Latency:
    from bench.inprocess import TimedRequest, settings_for, start_app, stop_app, timed_update
    from tests.handlers.updates import private

    request = TimedRequest()
    settings = settings_for(database_url, content, allow_private_urls=True)
    app = await start_app(settings, request)
    try:
        # The first /brief waits for the stories to be grouped after the start.
        stories, articles = brief_counts(
            (await timed_update(app, request, private("/brief", 600)))[1]
        )
        # And the rounds time a bot that has settled: the start's late work done (merging the
        # latest; on a store as built, storing every story's briefing once).
        await app.bot_data.services.newsroom.settled()
        samples = Samples()
        tracked = len(gc.get_objects())
        with FullCollections() as collections:
            await _rounds(app, request, story_numbers(stories, rounds + 3), samples)
            quiet, polled, tally = await _feed_windows(app, request, 1, windows, WINDOW_SECONDS)
        return Latency(
            samples, stories, articles, quiet, polled, tally, tracked, collections.seconds
        )
    finally:
        await stop_app(app)


# -- One more article -------------------------------------------------------------------------


@dataclass(frozen=True)
class OneMore:
    beyond_engine: float  # median seconds of (/add + the next /brief) minus the engine's time
    beyond_parse: float  # the same minus a bare nlp(text) instead
    added: float  # median seconds of /add until its reply, plus the next /brief
    engine: float
    parse: float
    words: int


def _corpus_texts(count: int) -> list[tuple[str, dt.date]]:
    from bot.evaluate.gold import corpus_dir

    found: list[tuple[str, dt.date]] = []
    for path in sorted((corpus_dir() / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        meta = json.loads(path.with_suffix(".meta.json").read_text(encoding="utf-8"))
        # /add takes inline text up to one message (4,096 characters), with room for the command.
        if len(text) < INLINE_LIMIT and len(found) < count:
            found.append((text, dt.date.fromisoformat(meta["published"])))
    if len(found) < count:
        raise SystemExit(f"the shared corpus has {len(found)} articles, {count} needed")
    return found


async def _one_more(database_url: str, content: Path, runs: int) -> OneMore:
    from bench.inprocess import (
        ADMIN_ID,
        TimedRequest,
        settings_for,
        start_app,
        stop_app,
        timed_update,
    )
    from bot.briefing.ingest import ArticleMeta, parse_article_text
    from bot.briefing.nlp import load_model
    from bot.briefing.pipeline import process_articles
    from bot.config import Settings
    from tests.handlers.updates import private

    lexicon = load_lexicon(content / "topics.toml")
    nlp = load_model(Settings(_env_file=None).spacy_model)
    request = TimedRequest()
    app = await start_app(settings_for(database_url, content), request)
    try:
        _, before = brief_counts((await timed_update(app, request, private("/brief", 600)))[1])
        await app.bot_data.services.newsroom.settled()  # as for the answers' latency
        beyond, beyond_bare, adds, engines, parses, words = [], [], [], [], [], []
        for run, (text, published) in enumerate(_corpus_texts(runs + 1)):

            def engine(text: str = text, published: dt.date = published) -> float:
                article = parse_article_text(text, ArticleMeta(published=published))
                began = time.perf_counter()
                (briefing,) = process_articles(nlp, [article], lexicon)
                if not briefing.actors:
                    raise SystemExit("the engine found no actors in a corpus article")
                return time.perf_counter() - began

            def bare(text: str = text) -> float:
                began = time.perf_counter()
                nlp(text)
                return time.perf_counter() - began

            async def add(
                text: str = text, published: dt.date = published, expected: int = before + run + 1
            ) -> float:
                began = time.perf_counter()
                await app.process_update(
                    _update(app, private(f"/add {published.isoformat()}\n{text}", ADMIN_ID))
                )
                reply = _plain([str(c.params.get("text", "")) for c in request.calls[-3:]])
                if "could not" in reply or "already" in reply:
                    raise SystemExit(f"/add was refused: {reply[:200]!r}")
                _, texts = await timed_update(app, request, private("/brief", 600))
                total = time.perf_counter() - began
                if brief_counts(texts)[1] != expected:
                    raise SystemExit(f"/brief after /add lists {brief_counts(texts)[1]} articles")
                request.clear()
                return total

            # Alternately first and second, so the machine's drift hits both. The first run warms
            # up (the engine's first article loads its lexicons and gazetteer) and is not counted.
            if run % 2:
                added = await add()
                spent, parsed = engine(), bare()
            else:
                spent, parsed = engine(), bare()
                added = await add()
            if run == 0:
                continue
            adds.append(added)
            engines.append(spent)
            parses.append(parsed)
            beyond.append(added - spent)
            beyond_bare.append(added - parsed)
            words.append(len(text.split()))
        return OneMore(
            statistics.median(beyond),
            statistics.median(beyond_bare),
            statistics.median(adds),
            statistics.median(engines),
            statistics.median(parses),
            int(statistics.median(words)),
        )
    finally:
        await stop_app(app)


def _update(app: Any, payload: dict[str, Any]) -> Any:
    from telegram import Update

    return Update.de_json(payload, app.bot)


# -- Rows -----------------------------------------------------------------------------------


def _ms(samples: Sequence[float]) -> str:
    return f"{statistics.median(samples) * 1e3:.1f} / {percentile(samples, 0.99) * 1e3:.1f} ms"


def scale_rows(articles: int, runs: int = 3, rounds: int = 100, windows: int = 5) -> list[Row]:
    """Every section-4 figure at `articles` stored articles."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="briefing-scale-") as folder:
        work = Path(folder)
        content = content_dir(work / "content")
        cached, built = cached_store(articles, content)
        size = cached.stat().st_size / 1e6
        print(
            f"   store: {cached} ({size:.0f} MB{f', built in {built:.0f} s' if built else ''})",
            flush=True,
        )
        print("   start-up and memory, in fresh processes ...", flush=True)
        probes = run_probes(working_copy(cached, work, "probes"), content, articles, runs)
        print("   answer latency, then with feeds polled ...", flush=True)
        latency = asyncio.run(
            _latency(working_copy(cached, work, "latency"), content, rounds, windows)
        )
        print("   one more article ...", flush=True)
        one_more = asyncio.run(_one_more(working_copy(cached, work, "add"), content, runs))

    label = f"{articles:,} articles in {latency.stories} stories"
    rows.append(
        Row(
            "13.4",
            f"process start to first /who answer, {label}, median of {runs} restarts "
            "(interpreter + imports; to the first /brief, stories grouped; the first start on "
            "the store as built, in brackets)",
            f"{probes.first_answer:.2f} s ({probes.imports:.2f} s; {probes.first_brief:.2f} s; "
            f"{probes.very_first:.2f} s)",
            f"<= {STARTUP_TARGET_S:.0f} s",
            probes.first_answer <= STARTUP_TARGET_S,
        )
    )
    rows.append(
        Row(
            "13.4",
            "spaCy by the first answer: models loaded; runs that imported it",
            f"{', '.join(sorted(probes.models)) or 'none'}; {probes.imported_spacy} of {runs + 1}",
            "none",
            not probes.models and not probes.imported_spacy,
        )
    )
    rows.append(
        Row(
            "13.4",
            f"peak RSS (VmHWM), {label}, after /brief, /story 1, /who, /timeline: without the "
            "model / with it loaded first (RSS of the model alone in brackets)",
            f"{probes.peak_mb:.0f} MB / {probes.peak_model_mb:.0f} MB ({probes.model_mb:.0f} MB)",
            f"<= {PEAK_TARGET_MB:.0f} MB",
            max(probes.peak_mb, probes.peak_model_mb) <= PEAK_TARGET_MB,
        )
    )
    counted = len(next(iter(latency.samples.by_name.values())))
    for name, samples in latency.samples.by_name.items():
        p99 = percentile(samples, 0.99) * 1e3
        rows.append(
            Row(
                "13.4",
                f"{name}: median / p99 of {counted}, {label}",
                _ms(samples),
                f"p99 <= {P99_TARGET_MS:.0f} ms",
                p99 <= P99_TARGET_MS,
            )
        )
    full = latency.full_collections
    rows.append(
        Row(
            "13.4",
            "objects the garbage collector tracks once the stories are grouped; full collections "
            "while the answers above and those with feeds polled were timed: count, longest (an "
            "answer under way waits for it)",
            f"{latency.tracked:,}; {len(full)}, {max(full, default=0) * 1e3:.0f} ms",
        )
    )
    rows.append(
        Row(
            "13.4",
            f"one more article by /add at {articles:,} (reply, then /brief with it grouped), "
            f"beyond the engine's time for it, median of {runs} corpus articles "
            f"({one_more.words} words); beyond a bare nlp(text) in brackets",
            f"{one_more.beyond_engine * 1e3:.0f} ms ({one_more.beyond_parse * 1e3:.0f} ms); "
            f"/add {one_more.added * 1e3:.0f} ms, engine {one_more.engine * 1e3:.0f} ms, "
            f"bare parse {one_more.parse * 1e3:.0f} ms",
            f"<= {ONE_MORE_TARGET_MS:.0f} ms",
            one_more.beyond_engine <= ONE_MORE_TARGET_MS / 1e3,
        )
    )
    quiet = [t for window in latency.quiet for t in window]
    polled = [t for window in latency.polled for t in window]
    # Noise alone: the quiet windows against each other, alternate ones on each side.
    quiet_a = [t for window in latency.quiet[0::2] for t in window]
    quiet_b = [t for window in latency.quiet[1::2] for t in window] or quiet_a
    noise_median = statistics.median(quiet_a) / statistics.median(quiet_b)
    noise_p99 = percentile(quiet_a, 0.99) / percentile(quiet_b, 0.99)
    tally = latency.polling
    ratio_median = statistics.median(polled) / statistics.median(quiet)
    ratio_p99 = percentile(polled, 0.99) / percentile(quiet, 0.99)
    rate = tally.fetched_while_measured / tally.measured_seconds
    rows.append(
        Row(
            "13.4",
            f"/who, /timeline, /brief, /story N while {FEEDS} feeds on 127.0.0.1 are polled back "
            f"to back / not, {windows} windows of {WINDOW_SECONDS:.0f} s each, interleaved: median "
            f"and p99 ratios (polling / quiet ms; feeds fetched per second while answers were "
            "timed; the same ratios between alternate quiet windows, noise alone)",
            f"{ratio_median:.2f}x, {ratio_p99:.2f}x ({_ms(polled)} / {_ms(quiet)}; "
            f"{rate:.0f} feeds/s, against {FEEDS / 900:.2f} at one poll per 15 min; "
            f"quiet / quiet {noise_median:.2f}x, {noise_p99:.2f}x)",
            "~1.0x",
            ratio_p99 <= 1.2 and ratio_median <= 1.2,
        )
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=ARTICLES, help="articles in the store")
    parser.add_argument("--runs", type=int, default=3, help="start-ups and added articles")
    parser.add_argument("--rounds", type=int, default=100, help="rounds of the commands")
    parser.add_argument("--windows", type=int, default=5, help="polling windows (and quiet)")
    parser.add_argument(
        "--probe", nargs=3, metavar=("KIND", "URL", "CONTENT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.probe:
        kind, url, content = args.probe
        probe_main(kind, url, Path(content))
        return
    print(render_table(scale_rows(args.articles, args.runs, args.rounds, args.windows)))


if __name__ == "__main__":
    main()
