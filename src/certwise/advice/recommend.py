"""Rank the catalog's live credentials for a person and explain each pick from the guide.

The ranking is the weighted model of :mod:`certwise.advice.scoring` (its docstring has the
weights and the reason for each, from the guide). This module turns a ranking into the
SPEC.md §4 answer: reasons in the guide's words, warnings from its common mistakes and the
calendar, free learning paths, the stack to continue with, and guidance for the career stage
and for making the credential count.

>>> from datetime import date
>>> from certwise.catalog import default_catalog
>>> from certwise.advice.profile import Profile
>>> out = recommend(Profile(role="developer", cloud="gcp", cloud_experience="some", years_experience=4,
...                         goal="ml-engineering"), default_catalog(), date(2026, 1, 9))
>>> out["recommendations"][0]["id"]
'google-ml-engineer'
"""

from __future__ import annotations

from datetime import date
from itertools import repeat
from operator import itemgetter, mul
from typing import TYPE_CHECKING, Any

from certwise.advice.card_words import TIER_REASONS, dollars, higher_pay, hours, range_json, serves_goal
from certwise.advice.coherence import holdings_coherence
from certwise.advice.pace import ready_on
from certwise.advice.profile import Profile
from certwise.advice.ranking import rank
from certwise.advice.scoring import (
    BIG_CLOUDS,
    BUILDERS,
    WEIGHTS,
    ProfileFactors,
    Scored,
    prestige_need,
    weights_for,
)
from certwise.advice.scoring_index import ScoringIndex, index_of
from certwise.advice.stacks import STACK_POOL, continue_after, in_pool
from certwise.catalog.freshness import is_stale, record_checked
from certwise.catalog.labels import ecosystem_name
from certwise.catalog.model import LEVEL_RANK, Credential
from certwise.constants import WEEKS_PER_MONTH
from certwise.profile_spec import phrase
from certwise.words import and_list, span, usd_amount

if TYPE_CHECKING:
    from certwise.catalog.load import Catalog

__all__ = ["WEIGHTS", "Scored", "rank", "recommend", "situations", "explain_weights", "ids"]

MAKING_IT_COUNT = {
    "linkedin": "Put it on LinkedIn prominently: in your headline and skills section, not only under "
                "certifications — recruiters filter on certification keywords.",
    "cover_letter": "Mention it in cover letters: \"I recently completed the {name}\" signals seriousness "
                    "and specific competence.",
    "portfolio": "Combine it with portfolio projects: the certificate shows you learned something; the "
                 "project shows you can build something.",
}
STAGE_GUIDANCE = {
    "early": "Early career (0–2 years): focus on foundational certifications that show basic competence "
             "(IBM AI Engineering, cloud fundamentals, Google AI Essentials); the goal is to get past "
             "initial resume screens.",
    "mid": "Mid career (3–7 years): this is where specialized certifications add the most value — cloud ML "
           "certifications, advanced platform certifications and emerging areas (GenAI, MLOps) "
           "differentiate you.",
    "senior": "Senior career (8+ years): certifications matter less than your track record. University "
              "programs or prestige credentials can help with a move into senior leadership or a new "
              "domain; otherwise lead with what you have shipped.",
}



# --- explanations --------------------------------------------------------------------------------

def _budget(usd: float) -> str:
    """The person's budget in whole dollars: "$400"."""
    return usd_amount(round(usd))


def _reasons(s: Scored, p: Profile, as_of: date, catalog: Catalog, weights: dict[str, int] | None = None) -> list[str]:
    c, fa = s.cred, s.factors
    weights = weights if weights is not None else weights_for(p)
    contrib = dict(zip(fa, map(mul, map(weights.__getitem__, fa), fa.values()), strict=True))
    reasons: list[tuple[float, str]] = []
    serves = serves_goal(p.goal, tuple(c.domains))
    if fa["goal"] >= 0.5 and serves:
        reasons.append((contrib["goal"], serves))
    elif fa["goal"] >= 0.5 and s.leads_to:
        reasons.append((contrib["goal"], f"Foundations first: it leads to {and_list([catalog.get(i).name for i in s.leads_to[:2]])}, which serve "
                        f"your goal ({phrase('goal', p.goal)}) — the guide: \"build foundations first\"."))
    if c.ecosystem in BIG_CLOUDS and c.ecosystem == p.cloud:
        reasons.append((contrib["ecosystem"] + 1, f"Matches your environment ({ecosystem_name(c.ecosystem)}): the guide's rule "
                        "is to pick the cloud provider certification that matches where you work."))
    elif c.ecosystem in ("databricks", "nvidia") and fa["ecosystem"] >= 1.0:
        reasons.append((contrib["ecosystem"], f"You work with {ecosystem_name(c.ecosystem)}: the guide points people on that "
                        "platform to its own certification."))
    elif c.ecosystem == "vendor-neutral" and p.cloud == "none":
        reasons.append((contrib["ecosystem"] * 0.5, "Vendor-neutral: useful whichever platform your next employer uses."))
    if fa["level"] >= 0.9:
        rank_ = LEVEL_RANK[c.level]
        if p.stage == "senior" and rank_ <= 1:
            txt = ("literacy in a field new to you — at your level the guide says track record counts more than "
                   "certificates, so keep it short")
        elif p.stage == "early" or rank_ <= 1:
            txt = "foundations first — \"build foundations first\" and get past initial resume screens"
        elif p.stage == "mid" and rank_ >= 3:
            txt = "mid career is where the guide says specialized certifications add the most value"
        elif p.stage == "mid":
            txt = "a step your experience is ready for, on the way to specialised credentials"
        else:
            txt = "at your level it adds a credential without repeating basics"
        reasons.append((contrib["level"] * 0.6, f"Right level for you ({c.level.value}): {txt}."))
    tier = c.tier
    if tier is not None:
        reasons.append((contrib["recognition"], TIER_REASONS[tier]))
    elif c.ecosystem in BIG_CLOUDS:
        reasons.append((contrib["recognition"] * 0.8, f"Recognised issuer: certifications from {c.provider} carry "
                        "weight with hiring managers."))
    if s.replaces:
        for r in s.replaces:
            if r.tier is not None:
                tail = ": it carries that recognition forward" if c.tier is None else ""
                reasons.append((100, f"Successor of {r.name}, the guide's tier-{r.tier} pick, which "
                                f"retired on {r.lifecycle.retired}{tail}."))
    if c.salary_uplift is not None:
        reasons.append((contrib["recognition"] * 0.7, higher_pay(c.salary_uplift.pct, c.salary_uplift.basis)))
    if fa["prestige"] >= 0.8 and c.kind == "university-program":
        reasons.append((contrib["prestige"] * 1.5, "University prestige: the guide says these programs are worth it when "
                        "prestige specifically matters for your target roles."))
    if fa["persona"] >= 1.0:
        reasons.append((contrib["persona"], f"The guide names it best for {phrase('role', p.role)}."))
    if fa["practical"] >= 0.85:
        what = "a performance-based exam" if (c.exam and c.exam.performance_based) else (
            "hands-on projects" if c.hands_on.projects else "hands-on labs")
        reasons.append((contrib["practical"], f"Practical: {what} — \"practical skills trump theoretical knowledge\", "
                        "and you finish with something to show."))
    cost = c.cost.usd
    if p.budget_usd is not None:
        if cost.high <= p.budget_usd and not c.cost.unknown:  # an unstated price fits no budget
            reasons.append((contrib["budget"] * 0.7, f"Within your {_budget(p.budget_usd)} budget "
                            f"({dollars(cost)})."))
        elif c.cost.financial_aid:
            reasons.append((contrib["budget"], "Financial aid is available through Coursera, which can reduce or "
                            "eliminate the cost."))
    elif cost.high <= 200 and fa["recognition"] >= 0.75 and not c.cost.unknown:
        reasons.append((2, f"Good value: {dollars(cost)} for a recognised credential."))
    if fa["progression"] >= 1.0:
        built = [h for h in p.held if h in c.prerequisites or h in c.recommended_before]
        reasons.append((contrib["progression"] * 1.5, "Builds on what you hold"
                        + (f" ({', '.join(built)})" if built else "") + ": a stack that tells a coherent story."))
    prep = c.prep_hours()
    weeks = prep.low / p.hours_per_week
    if fa["time"] >= 0.99:
        reasons.append((contrib["time"] * 0.5, f"Fits your time: about {hours(prep)} "
                        f"hours of preparation, roughly {weeks:.0f}+ weeks at {p.hours_per_week:g} h/week."))
    reasons.sort(key=itemgetter(0), reverse=True)  # the weightiest first; equal ones keep their order
    out = [t for _, t in reasons[:5]]
    if not out:
        out = [f"Best available match for your profile among live credentials (score {round(s.score)})."]
    return out


def _stale_note(c: Credential, as_of: date) -> str | None:
    if is_stale(c, as_of):
        return f"Its facts were checked on {record_checked(c)}, more than 180 days ago: check the provider's page."
    return None


def _rec_json(s: Scored, p: Profile, as_of: date, catalog: Catalog,
              weights: dict[str, int] | None = None, index: ScoringIndex | None = None) -> dict[str, Any]:
    c = s.cred
    fa = s.factors
    d: dict[str, Any] = {
        "id": c.id, "name": c.name, "provider": c.provider, "score": int(round(s.score)),
        "reasons": _reasons(s, p, as_of, catalog, weights),
        "cost_usd": None if c.cost.unknown else range_json(c.cost.usd),  # None: no source states a price
        "prep_hours": range_json(c.prep_hours()), "prep_estimated": c.prep.unknown, "status": s.status,
        "level": c.level.value, "kind": c.kind.value, "ecosystem": c.ecosystem, "tier": c.tier,
        "factors": dict(zip(fa, map(round, map(mul, fa.values(), repeat(100))), strict=True)),  # whole percents
        "url": c.url,
    }
    if c.lifecycle.retired and s.status == "retiring":
        d["retires"] = c.lifecycle.retired.isoformat()
    if s.replaces:
        d["replaces"] = [r.id for r in s.replaces]
    if index is None:
        stale = _stale_note(c, as_of)
    else:  # kept per date
        notes = index.on(as_of).stale_notes
        position = index.by_id[c.id].position
        if position not in notes:
            notes[position] = _stale_note(c, as_of)
        stale = notes[position]
    if stale:
        d["stale"] = stale
    misfit = role_misfit(c, p)
    if misfit:
        d["fit_note"] = misfit
    over, note = budget_standing(c, p.budget_usd)
    d["over_budget"] = over
    if note:
        d["budget_note"] = note
    return d


def role_misfit(c: Credential, p: Profile) -> str | None:
    """A plain warning when a listed credential is aimed at someone else than this person."""
    business = set(c.best_for) <= {"non-technical", "leader"} and bool(c.best_for)
    if business and p.role in BUILDERS and p.goal not in ("ai-literacy", "leadership", "ai-governance"):
        return (f"Made for people who work with AI rather than build it; as one of the "
                f"{phrase('role', p.role)} it adds little to what you can show.")
    if c.kind == "university-program" and p.goal not in ("research", "leadership"):
        return ("The guide: university programmes are worth it when prestige specifically matters for your target "
                "role; for your goal a cloud provider certification offers better ROI.")
    return None


def budget_standing(c: Credential, budget: float | None) -> tuple[bool, str | None]:
    """(over the budget?, the plain words a card shows): a free-only budget is honoured to the letter.

    A financial-aid route is not free: the card says it costs nothing only if the aid is granted.
    """
    if budget is None or c.cost.is_free:
        return False, None
    price = "no source states its price" if c.cost.unknown else f"it costs {dollars(c.cost.usd)}"
    if not (c.cost.unknown or c.cost.usd.low > budget):
        return False, None
    if c.cost.financial_aid:
        return True, (f"Free only with financial aid: if your application is approved it costs you $0; "
                      f"otherwise {price}, over your {_budget(budget)} budget.")
    return True, f"Over your {_budget(budget)} budget: {price}."


def _warnings(ranked: list[Scored], p: Profile, catalog: Catalog, as_of: date,
              index: ScoringIndex, fit: ProfileFactors | None = None) -> list[dict[str, str]]:
    w: list[dict[str, str]] = []
    if ranked and p.budget_usd == 0:
        paid = [x.cred for x in ranked if not x.cred.cost.is_free]
        if paid:
            with_aid = [x.name for x in paid if x.cost.financial_aid]
            free = [x.cred.name for x in ranked if x.cred.cost.is_free]
            msg = (f"Free options only: {and_list([x.name for x in paid[:4]])}"
                   f"{' and others' if len(paid) > 4 else ''} cost money")
            msg += (f"; {and_list(with_aid[:3])} can be free with financial aid if you are approved"
                    if with_aid else "")
            msg += (f". Free now: {and_list(free[:3])}" if free else ". Nothing in these picks is free outright")
            msg += " — and the free learning paths below prepare you at no cost."
            w.append({"code": "over-budget", "message": msg})
    if not ranked:
        if p.budget_usd == 0:
            w.append({"code": "over-budget", "message": "Nothing in the catalog is free or has financial aid for your "
                      "profile; start with the free learning paths below and certify when you can."})
        return w
    top = ranked[:3]
    first = ranked[0]
    fit = fit if fit is not None else ProfileFactors(p, index, as_of)
    # starting too advanced: the pick for your goal in your cloud is above your readiness
    flagged = False
    for s in top:
        gap = LEVEL_RANK[s.cred.level] - fit.readiness(s.cred.ecosystem)
        if gap >= 1:
            w.append(_too_advanced(s.cred, p, catalog, as_of, index))
            flagged = True
            break
    if not flagged and p.cloud in BIG_CLOUDS and p.cloud_experience == "none":
        # the credential you would aim for in your cloud: its best-ranked one that serves the goal itself
        aim = next((s for s in ranked if s.cred.ecosystem == p.cloud and fit.goal(tuple(s.cred.domains)) >= 0.8), None)
        if aim is not None and LEVEL_RANK[aim.cred.level] - fit.readiness(aim.cred.ecosystem) >= 1:
            w.append(_too_advanced(aim.cred, p, catalog, as_of, index))
    # over budget
    if p.budget_usd is not None and p.budget_usd > 0 and budget_standing(first.cred, p.budget_usd)[0]:
        c = first.cred
        aid = " Coursera financial aid can reduce it." if c.cost.financial_aid else ""
        costs = (f"No source states what {c.name} costs, so it may be over" if c.cost.unknown
                 else f"{c.name} costs {dollars(c.cost.usd)}, over")
        w.append({"code": "over-budget", "message": f"{costs} your {_budget(p.budget_usd)} budget. "
                  f"Start with free learning paths and certify later.{aid}"})
    elif p.budget_usd is not None and p.budget_usd > 0:
        over = [s.cred for s in top[1:] if budget_standing(s.cred, p.budget_usd)[0]]
        if over:
            names = and_list([f"{c.name} ({'price not stated' if c.cost.unknown else dollars(c.cost.usd)})"
                              for c in over])
            w.append({"code": "over-budget", "message": f"Over your {_budget(p.budget_usd)} budget: {names}."})
    # cramming
    if p.months is not None:
        avail = p.hours_per_week * p.months * WEEKS_PER_MONTH
        need = first.cred.prep_hours().low
        if avail < 0.5 * need:
            w.append({"code": "cramming", "message": (
                f"{first.cred.name} needs about {span(first.cred.prep_hours())} hours of "
                f"preparation; {p.hours_per_week:g} h/week for {p.months:g} months gives about {avail:.0f}. "
                "Cramming passes exams without the skills — allow more months or more hours per week "
                f"(at {p.hours_per_week:g} h/week: about {need / p.hours_per_week / WEEKS_PER_MONTH:.0f}+ months).")})
    # collecting
    coh = holdings_coherence(p.held, catalog)
    if coh.collecting:
        w.append({"code": "collecting", "message": (
            f"You hold {coh.count} credentials that tell no single story (coherence {coh.score}/100). The guide's "
            "universal rule: never collect certifications for their own sake — pick the next one to deepen one "
            "direction, and build projects with what you have.")})
    # superseded: the guide's pick retired and its successor is offered
    seen: set[str] = set()
    for s in top:
        for r in s.replaces:
            if r.tier is None or r.id in seen:
                continue
            seen.add(r.id)
            offered = [x.cred.name for x in top if r in x.replaces]
            its = "its successor" if len(offered) == 1 else "its successors"
            w.append({"code": "superseded", "message": (
                f"The guide's pick {r.name} retired on {r.lifecycle.retired}; "
                f"{its} {and_list(offered)} {'is' if len(offered) == 1 else 'are'} offered instead.")})
    # the exam changes version before you would sit it
    for s in top:
        c = s.cred
        exam_day = ready_on(as_of, c.prep_hours().high, p.hours_per_week)
        change = c.version_change_between(as_of, exam_day) if c.versions and exam_day else None
        if change:
            now, then = change
            ends = f" (its last day is {now.last_day})" if now.last_day else ""
            w.append({"code": "exam-version-change", "message": (
                f"{c.name}: the exam is {now.code} today{ends}; at {p.hours_per_week:g} h/week you would sit "
                f"{then.code} — prepare from the {then.code} exam guide.")})
    # retiring
    for s in top:
        if s.status != "retiring":
            continue
        c = s.cred
        end = c.lifecycle.retired
        if end is None:
            w.append({"code": "retiring", "message": f"{c.name} is being retired (announced "
                      f"{c.lifecycle.retirement_announced}); check the exam's last date before you start."})
            continue
        weeks_left = (end - as_of).days / 7
        lo, hi = c.prep_hours().low / p.hours_per_week, c.prep_hours().high / p.hours_per_week
        if hi <= weeks_left:
            verdict = "you can finish preparing in time if you start now"
        elif lo <= weeks_left:
            verdict = "you can finish in time only at the fast end — book the exam early"
        else:
            verdict = "you cannot finish preparing before it retires at this pace"
        succ = [catalog.get(x).name for x in c.lifecycle.successors if x in catalog]
        tail = (f" {'Its successor is' if len(succ) == 1 else 'Its successors are'} {and_list(succ)}."
                if succ else "")
        w.append({"code": "retiring", "message": (
            f"{c.name} retires on {end} ({(end - as_of).days} days from {as_of}). At {p.hours_per_week:g} h/week you "
            f"need about {lo:.0f}–{hi:.0f} weeks to prepare: {verdict}.{tail}")})
    return w


def _too_advanced(c: Credential, p: Profile, catalog: Catalog, as_of: date, index: ScoringIndex) -> dict[str, str]:
    found: list[Credential] = []
    for i in index.foundational.get(c.ecosystem, []):  # sorted by id
        x = catalog.credentials[i]
        if x.id not in p.held and x.is_live(as_of):
            found.append(x)
            if len(found) == 3:
                break
    found += [catalog.get(i) for i in c.recommended_before if i in catalog and i not in p.held
              and catalog.get(i).is_live(as_of) and catalog.get(i) not in found]
    found.sort(key=lambda x: (LEVEL_RANK[x.level], x.id))
    where = ecosystem_name(c.ecosystem)
    exp = p.cloud_experience if c.ecosystem == p.cloud else "none"
    first = (" Build foundations first: " + and_list([x.name for x in found[:3]]) + ".") if found else \
        " Build foundations first with hands-on projects."
    why = f"you have {'no' if exp == 'none' else 'little'} hands-on {where} experience" if c.ecosystem in BIG_CLOUDS \
        else f"you are at the {p.stage} stage"
    return {"code": "starting-too-advanced", "message": (
        f"{c.name} is {c.level.value}-level and {why}. The guide: \"Don't attempt the AWS ML Specialty if you've "
        f"never used AWS … failed certification attempts are frustrating and waste money.\"{first}")}


def _free_resources(ranked: list[Scored], p: Profile, catalog: Catalog, as_of: date,
                    index: ScoringIndex, fit: ProfileFactors | None = None) -> list[str]:
    """Free learning paths that prepare for the top picks, best first (at most ``FREE_MAX``).

    "Start with free resources": a path counts when a top pick names it, when it is on a top
    pick's platform (or the person's cloud), or — for a tight budget — when it serves the goal
    on its own. Ordered by that, then by how well it serves the goal, then by id.
    """
    creds = catalog.credentials
    fit = fit if fit is not None else ProfileFactors(p, index, as_of)
    top = ranked[:3]
    named = {i for s in top for i in (*s.cred.recommended_before, *s.cred.prerequisites)}
    ecos: set[str] = {s.cred.ecosystem for s in top}
    if p.cloud in BIG_CLOUDS:
        ecos.add(p.cloud)
    tight = p.budget_usd is not None and (not ranked or p.budget_usd < ranked[0].cred.cost.usd.high)
    technical = p.goal not in ("ai-literacy", "leadership")
    held = set(p.held)
    picked: list[tuple[float, str]] = []
    for i in index.learning_paths:
        f = index.features[i]
        if f.id in held or not creds[i].is_live(as_of):
            continue
        goal = fit.goal(f.domain_set)
        rank_ = 0.0
        if f.id in named:
            rank_ = 3.0
        elif ranked and f.ecosystem == ranked[0].cred.ecosystem:
            rank_ = 2.5  # the first pick's own platform first
        elif f.ecosystem in ecos:
            rank_ = 2.0
        elif (f.ecosystem == "vendor-neutral" and (tight or technical)) or (tight and goal >= 0.8):
            rank_ = 1.0
        if rank_ > 0:
            picked.append((-(rank_ + goal), f.id))
    picked.sort()
    return [i for _, i in picked[:FREE_MAX]]


FREE_MAX = 5




FRAMEWORK = [
    ("complete-beginner", "If you're a complete beginner: start with the IBM AI Engineering Professional Certificate. "
     "It builds foundations, includes projects, and is cost-effective. Pair it with building your own projects."),
    ("developer", "If you're a developer or engineer: pick the cloud provider certification that matches your current "
     "or target environment. AWS if you're in an AWS shop, Google if you're in GCP, Azure if you're in the Microsoft "
     "ecosystem."),
    ("ai-literacy", "If you need AI literacy, not technical depth: Google AI Essentials gets you there fast and cheap."),
    ("generative-ai", "If you want to specialize in generative AI: AWS Generative AI Developer if you're on AWS, or "
     "combine IBM's certificate with DeepLearning.AI's LLM-focused content."),
    ("tight-budget", "If budget is tight: start with free resources and work toward certification later. The IBM "
     "certificate through Coursera has financial aid options; Microsoft Learn has free learning paths."),
    ("prestige", "For research, academic, senior or prestige-sensitive roles, university programs carry unique weight "
     "— but for most people the cloud provider certifications offer better ROI."),
    ("data-platform", "Databricks Certified ML Professional: for data professionals working with large-scale data and "
     "ML in organisations that use Databricks and Spark."),
    ("deep-learning", "For deep learning: the DeepLearning.AI TensorFlow certificate pairs well with the IBM certificate "
     "or as a second step after fundamentals."),
    ("universal", "The universal rule: never collect certifications for their own sake. Each credential should serve "
     "a specific purpose in your career strategy."),
]


def situations(p: Profile) -> list[str]:
    """Which of the guide's "How to choose" situations describe this person (for the explanation)."""
    s = []
    if p.stage == "early" and p.role in ("career-changer", "student") and p.goal in ("first-ai-role", "ml-engineering"):
        s.append("complete-beginner")
    if p.role in ("developer", "ml-practitioner", "data-professional") and p.cloud in BIG_CLOUDS:
        s.append("developer")
    if p.goal in ("ai-literacy",) or (p.role == "non-technical" and p.goal != "research"):
        s.append("ai-literacy")
    if p.goal == "generative-ai":
        s.append("generative-ai")
    if p.budget_usd is not None and p.budget_usd < 150:
        s.append("tight-budget")
    if prestige_need(p) >= 0.6:
        s.append("prestige")
    if {"databricks", "spark"} & set(p.platforms):
        s.append("data-platform")
    if p.goal == "deep-learning":
        s.append("deep-learning")
    s.append("universal")
    return s


def _guidance(ranked: list[Scored], p: Profile, as_of: date) -> dict[str, Any]:
    rules = dict(FRAMEWORK)
    g: dict[str, Any] = {
        "stage": STAGE_GUIDANCE[p.stage],
        "framework": [rules[k] for k in situations(p)],
    }
    if not ranked:
        return g
    c = ranked[0].cred
    keep = _keep_current(c)
    g["making_it_count"] = [
        MAKING_IT_COUNT["linkedin"],
        MAKING_IT_COUNT["cover_letter"].format(name=c.name),
        MAKING_IT_COUNT["portfolio"],
        keep,
    ]
    if p.stage == "senior":
        g["track_record"] = ("Certifications matter less than track record at your stage: lead with outcomes you have "
                             "delivered and use a credential to support a move into a new domain.")
    return g


def _keep_current(c: Credential) -> str:
    r = c.renewal
    if r.validity_years is None or r.method in ("none", "not-applicable"):
        return (f"Keep it current: {c.name} does not expire, but the field moves — refresh with a newer credential "
                "or projects every few years.")
    how = {
        "retake": "by retaking the exam",
        "discounted-retake": f"by passing the current exam{f' with a {r.discount_pct:g}% voucher' if r.discount_pct else ''}",
        "free-online-assessment": "with a free online renewal assessment",
        "continuing-education": "with continuing-education credits",
        "recertification-exam": "by passing the recertification exam",
    }.get(r.method, "")
    return (f"Keep it current: it is valid {r.validity_years:g} years; renew {how} — \"letting them lapse signals "
            "you're not maintaining your skills\".")


def recommend(profile: Profile, catalog: Catalog, as_of: date, limit: int = 10,
              index: ScoringIndex | None = None) -> dict[str, Any]:
    """The SPEC.md §4 recommendation JSON for ``profile`` on ``as_of`` (plus ``guidance``).

    Keys: as_of, profile, stage, recommendations (best first), warnings, free_resources, stack,
    guidance (career stage, the guide's matching rules, making the credential count).
    ``index``: the catalog's scoring index (default: :func:`~certwise.advice.scoring_index.index_of`).
    """
    index = index if index is not None else index_of(catalog)
    fit = ProfileFactors(profile, index, as_of)  # one for the ranking, the warnings and the free paths
    # the stack chooses from the first STACK_POOL; beyond what is shown only what it may choose is kept
    ranked = rank(profile, catalog, as_of, limit=max(limit, STACK_POOL), index=index, fit=fit, keep=in_pool,
                  keep_after=limit)
    weights = fit.weights
    recs = [_rec_json(s, profile, as_of, catalog, weights, index) for s in ranked[:limit]]
    stack: list[str] = []
    if ranked:
        stack = continue_after(ranked[0].cred.id, profile, catalog, as_of, ranked=ranked, index=index)
    ranked = ranked[:limit]
    return {
        "as_of": as_of.isoformat(),
        "catalog_checked": catalog.checked.isoformat(),
        "profile": profile.to_json(),
        "stage": profile.stage,
        "recommendations": recs,
        "warnings": _warnings(ranked, profile, catalog, as_of, index, fit),
        "free_resources": _free_resources(ranked, profile, catalog, as_of, index, fit),
        "stack": stack,
        "guidance": _guidance(ranked, profile, as_of),
        "before_you_certify": before_you_certify(profile),
        "weights": weights,
    }


PORTFOLIO_QUOTE = ("the guide: \"many hiring managers … say they'd rather see a strong GitHub portfolio than a list "
                   "of certifications\"")


def before_you_certify(p: Profile) -> dict[str, str] | None:
    """When a certificate is not the lever for this person, say so first (and still list the credentials).

    Public advice from 2024–2026 and the guide agree: an experienced builder moving into ML gets there
    through projects, an internal transfer or an MLOps role; a student through internships and
    projects; a senior through track record.
    """
    builds = p.role in ("developer", "data-professional")
    if builds and p.years_experience >= 3 and p.goal in ("ml-engineering", "first-ai-role", "generative-ai",
                                                         "data-to-ai", "deep-learning"):
        return {"code": "projects-first", "message": (
            f"With {p.years_experience} years as a {phrase('role', p.role)[:-1]}, a certificate is rarely what "
            "moves you into AI work: projects that show you can build and ship models, an internal transfer, or "
            f"an MLOps role on your current team usually do — {PORTFOLIO_QUOTE}. If you want a credential "
            "beside that, these help most:")}
    if p.role == "student" and p.goal in ("first-ai-role", "ml-engineering", "generative-ai", "deep-learning",
                                          "data-to-ai"):
        return {"code": "internship-first", "message": (
            "As a student, an internship and two or three real projects open more doors than a certificate — "
            f"{PORTFOLIO_QUOTE}. A certificate is worth it once it teaches you something you will build with:")}
    if p.stage == "senior" and p.goal in ("leadership", "research"):
        return {"code": "track-record", "message": (
            "At your level the guide says \"certifications matter less than track record\": your work and results "
            "make the case. Prestige programmes or a specialised credential can help with a move into "
            "leadership or a new domain — these are the ones that would:")}
    return None


def explain_weights() -> list[tuple[str, int]]:
    """(factor, weight) pairs, for help texts."""
    return list(WEIGHTS.items())


def ids(result: dict[str, Any]) -> list[str]:
    """The recommended ids of a recommend() result, best first."""
    return [r["id"] for r in result["recommendations"]]
