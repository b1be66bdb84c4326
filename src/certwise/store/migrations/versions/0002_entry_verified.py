"""Portfolio entries say whether they were verified (a badge whose signature could not be checked is not).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # entries added by hand or from a portfolio file are the person's own word (True); badges
    # imported before certwise checked signatures were never checked, so they say so
    with op.batch_alter_table("portfolio_entries") as batch:
        batch.add_column(sa.Column("verified", sa.Boolean(), nullable=False, server_default=sa.true()))
    t = sa.table("portfolio_entries", sa.column("source", sa.String), sa.column("verified", sa.Boolean))
    op.execute(t.update().where(t.c.source == "badge").values(verified=False))


def downgrade() -> None:
    with op.batch_alter_table("portfolio_entries") as batch:
        batch.drop_column("verified")
