"""An /add waiting for its publication date is kept in the database, not in one process.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out rather than imported from bot.store.schema (see 0001).
_AWARE = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "pending_articles",
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("asked_at", _AWARE, nullable=False),
        sa.PrimaryKeyConstraint("chat_id", "user_id", name=op.f("pk_pending_articles")),
    )


def downgrade() -> None:
    op.drop_table("pending_articles")
