"""Calls (public reads; staff and organization managers write), the screening queue, the
ranking and the fairness report (call managers). The router is shared: applications.py and
reviews.py register on it."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from capacityhub.community.models import Organization, User
from capacityhub.forms.models import Form
from capacityhub.review.models import Call, CallKind
from capacityhub.review.reports import call_ranking, fairness_report
from capacityhub.review.selectors import (
    call_can_manage,
    call_get_visible,
    calls_open,
    screening_rows,
)
from capacityhub.review.services import (
    call_create,
    call_update,
)

from ..core.pagination import page_out, paginate
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ,
    READ_ERRORS,
    WRITE_AUTH,
    WRITE_ERRORS,
    Input,
    LanguageCode,
    ObjectId,
    Page,
    PageQuery,
    Text,
)
from .schemas import Money, known

router = Router(tags=["review"])
Texts = dict[LanguageCode, Text(8000)]


class CriterionOut(Schema):
    id: int
    name: dict[str, str]
    weight: float


class CallOut(Schema):
    id: int
    kind: str
    title: dict[str, str]
    purpose: dict[str, str]
    status: str
    opens_at: datetime
    closes_at: datetime
    decisions_by: datetime
    seats: int | None
    budget: Decimal | None
    currency: str
    blind: bool
    reviews_per_application: int
    eligible_regions: list[str]
    eligible_languages: list[str]
    form_id: int | None
    criteria: list[CriterionOut] = []


def _call_out(call: Call, criteria: bool = False) -> dict[str, Any]:
    out = {
        name: getattr(call, name)
        for name in (
            "id", "kind", "title", "purpose", "status", "opens_at", "closes_at", "decisions_by",
            "seats", "budget", "currency", "blind", "reviews_per_application",
            "eligible_regions", "eligible_languages", "form_id",
        )
    }  # fmt: skip
    if criteria:
        out["criteria"] = [
            {"id": c.pk, "name": c.name, "weight": float(c.weight)} for c in call.criteria.all()
        ]
    return out


@router.get("/calls", response={200: Page[CallOut], **READ_ERRORS}, **READ)
def list_calls(request: HttpRequest, paging: Query[PageQuery]):
    """Calls open now, closing soonest first."""
    calls, count = paginate(calls_open(), paging.page, paging.page_size)
    return page_out(request, [_call_out(c) for c in calls], count, paging.page, paging.page_size)


@router.get("/calls/{call_id}", response={200: CallOut, **DETAIL_ERRORS}, **READ)
def get_call(request: HttpRequest, call_id: ObjectId):
    return _call_out(call_get_visible(user=request.user, pk=call_id), criteria=True)


class CriterionIn(Input):
    name: Texts
    weight: Annotated[Decimal, Field(gt=0, le=100, max_digits=6, decimal_places=2)] = Decimal(1)
    description: Texts = {}


class CallIn(Input):
    kind: Literal[tuple(CallKind.values)]
    title: Texts
    purpose: Texts = {}
    opens_at: datetime
    closes_at: datetime
    decisions_by: datetime
    seats: Annotated[int, Field(ge=0, le=100_000)] | None = None
    budget: Money | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Za-z]{3}$")] | None = None
    reviews_per_application: Annotated[int, Field(ge=2, le=20)] = 2
    blind: bool = False
    applicants_see_comments: bool = False
    eligible_regions: list[Text(8)] = []
    eligible_languages: list[LanguageCode] = []
    form: ObjectId | None = None
    organization: ObjectId | None = None
    criteria: Annotated[list[CriterionIn], Field(min_length=1, max_length=30)]
    reviewers: Annotated[list[Text(150)], Field(max_length=500)] = []


@router.post("/calls", response={201: CallOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_call(request: HttpRequest, payload: CallIn):
    """Staff (or the managers of `organization`) open a call; dates must carry a zone."""
    fields = payload.model_dump(exclude={"form", "organization", "criteria", "reviewers"})
    fields["currency"] = fields["currency"] or ""
    fields["form"] = known(Form, payload.form, "form")
    organization = known(Organization, payload.organization, "organization")
    reviewers = list(User.objects.filter(username__in=payload.reviewers, is_active=True))
    call = call_create(
        actor=request.user,
        owner_organization=organization,
        criteria=[c.model_dump() for c in payload.criteria],
        reviewers=reviewers,
        **fields,
    )
    return Status(201, _call_out(call, criteria=True))


class CallPatch(Input):
    """Only the fields sent change. The rubric (`criteria`) is fixed once a review was
    submitted (422); `reviewers` replaces the list."""

    kind: Literal[tuple(CallKind.values)] | None = None
    title: Texts | None = None
    purpose: Texts | None = None
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    decisions_by: datetime | None = None
    seats: Annotated[int, Field(ge=0, le=100_000)] | None = None
    budget: Money | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Za-z]{3}$")] | None = None
    reviews_per_application: Annotated[int, Field(ge=2, le=20)] | None = None
    blind: bool | None = None
    applicants_see_comments: bool | None = None
    criteria: Annotated[list[CriterionIn], Field(min_length=1, max_length=30)] | None = None
    reviewers: Annotated[list[Text(150)], Field(max_length=500)] | None = None


NOT_NULL = {"kind", "title", "purpose", "opens_at", "closes_at", "decisions_by",
            "reviews_per_application", "blind", "applicants_see_comments", "currency"}  # fmt: skip


@router.patch("/calls/{call_id}", response={200: CallOut, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH)
def update_call(request: HttpRequest, call_id: ObjectId, payload: CallPatch):
    """Staff and the managers of the call's organization."""
    call = get_object_or_404(Call.objects.select_related("owner_organization"), pk=call_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"criteria", "reviewers"})
    nulls = sorted(k for k, v in changes.items() if v is None and k in NOT_NULL)
    if nulls:
        raise ValidationError({nulls[0]: _("This field cannot be empty.")})
    reviewers = None
    if payload.reviewers is not None:
        reviewers = list(User.objects.filter(username__in=payload.reviewers, is_active=True))
    criteria = [c.model_dump() for c in payload.criteria] if payload.criteria else None
    call = call_update(
        actor=request.user, call=call, criteria=criteria, reviewers=reviewers, **changes
    )
    return _call_out(call, criteria=True)


class ScreeningRowOut(Schema):
    id: int
    status: str
    language: str
    submitted_at: datetime | None
    unmet_rules: list[str]


@router.get(
    "/calls/{call_id}/applications",
    response={200: list[ScreeningRowOut], **DETAIL_ERRORS, 403: DETAIL_ERRORS[401]},
    auth=WRITE_AUTH,
)
def call_applications(request: HttpRequest, call_id: ObjectId):
    """The screening queue (call managers): every submitted application, with the call's
    checkable eligibility rules it does not meet."""
    call = _managed(request, call_id)
    return [
        {"id": a.pk, "status": a.status, "language": a.language,
         "submitted_at": a.submitted_at, "unmet_rules": problems}
        for a, problems in screening_rows(call=call)
    ]  # fmt: skip


class RankingOut(Schema):
    application: int
    rank: int
    score: float | None
    raw_score: float | None
    reviews: int
    spread: float
    flagged: bool
    above_cut: bool
    status: str


def _managed(request, call_id) -> Call:
    call = get_object_or_404(Call.objects.select_related("owner_organization"), pk=call_id)
    if not call_can_manage(user=request.user, call=call):
        raise PermissionDenied(_("Only staff and the managers of the call's organization can."))
    return call


@router.get(
    "/calls/{call_id}/ranking",
    response={200: list[RankingOut], **DETAIL_ERRORS, 403: DETAIL_ERRORS[401]},
    auth=WRITE_AUTH,
)
def ranking(request: HttpRequest, call_id: ObjectId):
    """Best first, with `above_cut` for those within the seats or budget (call managers)."""
    return [
        {"application": row.application.pk, "status": row.application.status,
         **{k: getattr(row.entry, k) for k in ("rank", "score", "raw_score", "reviews", "spread",
                                                "flagged", "above_cut")}}
        for row in call_ranking(_managed(request, call_id))
    ]  # fmt: skip


class FairnessGroupOut(Schema):
    dimension: str
    value: str
    applications: int
    accepted: int
    rate: float


class FairnessOut(Schema):
    groups: list[FairnessGroupOut]
    hidden_groups: int
    gender_available: bool


@router.get(
    "/calls/{call_id}/fairness",
    response={200: FairnessOut, **DETAIL_ERRORS, 403: DETAIL_ERRORS[401]},
    auth=WRITE_AUTH,
)
def fairness(request: HttpRequest, call_id: ObjectId):
    """Acceptance rates by region, language and organization kind; groups under 5 hidden."""
    report = fairness_report(_managed(request, call_id))
    return {
        "groups": [
            {"dimension": g.dimension, "value": g.value, "applications": g.applications,
             "accepted": g.accepted, "rate": g.rate}
            for g in report.groups
        ],
        "hidden_groups": report.hidden_groups,
        "gender_available": report.gender_available,
    }  # fmt: skip
