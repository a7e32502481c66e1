"""Articles in, the current briefing out.

The newsroom owns the article lifecycle (add, remove, reprocess), runs spaCy on its own worker
thread so the event loop keeps answering, and publishes an immutable `BriefingView` that handlers
read without locks: a change builds a new view and swaps it in.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
import tomllib
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from bot.briefing.desk import StoryDesk
from bot.briefing.ingest import ArticleMeta, MissingDateError, parse_article_text
from bot.briefing.lexicon import TopicLexicon
from bot.briefing.merge import merge_briefings
from bot.briefing.models import Article, ArticleBriefing
from bot.briefing.query import BriefingIndex
from bot.briefing.stories import Story, StoryGrouper
from bot.briefing.version import engine_version
from bot.briefing.view import BriefingView, empty_view
from bot.store import DuplicateArticleError, Store, StoredArticle

log = logging.getLogger(__name__)

# How long an undated /add waits for its admin to reply with the publication date.
PENDING_DATE_TTL = dt.timedelta(hours=1)

# Grouping more articles than this at once (a start-up, a removal, a reprocess) happens after the
# view is published, so the first answers do not wait for it (about half a millisecond each).
GROUP_AT_ONCE = 50


@dataclass(frozen=True)
class AddOutcome:
    article: StoredArticle
    briefing: ArticleBriefing | None  # None when the article was already stored
    duplicate: bool


class Newsroom:
    """The article lifecycle and the current briefing."""

    def __init__(self, store: Store, lexicon: TopicLexicon, model_name: str, content_dir: Path):
        self._store = store
        self._lexicon = lexicon
        self._model_name = model_name
        self._content_dir = content_dir
        # One worker: spaCy is CPU-bound and the model is shared; more threads would only contend.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="briefing-engine")
        self._changes = asyncio.Lock()
        self.view: BriefingView = empty_view()
        # Stories grow article by article; the articles (and engine versions) grouped so far say
        # whether the next refresh only adds to them or must group everything again.
        self._grouper = StoryGrouper()
        self._grouped: list[tuple[str, str]] = []
        self._grouping_lock = threading.Lock()  # a refresh and a late grouping may overlap
        self._stories_ready = asyncio.Event()
        self._stories_ready.set()
        self._late_groupings: set[asyncio.Task[None]] = set()

    @property
    def lexicon(self) -> TopicLexicon:
        return self._lexicon

    @property
    def engine_version(self) -> str:
        return engine_version(self._lexicon)

    async def start(self) -> None:
        """Load what the store holds; on a first start, the bundled articles."""
        async with self._changes:
            if not await self._store.articles.all() and not await self._store.get_flag("seeded"):
                await self._seed_bundled()
            stale = await self._store.articles.stale_briefing_count(self.engine_version)
            if stale:
                log.info(
                    "%d stored briefings came from another engine version: reprocessing", stale
                )
                await self._reprocess_locked()
            await self._refresh()

    async def reload(self) -> None:
        """Rebuild the view from the store (after something else wrote to it)."""
        async with self._changes:
            await self._refresh()

    async def sync(self) -> None:
        """Reload if another instance added or removed articles since this view was built."""
        stored = await self._store.articles.all()
        if [a.seq for a in stored] != [a.seq for a in self.view.articles]:
            await self.reload()

    async def stories_view(self) -> BriefingView:
        """The current view with its stories grouped: at once, except just after a start-up."""
        while self.view.desk.pending:
            await self._stories_ready.wait()
        return self.view

    async def close(self) -> None:
        for task in self._late_groupings:
            task.cancel()
        self._executor.shutdown(wait=False, cancel_futures=True)

    async def _run_engine(self, articles: Sequence[Article]) -> list[ArticleBriefing]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._process_blocking, list(articles))

    def _process_blocking(self, articles: list[Article]) -> list[ArticleBriefing]:
        # spaCy is imported here, on the engine's thread, the first time an article needs it: a
        # bot whose briefings are all stored starts and answers without it.
        from bot.briefing.nlp import load_model
        from bot.briefing.pipeline import process_articles

        return process_articles(load_model(self._model_name), articles, self._lexicon)

    async def parse(self, text: str, meta: ArticleMeta) -> Article:
        """Text -> Article off the event loop (HTML extraction can take a while on big pages)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, parse_article_text, text, meta)

    async def add(
        self,
        text: str,
        meta: ArticleMeta,
        added_by: int | None,
        *,
        date_asked_in: int | None = None,
        refresh: bool = True,
    ) -> AddOutcome:
        """Parse, process and store one article; the same text twice is reported, not stored.

        An article without a publication date raises MissingDateError. With `date_asked_in` (the
        chat its admin was asked in) it is kept first, and `add_with_date` finishes it. With
        `refresh=False` the view is not rebuilt: a caller adding many (a feed poll) calls `reload`
        once at the end, rather than merging every briefing again for each article.
        """
        try:
            article = await self.parse(text, meta)
        except MissingDateError:
            if date_asked_in is not None and added_by is not None:
                await self._store.articles.hold_for_date(date_asked_in, added_by, text, meta.url)
            raise
        async with self._changes:
            existing = await self._store.articles.find_by_hash(article.content_hash)
            if existing is not None:
                return AddOutcome(existing, None, duplicate=True)
            log.info("processing article %s (%d paragraphs)", article.id, len(article.paragraphs))
            (briefing,) = await self._run_engine([article])
            try:
                stored = await self._store.articles.add(briefing, raw_text=text, added_by=added_by)
            except DuplicateArticleError as exc:
                return AddOutcome(exc.existing, None, duplicate=True)
            if refresh:
                await self._refresh()
            return AddOutcome(stored, briefing, duplicate=False)

    async def is_waiting_for_date(self, chat_id: int, user_id: int) -> bool:
        """Whether this admin was asked, in this chat and recently, for an article's date."""
        return await self._store.articles.pending(chat_id, user_id, PENDING_DATE_TTL) is not None

    async def add_with_date(
        self, chat_id: int, user_id: int, published: dt.date
    ) -> AddOutcome | None:
        """Finish the /add that waited for this date; None when none waits any more."""
        pending = await self._store.articles.pending(chat_id, user_id, PENDING_DATE_TTL)
        # Only the caller that takes it adds it: a reply seen twice adds the article once.
        if pending is None or not await self._store.articles.drop_pending(chat_id, user_id):
            return None
        return await self.add(
            pending.text, ArticleMeta(published=published, url=pending.url), user_id
        )

    async def remove(self, article_id: str) -> bool:
        async with self._changes:
            removed = await self._store.articles.remove(article_id)
            if removed:
                await self._refresh()
            return removed

    async def reprocess(self) -> int:
        """Run the engine again over every stored article (after a lexicon or engine change)."""
        async with self._changes:
            count = await self._reprocess_locked()
            await self._refresh()
            return count

    async def _reprocess_locked(self) -> int:
        stored = {a.id: a for a in await self._store.articles.all()}
        raw = await self._store.articles.raw_texts()
        loop = asyncio.get_running_loop()
        briefings = await loop.run_in_executor(
            self._executor, self._reprocess_blocking, raw, stored
        )
        await self._store.articles.replace_briefings(briefings)
        return len(briefings)

    def _reprocess_blocking(
        self, raw: list[tuple[str, str, dt.date]], stored: dict[str, StoredArticle]
    ) -> list[ArticleBriefing]:
        articles: list[Article] = []
        for article_id, raw_text, published in raw:
            meta = stored.get(article_id)
            article = parse_article_text(
                raw_text,
                ArticleMeta(
                    published=published,
                    source=meta.source if meta else None,
                    url=meta.url if meta else None,
                ),
            )
            # Keep the stored id even if cleaning rules changed the text's hash.
            articles.append(article.model_copy(update={"id": article_id}))
        return self._process_blocking(articles)

    async def _seed_bundled(self) -> None:
        manifest_path = self._content_dir / "articles.toml"
        if not manifest_path.exists():
            return
        loop = asyncio.get_running_loop()
        seeded = await loop.run_in_executor(self._executor, self._bundled_blocking, manifest_path)
        for briefing, text in seeded:
            try:
                await self._store.articles.add(briefing, raw_text=text, added_by=None)
            except DuplicateArticleError:
                continue
        await self._store.set_flag("seeded")
        log.info("loaded %d bundled articles", len(seeded))

    def _bundled_blocking(self, manifest_path: Path) -> list[tuple[ArticleBriefing, str]]:
        """The bundled articles listed in content/articles.toml, read and processed."""
        manifest = tomllib.loads(manifest_path.read_text(encoding="utf-8"))
        texts: list[str] = []
        articles: list[Article] = []
        for entry in manifest.get("article", []):
            text = (self._content_dir / "articles" / entry["file"]).read_text(encoding="utf-8")
            published = entry.get("published")
            meta = ArticleMeta(
                published=dt.date.fromisoformat(str(published)) if published else None,
                source=entry.get("source"),
                url=entry.get("url"),
            )
            texts.append(text)
            articles.append(parse_article_text(text, meta))
        return list(zip(self._process_blocking(articles), texts, strict=True))

    async def _refresh(self) -> None:
        documents = await self._store.articles.briefing_documents()
        stored = tuple(await self._store.articles.all())
        version = self.view.version + 1

        terms = {t.key: t.terms for t in self._lexicon.topics}

        def build() -> tuple[BriefingView, list[ArticleBriefing]]:
            # Validation is most of the cost of loading 1,000 briefings: keep it off the loop.
            items = [ArticleBriefing.model_validate_json(d) for d in documents]
            merged = merge_briefings(items)
            if self._to_group(items) <= GROUP_AT_ONCE:
                desk = self._desk(items, terms)
            else:
                desk = StoryDesk(pending=True)
            view = BriefingView(
                version,
                merged,
                BriefingIndex(merged, terms),
                stored,
                {a.id: a.seq for a in stored},
                desk,
            )
            return view, items

        view, items = await asyncio.to_thread(build)
        self.view = view
        if view.desk.pending:
            self._stories_ready.clear()
            task = asyncio.create_task(self._group_late(view, items, terms))
            self._late_groupings.add(task)
            task.add_done_callback(self._late_groupings.discard)
        else:
            self._stories_ready.set()

    async def _group_late(
        self, view: BriefingView, items: list[ArticleBriefing], terms: Mapping[str, Sequence[str]]
    ) -> None:
        """Group a published view's articles on a worker thread, then give the view its stories."""
        desk = await asyncio.to_thread(self._desk, items, terms)
        if self.view is view:  # else a newer refresh brings stories of its own
            self.view = replace(view, desk=desk)
            self._stories_ready.set()

    def _desk(self, items: list[ArticleBriefing], terms: Mapping[str, Sequence[str]]) -> StoryDesk:
        return StoryDesk(self._group(items), {i.article.id: i for i in items}, terms)

    def _to_group(self, items: list[ArticleBriefing]) -> int:
        """How many articles `_group` would have to add for these."""
        seen = [(i.article.id, i.engine_version) for i in items]
        with self._grouping_lock:
            if seen[: len(self._grouped)] != self._grouped:
                return len(items)
            return len(items) - len(self._grouped)

    def _group(self, items: list[ArticleBriefing]) -> list[Story]:
        """The stories of the stored articles, in store order; only new articles are grouped when
        the store only grew (the result is the same as grouping them all again)."""
        seen = [(i.article.id, i.engine_version) for i in items]
        with self._grouping_lock:
            if seen[: len(self._grouped)] != self._grouped:
                self._grouper, self._grouped = StoryGrouper(), []
            for item in items[len(self._grouped) :]:
                self._grouper.add(item)
            self._grouped = seen
            return self._grouper.stories()
