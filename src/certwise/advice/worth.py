"""The guide's worth-it test, for a catalogued credential or one described in a file.

Five criteria, each 0–100, from "What employers actually look for":

============= ====== ====================================================================
criterion     weight the guide
============= ====== ====================================================================
recognition     30   "Recognition matters … Google, AWS, and Microsoft carry weight";
                     "a certification they've never heard of … might raise questions".
practical       25   "Practical skills trump theoretical knowledge … hands-on projects, not
                     just videos and quizzes".
specificity     15   "'AI Certified Professional' means nothing. 'AWS Certified Machine
                     Learning Specialty' means something specific."
value           15   "A $49 certificate nobody recognizes provides less career value than a
                     $300 certificate that hiring managers actively seek": cost against
                     depth (hours) and recognition.
currency        15   Status on the as-of date and renewal: "letting them lapse signals you're
                     not maintaining your skills"; a retired exam cannot be taken.
============= ====== ====================================================================

Verdict: ``skip`` when retired, when the score is under 45, or with two or more certificate-mill
red flags; ``worth-it`` at 70 and above with at most one minor flag; ``situational`` between.

>>> from datetime import date
>>> from certwise.catalog import default_catalog
>>> evaluate_credential(default_catalog().get("google-ml-engineer"), default_catalog(), date(2026, 11, 25))["verdict"]
'worth-it'
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from certwise.advice.description import (  # noqa: F401 - re-exported: the description is part of evaluate
    ASSESSMENTS,
    DESCRIPTION_FIELDS,
    Description,
    DescriptionError,
)
from certwise.advice.issuers import issuer_class
from certwise.advice.titles import is_generic_title
from certwise.catalog.labels import ecosystem_name
from certwise.words import and_list

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog
    from certwise.catalog.model import Credential

CRITERIA_WEIGHTS = {"recognition": 30, "practical": 25, "specificity": 15, "value": 15, "currency": 15}

def _flag(code: str, message: str) -> dict[str, str]:
    return {"code": code, "message": message}


def _verdict(score: int, flags: list[dict[str, str]]) -> str:
    codes = {f["code"] for f in flags}
    mill = codes & {"generic-title", "unrecognized-issuer", "no-hands-on", "quiz-only", "expensive-for-depth"}
    if "retired" in codes or score < 45 or len(mill) >= 2:
        return "skip"
    if score >= 70 and len(mill) <= 1 and not (mill & {"unrecognized-issuer", "generic-title"}):
        return "worth-it"
    return "situational"


def _total(criteria: dict[str, int]) -> int:
    return int(round(sum(CRITERIA_WEIGHTS[k] * v for k, v in criteria.items()) / 100))


def _unjudged(known: dict[str, int]) -> int:
    """A criterion no source lets us judge, as the weighted average of the known ones, so that the
    total is (to rounding) the score on what is known.

    >>> _unjudged({"recognition": 60, "practical": 90, "specificity": 65, "currency": 85})
    74
    """
    weight = sum(CRITERIA_WEIGHTS[k] for k in known)
    return int(round(sum(CRITERIA_WEIGHTS[k] * v for k, v in known.items()) / weight))


def _value(price: float, hours: float, recognition: int) -> int:
    """Cost against depth and recognition: dollars per hour of real study, eased by recognition."""
    if price <= 0:
        return 100 if recognition >= 50 else 70
    per_hour = min(price / max(hours, 1.0), 1e6)  # past ~$50/hour the value is 0; no overflow for 1e308
    v = 100 - 2.2 * max(0.0, per_hour - 3)  # a few dollars an hour is what good programs cost
    v += (recognition - 60) * 0.3
    return int(max(0, min(100, round(v))))


def evaluate_credential(cred: Credential, catalog: Catalog, as_of: date) -> dict[str, Any]:
    """The worth-it test for a catalogued credential (SPEC.md §4 evaluate JSON)."""
    flags: list[dict[str, str]] = []
    reasons: list[str] = []
    status = cred.status(as_of)
    cls = issuer_class(cred.provider)
    tier = cred.tier
    # recognition
    if tier == 1:
        rec, why = 100, f"Tier 1 in the guide: {cred.provider} certifications are \"the gold standard\"."
    elif tier == 4:
        rec, why = 85, f"{cred.provider}: a university name that \"opens doors\" where prestige matters."
    elif tier in (2, 3):
        rec, why = 80 if tier == 2 else 75, f"In the guide's tier {tier}: recognised and respected in the industry."
    elif cls == "major":
        rec, why = 80, f"Issued by {cred.provider}: big cloud providers \"have skin in the game\"."
    elif cls in ("known", "university"):
        rec, why = 65, f"Issued by {cred.provider}, a known name in AI/ML."
    else:
        rec, why = 35, f"{cred.provider} is not an issuer hiring managers widely recognise."
        flags.append(_flag("unrecognized-issuer", f"{cred.provider} is not a recognised issuer: hiring managers "
                                                  "may never have heard of it."))
    reasons.append(why)
    if cred.salary_uplift is not None:
        u = cred.salary_uplift.pct
        lo, hi = f"{u.low:g}", f"{u.high:g}"
        reasons.append(f"Holders report about {lo if lo == hi else lo + '–' + hi}% higher pay "
                       f"({cred.salary_uplift.basis.split('(')[0].strip()}; the return on investment works out the payback).")
        rec = min(100, rec + 5)
    # practical
    perf = bool(cred.exam and cred.exam.performance_based)
    if perf:
        prac = 100
        reasons.append("Performance-based exam: you prove skills by doing, not by recalling answers.")
    elif cred.hands_on.projects:
        prac = 90
        reasons.append("Hands-on projects: you finish with a portfolio, not just a certificate.")
    elif cred.hands_on.labs:
        prac = 75
        reasons.append("Hands-on labs build practical skill.")
    elif cred.exam and cred.exam.proctored:
        prac = 55
        reasons.append("A proctored exam that needs real experience to pass, but no building in the assessment: "
                       "pair it with your own projects.")
    else:
        prac = 20
    if cred.kind.value == "learning-path":
        prac = max(prac, 60)
    assessed = perf or cred.hands_on.projects or cred.hands_on.labs or bool(cred.exam and cred.exam.proctored)
    if not assessed and cred.kind.value != "learning-path":
        flags.append(_flag("no-hands-on", "No projects, labs or performance-based assessment: it teaches and "
                                          "signals less; prioritize programs that make you build things."))
    # specificity
    generic = is_generic_title(cred.name)
    if generic:
        spec = 15
        flags.append(_flag("generic-title", f"\"{cred.name}\" names no platform or skill: \"'AI Certified "
                                            "Professional' means nothing\"."))
    elif cred.ecosystem != "vendor-neutral":
        spec = 95
        reasons.append(f"Specific: it names a platform ({ecosystem_name(cred.ecosystem)}) and what you can do on it.")
    else:
        spec = 75 if len(cred.domains) <= 3 else 65
    # value
    mid_hours = (cred.prep_hours().low + cred.prep_hours().high) / 2
    mid_cost = (cred.cost.usd.low + cred.cost.usd.high) / 2
    val = _value(mid_cost, mid_hours, rec)
    if mid_cost >= 200 and mid_cost / max(mid_hours, 1) > 40 and rec < 80:
        flags.append(_flag("expensive-for-depth", f"${mid_cost:,.0f} for about {mid_hours:.0f} hours of study is "
                                                  "expensive for its depth and recognition."))
    if cred.cost.unknown:
        reasons.append("Its price is not stated by any source, so its value for money is not judged (it counts "
                       "as the average of the other criteria): ask the issuer before you commit.")
    elif cred.cost.is_free:
        reasons.append("Free.")
    elif cred.cost.financial_aid:
        reasons.append("Financial aid can reduce or eliminate the cost.")
    # currency
    cur = {"active": 100, "beta": 80, "retiring": 40, "retired": 0, "upcoming": 60}[status]
    if status == "retired":
        succ = [catalog.get(s).name for s in cred.lifecycle.successors if s in catalog and catalog.get(s).is_live(as_of)]
        tail = f"; take {and_list(succ, 'or')} instead" if succ else ""
        flags.append(_flag("retired", f"Retired on {cred.lifecycle.retired}: it can no longer be earned{tail}."))
    elif status == "retiring":
        reasons.append(f"Retiring{' on ' + str(cred.lifecycle.retired) if cred.lifecycle.retired else ''}: "
                       "finish before then or choose its successor.")
    elif status == "beta":
        reasons.append("In beta: new, so less widely recognised yet.")
    elif status == "upcoming":
        reasons.append(f"Not available yet (launches {cred.lifecycle.launched}).")
    if status in ("active", "beta") and cred.renewal.validity_years is None and any(
            d in cred.domains for d in ("generative-ai", "ai-literacy")):
        cur = min(cur, 85)  # "generic 'AI Fundamentals' certificates may age poorly"
    if cred.cost.unknown:  # an unstated price reads as $0 in the record: judge on what is known instead
        val = _unjudged({"recognition": rec, "practical": prac, "specificity": spec, "currency": cur})
    criteria = {"recognition": rec, "practical": prac, "specificity": spec, "value": val, "currency": cur}
    score = _total(criteria)
    verdict = _verdict(score, flags)
    if verdict == "worth-it" and cred.kind.value in ("university-program", "learning-path"):
        # "University programs are worth it if the prestige specifically matters"; learning paths
        # are preparation, "not the same as professional certifications"
        verdict = "situational"
    if status == "retired":
        succ = [catalog.get(x).name for x in cred.lifecycle.successors if x in catalog and catalog.get(x).is_live(as_of)]
        reasons.append("Skip: it can no longer be earned" + (f" — take {and_list(succ, 'or')} instead." if succ else "."))
    else:
        reasons.append(_verdict_reason(verdict, cred.tier, cred.kind.value, cred.ecosystem))
    return {"name": cred.name, "id": cred.id, "score": score, "verdict": verdict, "criteria": criteria,
            "red_flags": flags, "reasons": reasons, "status": status, "as_of": as_of.isoformat()}


def _verdict_reason(verdict: str, tier: int | None, kind: str, eco: str) -> str:
    if verdict == "worth-it":
        if eco in ("aws", "gcp", "azure"):
            return "Worth it — most of all if you work in (or target) that cloud."
        return "Worth it: recognised, practical and specific."
    if verdict == "situational":
        if kind == "university-program":
            return ("Situational: worth it if prestige matters for your target role (research, senior leadership); "
                    "for most people a cloud certification offers better ROI.")
        if kind == "learning-path":
            return "Situational: free preparation, not a credential employers screen for — use it on the way to one."
        return "Situational: worth it if it matches your platform and goal; check it against the recommendations for your profile."
    return "Skip: put the money and time into a recognised, hands-on credential instead."


def evaluate_description(desc: dict[str, Any], catalog: Catalog, as_of: date) -> dict[str, Any]:
    """The worth-it test for a credential described by the fields of SPEC.md §4.

    Raises :class:`DescriptionError` (one line) for a missing or bad field.
    """
    d = Description.from_mapping(desc)
    cid = catalog.resolve(d.name)
    flags: list[dict[str, str]] = []
    reasons: list[str] = []
    cls = issuer_class(d.issuer)
    rec = {"major": 85, "university": 75, "known": 65, "unknown": 25}[cls]
    if cid is not None:
        c = catalog.get(cid)
        if c.tier == 1:
            rec = 100
        elif c.tier:
            rec = max(rec, 75)
        reasons.append(f"In the catalog as {catalog.get(cid).name}, with its sourced facts.")
    if cls == "unknown" and cid is None:
        flags.append(_flag("unrecognized-issuer", f"{d.issuer} is not a recognised issuer: \"when a hiring manager "
                                                  "sees a certification they've never heard of … it might actually "
                                                  "raise questions\"."))
    else:
        reasons.append(f"Issuer {d.issuer} is recognised ({cls}).")
    prac = {"performance-exam": 100, "project": 90, "proctored-exam": 55, "quiz": 20, "none": 10}[d.assessment]
    if d.hands_on:
        prac = max(prac, 80)
        reasons.append("Hands-on work: you build things, which employers value over quizzes.")
    elif d.assessment in ("performance-exam", "project", "proctored-exam"):
        reasons.append(f"Assessed by a {d.assessment.replace('-', ' ')}, not just a quiz.")
    else:
        flags.append(_flag("no-hands-on", "No hands-on projects or labs: \"certifications without projects or "
                                          "practical assessments teach you less and signal less to employers\"."))
    if d.assessment in ("quiz", "none"):
        what = "a multiple-choice quiz" if d.assessment == "quiz" else "no assessment at all"
        flags.append(_flag("quiz-only", f"Assessed by {what}: the hallmark of a certificate mill — \"a few hours of "
                                        "video content and passing a multiple-choice quiz\"."))
    generic = is_generic_title(d.name)
    if generic:
        spec = 15
        flags.append(_flag("generic-title", f"\"{d.name}\" names no platform or skill: \"'AI Certified "
                                            "Professional' means nothing\"."))
    else:
        spec = 90 if re.search(r"\b(aws|amazon|azure|google|gcp|databricks|nvidia|tensorflow|pytorch)\b",
                               d.name, re.I) else 75
    val = _value(d.price_usd, d.hours, rec)
    if d.price_usd >= 200 and d.price_usd / d.hours > 40 and rec < 80:
        flags.append(_flag("expensive-for-depth", f"${d.price_usd:,.0f} for {d.hours:g} hours is expensive for "
                                                  "its depth and recognition."))
    if d.renewal_years is not None:
        cur = 100
        reasons.append(f"Renews every {d.renewal_years:g} years, so holders keep it current.")
    else:
        cur = 75
    criteria = {"recognition": rec, "practical": prac, "specificity": spec, "value": val, "currency": cur}
    score = _total(criteria)
    verdict = _verdict(score, flags)
    reasons.append(_verdict_reason(verdict, None, "description", "vendor-neutral"))
    return {"name": d.name, "id": cid, "score": score, "verdict": verdict, "criteria": criteria,
            "red_flags": flags, "reasons": reasons, "as_of": as_of.isoformat()}
