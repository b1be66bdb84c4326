"""How errors reach people and programs: the JSON shape under ``/api/``, a page in the layout elsewhere."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from certwise.store.entries import StoreUnavailable
from certwise.web.errors import STATUS_CODES, WebError, error_json, is_api, validation_fields
from certwise.web.templating import render

log = logging.getLogger("certwise.web")


def render_error_page(request: Request, status: int, title: str, message: str) -> Response:
    """The message in the site's layout (navigation and all), with the right status."""
    if not hasattr(request.state, "csrf_token"):  # refused before the middleware set one
        request.state.csrf_token = ""
    ctx: dict[str, Any] = {"title": title, "message": message, "status": status,
                           "as_of": request.app.state.web.today()}
    return render(request, "error.html", ctx, status=status)


def _with_head(allow: str) -> str:
    """Every GET also answers HEAD (see :class:`certwise.web.security.SecurityMiddleware`)."""
    methods = [m.strip() for m in allow.split(",") if m.strip()]
    if "GET" in methods and "HEAD" not in methods:
        methods.append("HEAD")
    return ", ".join(methods)


def install_error_handlers(app: FastAPI) -> None:
    async def web_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, WebError)
        if is_api(request):
            return error_json(exc.status, exc.code, exc.message, exc.fields)
        titles = {404: "Not found", 403: "Not allowed", 413: "Too large"}
        return render_error_page(request, exc.status, titles.get(exc.status, "Please check your answers"), exc.message)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        fields = validation_fields(exc)
        message = "; ".join(f"{f['field']}: {f['message']}" for f in fields) or "The request is not valid."
        if is_api(request):
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
        response: Response
        if is_api(request):
            if exc.status_code == 404:
                message = f"No API endpoint at {request.url.path}; see /api/v1/openapi.json."
            response = error_json(exc.status_code, code, message)
        else:
            title = "Not found" if exc.status_code == 404 else "Sorry"
            response = render_error_page(request, exc.status_code, title, message)
        for name, value in (exc.headers or {}).items():  # a 405 says what is allowed (Allow)
            response.headers[name] = _with_head(value) if name.lower() == "allow" else value
        return response

    async def store_unavailable(request: Request, exc: Exception) -> Response:
        """The portfolio database cannot be used: 503 saying why and what to do (the catalog works on)."""
        assert isinstance(exc, StoreUnavailable)
        log.warning("portfolio store unavailable on %s %s: %s", request.method, request.url.path, exc.message)
        message = f"Your portfolio is not available: {exc.message}."
        if is_api(request):
            return error_json(503, "store-unavailable", message)
        return render_error_page(request, 503, "Portfolio unavailable", message)

    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        message = "Something went wrong on our side. The problem was logged; please try again or go back."
        if is_api(request):
            return error_json(500, "internal", message)
        try:
            return render_error_page(request, 500, "Sorry", message)
        except Exception:  # pragma: no cover - the template itself failed
            return Response(message, status_code=500, media_type="text/plain")

    app.add_exception_handler(WebError, web_error)
    app.add_exception_handler(StoreUnavailable, store_unavailable)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, crash)
