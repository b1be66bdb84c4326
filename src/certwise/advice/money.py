"""What a credential costs over three years, and what it may pay back.

Costs come from the record: the price to earn it, then each renewal its provider's rule
requires within three years of earning it (AWS: retake every 3 years with a 50% voucher;
Microsoft: a free online assessment every year; Google Cloud: recertify every 2 years; most
fundamentals and programs never expire). Salary figures appear only where a source gives one
(the guide's 25% for Google's ML Engineer and 20% for AWS's ML Specialty, both self-reported
survey figures); otherwise the answer is ``null`` with the reason. Nothing is invented.

>>> from datetime import date
>>> from certwise.catalog import default_catalog
>>> three_year_cost(default_catalog().get("google-ml-engineer"), date(2026, 11, 25))["total_usd"]
{'low': 300, 'high': 300}
>>> three_year_cost(default_catalog().get("azure-ai-apps-agents-developer"), date(2026, 11, 25))["total_usd"] is None
True
"""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING, Any

from certwise.constants import HORIZON_YEARS

if TYPE_CHECKING:
    from certwise.catalog.model import Credential


def _n(x: float) -> float:
    return int(x) if float(x).is_integer() else round(x, 2)


def _renewal_cost(cred: Credential) -> tuple[float, float, str]:
    """(low, high, how) for one renewal under the provider's rule."""
    r = cred.renewal
    exam_lo, exam_hi = cred.cost.usd.low, cred.cost.usd.high
    m = r.method
    if cred.cost.unknown and r.cost_usd is None and m in ("discounted-retake", "retake", "recertification-exam"):
        return math.nan, math.nan, "retake the exam (no source states its price)"
    if m == "free-online-assessment" and not r.cost_usd:
        return 0, 0, "free online renewal assessment"
    if r.cost_usd is not None:
        return r.cost_usd, r.cost_usd, f"{m.replace('-', ' ')} (${r.cost_usd:,.0f} per the provider)"
    if m == "discounted-retake":
        pct = r.discount_pct or 0
        f = 1 - pct / 100
        return exam_lo * f, exam_hi * f, f"retake the current exam with a {pct:g}% discount voucher"
    if m in ("retake", "recertification-exam"):
        return exam_lo, exam_hi, "retake the exam at full price" if m == "retake" else "pass the recertification exam"
    if m == "continuing-education":
        return 0, 0, "continuing education (the source states no fee)"
    return 0, 0, "nothing to renew"


def three_year_cost(cred: Credential, as_of: date) -> dict[str, Any]:
    """Earning cost plus renewals due within three years of earning it, as low/high ranges.

    A renewal falling exactly at the three-year mark is counted (it keeps the credential valid
    beyond the horizon). A credential that retires within the horizon cannot be renewed.
    """
    r = cred.renewal
    lo, hi = cred.cost.usd.low, cred.cost.usd.high
    renewals: list[dict[str, Any]] = []
    never = r.validity_years is None or r.method in ("none", "not-applicable")
    if not never:
        assert r.validity_years is not None
        per_lo, per_hi, how = _renewal_cost(cred)
        count = math.floor(HORIZON_YEARS / r.validity_years + 1e-9)
        retired = cred.lifecycle.retired
        for k in range(1, count + 1):
            due_years = k * r.validity_years
            if retired is not None:
                due = date(as_of.year + int(due_years), as_of.month, min(as_of.day, 28))
                if due >= retired:
                    renewals.append({"year": _n(due_years), "cost_usd": None, "how": "cannot be renewed: the exam "
                                     f"retired on {retired}; move to a successor"})
                    continue
            known = not math.isnan(per_lo)
            renewals.append({"year": _n(due_years), "how": how,
                             "cost_usd": {"low": _n(per_lo), "high": _n(per_hi)} if known else None})
            lo += per_lo
            hi += per_hi
        unit = "year" if r.validity_years == 1 else "years"
        rule = f"valid {r.validity_years:g} {unit}; renew: {how}"
    else:
        rule = "does not expire" if cred.kind.value != "learning-path" else "free learning path; nothing to renew"
    if r.note:
        rule += f" ({r.note.strip()})"
    return {
        "id": cred.id,
        "as_of": as_of.isoformat(),
        "horizon_years": HORIZON_YEARS,
        "initial_usd": None if cred.cost.unknown else cred.cost.usd.as_dict(),  # None: no source states a price
        "renewals": renewals,
        "total_usd": None if cred.cost.unknown or math.isnan(lo) else {"low": _n(lo), "high": _n(hi)},
        "rule": rule,
        "status": cred.status(as_of),
    }


MAX_SALARY = 10_000_000
"""The largest yearly salary (USD) ``roi`` works with: beyond it the figures mean nothing."""


def roi(cred: Credential, salary: float, as_of: date) -> dict[str, Any]:
    """Salary uplift and payback (SPEC.md §4 roi JSON). ValueError for a salary that is not > 0.

    Payback in months is a range: the cheapest cost at the highest uplift to the dearest cost at
    the lowest uplift. ``null`` (with the reason) when no source gives a salary figure.
    """
    if not 0 < salary <= MAX_SALARY:  # also refuses nan and inf
        raise ValueError(f"salary must be a yearly salary above 0 and at most {MAX_SALARY:,} in USD; got {salary:g}")
    cost = cred.cost.usd
    three = three_year_cost(cred, as_of)
    out: dict[str, Any] = {
        "id": cred.id, "name": cred.name, "as_of": as_of.isoformat(), "salary_usd": _n(salary),
        "cost_usd": None if cred.cost.unknown else cost.as_dict(), "three_year_cost_usd": three["total_usd"],
        "uplift_pct": None, "uplift_usd_per_year": None, "payback_months": None,
        "source": None, "caveat": None,
    }
    u = cred.salary_uplift
    if u is None:
        out["caveat"] = (f"No source in the catalog gives a salary figure for {cred.name}, so certwise gives none "
                         "(it does not invent one). Judge it by the worth-it test and the roles you target.")
        out["reason_null"] = "no sourced salary figure"
        return out
    up_lo, up_hi = salary * u.pct.low / 100, salary * u.pct.high / 100
    out["uplift_pct"] = u.pct.as_dict()
    out["uplift_usd_per_year"] = {"low": _n(round(up_lo, 2)), "high": _n(round(up_hi, 2))}
    if up_hi > 0 and not cred.cost.unknown:
        fast = cost.low / (up_hi / 12)
        slow = cost.high / (up_lo / 12) if up_lo > 0 else None
        out["payback_months"] = {"low": round(fast, 1), "high": round(slow, 1) if slow is not None else None}
    srcs = cred.source_for("salary_uplift")
    if srcs:
        s = srcs[0]
        out["source"] = {"ref": s.ref, "title": s.title, "url": s.url, "quote": s.quote,
                         "verified": s.verified.isoformat()}
    out["caveat"] = (f"A {u.basis} figure: holders' own reports compared with their pre-certification pay, not a "
                     "controlled study — people who certify may also be gaining experience or changing jobs. "
                     "Treat it as an upper bound, not a promise.")
    if cred.status(as_of) == "retired":
        out["caveat"] += f" {cred.name} retired on {cred.lifecycle.retired}: it can no longer be earned."
    return out
