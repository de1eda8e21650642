"""Programmes, cohorts, progress and retention (reads public where the page is)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from capacityhub.community.models import Organization, User
from capacityhub.mentoring.models import Participant
from capacityhub.mentoring.rules import programme_can_manage
from capacityhub.mentoring.selectors import (
    cohort_get,
    cohort_progress,
    programme_get,
    programme_list,
    programme_retention,
)
from capacityhub.mentoring.services import (
    cohort_assign,
    cohort_create,
    programme_create,
    stage_complete,
)
from capacityhub.review.models import Call

from ..core.pagination import page_out, paginate
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ,
    READ_ERRORS,
    WRITE_AUTH,
    WRITE_ERRORS,
    Input,
    ObjectId,
    Page,
    PageQuery,
    Text,
)
from .schemas import (
    FORBIDDEN,
    Capacities,
    Languages,
    MentoringCohortOut,
    MentoringProgrammeOut,
    MentoringProgressOut,
    MentoringStageIn,
    known,
)

router = Router(tags=["mentoring"])


def programme_out(programme, stages: bool = False) -> dict:
    out = {
        "id": programme.pk,
        "title": programme.title,
        "description": programme.description,
        "capacities": [c.code for c in programme.capacities.all()],
        "languages": programme.languages,
        "organization": programme.owner_organization.slug if programme.owner_organization else None,
    }
    if stages:
        out["stages"] = [
            {
                "id": s.pk,
                "position": s.position,
                "title": s.title,
                "entry_criteria": s.entry_criteria,
                "completion": s.completion,
                "evidence_kind": s.evidence_kind,
                "evidence_capacity": s.evidence_capacity.code if s.evidence_capacity else None,
            }
            for s in programme.stages.all()
        ]
    return out


def cohort_out(cohort) -> dict:
    return {
        "id": cohort.pk,
        "programme": cohort.programme_id,
        "title": cohort.title,
        "starts_on": cohort.starts_on,
        "ends_on": cohort.ends_on,
        "intake_call": cohort.intake_call_id,
        "facilitators": [u.username for u in cohort.facilitators.all()],
    }


@router.get(
    "/mentoring/programmes", response={200: Page[MentoringProgrammeOut], **READ_ERRORS}, **READ
)
def list_programmes(request: HttpRequest, paging: Query[PageQuery]):
    rows, count = paginate(
        programme_list().prefetch_related("capacities"), paging.page, paging.page_size
    )
    return page_out(request, [programme_out(p) for p in rows], count, paging.page, paging.page_size)


@router.get(
    "/mentoring/programmes/{programme_id}",
    response={200: MentoringProgrammeOut, **DETAIL_ERRORS},
    **READ,
)
def get_programme(request: HttpRequest, programme_id: ObjectId):
    return programme_out(programme_get(pk=programme_id), stages=True)


class MentoringProgrammeIn(Input):
    title: Text(200, 1)
    description: Text(8000) = ""
    capacities: Capacities
    languages: Languages = []
    organization: ObjectId | None = None
    stages: list[MentoringStageIn] = []


@router.post(
    "/mentoring/programmes", response={201: MentoringProgrammeOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def create_programme(request: HttpRequest, payload: MentoringProgrammeIn):
    """Staff, or the managers of `organization`."""
    programme = programme_create(
        actor=request.user,
        title=payload.title,
        description=payload.description,
        capacities=payload.capacities,
        languages=payload.languages,
        owner_organization=known(Organization, payload.organization, "organization"),
        stages=[s.model_dump() for s in payload.stages],
    )
    return Status(201, programme_out(programme, stages=True))


class MentoringCohortIn(Input):
    title: Text(200, 1)
    starts_on: dt.date
    ends_on: dt.date
    facilitators: list[Text(150)] = []
    intake_call: ObjectId | None = None


@router.post(
    "/mentoring/programmes/{programme_id}/cohorts",
    response={201: MentoringCohortOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def create_cohort(request: HttpRequest, programme_id: ObjectId, payload: MentoringCohortIn):
    cohort = cohort_create(
        actor=request.user,
        programme=programme_get(pk=programme_id),
        title=payload.title,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        facilitators=list(User.objects.filter(username__in=payload.facilitators, is_active=True)),
        intake_call=known(Call, payload.intake_call, "intake_call"),
    )
    return Status(201, cohort_out(cohort))


@router.get(
    "/mentoring/cohorts/{cohort_id}", response={200: MentoringCohortOut, **DETAIL_ERRORS}, **READ
)
def get_cohort(request: HttpRequest, cohort_id: ObjectId):
    return cohort_out(cohort_get(pk=cohort_id))


@router.get(
    "/mentoring/cohorts/{cohort_id}/progress",
    response={200: list[MentoringProgressOut], **DETAIL_ERRORS},
    **READ,
)
def get_progress(request: HttpRequest, cohort_id: ObjectId):
    """Facilitators and managers see everyone; a participant their own row; others none."""
    rows = cohort_progress(viewer=request.user, cohort=cohort_get(pk=cohort_id))
    return [
        {
            "participant": r.participant.pk,
            "username": r.participant.user.username,
            "status": r.participant.status,
            "stage": r.participant.stage.title if r.participant.stage else None,
            "missing": r.missing.kind if r.missing else None,
        }
        for r in rows
    ]


class MentoringCompleteIn(Input):
    note: Text(4000) = ""


class MentoringCompletedOut(Schema):
    participant: int
    stage: str
    next_stage: str | None
    status: str


@router.post(
    "/mentoring/participants/{participant_id}/complete",
    response={200: MentoringCompletedOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def complete_stage(request: HttpRequest, participant_id: ObjectId, payload: MentoringCompleteIn):
    """Complete the current stage: its evidence must be on record, or a facilitator signs it
    off with a note."""
    participant = Participant.objects.get(pk=participant_id)
    completion = stage_complete(actor=request.user, participant=participant, note=payload.note)
    participant.refresh_from_db()
    return {
        "participant": participant.pk,
        "stage": completion.stage.title,
        "next_stage": participant.stage.title if participant.stage else None,
        "status": participant.status,
    }


class MentoringRunOut(Schema):
    paired: int
    unassigned: int
    without_backup: int


@router.post(
    "/mentoring/cohorts/{cohort_id}/assign",
    response={200: MentoringRunOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def assign_cohort(request: HttpRequest, cohort_id: ObjectId):
    summary = cohort_assign(actor=request.user, cohort=cohort_get(pk=cohort_id))
    return summary.__dict__


class MentoringWindowOut(Schema):
    days: int
    eligible: int
    retained: int | None
    rate: float | None


class MentoringRetentionOut(Schema):
    alumni: int
    windows: list[MentoringWindowOut]
    became_mentors_or_facilitators: int | None
    leader_rate: float | None
    dropout_by_stage: list[tuple[str, int | None]]


class MentoringRetentionQuery(Schema):
    cohort: ObjectId | None = None


@router.get(
    "/mentoring/programmes/{programme_id}/retention",
    response={200: MentoringRetentionOut, **DETAIL_ERRORS, **FORBIDDEN},
    auth=WRITE_AUTH,
)
def get_retention(
    request: HttpRequest, programme_id: ObjectId, query: Query[MentoringRetentionQuery]
):
    """Staff and the programme's managers. Groups under 5 people come back as null."""
    programme = programme_get(pk=programme_id)
    if not programme_can_manage(request.user, programme):
        raise PermissionDenied(_("Only staff and the programme's managers see retention."))
    cohort = programme.cohorts.get(pk=query.cohort) if query.cohort else None
    report = programme_retention(programme=programme, cohort=cohort)
    return {
        "alumni": report.alumni,
        "windows": [w.__dict__ for w in report.windows],
        "became_mentors_or_facilitators": report.became_leaders,
        "leader_rate": report.leader_rate,
        "dropout_by_stage": list(report.dropout_by_stage),
    }
