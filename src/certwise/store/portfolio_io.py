"""Validation of portfolio files (``portfolio import``): one pydantic model, imported lazily."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from certwise.store.entries import EntrySource, State
from certwise.store.entry_rules import MAX_TEXT, MAX_URL
from certwise.userfiles import is_text


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
    verified: bool = True

    @field_validator("created")
    @classmethod
    def _naive_utc(cls, v: datetime | None) -> datetime | None:
        if v is not None and v.tzinfo is not None:
            try:
                v = v.astimezone(UTC).replace(tzinfo=None)
            except OverflowError:
                raise ValueError("is outside the years 1 to 9999 in UTC") from None
        return v

    @field_validator("entry_id", "id", "name", "issuer", "credential_url")
    @classmethod
    def _storable(cls, v: str | None, info: ValidationInfo) -> str | None:
        if v is None:
            return v
        if not is_text(v):
            raise ValueError("holds characters that are not text (a lone surrogate such as \\ud800)")
        limit = MAX_URL if info.field_name == "credential_url" else MAX_TEXT
        if len(v) > limit:
            raise ValueError(f"longer than {limit} characters")
        return v
