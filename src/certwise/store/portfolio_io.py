"""Validation of portfolio files (``portfolio import``): one pydantic model, imported lazily."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from certwise.store.entries import EntrySource, State


class ImportedEntry(BaseModel):
    """One entry of a portfolio file (``portfolio export`` writes them).

    The shape only: the rules for dates and links live in :mod:`certwise.store.entry_rules`.
    """

    model_config = ConfigDict(extra="ignore")

    entry_id: str | None = Field(default=None, min_length=1, max_length=64)
    id: str | None = None
    name: str | None = None
    issuer: str | None = None
    state: State = "held"
    earned: date | None = None
    expires: date | None = None
    source: EntrySource = "import"
    credential_url: str | None = None
    created: datetime | None = None

    @field_validator("created")
    @classmethod
    def _naive_utc(cls, v: datetime | None) -> datetime | None:
        if v is not None and v.tzinfo is not None:
            v = v.astimezone(UTC).replace(tzinfo=None)
        return v
