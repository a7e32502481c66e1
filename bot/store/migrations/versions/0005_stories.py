"""Stories kept in the store: each article's story and grouping features, and each chat's focus.

Revision ID: 0005_stories
Revises: 0002_feeds
Create Date: 2026-12-02

The table starts empty: the first start after this migration groups every stored article once
and writes what it found.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_stories"
down_revision: str | None = "0002_feeds"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out rather than imported from bot.store.schema (see 0001).
_AWARE = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "story_members",
        sa.Column("article_seq", sa.Integer(), nullable=False),
        sa.Column("story_key", sa.String(length=32), nullable=False),
        sa.Column("features", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_seq"],
            ["articles.seq"],
            name=op.f("fk_story_members_article_seq_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_seq", name=op.f("pk_story_members")),
    )
    op.create_index(op.f("ix_story_members_story_key"), "story_members", ["story_key"])
    op.create_table(
        "chat_focus",
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("story_key", sa.String(length=32), nullable=False),
        sa.Column("updated_at", _AWARE, nullable=False),
        sa.PrimaryKeyConstraint("chat_id", name=op.f("pk_chat_focus")),
    )


def downgrade() -> None:
    op.drop_table("chat_focus")
    op.drop_index(op.f("ix_story_members_story_key"), table_name="story_members")
    op.drop_table("story_members")
