"""One error shape: :class:`WebError` and the API's ``{"error": …}`` JSON (the pages: :mod:`certwise.web.error_pages`).

API errors are ``{"error": {"code": "...", "message": "...", "fields": [...]}}`` with a 4xx
status (500 only for a bug, and then without a trace; 503 ``store-unavailable`` when the
portfolio database cannot be used). Pages show the same message in the
layout, never a stack trace.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel


class WebError(Exception):
    """An error to show the user: status, a short code and a message in plain words."""

    def __init__(self, status: int, code: str, message: str, fields: list[dict[str, str]] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or []


def bad_input(message: str, field: str | None = None) -> WebError:
    return WebError(400, "bad-input", message, [{"field": field, "message": message}] if field else None)


def not_found(message: str) -> WebError:
    return WebError(404, "not-found", message)


class ErrorField(BaseModel):
    field: str
    message: str


class ErrorBody(BaseModel):
    code: str
    message: str
    fields: list[ErrorField] = []


class ErrorResponse(BaseModel):
    """The one shape every API error has."""

    error: ErrorBody


# For the OpenAPI document: every API route may answer with these.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Bad input; the message says what to change."},
    404: {"model": ErrorResponse, "description": "Unknown credential, stack or entry."},
    403: {"model": ErrorResponse, "description": "A write from another site (Origin, Sec-Fetch-Site)."},
    413: {"model": ErrorResponse, "description": "The body is larger than the server accepts (6 MB)."},
    422: {"model": ErrorResponse, "description": "The body or a parameter has the wrong shape."},
    503: {"model": ErrorResponse, "description": "The portfolio database cannot be used (code store-unavailable)."},
}

STATUS_CODES = {400: "bad-input", 403: "forbidden", 404: "not-found", 405: "method-not-allowed",
                413: "too-large", 415: "unsupported-type", 422: "invalid", 500: "internal",
                503: "store-unavailable"}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_json(status: int, code: str, message: str, fields: list[dict[str, str]] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, "fields": fields or []}}, status_code=status)


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "form")]
    return ".".join(parts) or "(body)"


def validation_fields(exc: RequestValidationError) -> list[dict[str, str]]:
    out = []
    for e in exc.errors():
        msg = str(e.get("msg", "is not valid")).removeprefix("Value error, ")
        out.append({"field": _field_name(e.get("loc", ())), "message": msg})
    return out
