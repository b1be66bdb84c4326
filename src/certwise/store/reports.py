"""The JSON answers for the portfolio, built once for the CLI and the web API alike.

Pure functions over store results and the catalog: no I/O.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from certwise.store.entries import Entry, RenewalDue

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog


def entry_dict(e: Entry, as_of: date) -> dict[str, Any]:
    """The entry JSON of SPEC §4 with ``expired`` on ``as_of``."""
    return {**e.to_dict(), "expired": e.expired(as_of)}


def portfolio_report(entries: list[Entry], as_of: date) -> dict[str, Any]:
    """``portfolio list --json``: ``{"as_of", "entries": [...], "counts": {...}}``."""
    return {
        "as_of": as_of.isoformat(),
        "entries": [entry_dict(e, as_of) for e in entries],
        "counts": {
            "held": sum(e.state == "held" for e in entries),
            "planned": sum(e.state == "planned" for e in entries),
            "expired": sum(e.expired(as_of) for e in entries),
        },
    }


def renewal_dict(d: RenewalDue, catalog: Catalog | None) -> dict[str, Any]:
    """One renewal, with the provider's rule (method, window, cost, where to renew) when the catalog knows it."""
    e = d.entry
    out: dict[str, Any] = {
        **e.to_dict(),
        "days_left": d.days_left,
        "status": d.status,
        "method": None,
        "window_opens": None,
        "renewal_cost_usd": None,
        "note": None,
        "renew_url": None,
    }
    cred = None
    if catalog is not None and e.id:
        cid = catalog.resolve(e.id)
        cred = catalog.get(cid) if cid else None
    if cred is not None and e.expires is not None:
        r = cred.renewal
        out["method"] = r.method
        if r.window_days:
            out["window_opens"] = (e.expires - timedelta(days=r.window_days)).isoformat()
        out["renewal_cost_usd"] = r.cost_usd
        out["note"] = r.note
        out["renew_url"] = cred.url
    return out


def renewals_report(due: list[RenewalDue], catalog: Catalog | None, as_of: date, within_days: int) -> dict[str, Any]:
    """``portfolio renewals --json``: ``{"as_of", "within_days", "renewals": [...]}``, soonest first."""
    return {
        "as_of": as_of.isoformat(),
        "within_days": within_days,
        "renewals": [renewal_dict(d, catalog) for d in due],
    }
