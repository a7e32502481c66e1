"""Feeds the admins follow, and the entries taken from them (each claimed once, by unique keys).

Revision ID: 0002_feeds
Revises: 0003
Create Date: 2026-12-01

The id names the feature rather than the position: work on other features chains its revisions
after this one by name. The file sorts after 0003, the revision it follows.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_feeds"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out rather than imported from bot.store.schema (see 0001).
_AWARE = sa.DateTime(timezone=True)
_SURROGATE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("added_by", sa.BigInteger(), nullable=True),
        sa.Column("added_at", _AWARE, nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("last_fetched_at", _AWARE, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("failures", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("next_poll_at", _AWARE, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feeds")),
        sa.UniqueConstraint("url", name=op.f("uq_feeds_url")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_feeds_next_poll_at"), "feeds", ["next_poll_at"])
    op.create_table(
        "feed_items",
        sa.Column("id", _SURROGATE, autoincrement=True, nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("guid_key", sa.String(length=64), nullable=False),
        sa.Column("link_key", sa.String(length=64), nullable=True),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("claimed_at", _AWARE, nullable=False),
        sa.Column("done_at", _AWARE, nullable=True),
        sa.CheckConstraint(
            "status IN ('claimed', 'taken', 'skipped', 'failed')",
            name=op.f("ck_feed_items_status_known"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_items")),
        sa.UniqueConstraint("guid_key", name=op.f("uq_feed_items_guid_key")),
        sa.UniqueConstraint("link_key", name=op.f("uq_feed_items_link_key")),
    )
    op.create_index(op.f("ix_feed_items_feed_id_status"), "feed_items", ["feed_id", "status"])


def downgrade() -> None:
    op.drop_table("feed_items")
    op.drop_table("feeds")
