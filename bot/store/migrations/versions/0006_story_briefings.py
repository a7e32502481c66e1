"""Each story's merged briefing, so that a story's first open reads one document, not twenty.

Revision ID: 0006_story_briefings
Revises: 0005_stories
Create Date: 2026-12-02

The table starts empty: a story's briefing is written the first time it is built.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_story_briefings"
down_revision: str | None = "0005_stories"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out rather than imported from bot.store.schema (see 0001).
_AWARE = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "story_briefings",
        sa.Column("story_key", sa.String(length=32), nullable=False),
        sa.Column("members", sa.String(length=64), nullable=False),
        sa.Column("engine_version", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("built_at", _AWARE, nullable=False),
        sa.PrimaryKeyConstraint("story_key", name=op.f("pk_story_briefings")),
    )


def downgrade() -> None:
    op.drop_table("story_briefings")
