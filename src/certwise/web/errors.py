"""One error shape for the API and plain-words error pages for people.

API errors are ``{"error": {"code": "...", "message": "...", "fields": [...]}}`` with a 4xx
status (5xx only for a bug, and then without a trace). Pages show the same message in the
layout, never a stack trace.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("certwise.web")


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
    422: {"model": ErrorResponse, "description": "The body or a parameter has the wrong shape."},
}

STATUS_CODES = {400: "bad-input", 403: "forbidden", 404: "not-found", 405: "method-not-allowed",
                413: "too-large", 415: "unsupported-type", 422: "invalid", 500: "internal"}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_json(status: int, code: str, message: str, fields: list[dict[str, str]] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, "fields": fields or []}}, status_code=status)


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "form")]
    return ".".join(parts) or "(body)"


def _validation_fields(exc: RequestValidationError) -> list[dict[str, str]]:
    out = []
    for e in exc.errors():
        msg = str(e.get("msg", "is not valid")).removeprefix("Value error, ")
        out.append({"field": _field_name(e.get("loc", ())), "message": msg})
    return out


def render_error_page(request: Request, status: int, title: str, message: str) -> Response:
    """The message in the site's layout (navigation and all), with the right status."""
    from certwise.web.deps import render

    if not hasattr(request.state, "csrf_token"):  # refused before the middleware set one
        request.state.csrf_token = ""
    ctx: dict[str, Any] = {"title": title, "message": message, "status": status,
                           "as_of": request.app.state.web.today()}
    return render(request, "error.html", ctx, status=status)


def install_error_handlers(app: FastAPI) -> None:
    async def web_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, WebError)
        if _is_api(request):
            return error_json(exc.status, exc.code, exc.message, exc.fields)
        titles = {404: "Not found", 403: "Not allowed", 413: "Too large"}
        return render_error_page(request, exc.status, titles.get(exc.status, "Please check your answers"), exc.message)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        fields = _validation_fields(exc)
        message = "; ".join(f"{f['field']}: {f['message']}" for f in fields) or "The request is not valid."
        if _is_api(request):
            return error_json(422, "invalid", message, fields)
        return render_error_page(request, 400, "Please check your answers", message)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = STATUS_CODES.get(exc.status_code, "error")
        if exc.status_code == 404:
            message = "There is no page at this address. Try the catalog or the start page."
        elif exc.status_code == 405:
            message = "This address does not accept that kind of request."
        else:
            message = str(exc.detail)
        if _is_api(request):
            if exc.status_code == 404:
                message = f"No API endpoint at {request.url.path}; see /api/v1/openapi.json."
            return error_json(exc.status_code, code, message)
        return render_error_page(request, exc.status_code, "Not found" if exc.status_code == 404 else "Sorry", message)

    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        message = "Something went wrong on our side. The problem was logged; please try again or go back."
        if _is_api(request):
            return error_json(500, "internal", message)
        try:
            return render_error_page(request, 500, "Sorry", message)
        except Exception:  # pragma: no cover - the template itself failed
            return Response(message, status_code=500, media_type="text/plain")

    app.add_exception_handler(WebError, web_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, crash)
