"""Whole answers kept for the pages and GET endpoints that depend only on the address.

A catalog page, a credential page, the results of a questionnaire, the roadmap, the FAQ and
the catalog's GET endpoints are worked out from the URL, the catalog and the date alone. This
pure ASGI middleware (inside :class:`~certwise.web.security.SecurityMiddleware`, which still
checks the Host and adds its headers and cookie to every answer) keeps each such 200 answer,
per app and catalog (:meth:`WebState.answers`), keyed by the address, the Host and the day, and
sends it again for the same request without running the route. Never kept: another method,
another status, an answer that sets a cookie or holds this browser's CSRF token (a form), and
every other path (the portfolio reads the store; it is never listed here).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from certwise.web.memo import keep, peek
from certwise.web.state import WebState

# Pages and endpoints whose answer is a function of the URL, the catalog and the date only.
PATHS = frozenset({"/", "/catalog", "/compare", "/roadmap", "/results", "/faq",
                   "/api/v1/credentials", "/api/v1/search", "/api/v1/compare", "/api/v1/stacks"})
PREFIXES = ("/credentials/", "/api/v1/credentials/", "/api/v1/stacks/")
MAX_BYTES = 512 * 1024  # a bigger answer is sent, not kept


def kept_path(path: str) -> bool:
    """True for the paths whose answers are kept.

    >>> kept_path("/results"), kept_path("/credentials/pmle"), kept_path("/portfolio")
    (True, True, False)
    """
    return path in PATHS or path.startswith(PREFIXES)


class PageCache:
    """Pure ASGI middleware: answer a repeated GET of a kept path from what was sent before."""

    def __init__(self, app: ASGIApp, *, state: WebState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not kept_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        cat = self.state.fresh_catalog()
        if cat is None:  # the catalog is due a look at its overlay: let the route do it
            await self.app(scope, receive, send)
            return
        host = next((v for k, v in scope["headers"] if k == b"host"), b"")
        key = ("page", scope.get("scheme"), host, scope.get("root_path", ""), scope["path"],
               scope["query_string"], self.state.today())
        owner = self.state.answers(cat)
        hit = peek(owner, key)
        if hit is not None:
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": list(headers)})
            await send({"type": "http.response.body", "body": body})
            return

        start: Message | None = None
        chunks: list[bytes] = []
        size = 0

        async def capture(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body" and size <= MAX_BYTES:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
            await send(message)

        await self.app(scope, receive, capture)
        if start is None or start["status"] != 200 or size > MAX_BYTES:
            return
        headers = tuple(start.get("headers", ()))
        if any(k.lower() == b"set-cookie" for k, _ in headers):
            return
        body = b"".join(chunks)
        token = str(scope.get("state", {}).get("csrf_token", ""))
        if token and token.encode() in body:  # a form with this browser's token: not for others
            return
        keep(owner, key, (200, headers, body))
