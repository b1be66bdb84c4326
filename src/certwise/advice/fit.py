"""Is *this* credential worth it *for me*? The fit of one credential to one person on a date.

``evaluate`` judges the credential alone (recognition, practical, specificity, value, currency).
:func:`fit` adds the person: their level and role, their goal and why they want it, their budget
and pace, what they already hold — and the date (a retiring exam is worth finishing only if the
plan reaches it in time; an exam version may change before the exam day).

The verdict is ``worth-it``, ``depends`` or ``not-for-you``; every reason traces to the guide or
to a sourced fact; ``instead`` names better picks for this person when the fit is poor. With a
partial profile, ``assumed`` lists the defaults used and ``ask`` the one or two answers that would
change the verdict most.

>>> from datetime import date
>>> from certwise.catalog import default_catalog
>>> from certwise.advice.profile import Profile
>>> cat = default_catalog()
>>> fit(cat.get("aws-ml-specialty"), Profile(), cat, date(2026, 12, 1))["verdict"]
'not-for-you'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from certwise.advice.details import ACCESS_NOTES
from certwise.advice.pace import ready_on
from certwise.advice.plan import study_hours
from certwise.advice.profile import Profile
from certwise.advice.ranking import rank
from certwise.advice.recommend import role_misfit
from certwise.advice.scoring import BUILDERS, GOAL_DOMAINS, ProfileFactors
from certwise.advice.scoring_index import index_of
from certwise.advice.worth import evaluate_credential
from certwise.catalog.load import Catalog
from certwise.catalog.model import LEVEL_RANK, Credential
from certwise.profile_spec import PROFILE_SPEC, phrase
from certwise.words import and_list, num, span

ENGINEERING = {"ml-engineering", "mlops", "deep-learning", "infrastructure", "data-engineering"}
ASKABLE = ("role", "years_experience", "goal", "motive", "cloud", "budget_usd", "hours_per_week", "held")


def _signal(out: list[tuple[str, str]], level: str, reason: str) -> None:
    out.append((level, reason))


def _names(ids: Iterable[str], catalog: Catalog) -> str:
    return and_list([catalog.get(i).name for i in ids if i in catalog], "or")


def _dated(c: Credential, p: Profile, catalog: Catalog, as_of: date, out: list[tuple[str, str]]) -> None:
    """Status on the date and at the person's pace: retired, retiring, closed, a version change."""
    status = c.status(as_of)
    successors = [s for s in c.lifecycle.successors if s in catalog and catalog.get(s).is_live(as_of)]
    if status == "retired":
        tail = f"; take {_names(successors, catalog)} instead" if successors else ""
        _signal(out, "not-for-you", f"It retired on {c.lifecycle.retired} and can no longer be earned{tail}.")
        return
    if status == "upcoming":
        _signal(out, "depends", f"It opens on {c.lifecycle.launched}; plan for it then.")
    exam_day = ready_on(as_of, study_hours(c, p.years_experience), p.hours_per_week)
    end = c.lifecycle.retired
    if exam_day is None:
        _signal(out, "not-for-you", f"At {p.hours_per_week:g} h a week it would take more than 100 years to prepare.")
        return
    if end is not None and status == "retiring":
        days = (end - exam_day).days
        if days >= 0:
            _signal(out, "worth-it", f"Worth finishing: at {p.hours_per_week:g} h a week your exam falls on about "
                    f"{exam_day}, {days} days before its last day ({end}).")
        else:
            tail = f"; take {_names(successors, catalog)} instead" if successors else ""
            _signal(out, "not-for-you", f"At {p.hours_per_week:g} h a week you would be ready around {exam_day}, "
                    f"{-days} days after it retires ({end}){tail}.")
    change = c.version_change_between(as_of, exam_day) if c.versions else None
    if change:
        _signal(out, "note", f"The exam changes from {change[0].code} to {change[1].code} before your exam day "
                f"(about {exam_day}): prepare from the {change[1].code} guide.")
    if c.access != "public":
        _signal(out, "not-for-you", ACCESS_NOTES[c.access])
    if c.gated_for(set(p.held)):
        _signal(out, "not-for-you", f"You must first hold one of {_names(c.prerequisites_any, catalog)}.")


def _level_and_role(c: Credential, p: Profile, fit: ProfileFactors, out: list[tuple[str, str]]) -> None:
    level = LEVEL_RANK[c.level.value]
    gap = level - fit.readiness(c.ecosystem)
    if c.kind.value == "certification-exam" and gap >= 2:
        _signal(out, "not-for-you", f"Starting too advanced: a {c.level.value} exam, well above where your experience "
                "is today — the guide: \"Don't attempt the AWS ML Specialty if you've never used AWS. Build "
                "foundations first.\"")
    elif c.kind.value == "certification-exam" and gap >= 1:
        _signal(out, "depends", f"A {c.level.value} exam one step above your experience: worth it after hands-on "
                "practice or a foundations credential first.")
    if level <= 1 and p.stage == "senior" and p.role in BUILDERS:
        if p.goal == "ai-literacy":
            _signal(out, "note", "Foundational, which fits literacy in a new field; at your level keep it short.")
        else:
            _signal(out, "not-for-you", "Far below your level: at senior level the guide says \"certifications "
                    "matter less than track record\", and a foundations badge adds nothing you can't already show.")
    misfit = role_misfit(c, p)  # aimed at someone else: a business badge for a builder, prestige not needed
    if misfit:
        _signal(out, "depends", misfit)
    if p.goal in ("ai-literacy", "leadership") and level >= 3 and set(c.domains) & ENGINEERING \
            and p.role not in BUILDERS and c.kind.value == "certification-exam":
        _signal(out, "not-for-you", f"An engineering exam, while your goal is {phrase('goal', p.goal)}: the guide "
                "points people who need AI literacy to short programmes such as Google AI Essentials.")
    if c.kind.value == "university-program" and p.goal in ("research", "leadership"):
        _signal(out, "settles", f"Prestige matters for {phrase('goal', p.goal)}: the guide's case for a university "
                "programme (\"the Stanford name opens doors\").")


def _goal_money_motive(c: Credential, p: Profile, fit: ProfileFactors, worth: dict[str, Any],
                       out: list[tuple[str, str]]) -> None:
    goal = fit.goal(tuple(c.domains))
    if goal < 0.3:
        _signal(out, "depends", f"It does little for your goal ({phrase('goal', p.goal)}).")
    elif goal >= 0.8:
        _signal(out, "worth-it", f"It serves your goal ({phrase('goal', p.goal)}) directly.")
    if p.budget_usd is not None and not c.cost.is_free:
        if c.cost.unknown:
            _signal(out, "depends", "No source states its price, so it cannot be shown to fit your budget.")
        elif c.cost.usd.low > p.budget_usd:
            aid = " (financial aid can bring it to $0 if you are approved)" if c.cost.financial_aid else ""
            _signal(out, "depends", f"It costs {span(c.cost.usd, prefix='$')}, over your budget{aid}.")
    crit = worth["criteria"]
    hard = c.exam is not None and c.exam.proctored
    if p.motive == "hiring-signal":
        if crit["recognition"] >= 80 and (hard or crit["practical"] >= 70):
            _signal(out, "worth-it", "As a hiring signal it works: recognised, and it takes real work to pass.")
        elif crit["recognition"] < 60:
            _signal(out, "depends", "As a hiring signal it is weak: hiring managers may not know it.")
    elif p.motive == "learning":
        if crit["practical"] >= 70:
            _signal(out, "worth-it", "To learn the material it is good: you build things on the way.")
        else:
            _signal(out, "depends", "To learn, an exam tests rather than teaches: pair it with a course and projects.")
    elif p.motive == "shared-vocabulary":
        if c.prep_hours().high <= 40:
            _signal(out, "worth-it", "For a shared vocabulary with your team it is the right size: short fundamentals.")
        else:
            _signal(out, "depends", f"For a shared vocabulary it is more than you need ({span(c.prep_hours(), 'hours')}); "
                    "a short fundamentals course does that job.")
    elif p.motive == "client-credibility" and crit["recognition"] < 70:
        _signal(out, "depends", "For credibility with clients, a better-known credential says more.")
    elif p.motive == "requirement":
        _signal(out, "settles", "If your employer or a contract requires it, that settles it.")


def _held(c: Credential, p: Profile, catalog: Catalog, out: list[tuple[str, str]]) -> None:
    held = [catalog.get(h) for h in p.held if h in catalog]
    if c.id in p.held:
        _signal(out, "not-for-you", "You already hold it; renew it when it is due instead.")
        return
    same = [h for h in held if h.level == c.level and h.level.value == "foundational" and set(h.domains) & set(c.domains)]
    if same:
        _signal(out, "depends", f"A second fundamentals credential after {and_list([h.name for h in same])} adds little.")
    builds_on = [h for h in held if h.id in (*c.prerequisites, *c.prerequisites_any, *c.recommended_before)
                 or (h.ecosystem == c.ecosystem and LEVEL_RANK[c.level.value] == LEVEL_RANK[h.level.value] + 1)]
    if builds_on:
        _signal(out, "worth-it", f"The next rung after {and_list([h.name for h in builds_on])}: it adds most.")


def _verdict(signals: list[tuple[str, str]], worth: dict[str, Any]) -> str:
    """Any reason against it decides; a reason that settles the credential's "it depends" (a requirement,
    prestige that matters) makes it worth it; else it depends on what the credential's own test says."""
    levels = {lvl for lvl, _ in signals}
    if "not-for-you" in levels or worth["verdict"] == "skip":
        return "not-for-you"
    if "settles" in levels:
        return "worth-it"
    if "depends" in levels or worth["verdict"] == "situational":
        return "depends"
    return "worth-it"


def _instead(c: Credential, p: Profile, catalog: Catalog, as_of: date) -> list[str]:
    """Better picks for this person: the successors if it retired, else their top recommendations."""
    live = [s for s in c.lifecycle.successors if s in catalog and catalog.get(s).is_live(as_of)]
    if c.status(as_of) == "retired" and live:
        return live[:3]
    top = [s.cred.id for s in rank(p, catalog, as_of, limit=6, index=index_of(catalog)) if s.cred.id != c.id]
    return top[:3]


def evaluate_for(c: Credential, p: Profile, catalog: Catalog, as_of: date,
                 given: Iterable[str] | None = None) -> dict[str, Any]:
    """``evaluate`` (the credential's own verdict) with the ``fit`` block for this person and the profile used."""
    out = evaluate_credential(c, catalog, as_of)
    out["profile"] = p.to_json()
    out["fit"] = fit(c, p, catalog, as_of, given, worth=out)
    return out


def _judge(c: Credential, p: Profile, catalog: Catalog, as_of: date,
           worth: dict[str, Any]) -> tuple[str, list[tuple[str, str]]]:
    """(verdict, signals) for this person; ``worth`` is the credential's own evaluation (the same for anyone)."""
    factors = ProfileFactors(p, index_of(catalog), as_of)
    signals: list[tuple[str, str]] = []
    _dated(c, p, catalog, as_of, signals)
    _level_and_role(c, p, factors, signals)
    _goal_money_motive(c, p, factors, worth, signals)
    _held(c, p, catalog, signals)
    return _verdict(signals, worth), signals


def fit(c: Credential, p: Profile, catalog: Catalog, as_of: date, given: Iterable[str] | None = None,
        *, worth: dict[str, Any] | None = None) -> dict[str, Any]:
    """``{"verdict", "reasons", "instead", "assumed", "ask"}`` for credential ``c`` and person ``p``.

    ``given``: the profile fields the person actually answered (None: all of them); the others are
    ``assumed`` at their defaults, and ``ask`` names the one or two whose answer would change the
    verdict most. ``worth``: the credential's evaluation, when the caller has it already.
    """
    worth = worth if worth is not None else evaluate_credential(c, catalog, as_of)
    verdict, signals = _judge(c, p, catalog, as_of, worth)
    order = {"not-for-you": 0, "depends": 1, "settles": 2, "worth-it": 3, "note": 4}
    ranked = sorted(signals, key=lambda s: order[s[0]] if verdict != "worth-it" else (order[s[0]] + 3) % 5)
    reasons = [r for _, r in ranked][:5] or [worth["reasons"][-1]]
    out: dict[str, Any] = {
        "verdict": verdict,
        "reasons": reasons,
        "instead": _instead(c, p, catalog, as_of) if verdict != "worth-it" else [],
        "assumed": [],
        "ask": [],
    }
    if given is not None:
        missing = [f for f in PROFILE_SPEC if f.name not in set(given)]
        out["assumed"] = [f"{f.name}: {_shown(getattr(p, f.name))}" for f in missing]
        out["ask"] = _what_to_ask(c, p, catalog, as_of, worth, verdict, [f.name for f in missing])
    return out


def _shown(v: Any) -> str:
    if v is None:
        return "not given"
    if isinstance(v, tuple):
        return ", ".join(v) or "none"
    if isinstance(v, int | float) and not isinstance(v, bool):
        return num(v)
    return str(v)


# Other answers tried for each missing field, to see which would change the verdict.
_PROBES: dict[str, list[Any]] = {
    "role": ["developer", "non-technical", "ml-practitioner"],
    "years_experience": [0, 5, 10],
    "goal": ["ai-literacy", "ml-engineering", "leadership"],
    "motive": ["hiring-signal", "shared-vocabulary", "learning"],
    "cloud": ["aws", "azure", "gcp"],
    "budget_usd": [0, 300],
    "hours_per_week": [2, 15],
}


def _what_to_ask(c: Credential, p: Profile, catalog: Catalog, as_of: date, worth: dict[str, Any], verdict: str,
                 missing: list[str]) -> list[str]:
    """The one or two unanswered fields whose answers flip the verdict most often."""
    flips: list[tuple[int, str]] = []
    for name in missing:
        if name not in _PROBES or name not in ASKABLE:
            continue
        n = 0
        for value in _PROBES[name]:
            other = p.model_copy(update={name: value})
            if _judge(c, other, catalog, as_of, worth)[0] != verdict:
                n += 1
        if n:
            flips.append((n, name))
    flips.sort(key=lambda x: (-x[0], ASKABLE.index(x[1])))
    return [name for _, name in flips[:2]]


assert set(GOAL_DOMAINS) == set(next(f for f in PROFILE_SPEC if f.name == "goal").values)
