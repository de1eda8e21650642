"""Reviewer assignment and reassignment, the reviewer's queue and view, and reviews."""

from datetime import datetime
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status

from capacityhub.community.models import User
from capacityhub.review.models import Assignment, Call
from capacityhub.review.selectors import application_for_reviewer, reviewer_queue
from capacityhub.review.services import assignment_reassign, assignments_run, review_save

from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ_ERRORS,
    WRITE_AUTH,
    Input,
    ObjectId,
    Text,
)
from .calls import router

Score = Annotated[int, Field(ge=0, le=5)] | None


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
