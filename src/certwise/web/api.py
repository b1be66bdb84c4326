"""The JSON API under ``/api/v1`` (documented at ``/api/v1/docs`` and in the README): the same engine as the CLI, the same JSON.

Every handler is a few lines: parse, call one function, return its dict. Errors have one
shape (see :mod:`certwise.web.errors`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from certwise import profile_spec
from certwise.advice import description
from certwise.advice.audit import Holding
from certwise.advice.audit import audit as run
from certwise.advice.money import MAX_SALARY
from certwise.advice.stacks import STACK_NAMES, named_stack
from certwise.advice.stacks import stack_for_profile as build
from certwise.catalog.browse import credential_summary
from certwise.catalog.search import search as do_search
from certwise.interop.openbadges import MAX_BADGE_BYTES
from certwise.store.reports import entry_dict, portfolio_report, renewals_report
from certwise.web import services
from certwise.web.deps import (
    DATE_PATTERN,
    WebDate,
    catalog,
    catalog_async,
    hashable,
    json_answer,
    json_text_only,
    parse_as_of,
    query_list,
    web,
)
from certwise.web.errors import ERROR_RESPONSES, ErrorResponse, bad_input, not_found
from certwise.web.forms import parse_filters

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES, dependencies=[Depends(json_text_only)])

# The pattern is stated, not enforced: parse_as_of checks the date (and accepts 29 February in leap years).
AsOf = Query(None, description="Compute as of this date, YYYY-MM-DD, years 1000-8999 (default: today).",
             json_schema_extra={"pattern": DATE_PATTERN})


@router.get("/credentials", tags=["catalog"], summary="List the catalog, filtered and sorted",
            response_model=dict[str, Any])
async def list_credentials(
    request: Request,
    q: str | None = Query(None, description="Search text: a name, an exam code or a nickname."),
    provider: list[str] = Query([], description="Provider name or part of it; repeat or comma-separate."),
    ecosystem: list[str] = Query([]),
    tier: list[str] = Query([], description="The guide's tier, 1-4."),
    level: list[str] = Query([]),
    domain: list[str] = Query([]),
    kind: list[str] = Query([]),
    status: list[str] = Query([]),
    group: list[str] = Query([]),
    # a number; nan, inf and negative amounts are refused by parse_filters (400), like the CLI's flag
    max_cost: float | None = Query(None, json_schema_extra={"minimum": 0},
                                   description="Only credentials whose lowest cost is at most this (USD)."),
    free: bool = False,
    sort: str = Query("tier", description="tier, name, cost, hours, provider or level."),
    as_of: str | None = AsOf,
) -> Response:
    """``certwise list --json``."""
    day = parse_as_of(as_of, request)
    filters, sort_key, errors = parse_filters(lambda name: query_list(request, name))
    if errors:
        raise bad_input(" ".join(errors))
    cat = await catalog_async(request)
    return await json_answer(request, cat, ("list", day, repr(filters), sort_key),
                             lambda: services.catalog_list(cat, day, filters, sort_key))


@router.get("/credentials/{ident}", tags=["catalog"], summary="Every fact about one credential",
            response_model=dict[str, Any])
async def get_credential(request: Request, ident: str, as_of: str | None = AsOf) -> Response:
    """``certwise show ID --json``; ``ident`` may be an id, an exam code or a common name."""
    day = parse_as_of(as_of, request)
    cat = await catalog_async(request)
    cred = services.get_credential(cat, ident)
    return await json_answer(request, cat, ("show", cred.id, day),
                             lambda: services.credential_page_data(cred, cat, day))


@router.get("/compare", tags=["catalog"], summary="Two to four credentials side by side")
def compare(request: Request, ids: list[str] = Query(..., description="2-4 ids or aliases"),
            as_of: str | None = AsOf) -> dict[str, Any]:
    """``certwise compare ID ID… --json``."""
    day = parse_as_of(as_of, request)
    return services.compare_data(catalog(request), query_list(request, "ids"), day)


@router.get("/search", tags=["catalog"], summary="Find credentials by name, alias or exam code")
def search(request: Request, q: str = Query(..., min_length=1), limit: int = Query(10, ge=1, le=100),
           as_of: str | None = AsOf) -> dict[str, Any]:
    """``certwise search TEXT --json``: best match first."""

    day = parse_as_of(as_of, request)
    hits = do_search(catalog(request), q, limit=limit)
    return {"as_of": day.isoformat(), "query": q,
            "results": [{**credential_summary(c, day), "score": s} for c, s in hits]}


# --- bodies -----------------------------------------------------------------------------------

# The request bodies that carry a profile or a credential description are generated from their
# specs (certwise.profile_spec, certwise.advice.description): real enums and bounds.
if TYPE_CHECKING:  # generated models are classes at run time; to the type checker they are open
    ProfileIn: TypeAlias = Any
    RecommendIn: TypeAlias = Any
    EvaluateIn: TypeAlias = Any
else:
    ProfileIn = profile_spec.api_model("ProfileIn")
    RecommendIn = profile_spec.api_model(
        "RecommendIn",
        as_of=(WebDate | None, Field(None, description="Compute as of this date (default: today).")),
        limit=(int, Field(10, ge=1, le=50, description="How many recommendations.")),
    )
    EvaluateIn = description.api_model(
        "EvaluateIn",
        id=(str | None, Field(None, description="A catalog id or alias, e.g. AI-102; or describe the credential.",
                              max_length=200)),
        as_of=(WebDate | None, Field(None, description="Compute as of this date (default: today).")),
        profile=(ProfileIn | None, Field(None, description="Who is asking: adds the fit for this person (with 'id').")),
    )


def profile_mapping(body: Any) -> dict[str, Any]:
    """The profile fields given in a body (None means "not given": the engine's default)."""
    return {k: v for k, v in body.model_dump().items() if k in profile_spec.FIELDS and v is not None}


class PlanIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ids: list[str] = Field(..., min_length=1, max_length=12, description="Credential ids or aliases.")
    start: WebDate | None = Field(None, description="First study day (default: today).")
    hours_per_week: float = Field(5, gt=0, le=168)
    years_experience: int = Field(0, ge=0)
    held: list[str] = Field(default_factory=list, description="Ids already held (prerequisites met).")


class RoiIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    salary: float = Field(..., gt=0, le=MAX_SALARY, allow_inf_nan=False, description="Yearly salary in USD.")
    as_of: WebDate | None = None


class HoldingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str | None = None
    name: str | None = None
    issuer: str | None = None
    earned: WebDate | None = None
    expires: WebDate | None = None


class AuditIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    held: list[str] = Field(default_factory=list, description="Catalog ids or aliases you hold.")
    holdings: list[HoldingIn] = Field(default_factory=list, description="Credentials with dates, or outside the catalog.")
    portfolio: bool = Field(False, description="Also audit everything held in the stored portfolio.")
    as_of: WebDate | None = None


class EntryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, description="A catalog id or alias; or give name and issuer.")
    name: str | None = None
    issuer: str | None = None
    state: str = Field("held", description="held or planned")
    earned: WebDate | None = None
    expires: WebDate | None = None
    credential_url: str | None = None
    as_of: WebDate | None = None


# --- advice -----------------------------------------------------------------------------------

@router.post("/recommend", tags=["advice"], summary="Recommendations for a profile",
             response_model=dict[str, Any])
async def recommend(request: Request, body: RecommendIn) -> Response:
    cat = await catalog_async(request)
    mapping = profile_mapping(body)
    day = parse_as_of(body.as_of, request)
    return await json_answer(request, cat, ("recommend", hashable(mapping), day, body.limit), lambda: services.recommend_data(
        services.build_profile(mapping, cat), cat, day, limit=body.limit))


@router.post("/evaluate", tags=["advice"], summary="Is a credential worth it?")
def evaluate(request: Request, body: EvaluateIn) -> dict[str, Any]:
    cat = catalog(request)
    day = parse_as_of(body.as_of, request)
    if body.id and body.profile is not None:
        mapping = profile_mapping(body.profile)
        return services.evaluate_for_person(cat, body.id, services.build_profile(mapping, cat), set(mapping), day)
    if body.profile is not None:
        raise bad_input("The fit for you needs a catalogued credential: give 'id' with 'profile'.", "profile")
    if body.id:
        return services.evaluate_id(cat, body.id, day)
    desc = body.model_dump(exclude={"id", "as_of", "profile"}, exclude_none=True)
    if not desc:
        raise bad_input("Give 'id' for a catalogued credential, or describe one: name, issuer, price_usd, hours …")
    return services.evaluate_desc(cat, desc, day)


@router.get("/stacks", tags=["advice"], summary="The named stacks")
def stacks() -> dict[str, Any]:
    return {"stacks": list(STACK_NAMES)}


@router.get("/stacks/{name}", tags=["advice"], summary="A certification stack")
def stack(request: Request, name: str, held: list[str] = Query([]), as_of: str | None = AsOf) -> dict[str, Any]:
    cat = catalog(request)
    held_ids = [services.get_credential_or_400(cat, h, "held").id for h in query_list(request, "held")]
    try:
        return named_stack(name, cat, parse_as_of(as_of, request), held=held_ids)  # type: ignore[no-any-return]
    except KeyError as e:
        raise not_found(f"{e.args[0]} (POST a profile to /api/v1/stacks)") from None


@router.post("/stacks", tags=["advice"], summary="A stack built for a profile")
def stack_for_profile(request: Request, body: RecommendIn) -> dict[str, Any]:
    cat = catalog(request)
    profile = services.build_profile(profile_mapping(body), cat)
    return build(profile, cat, parse_as_of(body.as_of, request))  # type: ignore[no-any-return]


@router.post("/plan", tags=["plan"], summary="A dated study plan")
def plan(request: Request, body: PlanIn) -> dict[str, Any]:
    cat = catalog(request)
    held = [services.get_credential_or_400(cat, h, "held").id for h in body.held]
    return services.plan_data(cat, body.ids, parse_as_of(body.start, request, "start"), body.hours_per_week,
                              body.years_experience, held=held, as_of=parse_as_of(None, request))


@router.post("/plan.ics", tags=["plan"], summary="The plan as an iCalendar file",
             response_class=Response, responses={200: {"content": {"text/calendar": {}}}})
def plan_ics(request: Request, body: PlanIn) -> Response:
    p = plan(request, body)
    return Response(services.plan_ics(p), media_type="text/calendar; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="certwise-plan.ics"'})


@router.post("/roi", tags=["advice"], summary="Salary uplift and payback")
def roi(request: Request, body: RoiIn) -> dict[str, Any]:
    cat = catalog(request)
    cred = services.get_credential_or_400(cat, body.id, "id")
    return services.roi_data(cred, body.salary, parse_as_of(body.as_of, request))


@router.post("/audit", tags=["advice"], summary="What held credentials say together")
def audit(request: Request, body: AuditIn) -> dict[str, Any]:
    cat = catalog(request)
    day = parse_as_of(body.as_of, request)
    holdings = [Holding(id=services.get_credential_or_400(cat, h, "held").id, name=h) for h in body.held]
    for h in body.holdings:
        if not h.id and not h.name:
            raise bad_input("Each holding needs an id or a name.", "holdings")
        if h.id:
            services.get_credential_or_400(cat, h.id, "holdings.id")
        holdings.append(Holding.from_obj(h.model_dump()))
    if body.portfolio:
        holdings += [Holding.from_obj(e) for e in web(request).store().list_entries("held")]
    return run(holdings, cat, day)  # type: ignore[no-any-return]


# --- portfolio --------------------------------------------------------------------------------

@router.get("/portfolio", tags=["portfolio"], summary="Everything in the portfolio")
def portfolio_list(request: Request, as_of: str | None = AsOf) -> dict[str, Any]:
    return portfolio_report(web(request).store().list_entries(), parse_as_of(as_of, request))


@router.post("/portfolio", tags=["portfolio"], summary="Add a held or planned credential", status_code=201)
def portfolio_add(request: Request, body: EntryIn) -> dict[str, Any]:
    day = parse_as_of(body.as_of, request)
    e = services.add_entry(web(request).store(), catalog(request), day, body.model_dump(exclude={"as_of"}))
    return entry_dict(e, day)


@router.delete("/portfolio/{ident}", tags=["portfolio"], summary="Remove an entry (entry id, catalog id or name)")
def portfolio_remove(request: Request, ident: str, as_of: str | None = AsOf) -> dict[str, Any]:
    e = services.remove_entry(web(request).store(), catalog(request), ident)
    return {"removed": entry_dict(e, parse_as_of(as_of, request))}


@router.get("/portfolio/renewals", tags=["portfolio"], summary="Renewals coming up")
def portfolio_renewals(request: Request, within: int = Query(90, ge=0, le=3650), as_of: str | None = AsOf) -> dict[str, Any]:
    day = parse_as_of(as_of, request)
    cat = catalog(request)
    return renewals_report(web(request).store().renewals(day, within), cat, day, within)


@router.post("/portfolio/badges", tags=["portfolio"], summary="Import Open Badges files (multipart, field 'files')",
             status_code=201, responses={415: {"model": ErrorResponse, "description": "A file that is not badge JSON."}})
async def portfolio_badges(request: Request, files: list[UploadFile] = File(..., min_length=1),
                           as_of: str | None = AsOf,
                           accept_unverified: bool = Query(False, description="Let badges whose signature could "
                                                           "not be checked update existing entries.")
                           ) -> dict[str, Any]:
    day = parse_as_of(as_of, request)
    data = [(f.filename or "", await f.read(MAX_BADGE_BYTES + 1)) for f in files]
    return services.import_badges(web(request).store(), catalog(request), day, data,
                                  accept_unverified=accept_unverified)
