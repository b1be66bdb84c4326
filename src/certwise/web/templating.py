"""Pages in the site's layout: the Jinja2 environment (one per app) and ``render``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from certwise.web import fmt
from certwise.web.security import CSRF_FIELD, csrf_token

TEMPLATES = Path(__file__).parent / "templates"

NAV = (
    ("/", "start", "Start"),
    ("/catalog", "catalog", "Catalog"),
    ("/roadmap", "roadmap", "Roadmap"),
    ("/stacks", "stacks", "Stacks"),
    ("/check", "check", "Check a certification"),
    ("/plan", "plan", "Plan"),
    ("/portfolio", "portfolio", "Portfolio"),
    ("/faq", "faq", "FAQ"),
)


_DICT_ATTRIBUTES = frozenset(dir(dict))


class PageEnvironment(Environment):
    """Jinja's environment, with ``{{ rec.score }}`` on a plain dict looked up as the key at once.

    Jinja tries the attribute first and takes the key when that raises ``AttributeError``: the
    pages read the engine's dicts that way a few hundred times a render, and each raised and
    caught exception cost about a microsecond (a fifth of the results page's template). A plain
    ``dict`` has no attributes but its class's (``dir(dict)``), so for any other name the answer
    is the same: the key's value, or undefined as before.

    >>> env = PageEnvironment()
    >>> env.from_string("{{ d.score }} {{ d.missing is defined }} {{ d.items is callable }}").render(d={"score": 7})
    '7 False True'
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def make_templates() -> Jinja2Templates:
    env = PageEnvironment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "xml", "svg"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    fmt.install(env)
    return Jinja2Templates(env=env)



def render(request: Request, template: str, ctx: dict[str, Any], status: int = 200, page: str = "") -> HTMLResponse:
    """Render a page in the layout, with the date, the CSRF token and the navigation."""
    as_of = ctx.get("as_of") or request.app.state.web.today()
    base = {
        "nav": NAV,
        "page": page,
        "as_of": as_of,
        "csrf_field": CSRF_FIELD,
        "csrf_token": csrf_token(request),
        "as_of_param": request.query_params.get("as_of", ""),
        "catalog_checked": request.app.state.web.catalog_checked(),
    }
    base.update(ctx)
    return request.app.state.templates.TemplateResponse(  # type: ignore[no-any-return]
        request, template, base, status_code=status
    )
