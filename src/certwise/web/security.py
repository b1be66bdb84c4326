"""Security for the web app: headers (CSP …), CSRF tokens, Origin and size checks.

* Every response carries a strict Content-Security-Policy (scripts and styles only from
  ``/static``; no inline code), ``nosniff``, ``frame-ancestors 'none'`` and a referrer policy.
* CSRF: a double-submit token. A random token lives in a ``SameSite=Strict`` cookie; every form
  that writes carries it in a hidden field and :func:`check_csrf` compares the two.
* Unsafe requests (POST, PUT, PATCH, DELETE) from another site are refused, by the ``Origin``
  and ``Sec-Fetch-Site`` headers browsers send.
* Request bodies are limited in size (badge uploads are the largest thing accepted).
* Optionally, only the given ``Host`` names are accepted (protects a loopback server from
  DNS rebinding).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.requests import Request, cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from certwise.web.errors import WebError

CSRF_COOKIE = "certwise_csrf"
CSRF_FIELD = "csrf_token"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}

_SECURITY_RAW = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]
_WANTED = frozenset({b"host", b"origin", b"sec-fetch-site", b"content-length", b"cookie"})

MAX_BODY_BYTES = 6 * 1024 * 1024  # the whole request: up to five 1 MB badge files and the form
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class _TooLarge(Exception):
    pass


def csrf_token(request: Request) -> str:
    """The token for this browser (set as a cookie by the middleware)."""
    return str(request.state.csrf_token)


async def check_csrf(request: Request) -> None:
    """Refuse a form post whose hidden token does not match the cookie."""
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    cookie = request.cookies.get(CSRF_COOKIE)
    if not isinstance(sent, str) or not cookie or not hmac.compare_digest(sent, cookie):
        raise WebError(
            403,
            "csrf",
            "This form could not be accepted: it has expired or came from another site. "
            "Reload the page and try again.",
        )


def _plain_error(scope: Scope, status: int, code: str, message: str) -> tuple[bytes, bytes]:
    if scope.get("path", "").startswith("/api/"):
        body = json.dumps({"error": {"code": code, "message": message, "fields": []}}).encode()
        return body, b"application/json"
    html = (
        "<!doctype html><html lang=en><meta charset=utf-8><title>certwise</title>"
        f"<link rel=stylesheet href=/static/style.css><main class=page><h1>Sorry</h1><p>{message}</p>"
        "<p><a href=/>Back to the start</a></p></main></html>"
    )
    return html.encode(), b"text/html; charset=utf-8"


class SecurityMiddleware:
    """Pure ASGI middleware: headers, CSRF cookie, Origin check, body limit, Host check."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body: int = MAX_BODY_BYTES,
        allowed_hosts: Iterable[str] | None = None,
        secure_cookie: bool = False,
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else None
        self.secure_cookie = secure_cookie

    async def _refuse(self, scope: Scope, send: Send, status: int, code: str, message: str) -> None:
        body, ctype = _plain_error(scope, status, code, message)
        headers = [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]
        headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # one pass over the raw headers for the few this needs, the first of each as the framework
        # reads them (Headers.get, request.cookies)
        found: dict[bytes, str] = {}
        for key, value in scope["headers"]:
            if key in _WANTED and key not in found:
                found[key] = value.decode("latin-1")
        host = found.get(b"host", "")
        origin, site, length, cookie = (found.get(k) for k in (b"origin", b"sec-fetch-site", b"content-length",
                                                               b"cookie"))
        if self.allowed_hosts is not None:
            hostname = urlsplit("//" + host).hostname or ""
            if hostname.lower() not in self.allowed_hosts:
                await self._refuse(scope, send, 400, "bad-host", "This server only answers on its own address.")
                return
        method = scope["method"]
        if method in UNSAFE:
            # "null" is an opaque origin (a sandboxed frame, a file:// page): the pages' forms are
            # covered by their CSRF token; the API has none, so it refuses it unless the browser
            # also says, by Sec-Fetch-Site, where the request came from.
            opaque = origin == "null" and not site and scope.get("path", "").startswith("/api/")
            if site == "cross-site" or opaque or (origin and origin != "null" and urlsplit(origin).netloc != host):
                await self._refuse(scope, send, 403, "forbidden", "Requests from other sites are not accepted.")
                return
            if length and length.isdigit() and int(length) > self.max_body:
                mb = self.max_body // (1024 * 1024)
                await self._refuse(scope, send, 413, "too-large", f"The upload is too large (at most {mb} MB in all).")
                return

        # the cookie read as the framework reads it (request.cookies), so check_csrf compares the same token
        token = (cookie_parser(cookie).get(CSRF_COOKIE) or "") if cookie else ""
        new_token = None
        if len(token) < 20:
            token = new_token = secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf_token"] = token
        extra = _SECURITY_RAW
        if new_token:
            secure = "; Secure" if self.secure_cookie else ""
            extra = [*extra, (b"set-cookie",
                              f"{CSRF_COOKIE}={new_token}; Path=/; HttpOnly; SameSite=Strict{secure}".encode())]

        # HEAD is GET without the body, for every page and GET endpoint
        head = method == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        received = 0
        started = False
        too_large = False  # a body (chunked, without Content-Length) grew past the limit
        replaced = False  # ... and the app's answer to the broken body was replaced by a 413

        async def limited_receive() -> Message:
            nonlocal received, too_large
            msg = await receive()
            if msg["type"] == "http.request":
                received += len(msg.get("body", b""))
                if received > self.max_body:
                    too_large = True
                    raise _TooLarge()
            return msg

        async def send_with_headers(message: Message) -> None:
            nonlocal started, replaced
            if replaced:
                return
            if too_large and message["type"] == "http.response.start" and not started:
                # the framework turned the interrupted read into its own error ("error parsing the
                # body"); the truth is that the upload is too large
                replaced = True
                mb = self.max_body // (1024 * 1024)
                await self._refuse(scope, send, 413, "too-large", f"The upload is too large (at most {mb} MB in all).")
                return
            if head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", ()))
                present = {k.lower() for k, _ in headers}
                # a response's own header (a page's own policy) wins over the default
                headers += [(k, v) for k, v in extra if k == b"set-cookie" or k not in present]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLarge:
            if replaced:
                return
            if started:
                raise
            mb = self.max_body // (1024 * 1024)
            await self._refuse(scope, send, 413, "too-large", f"The upload is too large (at most {mb} MB in all).")


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost."""

    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def loopback_hosts() -> list[str]:
    """Host names a loopback server answers to."""
    return ["127.0.0.1", "localhost", "::1"]


__all__ = ["CSP", "SecurityMiddleware", "check_csrf", "csrf_token", "is_loopback", "loopback_hosts"]
