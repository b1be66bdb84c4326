"""The answers behind the pages and the API, as plain dicts (the API returns them as JSON,
the pages render them). Catalog answers come from ``certwise.catalog.views``; this module
adds what the web shows beside them (worth-it breakdown, three-year cost, pictures)."""

from __future__ import annotations

from datetime import date
from typing import Any

from certwise.catalog.load import Catalog
from certwise.catalog.model import Credential
from certwise.catalog.views import Filters, compare, credential_detail, credential_summary, list_credentials
from certwise.web.errors import WebError, bad_input, not_found
from certwise.web.svg import DOMAIN_COLORS, LEVEL_NAMES, LEVEL_ROWS, roadmap_svg

MAX_COMPARE = 4


def get_credential(cat: Catalog, ident: str) -> Credential:
    try:
        return cat.get(ident)
    except KeyError as e:
        raise not_found(str(e.args[0]).replace("`certwise search`", "the catalog search")) from None


def catalog_list(cat: Catalog, as_of: date, filters: Filters, sort: str) -> dict[str, Any]:
    return list_credentials(cat, as_of, filters, sort)


def _optional(fn_path: str) -> Any:
    """An engine function if its module has landed, else None (the page says so)."""
    mod, _, name = fn_path.rpartition(".")
    try:
        import importlib

        return getattr(importlib.import_module(mod), name)
    except (ImportError, AttributeError):
        return None


def worth(cred: Credential, cat: Catalog, as_of: date) -> dict[str, Any] | None:
    fn = _optional("certwise.advice.worth.evaluate_credential")
    return fn(cred, cat, as_of) if fn else None


def three_year_cost(cred: Credential, as_of: date) -> Any:
    fn = _optional("certwise.advice.money.three_year_cost")
    return fn(cred, as_of) if fn else None


def credential_page_data(cred: Credential, cat: Catalog, as_of: date) -> dict[str, Any]:
    """``credential_detail`` plus the worth-it breakdown and the three-year cost."""
    d = credential_detail(cred, cat, as_of)
    d["worth"] = worth(cred, cat, as_of)
    d["three_year_cost"] = three_year_cost(cred, as_of)
    names = {c.id: c.name for c in cat}
    d["names"] = {i: names.get(i, i) for i in [*d.get("prerequisites", []), *d.get("recommended_before", []),
                                                *d.get("replaces", []), *(cred.lifecycle.successors)]}
    return d


def compare_ids(cat: Catalog, ids: list[str]) -> list[str]:
    """Resolve 2–4 distinct credentials, or a plain-words error."""
    if len(ids) < 2:
        raise bad_input("Choose two to four credentials to compare (tick them in the catalog).", "ids")
    if len(ids) > MAX_COMPARE:
        raise bad_input(f"You chose {len(ids)}; compare at most {MAX_COMPARE} at a time.", "ids")
    resolved = []
    for i in ids:
        cid = cat.resolve(i)
        if cid is None:
            raise bad_input(str(get_credential_error(cat, i)), "ids")
        resolved.append(cid)
    if len(set(resolved)) != len(resolved):
        raise bad_input("The same credential is chosen twice; choose different ones.", "ids")
    return resolved


def get_credential_error(cat: Catalog, ident: str) -> str:
    try:
        cat.get(ident)
    except KeyError as e:
        return str(e.args[0]).replace(" (see `certwise search`)", "")
    return ""


def compare_data(cat: Catalog, ids: list[str], as_of: date) -> dict[str, Any]:
    ids = compare_ids(cat, ids)
    result = compare(cat, ids, as_of)
    extra_worth = []
    extra_cost = []
    for i in ids:
        c = cat.get(i)
        w = worth(c, cat, as_of)
        extra_worth.append(f"{w['score']}/100 — {w['verdict']}" if w else "—")
        t = three_year_cost(c, as_of)
        extra_cost.append(_fmt_cost(t))
    if any(v != "—" for v in extra_worth):
        result["rows"].append({"field": "worth", "label": "Worth-it score", "values": extra_worth})
    if any(v != "—" for v in extra_cost):
        result["rows"].append({"field": "three_year_cost", "label": "Cost over 3 years", "values": extra_cost})
    return result


def _fmt_cost(t: Any) -> str:
    from certwise.web.fmt import usd

    if t is None:
        return "—"
    if isinstance(t, dict):
        for key in ("total_usd", "usd", "total"):
            if key in t:
                return usd(t[key])
        if "low" in t:
            return usd(t)
        return "—"
    if isinstance(t, int | float):
        return usd(t)
    return str(t)


def roadmap_data(cat: Catalog, as_of: date) -> dict[str, Any]:
    creds = [credential_summary(c, as_of) for c in cat]
    by_provider: dict[str, list[dict[str, Any]]] = {}
    for c in sorted(creds, key=lambda c: (c["provider"].lower(), LEVEL_ROWS.index(c["level"])
                                          if c["level"] in LEVEL_ROWS else 9, c["name"])):
        by_provider.setdefault(c["provider"], []).append(c)
    return {
        "as_of": as_of.isoformat(),
        "svg": roadmap_svg(creds, as_of=as_of),
        "by_provider": by_provider,
        "levels": [LEVEL_NAMES[x] for x in LEVEL_ROWS],
        "colors": DOMAIN_COLORS,
    }


__all__ = ["WebError", "catalog_list", "compare_data", "credential_page_data", "get_credential", "roadmap_data"]
