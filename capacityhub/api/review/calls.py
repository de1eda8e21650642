"""Calls and applications (public reads; applicant writes), screening, assignment, reviews
and decisions (call managers and reviewers)."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from capacityhub.community.models import Organization, User
from capacityhub.forms.models import Form
from capacityhub.integrity.models import Decision
from capacityhub.integrity.selectors import decision_current
from capacityhub.review.models import Application, Assignment, Call, CallKind
from capacityhub.review.reports import call_ranking, fairness_report
from capacityhub.review.selectors import (
    application_can_view,
    application_for_reviewer,
    applications_of_applicant,
    call_can_manage,
    call_get_visible,
    calls_open,
    reviewer_queue,
    screening_rows,
)
from capacityhub.review.services import (
    application_attach_file,
    application_decide,
    application_save,
    application_screen,
    application_withdraw,
    assignment_reassign,
    assignments_run,
    call_create,
    call_update,
    offer_respond,
    review_save,
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

router = Router(tags=["review"])
Texts = dict[LanguageCode, Text(8000)]
Score = Annotated[int, Field(ge=0, le=5)] | None
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]


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


def _known(model, pk: int | None, field: str):
    """The row a body field names; an unknown id is bad input naming the field (422)."""
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        messages = {"form": _("No such form."), "organization": _("No such organization.")}
        raise ValidationError({field: messages[field]})
    return found


@router.post("/calls", response={201: CallOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_call(request: HttpRequest, payload: CallIn):
    """Staff (or the managers of `organization`) open a call; dates must carry a zone."""
    fields = payload.model_dump(exclude={"form", "organization", "criteria", "reviewers"})
    fields["currency"] = fields["currency"] or ""
    fields["form"] = _known(Form, payload.form, "form")
    organization = _known(Organization, payload.organization, "organization")
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


class ApplicationOut(Schema):
    id: int
    call: int
    status: str
    language: str
    organization: int | None
    amount_requested: Decimal | None
    submitted_at: datetime | None
    answers: dict[str, Any] = {}
    decision: str | None = None
    reason: str | None = None


def _application_out(application: Application, *, with_decision: bool = True) -> dict:
    out = {
        "id": application.pk,
        "call": application.call_id,
        "status": application.status,
        "language": application.language,
        "organization": application.organization_id,
        "amount_requested": application.amount_requested,
        "submitted_at": application.submitted_at,
        "answers": application.response.answers if application.response_id else {},
    }
    if with_decision:
        current = decision_current(application)
        if current is not None and current.outcome != "eligible":
            out["decision"], out["reason"] = current.outcome, current.reason
    return out


@router.get(
    "/me/applications", response={200: Page[ApplicationOut], **READ_ERRORS}, auth=WRITE_AUTH
)
def my_applications(request: HttpRequest, paging: Query[PageQuery]):
    """My applications with their status at every step."""
    items, count = paginate(
        applications_of_applicant(user=request.user).select_related("response"),
        paging.page,
        paging.page_size,
    )
    results = [_application_out(a, with_decision=False) for a in items]
    return page_out(request, results, count, paging.page, paging.page_size)


class ApplicationIn(Input):
    answers: Annotated[dict[Text(64), Any], Field(max_length=200)] = {}
    organization: ObjectId | None = None
    amount_requested: Money | None = None
    language: LanguageCode | Literal[""] = ""
    submit: bool = False


@router.put(
    "/calls/{call_id}/application",
    response={200: ApplicationOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def save_application(request: HttpRequest, call_id: ObjectId, payload: ApplicationIn):
    """Save my draft, or submit it (`submit: true`). After the close, a submitted
    application, or an answer that breaks a question's rule: 422, nothing saved. Files go
    to `POST /applications/{application_id}/files/{question_key}`."""
    call = call_get_visible(user=request.user, pk=call_id)
    organization = _known(Organization, payload.organization, "organization")
    application = application_save(
        actor=request.user,
        call=call,
        answers=payload.answers,
        organization=organization,
        amount_requested=payload.amount_requested,
        language=payload.language,
        submit=payload.submit,
    )
    return _application_out(application)


def _application(request, application_id: int) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("call", "response"), pk=application_id
    )
    return application


@router.post(
    "/applications/{application_id}/files/{question_key}",
    response={200: ApplicationOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def attach_application_file(
    request: HttpRequest,
    application_id: ObjectId,
    question_key: Annotated[str, Field(max_length=64)],
    file: File[UploadedFile],
):
    """The applicant attaches a file (multipart/form-data, field `file`) to a file question of
    their draft; it replaces an earlier file for that question. The question's size and type
    limits apply, the file is stored privately; a file too big or of the wrong type, a question
    that takes no file, a submitted application or the call's close: 422 naming the field,
    nothing saved."""
    application = _application(request, application_id)
    application = application_attach_file(
        actor=request.user, application=application, question_key=question_key, upload=file
    )
    return _application_out(application)


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationOut, **DETAIL_ERRORS, 403: DETAIL_ERRORS[401]},
    **READ,
)
def get_application(request: HttpRequest, application_id: ObjectId):
    """The applicant and the call's managers; reviewers read it through their assignment."""
    application = _application(request, application_id)
    if not application_can_view(user=request.user, application=application):
        raise PermissionDenied(_("This application is not yours to see."))
    return _application_out(application)


@router.post(
    "/applications/{application_id}/withdraw",
    response={200: ApplicationOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def withdraw_application(request: HttpRequest, application_id: ObjectId):
    application = application_withdraw(
        actor=request.user, application=_application(request, application_id)
    )
    return _application_out(application)


class SeatOfferIn(Input):
    take_up: bool


@router.post(
    "/applications/{application_id}/offer",
    response={200: ApplicationOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def answer_offer(request: HttpRequest, application_id: ObjectId, payload: SeatOfferIn):
    """The applicant takes up or refuses an accepted offer."""
    application = _application(request, application_id)
    offer_respond(actor=request.user, application=application, take_up=payload.take_up)
    application.refresh_from_db()
    return _application_out(application)


class ScreeningIn(Input):
    eligible: bool
    reason: Text(8000) = ""
    supersedes: ObjectId | None = None


class ApplicationDecisionIn(Input):
    outcome: Literal["accept", "waitlist", "decline"]
    reason: Text(8000) = ""
    supersedes: ObjectId | None = Field(
        None, description="The decision you saw (screening or earlier outcome); stale: 422."
    )


class ApplicationDecisionOut(Schema):
    id: int
    outcome: str
    reason: str
    decided_at: datetime
    supersedes: int | None


def _decision_out(decision: Decision) -> dict:
    return {
        "id": decision.pk,
        "outcome": decision.outcome,
        "reason": decision.reason,
        "decided_at": decision.decided_at,
        "supersedes": decision.supersedes_id,
    }


def _superseded(pk: int | None) -> Decision | None:
    return get_object_or_404(Decision, pk=pk) if pk else None


@router.post(
    "/applications/{application_id}/screening",
    response={201: ApplicationDecisionOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def screen_application(request: HttpRequest, application_id: ObjectId, payload: ScreeningIn):
    decision = application_screen(
        actor=request.user,
        application=_application(request, application_id),
        eligible=payload.eligible,
        reason=payload.reason,
        supersedes=_superseded(payload.supersedes),
    )
    return Status(201, _decision_out(decision))


@router.post(
    "/applications/{application_id}/decision",
    response={201: ApplicationDecisionOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def decide_application(
    request: HttpRequest, application_id: ObjectId, payload: ApplicationDecisionIn
):
    """Accept, waitlist or decline (call managers). A decline without a reason: 422."""
    decision = application_decide(
        actor=request.user,
        application=_application(request, application_id),
        outcome=payload.outcome,
        reason=payload.reason,
        supersedes=_superseded(payload.supersedes),
    )
    return Status(201, _decision_out(decision))


class AssignmentOut(Schema):
    id: int
    application: int
    reviewer: str
    review_submitted: bool = False


def _assignment_out(assignment: Assignment) -> dict:
    review = getattr(assignment, "review", None) if hasattr(assignment, "review") else None
    return {
        "id": assignment.pk,
        "application": assignment.application_id,
        "reviewer": assignment.reviewer.username,
        "review_submitted": bool(review and review.is_submitted),
    }


@router.post(
    "/calls/{call_id}/assignments",
    response={201: list[AssignmentOut], **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def run_assignment(request: HttpRequest, call_id: ObjectId):
    """Assign reviewers to every eligible application. Too few non-conflicted reviewers:
    422 naming how many reviews are missing; nothing assigned."""
    call = get_object_or_404(Call, pk=call_id)
    created = assignments_run(actor=request.user, call=call)
    people = {u.pk: u for u in User.objects.filter(pk__in={a.reviewer_id for a in created})}
    for assignment in created:
        assignment.reviewer = people[assignment.reviewer_id]
    return Status(201, [_assignment_out(a) for a in created])


class ReassignIn(Input):
    reason: Text(2000, min_length=1)
    reviewer: Text(150) | None = None


@router.post(
    "/assignments/{assignment_id}/reassign",
    response={201: AssignmentOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def reassign(request: HttpRequest, assignment_id: ObjectId, payload: ReassignIn):
    assignment = get_object_or_404(
        Assignment.objects.select_related("application"), pk=assignment_id
    )
    reviewer = get_object_or_404(User, username=payload.reviewer) if payload.reviewer else None
    new = assignment_reassign(
        actor=request.user, assignment=assignment, reason=payload.reason, reviewer=reviewer
    )
    return Status(201, _assignment_out(new))


@router.get(
    "/me/review-assignments", response={200: list[AssignmentOut], **READ_ERRORS}, auth=WRITE_AUTH
)
def my_review_assignments(request: HttpRequest):
    return [
        _assignment_out(a) for a in reviewer_queue(user=request.user).select_related("reviewer")
    ]


class ReviewerViewOut(Schema):
    application: int
    call: int
    blind: bool
    applicant_name: str
    organization_name: str
    answers: dict[str, Any]
    other_reviews: list[dict[str, Any]]


@router.get(
    "/assignments/{assignment_id}/application",
    response={200: ReviewerViewOut, **DETAIL_ERRORS, 403: DETAIL_ERRORS[401]},
    auth=WRITE_AUTH,
)
def reviewer_application(request: HttpRequest, assignment_id: ObjectId):
    """The application as its reviewer may see it (redacted on blind calls). A conflicted or
    unassigned reviewer: 403 with the reason."""
    assignment = get_object_or_404(
        Assignment.objects.select_related("application__call", "application__response"),
        pk=assignment_id,
    )
    if assignment.reviewer_id != request.user.pk:
        raise PermissionDenied(_("You are not assigned to review this application."))
    view = application_for_reviewer(user=request.user, application=assignment.application)
    return {
        "application": view.application.pk,
        "call": view.application.call_id,
        "blind": view.blind,
        "applicant_name": view.applicant_name,
        "organization_name": view.organization_name,
        "answers": view.answers,
        "other_reviews": [
            {"scores": r.scores, "comments": r.comments, "overall_comment": r.overall_comment}
            for r in view.other_reviews
        ],
    }


class ReviewIn(Input):
    scores: Annotated[
        dict[Annotated[str, Field(pattern=r"^\d{1,18}$")], Score], Field(max_length=30)
    ]
    comments: Annotated[
        dict[Annotated[str, Field(pattern=r"^\d{1,18}$")], Text(4000)], Field(max_length=30)
    ] = {}
    overall_comment: Text(8000) = ""
    submit: bool = False


class ReviewOut(Schema):
    scores: dict[str, int | None]
    comments: dict[str, str]
    overall_comment: str
    submitted_at: datetime | None


@router.put(
    "/assignments/{assignment_id}/review",
    response={200: ReviewOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def save_review(request: HttpRequest, assignment_id: ObjectId, payload: ReviewIn):
    """Scores 0–5 per criterion id, or null for "not applicable". Outside the scale: 422,
    nothing saved. A submitted review is final."""
    assignment = get_object_or_404(Assignment, pk=assignment_id)
    review = review_save(
        actor=request.user,
        assignment=assignment,
        scores=payload.scores,
        comments=payload.comments,
        overall_comment=payload.overall_comment,
        submit=payload.submit,
    )
    return review


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
