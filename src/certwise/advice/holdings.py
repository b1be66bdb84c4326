"""What a person holds, as the audit reads it: holdings from any source, resolved and judged.

A :class:`Holding` comes from a catalog id, a mapping (the API), an Open Badge or a portfolio
entry. :func:`read_holdings` resolves each in the catalog (by id, else by name or alias), works
out when it expires (the date given, else the provider's renewal rule), keeps one per
credential (the latest renewal wins) and judges the ones the catalog does not know with the
worth-it test — on a full description when the holding carries one, else on its name and
issuer only.

>>> from datetime import date
>>> from certwise.catalog import default_catalog
>>> [h] = read_holdings([Holding(id=None, name="AWS Certified AI Practitioner", earned=date(2025, 3, 1))],
...                     default_catalog(), date(2026, 11, 25))
>>> h.cred.id, h.expires, h.basis
('aws-ai-practitioner', datetime.date(2028, 3, 1), 'provider-rule')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from certwise.advice.issuers import is_known_issuer, normalise_name
from certwise.advice.worth import DESCRIPTION_FIELDS, DescriptionError, evaluate_description, is_generic_title
from certwise.catalog.model import Credential

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog

__all__ = ["Holding", "HoldingRecord", "Held", "read_holdings", "judge_uncatalogued", "judge_by_name", "parse_date"]


class HoldingRecord(Protocol):
    """What a badge (:class:`certwise.interop.openbadges.Badge`) and a portfolio entry
    (:class:`certwise.store.Entry`) both carry."""

    @property
    def id(self) -> str | None: ...
    @property
    def name(self) -> str: ...
    @property
    def issuer(self) -> str: ...
    @property
    def earned(self) -> date | None: ...
    @property
    def expires(self) -> date | None: ...
    @property
    def credential_url(self) -> str | None: ...
    @property
    def source(self) -> str: ...




@dataclass(frozen=True)
class Holding:
    """One credential a person holds. ``id`` is a catalog id (or alias) or None (uncatalogued).

    ``details`` may carry what :func:`evaluate_description` reads for uncatalogued ones
    (price_usd, hours, assessment, hands_on, renewal_years).
    """

    id: str | None
    name: str
    issuer: str = ""
    earned: date | None = None
    expires: date | None = None
    source: str = "manual"
    url: str | None = None
    details: Mapping[str, Any] | None = field(default=None, compare=False)

    @classmethod
    def from_mapping(cls, d: Mapping[str, Any], source: str | None = None) -> Holding:
        """From a mapping: ``id``, ``name``, ``issuer``, ``earned``, ``expires`` (dates or
        YYYY-MM-DD), ``source``, ``url`` (or ``credential_url``), ``details``."""
        return cls(
            id=d.get("id"),
            name=str(d.get("name") or d.get("id") or "unnamed credential"),
            issuer=str(d.get("issuer") or ""),
            earned=parse_date(d.get("earned")),
            expires=parse_date(d.get("expires")),
            source=source or str(d.get("source") or "manual"),
            url=d.get("url") or d.get("credential_url"),
            details=d.get("details"),
        )

    @classmethod
    def from_record(cls, rec: HoldingRecord, source: str | None = None) -> Holding:
        """From a badge (:class:`certwise.interop.openbadges.Badge`) or a portfolio entry
        (:class:`certwise.store.Entry`)."""
        return cls(
            id=rec.id,
            name=rec.name or rec.id or "unnamed credential",
            issuer=rec.issuer or "",
            earned=parse_date(rec.earned),
            expires=parse_date(rec.expires),
            source=source or rec.source or "manual",
            url=rec.credential_url,
        )

    @classmethod
    def from_obj(cls, obj: Mapping[str, Any] | HoldingRecord, source: str | None = None) -> Holding:
        """From a mapping (:meth:`from_mapping`) or a badge or portfolio entry (:meth:`from_record`)."""
        return cls.from_mapping(obj, source) if isinstance(obj, Mapping) else cls.from_record(obj, source)


def parse_date(v: Any) -> date | None:
    """A date from a date, a datetime, YYYY-MM-DD text (a time after it is ignored), or None."""
    if v is None or v == "":
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v)[:10])
    except ValueError:
        raise ValueError(f"'{v}' is not a date; use YYYY-MM-DD, e.g. 2025-03-01") from None


@dataclass
class Held:
    """A holding as the audit reads it: the credential it is, when it expires and why, and —
    for one the catalog does not know — the worth-it test's answer."""

    h: Holding
    cred: Credential | None
    expires: date | None
    basis: str  # given, provider-rule, never, unknown
    judged: dict[str, Any] | None = None  # evaluate's answer, for uncatalogued ones

    @property
    def key(self) -> str:
        return self.cred.id if self.cred else f"custom:{normalise_name(self.h.name)}|{normalise_name(self.h.issuer)}"

    @property
    def label(self) -> str:
        return self.cred.name if self.cred else self.h.name

    @property
    def mill_like(self) -> bool:
        """What a certificate mill hands out: a generic title or an issuer nobody knows, or a skip."""
        if self.cred or not self.judged:
            return False
        codes = {f.get("code") for f in self.judged.get("red_flags", [])}
        return self.judged.get("verdict") == "skip" or bool(codes & {"generic-title", "unrecognized-issuer"})


def _resolve(h: Holding, catalog: Catalog) -> Credential | None:
    for ident in (h.id, h.name):
        if ident:
            cid = catalog.resolve(ident)
            if cid is not None:
                return catalog.get(cid)
    return None


def _expiry(h: Holding, c: Credential | None) -> tuple[date | None, str]:
    if h.expires:
        return h.expires, "given"
    if c is None:
        return None, "unknown"
    rule = c.renewal
    if not rule.expires:
        return None, "never"
    if h.earned is None:
        return None, "unknown"
    return rule.expiry(h.earned), "provider-rule"


def _merge(items: list[Held]) -> list[Held]:
    """One per credential: the latest earned (a renewal) wins."""
    out: dict[str, Held] = {}
    for it in items:
        cur = out.get(it.key)
        if cur is None or (it.h.earned or date.min, it.expires or date.min) > (cur.h.earned or date.min,
                                                                                cur.expires or date.min):
            out[it.key] = it
    return list(out.values())


# --- judging uncatalogued credentials ---------------------------------------------------------
#
# The evaluate test (advice/worth.py) needs a full description: price, hours, assessment. A badge
# or a portfolio entry usually carries only a name and an issuer, and a missing assessment must
# not count as "quiz only". So: with price and hours known, the full test; otherwise the part of
# it that the name and issuer can answer (generic title, unrecognised issuer), said as such.

def judge_by_name(desc: Mapping[str, Any], catalog: Catalog) -> dict[str, Any]:
    """The evaluate test restricted to what a name and an issuer can tell."""
    name, issuer = str(desc.get("name") or ""), str(desc.get("issuer") or "")
    flags: list[dict[str, str]] = []
    if is_generic_title(name):
        flags.append({"code": "generic-title", "message": f"\"{name}\" names no platform or skill: "
                      "\"'AI Certified Professional' means nothing\""})
    if not is_known_issuer(issuer, catalog):
        flags.append({"code": "unrecognized-issuer",
                      "message": f"{issuer or 'an unnamed issuer'} is not an issuer hiring managers are likely to "
                      "know: \"it might actually raise questions\""})
    if desc.get("assessment") in ("none", "quiz"):
        flags.append({"code": "quiz-only", "message": "assessed by a quiz or not at all"})
    if desc.get("hands_on") is False:
        flags.append({"code": "no-hands-on", "message": "no hands-on projects or labs"})
    verdict = "skip" if {f["code"] for f in flags} & {"generic-title", "unrecognized-issuer"} or len(flags) >= 2 \
        else "situational"
    return {"name": name, "id": None, "verdict": verdict, "red_flags": flags, "basis": "name-and-issuer",
            "reasons": ["judged on its name and issuer only; describe it fully with `certwise evaluate --file` "
                        "(price, hours, assessment, hands-on) for the whole test"]}


def judge_uncatalogued(h: Holding, catalog: Catalog, as_of: date) -> dict[str, Any]:
    """The worth-it test for a holding the catalog does not know: the whole test
    (:func:`certwise.advice.worth.evaluate_description`) when its details give a valid price
    and hours, else :func:`judge_by_name`. ``basis`` says which."""
    desc: dict[str, Any] = {"name": h.name, "issuer": h.issuer, "url": h.url}
    desc.update({k: v for k, v in (h.details or {}).items() if k in DESCRIPTION_FIELDS})
    desc = {k: v for k, v in desc.items() if v is not None}
    if desc.get("price_usd") is not None and desc.get("hours"):
        try:
            result = evaluate_description(desc, catalog, as_of)
        except DescriptionError:
            return judge_by_name(desc, catalog)
        result["basis"] = "full-description"
        return result
    return judge_by_name(desc, catalog)


def read_holdings(holdings: Iterable[Holding], catalog: Catalog, as_of: date) -> list[Held]:
    """Each holding resolved in the catalog (by id, else by name), with its expiry; one per
    credential (the latest renewal wins); uncatalogued ones judged (:func:`judge_uncatalogued`)."""
    items: list[Held] = []
    for h in holdings:
        c = _resolve(h, catalog)
        exp, basis = _expiry(h, c)
        items.append(Held(h, c, exp, basis))
    items = _merge(items)
    for it in items:
        if it.cred is None:
            it.judged = judge_uncatalogued(it.h, catalog, as_of)
    return items
