"""Initial tables: portfolio entries and overlay credentials.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "portfolio_entries",
        sa.Column("entry_id", sa.String(64), primary_key=True),
        sa.Column("key", sa.String(600), nullable=False, unique=True),
        sa.Column("credential_id", sa.String(200), nullable=True),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("issuer", sa.String(500), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("earned", sa.Date(), nullable=True),
        sa.Column("expires", sa.Date(), nullable=True),
        sa.Column("credential_url", sa.Text(), nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("created", sa.DateTime(timezone=False), nullable=False),
    )
    op.create_index("ix_portfolio_entries_credential_id", "portfolio_entries", ["credential_id"])
    op.create_table(
        "overlay_credentials",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("json", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=False), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("overlay_credentials")
    op.drop_index("ix_portfolio_entries_credential_id", table_name="portfolio_entries")
    op.drop_table("portfolio_entries")
