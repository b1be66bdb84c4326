"""The scorer's features of the catalog overlay, persisted with it (one blob per overlay revision).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # an overlay imported before this revision has no row here: it is read the slow way (its
    # records validated, its features computed) until the next import or clear writes one
    op.create_table(
        "overlay_features",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("revision", sa.String(200), nullable=False),
        sa.Column("built", sa.DateTime(timezone=False), nullable=False),
        sa.Column("blob", sa.LargeBinary(), nullable=False),
    )
    # the overlay's revision (row count, newest import) from a small index, not a scan of every record
    op.create_index("ix_overlay_credentials_imported_at", "overlay_credentials", ["imported_at"])


def downgrade() -> None:
    op.drop_index("ix_overlay_credentials_imported_at", table_name="overlay_credentials")
    op.drop_table("overlay_features")
