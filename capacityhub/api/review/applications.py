"""Applications (applicant writes, applicant and manager reads), seat offers, screening and
decisions."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Schema, Status
from ninja.files import UploadedFile

from capacityhub.community.models import Organization
from capacityhub.integrity.models import Decision
from capacityhub.integrity.selectors import decision_current
from capacityhub.review.models import Application
from capacityhub.review.selectors import (
    application_can_view,
    applications_of_applicant,
    call_get_visible,
)
from capacityhub.review.services import (
    application_attach_file,
    application_decide,
    application_save,
    application_screen,
    application_withdraw,
    offer_respond,
)

from ..core.pagination import page_out, paginate
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ,
    READ_ERRORS,
    WRITE_AUTH,
    Input,
    LanguageCode,
    ObjectId,
    Page,
    PageQuery,
    Text,
)
from .calls import router
from .schemas import Money, known


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
    organization = known(Organization, payload.organization, "organization")
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
