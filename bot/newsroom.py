"""Articles in, the current briefing out.

The newsroom owns the article lifecycle (add, remove, reprocess), runs spaCy on its own worker
thread so the event loop keeps answering, and publishes an immutable `BriefingView` that handlers
read without locks: a change builds a new view and swaps it in.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import heapq
import logging
import tomllib
from collections.abc import Coroutine, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cached_property
from operator import attrgetter
from pathlib import Path
from typing import Any

from bot.briefing.desk import StoryBriefings, StoryDesk, members_digest, story_briefing
from bot.briefing.ingest import ArticleMeta, MissingDateError, parse_article_text
from bot.briefing.lexicon import TopicLexicon
from bot.briefing.merge import merge_briefings
from bot.briefing.models import Article, ArticleBriefing, Briefing
from bot.briefing.query import BriefingIndex
from bot.briefing.stories import ArticleFeatures, Story, StoryGrouper, features_of
from bot.briefing.version import engine_version
from bot.briefing.view import BriefingView, ListedArticle, empty_view
from bot.store import DuplicateArticleError, Store, StoredArticle
from bot.store.stories import StoryMember

log = logging.getLogger(__name__)

# How long an undated /add waits for its admin to reply with the publication date.
PENDING_DATE_TTL = dt.timedelta(hours=1)

# Placing more articles than this at once (a start-up, a removal, a reprocess) happens after the
# view is published, so the first answers do not wait for it.
GROUP_AT_ONCE = 50
# Articles grouped per batch when none was grouped before (the first start after the stories
# table came): their briefings are read from the store a batch at a time, never all at once.
GROUP_BATCH = 200
# Stories' briefings (about 300 KB each at 20 articles) stored at once beyond which the store's
# write-ahead log is folded back at the end: a first start after the table came writes them all.
FOLD_AFTER_STORIES = 20
# Times to place new articles when other instances keep placing some of them first.
JOIN_ATTEMPTS = 3
# "Everything" (no story open) is the briefing of the most recently published articles, at most
# this many: one briefing of 10,000 articles would neither fit in memory nor read as news.
LATEST_ARTICLES = 300


@dataclass(frozen=True)
class AddOutcome:
    article: StoredArticle
    briefing: ArticleBriefing | None  # None when the article was already stored
    duplicate: bool


class Newsroom:
    """The article lifecycle and the current briefing."""

    def __init__(
        self,
        store: Store,
        lexicon: TopicLexicon,
        model_name: str,
        content_dir: Path,
        *,
        latest_articles: int = LATEST_ARTICLES,
    ):
        self._store = store
        self._lexicon = lexicon
        self._model_name = model_name
        self._content_dir = content_dir
        self._window = latest_articles
        self._terms = {t.key: t.terms for t in lexicon.topics}
        # One worker: spaCy is CPU-bound and the model is shared; more threads would only contend.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="briefing-engine")
        self._changes = asyncio.Lock()
        self.view: BriefingView = empty_view()
        # The briefings of the articles "everything" covers (and of one just added), by id; the
        # stories read so far (articles placed, by seq); and the stories' own briefings, the most
        # recently asked.
        self._items: dict[str, ArticleBriefing] = {}
        self._grouper = StoryGrouper()
        self._placed: set[int] = set()
        self._story_briefings = StoryBriefings(self._terms)
        self._stories_ready = asyncio.Event()
        self._stories_ready.set()
        self._late_work: set[asyncio.Task[None]] = set()
        self._refreshes = 0  # what late work checks to tell that no newer refresh came since
        self._listed: dict[int, StoredArticle] = {}  # by seq, in store order
        self._seq_of: dict[str, int] = {}  # the listed articles' seqs by id
        self._latest: list[StoredArticle] = []  # the newest listed, those "everything" covers
        self._window_ids: tuple[str, ...] = ()  # the articles `_items` holds, in store order

    @property
    def lexicon(self) -> TopicLexicon:
        return self._lexicon

    @cached_property
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
        """Reload if another instance added or removed articles since this view was built.

        It asks the store for two figures, the count and sum of the seqs, rather than listing
        every seq (17 ms on the event loop each minute at 10,000 articles): as in `_listing`,
        an article added or removed changes one of them, since a seq is never reused. The
        reload then reads only the rows this instance has not listed."""
        count, total = await self._store.articles.tally()
        if count != len(self._listed) or total != sum(self._listed):
            await self.reload()

    async def stories_view(self) -> BriefingView:
        """The current view with its stories grouped: at once, except just after a start-up."""
        while self.view.desk.pending:
            await self._stories_ready.wait()
        return self.view

    async def settled(self) -> None:
        """Wait for the work a refresh left for after publishing its view (grouping, merging)."""
        while self._late_work:
            await asyncio.gather(*self._late_work)

    async def close(self) -> None:
        """Stop the late work and the engine's thread; call it before the store closes."""
        late = list(self._late_work)
        for task in late:
            task.cancel()
        # Wait for the cancelled work to unwind: a task stopped inside a query still closes its
        # session, which hangs for good once the store has closed under it.
        await asyncio.gather(*late, return_exceptions=True)
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
            # Every fact's source names the article, so its id is settled before the engine runs.
            article = article.model_copy(
                update={"id": await self._store.articles.free_id(article.content_hash)}
            )
            log.info("processing article %s (%d paragraphs)", article.id, len(article.paragraphs))
            (briefing,) = await self._run_engine([article])
            try:
                stored = await self._store.articles.add(briefing, raw_text=text, added_by=added_by)
            except DuplicateArticleError as exc:
                return AddOutcome(exc.existing, None, duplicate=True)
            # At hand: grouping it (and merging it, when it is among the latest) need not read
            # it back from the store. A merge keeps only the window's.
            self._items[briefing.article.id] = briefing
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
        # New briefings, new stories (the store dropped the old memberships).
        self._items, self._window_ids = {}, ()
        self._forget_listing()
        self._grouper, self._placed = StoryGrouper(), set()
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
        """Publish a view of what the store holds now, reading only what this one has not seen:
        new articles' rows, the briefings of articles new to the window, the stories of articles
        new to the grouper."""
        self._refreshes += 1
        stored, new = await self._listing()
        if new is not None:
            # Nothing left: the newest are among the newest before and the new ones.
            self._latest = latest_articles([*self._latest, *new], self._window)
        else:
            self._latest = latest_articles(stored, self._window)
        window = tuple(a.id for a in self._latest)
        if new is not None and len(self._placed) + len(new) == len(stored):
            unplaced: Sequence[StoredArticle] | None = new  # every other article is placed
            to_place = len(new)
        else:
            seqs = {a.seq for a in stored}
            unplaced = None
            to_place = len(stored) if self._placed - seqs else len(seqs - self._placed)
        late_stories = to_place > GROUP_AT_ONCE
        desk = (
            StoryDesk(pending=True)
            if late_stories
            else await self._update_stories(stored, unplaced)
        )
        previous = self.view
        view = BriefingView(
            previous.version + 1,
            previous.briefing,
            previous.index,
            stored,
            dict(self._seq_of),  # a copy: the view is a snapshot, and the listing moves on
            desk,
            covered=len(window) if len(window) < len(stored) else None,
        )
        # A desk bigger than its window publishes at once and merges its latest articles after:
        # one more article must not wait for 300 to be merged again. A smaller one (and the first
        # view) waits, so an answer right after /add sees the article, as it always has.
        changed = window != self._window_ids
        merge_late = changed and len(stored) > self._window and previous.version > 0
        if changed and not merge_late:
            view = await self._merged(view, window)
        self.view = view
        if merge_late:
            self._later(self._merge_late(self._refreshes, window))
        if late_stories:
            self._stories_ready.clear()
            self._later(self._group_late(self._refreshes, stored))
        else:
            self._stories_ready.set()
            self._later(self._store_stories(self._joined(desk, new)))

    def _joined(self, desk: StoryDesk, new: Sequence[StoredArticle] | None) -> list[Story]:
        """The stories these new articles joined (every story when that is not known)."""
        if new is None:
            return list(desk.ranked)
        numbers = {n for a in new if (n := self._grouper.story_of(a.id)) is not None}
        return [s for n in numbers if (s := desk.by_key(self._grouper.key_of(n))) is not None]

    def _later(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._late_work.add(task)
        task.add_done_callback(self._late_work.discard)

    async def _listing(self) -> tuple[tuple[StoredArticle, ...], list[StoredArticle] | None]:
        """The stored articles, and those new since the last listing (None when some listed
        before left or came late: then everything may have moved). Only the rows not listed
        before are read, and unless something left, only the rows after the last listed."""
        last = next(reversed(self._listed), 0)
        after, count, total = await self._store.articles.listed_after(last)
        if count == len(self._listed) + len(after) and total == sum(self._listed) + sum(
            a.seq for a in after
        ):
            self._listed.update((a.seq, a) for a in after)
            self._seq_of.update((a.id, a.seq) for a in after)
            return tuple(self._listed.values()), after
        seqs = await self._store.articles.seqs()
        new = await self._store.articles.listed([s for s in seqs if s not in self._listed])
        listed = self._listed | {a.seq: a for a in new}
        self._listed = {s: listed[s] for s in seqs if s in listed}
        self._seq_of = {a.id: a.seq for a in self._listed.values()}
        return tuple(self._listed.values()), None

    async def _merged(self, view: BriefingView, window: tuple[str, ...]) -> BriefingView:
        """The view with the briefing of these articles (ids in store order), merged."""
        documents = await self._store.articles.briefing_documents(
            [view.seq_of[a] for a in window if a not in self._items]
        )
        known = self._items

        def build() -> tuple[dict[str, ArticleBriefing], Briefing]:
            read = _validated(documents)  # off the loop, as every validation
            found = ((a, known.get(a) or read.get(a)) for a in window)
            items = {a: item for a, item in found if item is not None}
            return items, merge_briefings(list(items.values()))

        self._items, merged = await asyncio.to_thread(build)
        if len(self._items) < len(window):
            self._listed_ids_changed()
        self._window_ids = window
        index = await asyncio.to_thread(BriefingIndex, merged, self._terms)
        return replace(view, briefing=merged, index=index)

    def _listed_ids_changed(self) -> None:
        """A listed article's briefing names another id: an instance reprocessed the store, and
        the next refresh lists every row again."""
        log.warning("stored articles changed under this instance: listing them all again")
        self._forget_listing()

    def _forget_listing(self) -> None:
        self._listed, self._seq_of, self._latest = {}, {}, []

    async def _merge_late(self, refresh: int, window: tuple[str, ...]) -> None:
        """Give the view that refresh number `refresh` published the briefing of its latest."""
        async with self._changes:  # every change of the view holds this lock
            if self._refreshes == refresh:  # else a newer refresh merges its own
                merged = await self._merged(self.view, window)
                # A new version: what was cached by version (charts, digests) is made again.
                self.view = replace(merged, version=merged.version + 1)

    async def _group_late(self, refresh: int, stored: Sequence[ListedArticle]) -> None:
        """Give the view that refresh number `refresh` published its stories once they are
        placed (a start-up, a removal)."""
        async with self._changes:  # every change of the view holds this lock
            desk = await self._update_stories(stored)
            if self._refreshes == refresh:  # else a newer refresh brought its stories
                self.view = replace(self.view, desk=desk, version=self.view.version + 1)
                self._stories_ready.set()
                self._later(self._store_stories(desk.ranked))

    async def _update_stories(
        self, stored: Sequence[ListedArticle], unplaced: Sequence[ListedArticle] | None = None
    ) -> StoryDesk:
        """Place every stored article in its story: as the store says when an instance grouped
        it before, else by grouping it now and writing where it went. `unplaced`, when the
        caller knows them, are the only articles not placed yet (none left)."""
        seqs = {a.seq for a in stored} if unplaced is None else set()
        for _ in range(JOIN_ATTEMPTS):
            if unplaced is None:
                if self._placed - seqs:  # an article left: its story is read again without it
                    self._grouper, self._placed = StoryGrouper(), set()
                unplaced = [a for a in stored if a.seq not in self._placed]
            members = {
                m.seq: m for m in await self._store.stories.members([a.seq for a in unplaced])
            }
            # Reading 10,000 features is a few hundred milliseconds: off the loop, as placing.
            await asyncio.to_thread(self._place_stored, unplaced, members)
            self._placed.update(members)
            new = [a for a in unplaced if a.seq not in members]
            joined = await self._group(new)
            if await self._store.stories.join(joined):
                self._placed.update(m.seq for m in joined)
                break
            # Another instance placed some of them first: start again from what the store says
            # (with nothing placed, no article can have left: the next pass places them all).
            self._grouper, self._placed = StoryGrouper(), set()
            unplaced = None
        return StoryDesk(self._grouper.stories())

    def _place_stored(
        self, articles: Sequence[ListedArticle], members: Mapping[int, StoryMember]
    ) -> None:
        """Place the articles that have a stored membership where it says."""
        self._grouper.place_all(
            [
                (_features(a, members[a.seq].features), members[a.seq].story_key)
                for a in articles
                if a.seq in members
            ]
        )

    async def _group(self, articles: Sequence[ListedArticle]) -> list[StoryMember]:
        """Group articles no one grouped yet, in store order; their memberships to write."""
        joined: list[StoryMember] = []
        for start in range(0, len(articles), GROUP_BATCH):
            batch = articles[start : start + GROUP_BATCH]
            documents = await self._store.articles.briefing_documents(
                [a.seq for a in batch if a.id not in self._items]
            )
            joined.extend(await asyncio.to_thread(self._group_batch, batch, documents))
        return joined

    def _group_batch(
        self, batch: Sequence[ListedArticle], documents: list[str]
    ) -> list[StoryMember]:
        items = self._items
        read = _validated(documents)
        members = []
        for article in batch:
            item = items.get(article.id) or read.get(article.id)
            if item is None:
                self._listed_ids_changed()
                continue
            features = features_of(item)
            number = self._grouper.add_features(features)
            members.append(
                StoryMember(article.seq, self._grouper.key_of(number), features.to_json())
            )
        return members

    async def story_index(self, story: Story) -> BriefingIndex:
        """The story's own briefing: kept from an earlier ask, read from the store as built for
        exactly its articles, or merged from its articles' briefings (and stored after)."""
        index = self._story_briefings.get(story)
        if index is not None:
            return index
        members = members_digest(story)
        stored = await self._store.stories.briefing(story.key, members, self.engine_version)
        if stored is not None:
            return await asyncio.to_thread(self._story_briefings.load, story, stored)
        found = await self._story_items(story)
        index = await asyncio.to_thread(self._story_briefings.build, story, found)
        if len(found) == story.article_count:
            self._later(self._keep_story(story.key, members, index.briefing))
        return index

    async def _story_items(self, story: Story) -> list[ArticleBriefing]:
        """The briefings of the story's articles, in its order, as many as are found: those
        outside the window read from the store and validated off the event loop."""
        items, seq_of = self._items, self.view.seq_of
        documents = await self._store.articles.briefing_documents(
            [seq_of[a] for a in story.article_ids if a not in items and a in seq_of]
        )
        read = await asyncio.to_thread(_validated, documents)
        return [i for a in story.article_ids if (i := items.get(a) or read.get(a))]

    async def _keep_story(self, key: str, members: str, briefing: Briefing) -> None:
        document = await asyncio.to_thread(briefing.model_dump_json)
        await self._store.stories.keep_briefing(key, members, self.engine_version, document)

    async def _store_stories(self, stories: Sequence[Story]) -> None:
        """Build and store these stories' briefings, one at a time, unless the store has them
        for their articles (an article joined them; the first start after the table came).
        They are not kept in memory: those are the stories readers asked for."""
        if not stories:
            return
        version = self.engine_version
        stored = await self._store.stories.briefing_members(version)
        written = 0
        for story in stories:
            members = members_digest(story)
            if stored.get(story.key) == members:
                continue
            found = await self._story_items(story)
            if len(found) == story.article_count:
                briefing = await asyncio.to_thread(story_briefing, found)
                await self._keep_story(story.key, members, briefing)
                written += 1
        if written > FOLD_AFTER_STORIES:
            await self._store.fold_log()


def latest_articles(stored: Sequence[StoredArticle], count: int) -> list[StoredArticle]:
    """The `count` most recently published (the later added first among equals), in store order."""
    if len(stored) <= count:
        return list(stored)
    newest = heapq.nlargest(count, stored, key=attrgetter("published", "seq"))
    return sorted(newest, key=attrgetter("seq"))


def _validated(documents: Sequence[str]) -> dict[str, ArticleBriefing]:
    """Stored briefing documents, validated (most of the cost of reading them), by article id."""
    return {i.article.id: i for i in map(ArticleBriefing.model_validate_json, documents)}


def _features(article: ListedArticle, document: str) -> ArticleFeatures:
    return ArticleFeatures.from_json(
        document,
        id=article.id,
        title=article.title,
        published=article.published,
        source=article.source,
    )
