"""Integrity: your declared interests; every declaration, decisions and the audit log for staff
and the board."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from capacityhub.community.models import Organization, User
from capacityhub.integrity.models import Decision, Interest, InterestKind
from capacityhub.integrity.selectors import (
    audit_entries,
    can_oversee,
    decision_get,
    decision_list,
    interest_get,
    interest_list_all,
    interest_list_for,
)
from capacityhub.integrity.services import interest_declare, interest_withdraw

from ..core.pagination import page_out, paginate
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ_ERRORS,
    WRITE_AUTH,
    WRITE_ERRORS,
    Input,
    ObjectId,
    Page,
    PageQuery,
    Slug,
    Text,
)

router = Router(tags=["integrity"])
FORBIDDEN = {403: WRITE_ERRORS[403]}


class InterestIn(Input):
    kind: InterestKind
    organization: Slug | None = Field(None, description="The organization's slug.")
    person: Text(150) | None = Field(None, description="The person's username.")
    description: Text(2000) = ""
    started_on: date | None = None
    ended_on: date | None = None


class InterestOut(Schema):
    id: int
    declarant: str
    kind: str
    organization: str | None
    person: str | None
    description: str
    started_on: date | None
    ended_on: date | None
    declared_at: datetime
    withdrawn_at: datetime | None


class InterestPage(Page[InterestOut]):
    pass


class DecisionOut(Schema):
    id: int
    subject_type: str
    subject_id: str
    outcome: str
    reason: str
    decided_by: str | None
    decided_at: datetime
    supersedes: int | None
    data: dict[str, Any]


class AuditEntryOut(Schema):
    id: int
    actor: str | None
    action: str
    target_type: str
    target_id: str
    changes: dict[str, Any]
    created_at: datetime


class AuditPage(Page[AuditEntryOut]):
    pass


class AuditQuery(PageQuery):
    person: Text(150) = Field("", description="Username of whoever made the change.")
    target_type: Text(80) = Field("", description="e.g. `integrity.decision`.")
    target_id: Text(64) = ""
    action: Text(80) = Field("", description="A prefix, e.g. `integrity.`.")
    since: date | None = None
    until: date | None = None


def _interest_out(interest: Interest) -> dict:
    return {
        "id": interest.pk,
        "declarant": interest.declarant.username,
        "kind": interest.kind,
        "organization": interest.organization.slug if interest.organization else None,
        "person": interest.person.username if interest.person else None,
        "description": interest.description,
        "started_on": interest.started_on,
        "ended_on": interest.ended_on,
        "declared_at": interest.declared_at,
        "withdrawn_at": interest.withdrawn_at,
    }


def _decision_out(decision: Decision) -> dict:
    return {
        "id": decision.pk,
        "subject_type": decision.subject_type,
        "subject_id": decision.subject_id,
        "outcome": decision.outcome,
        "reason": decision.reason,
        "decided_by": decision.decided_by.username if decision.decided_by else None,
        "decided_at": decision.decided_at,
        "supersedes": decision.supersedes_id,
        "data": decision.data,
    }


def _oversight(request) -> None:
    if not can_oversee(request.user):
        raise PermissionDenied(_("Only staff and board members can see this."))


@router.get("/me/interests", response={200: list[InterestOut], **READ_ERRORS}, auth=WRITE_AUTH)
def list_my_interests(request: HttpRequest):
    """Your declarations, withdrawn ones included."""
    interests = interest_list_for(user=request.user).select_related("declarant")[:500]
    return [_interest_out(i) for i in interests]


@router.post("/me/interests", response={201: InterestOut, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH)
def declare_interest(request: HttpRequest, payload: InterestIn):
    """Declare a role, relationship, financial interest or collaboration (audit-logged)."""
    organization = (
        Organization.objects.get(slug=payload.organization) if payload.organization else None
    )
    person = User.objects.get(username=payload.person, is_active=True) if payload.person else None
    interest = interest_declare(
        actor=request.user,
        kind=payload.kind,
        organization=organization,
        person=person,
        description=payload.description,
        started_on=payload.started_on,
        ended_on=payload.ended_on,
    )
    return Status(201, _interest_out(interest_get(pk=interest.pk)))


@router.post(
    "/me/interests/{interest_id}/withdraw",
    response={200: InterestOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def withdraw_interest(request: HttpRequest, interest_id: ObjectId):
    """Your own declarations only (403 otherwise); it stays on record, dated."""
    interest = interest_withdraw(actor=request.user, interest=interest_get(pk=interest_id))
    return _interest_out(interest_get(pk=interest.pk))


@router.get("/interests", response={200: InterestPage, **FORBIDDEN, **READ_ERRORS}, auth=WRITE_AUTH)
def list_interests(request: HttpRequest, filters: Query[PageQuery]):
    """Every declaration (staff and board)."""
    _oversight(request)
    items, count = paginate(interest_list_all(viewer=request.user), filters.page, filters.page_size)
    results = [_interest_out(i) for i in items]
    return page_out(request, results, count, filters.page, filters.page_size)


class DecisionQuery(PageQuery):
    subject_type: Text(80) = Field("", description="e.g. `review.application`.")
    subject_id: Text(64) = ""
    outcome: Text(40) = ""


class DecisionPage(Page[DecisionOut]):
    pass


@router.get("/decisions", response={200: DecisionPage, **FORBIDDEN, **READ_ERRORS}, auth=WRITE_AUTH)
def list_decisions(request: HttpRequest, filters: Query[DecisionQuery]):
    """Decisions, newest first, by subject and outcome (staff and board)."""
    _oversight(request)
    decisions = decision_list(
        viewer=request.user,
        subject_type=filters.subject_type,
        subject_id=filters.subject_id,
        outcome=filters.outcome,
    )
    items, count = paginate(decisions, filters.page, filters.page_size)
    results = [_decision_out(d) for d in items]
    return page_out(request, results, count, filters.page, filters.page_size)


@router.get(
    "/decisions/{decision_id}",
    response={200: DecisionOut, **FORBIDDEN, **DETAIL_ERRORS},
    auth=WRITE_AUTH,
)
def get_decision(request: HttpRequest, decision_id: ObjectId):
    """A decision (staff and board); its audit rows: `GET /audit?target_type=…&target_id=…`."""
    _oversight(request)
    return _decision_out(decision_get(pk=decision_id, viewer=request.user))


@router.get("/audit", response={200: AuditPage, **FORBIDDEN, **READ_ERRORS}, auth=WRITE_AUTH)
def list_audit_entries(request: HttpRequest, filters: Query[AuditQuery]):
    """The audit log, newest first (staff and board)."""
    _oversight(request)
    entries = audit_entries(
        viewer=request.user,
        person=filters.person,
        target_type=filters.target_type,
        target_id=filters.target_id,
        action=filters.action,
        since=filters.since,
        until=filters.until,
    )
    items, count = paginate(entries, filters.page, filters.page_size)
    results = [
        {
            "id": e.pk,
            "actor": e.actor.username if e.actor else None,
            "action": e.action,
            "target_type": e.target_type,
            "target_id": e.target_id,
            "changes": e.changes,
            "created_at": e.created_at,
        }
        for e in items
    ]
    return page_out(request, results, count, filters.page, filters.page_size)
