"""Articles, their processed briefings, and articles waiting for their publication date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.briefing.ingest import ARTICLE_ID_LENGTH
from bot.briefing.models import ArticleBriefing
from bot.store.database import LOOKUP_CHUNK, Database, chunks, rowcount
from bot.store.records import (
    DuplicateArticleError,
    PendingArticle,
    StoredArticle,
    StoreError,
    UnknownArticleError,
)
from bot.store.schema import (
    ARTICLE_ID_MAX,
    ArticleRow,
    BriefingRow,
    ChatFocusRow,
    PendingArticleRow,
    StoryBriefingRow,
    StoryMemberRow,
)

# How many hex digits a longer id adds when a shorter one is taken.
_ID_STEP = 4
# StoredArticle's fields, in its order.
_LISTED = (
    ArticleRow.seq,
    ArticleRow.id,
    ArticleRow.title,
    ArticleRow.published,
    ArticleRow.source,
    ArticleRow.url,
    ArticleRow.content_hash,
    ArticleRow.added_at,
    ArticleRow.added_by,
)


def _article(row: ArticleRow) -> StoredArticle:
    return StoredArticle(
        seq=row.seq,
        id=row.id,
        title=row.title,
        published=row.published,
        source=row.source,
        url=row.url,
        content_hash=row.content_hash,
        added_at=row.added_at,
        added_by=row.added_by,
    )


async def _tally(session: AsyncSession) -> tuple[int, int]:
    # Over an index on SQLite (the covering unique index), not the rows and their text.
    tally = (await session.execute(select(func.count(), func.sum(ArticleRow.seq)))).one()
    return int(tally[0]), int(tally[1] or 0)


async def _rename_story(session: AsyncSession, old_key: str) -> None:
    """A story's first article was removed: its next article's id names it now, in its
    memberships and in the focus of every chat that had it open."""
    new_key = await session.scalar(
        select(ArticleRow.id)
        .join(StoryMemberRow, StoryMemberRow.article_seq == ArticleRow.seq)
        .where(StoryMemberRow.story_key == old_key)
        .order_by(ArticleRow.seq)
        .limit(1)
    )
    if new_key is None:
        return  # it was the story's only article: chats that had it open are told it is gone
    await session.execute(
        update(StoryMemberRow).where(StoryMemberRow.story_key == old_key).values(story_key=new_key)
    )
    await session.execute(
        update(ChatFocusRow).where(ChatFocusRow.story_key == old_key).values(story_key=new_key)
    )


class ArticleRepository:
    """Each article is stored with its briefing in one transaction, so neither exists alone."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def add(
        self, briefing: ArticleBriefing, *, raw_text: str, added_by: int | None
    ) -> StoredArticle:
        """Store an article and its briefing together, or neither; the same text twice raises
        DuplicateArticleError (the unique content hash tells, without a lookup first)."""
        article = briefing.article
        now = self._db.now()
        row = ArticleRow(
            id=article.id,
            content_hash=article.content_hash,
            title=article.title,
            published=article.published,
            source=article.source,
            url=article.url,
            raw_text=raw_text,
            added_at=now,
            added_by=added_by,
        )
        try:
            async with self._db.sessions.begin() as session:
                session.add(row)
                # The briefing row points at the article's seq, which the flush assigns.
                await session.flush()
                session.add(
                    BriefingRow(
                        article_seq=row.seq,
                        engine_version=briefing.engine_version,
                        data=briefing.model_dump_json(),
                        processed_at=now,
                    )
                )
        except IntegrityError:
            # Stored before, or two admins adding it at once: the loser sees the winner's row.
            existing = await self.find_by_hash(article.content_hash)
            if existing is not None:
                raise DuplicateArticleError(existing) from None
            if (same_id := await self._title_of(article.id)) is not None:
                raise StoreError(
                    f"article id {article.id} is already taken by {same_id!r}"
                ) from None
            raise
        return _article(row)

    async def _title_of(self, article_id: str) -> str | None:
        async with self._db.sessions() as session:
            title: str | None = await session.scalar(
                select(ArticleRow.title).where(ArticleRow.id == article_id)
            )
        return title

    async def free_id(self, content_hash: str) -> str:
        """The shortest id, from ARTICLE_ID_LENGTH hex digits of the content hash on, that no
        other article holds: two texts whose hashes share their first digits (about 1% likely
        among 10,000 articles at eight) both get stored, the later one under a longer id."""
        prefix = content_hash[:ARTICLE_ID_LENGTH]
        async with self._db.sessions() as session:
            taken = set(
                await session.scalars(select(ArticleRow.id).where(ArticleRow.id.startswith(prefix)))
            )
        for length in range(ARTICLE_ID_LENGTH, ARTICLE_ID_MAX + 1, _ID_STEP):
            if content_hash[:length] not in taken:
                return content_hash[:length]
        raise StoreError(f"every id of content hash {content_hash} is taken")

    async def find_by_hash(self, content_hash: str) -> StoredArticle | None:
        async with self._db.sessions() as session:
            row = await session.scalar(
                select(ArticleRow).where(ArticleRow.content_hash == content_hash)
            )
        return None if row is None else _article(row)

    async def all(self) -> list[StoredArticle]:
        """Every stored article, oldest first."""
        # Columns rather than ORM rows, and without the raw text: at 10,000 articles loading
        # whole rows took over a second of every start-up and refresh.
        async with self._db.sessions() as session:
            rows = await session.execute(select(*_LISTED).order_by(ArticleRow.seq))
            return [StoredArticle(*row) for row in rows]

    async def seqs(self) -> list[int]:
        """The seq of every stored article, oldest first: what changed is read by `listed`."""
        async with self._db.sessions() as session:
            return list(await session.scalars(select(ArticleRow.seq).order_by(ArticleRow.seq)))

    async def listed(self, seqs: Sequence[int]) -> list[StoredArticle]:
        """These articles (those still stored), oldest first."""
        found: list[StoredArticle] = []
        async with self._db.sessions() as session:
            for part in chunks(sorted(seqs), LOOKUP_CHUNK):
                rows = await session.execute(
                    select(*_LISTED).where(ArticleRow.seq.in_(part)).order_by(ArticleRow.seq)
                )
                found.extend(StoredArticle(*row) for row in rows)
        return found

    async def listed_after(self, seq: int) -> tuple[list[StoredArticle], int, int]:
        """The articles after `seq`, oldest first, and the count and sum of every stored seq,
        read together: whoever holds the articles up to `seq` learns from the two figures
        whether any of those left, or committed late (a lower seq on PostgreSQL)."""
        async with self._db.sessions() as session:
            rows = await session.execute(
                select(*_LISTED).where(ArticleRow.seq > seq).order_by(ArticleRow.seq)
            )
            after = [StoredArticle(*row) for row in rows]
            count, total = await _tally(session)
        return after, count, total

    async def tally(self) -> tuple[int, int]:
        """The count and sum of every stored seq: whoever holds a listing learns from them
        whether any article came or left since, without listing them all."""
        async with self._db.sessions() as session:
            return await _tally(session)

    async def remove(self, article_id: str) -> bool:
        """Remove an article and its briefing; False if there was no such article."""
        async with self._db.sessions.begin() as session:
            seq = await session.scalar(select(ArticleRow.seq).where(ArticleRow.id == article_id))
            if seq is None:
                return False
            # Explicit rather than relying on ON DELETE CASCADE, which SQLite honours only when
            # the foreign_keys pragma is on for the connection.
            story_key = await session.scalar(
                select(StoryMemberRow.story_key).where(StoryMemberRow.article_seq == seq)
            )
            await session.execute(delete(StoryMemberRow).where(StoryMemberRow.article_seq == seq))
            await session.execute(delete(BriefingRow).where(BriefingRow.article_seq == seq))
            await session.execute(delete(ArticleRow).where(ArticleRow.seq == seq))
            if story_key is not None:
                # Stale now (its members changed), under a key that may name no story any more.
                await session.execute(
                    delete(StoryBriefingRow).where(StoryBriefingRow.story_key == story_key)
                )
            if story_key == article_id:
                await _rename_story(session, article_id)
        return True

    async def briefing_documents(self, seqs: Sequence[int] | None = None) -> list[str]:
        """The briefings (of these articles, or all) as stored JSON, in article order: callers
        validate them off the loop."""
        query = (
            select(BriefingRow.data)
            .join(ArticleRow, ArticleRow.seq == BriefingRow.article_seq)
            .order_by(ArticleRow.seq)
        )
        if seqs is not None and not seqs:
            return []
        async with self._db.sessions() as session:
            if seqs is None:
                return list(await session.scalars(query))
            found: list[str] = []
            for part in chunks(sorted(seqs), LOOKUP_CHUNK):
                found.extend(await session.scalars(query.where(ArticleRow.seq.in_(part))))
            return found

    async def stale_briefing_count(self, engine_version: str) -> int:
        """How many stored briefings another engine version made."""
        async with self._db.sessions() as session:
            count = await session.scalar(
                select(func.count()).where(BriefingRow.engine_version != engine_version)
            )
            return int(count or 0)

    async def replace_briefings(self, briefings: list[ArticleBriefing]) -> None:
        """Swap in re-made briefings for stored articles, all or none.

        Each briefing is matched to its article by id, or failing that by content hash (a new
        engine may normalise text differently); one that matches neither raises
        UnknownArticleError and nothing is changed. Articles not named keep their briefing.
        """
        now = self._db.now()
        async with self._db.sessions.begin() as session:
            # Stories are grouped from the briefings: new briefings, new grouping (chats keep
            # their focus key, which names a story again if its first article still leads one).
            await session.execute(delete(StoryMemberRow))
            await session.execute(delete(StoryBriefingRow))
            for briefing in briefings:
                article = briefing.article
                row = await session.scalar(select(ArticleRow).where(ArticleRow.id == article.id))
                if row is None:
                    row = await session.scalar(
                        select(ArticleRow).where(ArticleRow.content_hash == article.content_hash)
                    )
                if row is None:
                    raise UnknownArticleError(f"no stored article {article.id}: {article.title!r}")
                row.id = article.id
                row.content_hash = article.content_hash
                row.title = article.title
                row.published = article.published
                row.source = article.source
                row.url = article.url
                stored = await session.get(BriefingRow, row.seq)
                if stored is None:
                    stored = BriefingRow(article_seq=row.seq)
                    session.add(stored)
                stored.engine_version = briefing.engine_version
                stored.data = briefing.model_dump_json()
                stored.processed_at = now

    async def raw_texts(self) -> list[tuple[str, str, dt.date]]:
        """(article id, text as added, publication date) of every article, oldest first."""
        async with self._db.sessions() as session:
            rows = await session.execute(
                select(ArticleRow.id, ArticleRow.raw_text, ArticleRow.published).order_by(
                    ArticleRow.seq
                )
            )
            return [(article_id, text, published) for article_id, text, published in rows]

    # An /add waiting for its publication date

    async def hold_for_date(self, chat_id: int, user_id: int, text: str, url: str | None) -> None:
        """Keep an article until its admin replies with the date (a newer one replaces it)."""
        async with self._db.sessions.begin() as session:
            await session.merge(
                PendingArticleRow(
                    chat_id=chat_id, user_id=user_id, text=text, url=url, asked_at=self._db.now()
                )
            )

    async def pending(
        self, chat_id: int, user_id: int, max_age: dt.timedelta
    ) -> PendingArticle | None:
        """The article this admin was asked a date for in this chat, unless asked too long ago."""
        async with self._db.sessions() as session:
            row = await session.get(PendingArticleRow, (chat_id, user_id))
        if row is None:
            return None
        if self._db.now() - row.asked_at > max_age:
            await self.drop_pending(chat_id, user_id)
            return None
        return PendingArticle(row.chat_id, row.user_id, row.text, row.url, row.asked_at)

    async def drop_pending(self, chat_id: int, user_id: int) -> bool:
        """Forget the waiting article; True for exactly one caller, so it is added once."""
        async with self._db.sessions.begin() as session:
            result = await session.execute(
                delete(PendingArticleRow).where(
                    PendingArticleRow.chat_id == chat_id, PendingArticleRow.user_id == user_id
                )
            )
        return rowcount(result) == 1
