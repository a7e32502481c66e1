"""Stories in the store: each article's story with its grouping features, and each chat's focus."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from bot.store.database import LOOKUP_CHUNK, Database, chunks
from bot.store.schema import ChatFocusRow, StoryBriefingRow, StoryMemberRow


@dataclass(frozen=True, slots=True)
class StoryMember:
    """One article's place in a story: its seq, its story's key and its features as stored JSON."""

    seq: int
    story_key: str
    features: str


class StoryRepository:
    """Memberships are only ever inserted: the first instance to place an article wins."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def members(self, seqs: Sequence[int] | None = None) -> list[StoryMember]:
        """The memberships of these articles (of every article when None), in article order."""
        query = select(
            StoryMemberRow.article_seq, StoryMemberRow.story_key, StoryMemberRow.features
        )
        found: list[StoryMember] = []
        async with self._db.sessions() as session:
            if seqs is None:
                rows = await session.execute(query.order_by(StoryMemberRow.article_seq))
                found.extend(StoryMember(*row) for row in rows)
            else:
                for part in chunks(sorted(seqs), LOOKUP_CHUNK):
                    rows = await session.execute(
                        query.where(StoryMemberRow.article_seq.in_(part)).order_by(
                            StoryMemberRow.article_seq
                        )
                    )
                    found.extend(StoryMember(*row) for row in rows)
        return found

    async def join(self, members: Sequence[StoryMember]) -> bool:
        """Write these memberships, all or none; False when another instance placed one first."""
        try:
            async with self._db.sessions.begin() as session:
                session.add_all(
                    StoryMemberRow(article_seq=m.seq, story_key=m.story_key, features=m.features)
                    for m in members
                )
        except IntegrityError:
            return False
        return True

    async def briefing(self, story_key: str, members: str, engine_version: str) -> str | None:
        """The story's stored briefing (JSON) if this engine built it from exactly the articles
        `members` fingerprints; None when there is none, or only a stale one."""
        async with self._db.sessions() as session:
            data: str | None = await session.scalar(
                select(StoryBriefingRow.data).where(
                    StoryBriefingRow.story_key == story_key,
                    StoryBriefingRow.members == members,
                    StoryBriefingRow.engine_version == engine_version,
                )
            )
        return data

    async def briefing_members(self, engine_version: str) -> dict[str, str]:
        """The members fingerprint of every story briefing this engine stored, by story key."""
        async with self._db.sessions() as session:
            rows = await session.execute(
                select(StoryBriefingRow.story_key, StoryBriefingRow.members).where(
                    StoryBriefingRow.engine_version == engine_version
                )
            )
            return {str(key): str(members) for key, members in rows}

    async def keep_briefing(
        self, story_key: str, members: str, engine_version: str, data: str
    ) -> None:
        """Store the story's briefing as built from the articles `members` fingerprints."""
        values = {
            "story_key": story_key,
            "members": members,
            "engine_version": engine_version,
            "data": data,
            "built_at": self._db.now(),
        }
        async with self._db.sessions.begin() as session:
            await session.execute(self._db.upsert(StoryBriefingRow, values))

    async def focus(self, chat_id: int) -> str | None:
        """The key of the story this chat has open, if any."""
        async with self._db.sessions() as session:
            key: str | None = await session.scalar(
                select(ChatFocusRow.story_key).where(ChatFocusRow.chat_id == chat_id)
            )
        return key

    async def set_focus(self, chat_id: int, story_key: str | None) -> None:
        """Open a story for this chat, or (None) go back to everything."""
        async with self._db.sessions.begin() as session:
            if story_key is None:
                await session.execute(delete(ChatFocusRow).where(ChatFocusRow.chat_id == chat_id))
            else:
                values = {"chat_id": chat_id, "story_key": story_key, "updated_at": self._db.now()}
                await session.execute(self._db.upsert(ChatFocusRow, values))
