"""Whole answers kept for the requests whose answer depends only on what the request says.

A catalog page, a credential page, the results of a questionnaire, the roadmap, the FAQ and
the catalog's GET endpoints are worked out from the URL, the catalog and the date alone; so
are the advice endpoints (recommend, a stack for a profile, evaluate, plan) from their JSON
body. This pure ASGI middleware (inside :class:`~certwise.web.security.SecurityMiddleware`,
which still checks the Host, the Origin and the size and adds its headers and cookie to every
answer) keeps each such 200 answer, per app and catalog (:meth:`WebState.answers`), keyed by
the address, the Host, the day and (for a POST) the body's exact bytes and content type, and
sends it again for the same request without running the route: the same bytes validate the
same way and give the same answer. A page with a form is kept with a slot where the browser's
CSRF token was, and each browser gets its own token in it. Never kept: another method or path,
another status, an answer that sets a cookie, a body over 64 KB, and the portfolio (it reads
the store; it is never listed here).
"""

from __future__ import annotations

import secrets

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from certwise.web.memo import keep, peek
from certwise.web.state import WebState

# Pages and endpoints whose answer is a function of the URL, the catalog and the date only.
PATHS = frozenset({"/", "/catalog", "/compare", "/roadmap", "/results", "/faq",
                   "/api/v1/credentials", "/api/v1/search", "/api/v1/compare", "/api/v1/stacks"})
PREFIXES = ("/credentials/", "/api/v1/credentials/", "/api/v1/stacks/")
# POST endpoints whose answer is a function of the body, the catalog and the date only
POSTS = frozenset({"/api/v1/recommend", "/api/v1/stacks", "/api/v1/evaluate", "/api/v1/plan"})
MAX_BYTES = 512 * 1024  # a bigger answer is sent, not kept
MAX_BODY = 64 * 1024  # a bigger request body is passed on, not kept
# where a kept page had the CSRF token of the browser it was made for (random: no page has it otherwise)
_TOKEN_SLOT = ("cw-token-slot-" + secrets.token_urlsafe(24)).encode()


def kept_path(path: str) -> bool:
    """True for the paths whose answers are kept.

    >>> kept_path("/results"), kept_path("/credentials/pmle"), kept_path("/portfolio")
    (True, True, False)
    """
    return path in PATHS or path.startswith(PREFIXES)


class PageCache:
    """Pure ASGI middleware: answer a repeated request of a kept path from what was sent before."""

    def __init__(self, app: ASGIApp, *, state: WebState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        post = method == "POST" and path in POSTS
        if not (post or (method == "GET" and kept_path(path))):
            await self.app(scope, receive, send)
            return
        cat = self.state.fresh_catalog()
        if cat is None:  # the catalog is due a look at its overlay: let the route do it
            await self.app(scope, receive, send)
            return
        headers: dict[bytes, bytes] = {}
        for k, v in scope["headers"]:  # the first of a repeated header, as the framework reads it
            headers.setdefault(k, v)
        body = b""
        if post:
            body, receive, whole = await _read_body(receive)
            if not whole:  # too big to keep, or the client went away: the route deals with it
                await self.app(scope, receive, send)
                return
        key = ("page", method, scope.get("scheme"), headers.get(b"host", b""), scope.get("root_path", ""), path,
               scope["query_string"], headers.get(b"content-type", b"") if post else b"", body,
               self.state.today())
        owner = self.state.answers(cat)
        hit = peek(owner, key)
        if hit is not None:
            status, sent, answer, with_token = hit
            if with_token:  # a page with a form: this browser's own token in it
                answer = answer.replace(_TOKEN_SLOT, str(scope["state"]["csrf_token"]).encode())
                sent = [(k, str(len(answer)).encode() if k == b"content-length" else v) for k, v in sent]
            await send({"type": "http.response.start", "status": status, "headers": list(sent)})
            await send({"type": "http.response.body", "body": answer})
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
        sent = tuple(start.get("headers", ()))
        if any(k.lower() == b"set-cookie" for k, _ in sent):
            return
        answer = b"".join(chunks)
        token = str(scope.get("state", {}).get("csrf_token", "")).encode()
        # a form carries this browser's CSRF token: kept with a slot in its place, filled in for each browser
        with_token = bool(token) and token in answer
        if with_token:
            if _TOKEN_SLOT in answer:
                return
            answer = answer.replace(token, _TOKEN_SLOT)
        keep(owner, key, (200, sent, answer, with_token))


async def _read_body(receive: Receive) -> tuple[bytes, Receive, bool]:
    """The request body (up to :data:`MAX_BODY`), a ``receive`` that hands the app the same
    messages again, and whether the body is whole (all of it read, no disconnect)."""
    messages: list[Message] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            whole = False
            break
        size += len(message.get("body", b""))
        if size > MAX_BODY:
            whole = False
            break
        if not message.get("more_body", False):
            whole = True
            break
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.request")

    async def replay() -> Message:
        if messages:
            return messages.pop(0)
        return await receive()

    return body, replay, whole
