"""Tables of the store: the portfolio and the catalog overlay."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Index, LargeBinary, String, Text, true
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class EntryRow(Base):
    """One credential a person holds or plans to take."""

    __tablename__ = "portfolio_entries"

    entry_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # one entry per credential: "cred:<catalog id>" or "custom:<name>|<issuer>" (normalised)
    key: Mapped[str] = mapped_column(String(600), unique=True)
    credential_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    name: Mapped[str] = mapped_column(String(500))
    issuer: Mapped[str] = mapped_column(String(500))
    state: Mapped[str] = mapped_column(String(16))  # held | planned
    earned: Mapped[date | None] = mapped_column(Date, nullable=True)
    expires: Mapped[date | None] = mapped_column(Date, nullable=True)
    credential_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    source: Mapped[str] = mapped_column(String(16))  # manual | badge | import
    # False for a badge whose signature could not be checked (migration 0002)
    verified: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created: Mapped[datetime] = mapped_column(DateTime(timezone=False))

    __table_args__ = (Index("ix_portfolio_entries_credential_id", "credential_id"),)


class OverlayRow(Base):
    """A credential imported into the local catalog overlay (e.g. from CTDL)."""

    __tablename__ = "overlay_credentials"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    json: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=False))

    # the overlay's revision is read from it (migration 0003)
    __table_args__ = (Index("ix_overlay_credentials_imported_at", "imported_at"),)


class OverlayFeaturesRow(Base):
    """What the scorer needs of the whole overlay, computed at import (migration 0003).

    ``revision`` is the overlay's revision when the blob was written (its row count and newest
    import time, see :mod:`certwise.store.overlay_features`): a blob of another revision is never read.
    """

    __tablename__ = "overlay_features"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    revision: Mapped[str] = mapped_column(String(200))
    built: Mapped[datetime] = mapped_column(DateTime(timezone=False))
    blob: Mapped[bytes] = mapped_column(LargeBinary)
