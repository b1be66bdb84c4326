"""The composed answers about one or a few credentials: what ``show``, ``compare`` and ``roi``
return on every face (the CLI's ``--json``, the API, the pages). Built once here, rendered twice.

>>> from datetime import date
>>> from certwise.catalog import default_catalog
>>> cat = default_catalog()
>>> r = credential_report(cat.get("pmle"), cat, date(2026, 11, 25))
>>> r["id"], r["worth"]["verdict"], "total_usd" in r["three_year_cost"]
('google-ml-engineer', 'worth-it', True)
"""

from __future__ import annotations

from datetime import date
from typing import Any

from certwise.advice.money import roi, three_year_cost
from certwise.advice.worth import evaluate_credential
from certwise.catalog.browse import compare, credential_detail
from certwise.catalog.freshness import is_stale, record_checked
from certwise.catalog.load import Catalog
from certwise.catalog.model import Credential
from certwise.words import usd

MAX_COMPARE = 6
"""How many credentials one comparison holds at the most."""


class CompareError(ValueError):
    """Credentials that cannot be compared: ``field`` is ``ids``; ``str(err)`` is one line."""

    field = "ids"


def credential_report(cred: Credential, catalog: Catalog, as_of: date) -> dict[str, Any]:
    """Every sourced fact (``credential_detail``), the worth-it test and the three-year cost.

    ``names`` maps each id the report mentions to its name, so faces can speak in names.
    """
    d = credential_detail(cred, catalog, as_of)
    d["worth"] = evaluate_credential(cred, catalog, as_of)
    d["three_year_cost"] = three_year_cost(cred, as_of)
    mentioned = [*d.get("prerequisites", []), *d.get("recommended_before", []), *d.get("replaces", []),
                 *cred.lifecycle.successors]
    d["names"] = {i: (catalog.get(i).name if i in catalog else i) for i in mentioned}
    d["prep_hours"] = cred.prep_hours().as_dict()  # to plan with: the sourced range, or a typical one (prep.unknown)
    d.update(exam_version_facts(cred, as_of))
    d["checked"] = record_checked(cred).isoformat()
    d["stale"] = is_stale(cred, as_of)
    if cred.access != "public":
        d["access_note"] = ACCESS_NOTES[cred.access]
    return d


ACCESS_NOTES = {
    "partners": "Not open to individuals: only staff of the provider's partner companies can register.",
    "employees": "Not open to individuals: offered only through employers taking part.",
    "invitation": "Not open to individuals: by invitation only.",
}


def exam_version_facts(cred: Credential, as_of: date) -> dict[str, Any]:
    """Which exam version is in force on ``as_of``, and the one after it if it is already announced.

    ``{}`` for a credential without recorded versions.
    """
    v = cred.version_on(as_of)
    if v is None:
        return {}
    out: dict[str, Any] = {"exam_version": _version_dict(v, as_of)}
    later = [x for x in cred.versions if (x.opens() or date.max) > as_of and x.code != v.code]
    if later:
        out["next_exam_version"] = _version_dict(later[0], as_of)
    return out


def _version_dict(v: Any, as_of: date) -> dict[str, Any]:
    d = v.model_dump(mode="json", exclude_none=True)
    d["in_beta"] = bool(v.beta_from and v.beta_from <= as_of and (v.available_from is None or as_of < v.available_from))
    return d


def comparison(catalog: Catalog, idents: list[str], as_of: date) -> dict[str, Any]:
    """2–:data:`MAX_COMPARE` credentials side by side, with the worth-it score and the three-year cost rows.

    Raises KeyError for an unknown credential and CompareError for too few, too many or repeats.
    """
    if len(idents) < 2:
        raise CompareError("choose at least two credentials to compare")
    if len(idents) > MAX_COMPARE:
        raise CompareError(f"compare takes at most {MAX_COMPARE} credentials (got {len(idents)})")
    creds = [catalog.get(i) for i in idents]
    ids = [c.id for c in creds]
    if len(set(ids)) != len(ids):
        raise CompareError("the same credential is named twice; choose different ones")
    result = compare(catalog, ids, as_of)
    worth = [evaluate_credential(c, catalog, as_of) for c in creds]
    result["rows"].append({"field": "worth", "label": "Worth-it score",
                           "values": [f"{w['score']}/100 — {w['verdict']}" for w in worth]})
    result["rows"].append({"field": "three_year_cost", "label": "Cost over 3 years",
                           "values": [usd(three_year_cost(c, as_of)["total_usd"]) for c in creds]})
    return result


def roi_report(cred: Credential, salary: float, as_of: date) -> dict[str, Any]:
    """``roi`` (SPEC §4) with the renewals behind its three-year cost and the renewal rule in words.

    Raises ValueError for a salary that is not a number above 0.
    """
    out = roi(cred, salary, as_of)
    three = three_year_cost(cred, as_of)
    out["renewals"] = three["renewals"]
    out["renewal_rule"] = three["rule"]
    return out
