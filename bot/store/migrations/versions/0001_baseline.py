"""The schema as the store created it before migrations: articles, briefings, subscriptions,
deliveries, the admin log and flags.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out rather than imported from bot.store.schema: a revision must not change when the
# models do. UTCDateTime stores as a zone-aware DATETIME; SQLite only counts up INTEGER keys.
_AWARE = sa.DateTime(timezone=True)
_SURROGATE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("published", sa.Date(), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("raw_text", sa.Text(), nullable=False),
        sa.Column("added_at", _AWARE, nullable=False),
        sa.Column("added_by", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_articles")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_articles_content_hash")),
        sa.UniqueConstraint("id", name=op.f("uq_articles_id")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "article_briefings",
        sa.Column("article_seq", sa.Integer(), nullable=False),
        sa.Column("engine_version", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("processed_at", _AWARE, nullable=False),
        sa.ForeignKeyConstraint(
            ["article_seq"],
            ["articles.seq"],
            name=op.f("fk_article_briefings_article_seq_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_seq", name=op.f("pk_article_briefings")),
    )
    op.create_table(
        "subscriptions",
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("thread_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_type", sa.String(length=16), nullable=False),
        sa.Column("time", sa.Time(), nullable=False),
        sa.Column("tz", sa.String(length=64), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("daily", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("deactivated_reason", sa.Text(), nullable=True),
        sa.Column("last_seq", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("created_at", _AWARE, nullable=False),
        sa.Column("updated_at", _AWARE, nullable=False),
        sa.CheckConstraint("last_seq >= 0", name=op.f("ck_subscriptions_last_seq_not_negative")),
        sa.CheckConstraint("thread_id >= 0", name=op.f("ck_subscriptions_thread_id_not_negative")),
        sa.PrimaryKeyConstraint("chat_id", "thread_id", name=op.f("pk_subscriptions")),
    )
    op.create_index(op.f("ix_subscriptions_active"), "subscriptions", ["active"])
    op.create_table(
        "deliveries",
        sa.Column("id", _SURROGATE, autoincrement=True, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("thread_id", sa.BigInteger(), nullable=False),
        sa.Column("digest_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("claimed_at", _AWARE, nullable=False),
        sa.Column("sent_at", _AWARE, nullable=True),
        sa.CheckConstraint(
            "status IN ('claimed', 'sent', 'failed', 'skipped')",
            name=op.f("ck_deliveries_status_known"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
        sa.UniqueConstraint(
            "chat_id",
            "thread_id",
            "digest_date",
            name=op.f("uq_deliveries_chat_id_thread_id_digest_date"),
        ),
    )
    op.create_index(op.f("ix_deliveries_status"), "deliveries", ["status"])
    op.create_table(
        "admin_log",
        sa.Column("id", _SURROGATE, autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("at", _AWARE, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_log")),
    )
    op.create_index(op.f("ix_admin_log_at"), "admin_log", ["at"])
    op.create_index(op.f("ix_admin_log_user_id"), "admin_log", ["user_id"])
    op.create_table(
        "flags",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", _AWARE, nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_flags")),
    )


def downgrade() -> None:
    op.drop_table("flags")
    op.drop_table("admin_log")
    op.drop_table("deliveries")
    op.drop_table("subscriptions")
    op.drop_table("article_briefings")
    op.drop_table("articles")
