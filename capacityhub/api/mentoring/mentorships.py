"""Mentor profiles, away periods, requests, the staff queue and mentorships."""

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema, Status

from capacityhub.community.models import User
from capacityhub.mentoring.models import Cohort, MenteeRequest, Mentorship
from capacityhub.mentoring.selectors import (
    mentor_profile_of,
    mentorship_get,
    mentorship_meetings,
    mentorships_of,
    request_queue,
)
from capacityhub.mentoring.services import (
    away_add,
    meeting_log,
    mentor_profile_save,
    mentorship_accept,
    mentorship_complete,
    mentorship_end,
    mentorship_fit_check,
    mentorship_move,
    mentorship_pair,
    request_create,
    request_match,
)

from ..core.pagination import page_out, paginate
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    WRITE_AUTH,
    WRITE_ERRORS,
    Input,
    ObjectId,
    Page,
    PageQuery,
    Text,
)
from .programmes import router
from .schemas import FORBIDDEN, Capacities, Languages, MentoringMentorshipOut, TimeZone, known


class MentoringMentorIn(Input):
    capacities: Capacities
    languages: Languages
    time_zone: TimeZone = ""
    hours_per_month: Annotated[int, Field(ge=1, le=200)] = 4
    max_mentees: Annotated[int, Field(ge=1, le=50)] = 3
    weight: Literal[0, 1, 2, 4] | None = None
    is_active: bool = True


class MentoringMentorOut(Schema):
    username: str
    capacities: list[str]
    languages: list[str]
    time_zone: str
    hours_per_month: int
    max_mentees: int
    weight: int
    is_active: bool
    away: list[tuple[dt.date, dt.date]]


def mentor_out(profile) -> dict:
    return {
        "username": profile.user.username,
        "capacities": [c.code for c in profile.capacities.all()],
        "languages": profile.languages,
        "time_zone": profile.time_zone,
        "hours_per_month": profile.hours_per_month,
        "max_mentees": profile.max_mentees,
        "weight": profile.weight,
        "is_active": profile.is_active,
        "away": [(a.starts_on, a.ends_on) for a in profile.away.all()],
    }


@router.put(
    "/mentoring/me/mentor", response={200: MentoringMentorOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def save_mentor_profile(request: HttpRequest, payload: MentoringMentorIn):
    """Become a mentor or change one's profile; `weight` is for staff."""
    mentor_profile_save(actor=request.user, user=request.user, **payload.model_dump())
    return mentor_out(mentor_profile_of(request.user))


class MentoringAwayIn(Input):
    starts_on: dt.date
    ends_on: dt.date


@router.post(
    "/mentoring/me/away", response={201: MentoringMentorOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def add_away(request: HttpRequest, payload: MentoringAwayIn):
    """Overlapping periods are refused (422); going away now offers mentees their backup."""
    profile = mentor_profile_of(request.user)
    if profile is None:
        raise ValidationError({"starts_on": _("Become a mentor first.")})
    away_add(actor=request.user, mentor=profile, **payload.model_dump())
    return Status(201, mentor_out(mentor_profile_of(request.user)))


class MentoringRequestIn(Input):
    capacities: Capacities
    languages: Languages
    level_wanted: Annotated[int, Field(ge=1, le=5)] = 3
    time_zone: TimeZone = ""
    preferences: Text(2000) = ""
    cohort: ObjectId | None = None


class MentoringRequestOut(Schema):
    id: int
    username: str
    capacities: list[str]
    languages: list[str]
    level_wanted: int
    status: str
    cohort: int | None
    created_at: dt.datetime


def request_out(item) -> dict:
    return {
        "id": item.pk,
        "username": item.user.username,
        "capacities": [c.code for c in item.capacities.all()],
        "languages": item.languages,
        "level_wanted": item.level_wanted,
        "status": item.status,
        "cohort": item.cohort_id,
        "created_at": item.created_at,
    }


@router.post(
    "/mentoring/requests", response={201: MentoringRequestOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def create_request(request: HttpRequest, payload: MentoringRequestIn):
    fields = payload.model_dump(exclude={"cohort"})
    item = request_create(
        actor=request.user, cohort=known(Cohort, payload.cohort, "cohort"), **fields
    )
    return Status(201, request_out(item))


@router.get(
    "/mentoring/requests/queue",
    response={200: Page[MentoringRequestOut], **DETAIL_ERRORS, **FORBIDDEN},
    auth=WRITE_AUTH,
)
def get_queue(request: HttpRequest, paging: Query[PageQuery]):
    """Staff: requests waiting for a mentor, oldest first."""
    rows, count = paginate(request_queue(viewer=request.user), paging.page, paging.page_size)
    return page_out(request, [request_out(r) for r in rows], count, paging.page, paging.page_size)


def mentorship_out(mentorship) -> dict:
    return {
        "id": mentorship.pk,
        "mentor": mentorship.mentor.username,
        "mentee": mentorship.mentee.username,
        "backup": mentorship.backup.username if mentorship.backup else None,
        "status": mentorship.status,
        "goals": [c.code for c in mentorship.goals.all()],
        "cohort": mentorship.cohort_id,
        "explanation": mentorship.explanation,
        "override_reason": mentorship.override_reason,
        "ended_reason": mentorship.ended_reason,
    }


class MentoringPairIn(Input):
    mentor: Text(150, 1)
    reason: Text(2000, 1)


@router.post(
    "/mentoring/requests/{request_id}/pair",
    response={201: MentoringMentorshipOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def pair_request(request: HttpRequest, request_id: ObjectId, payload: MentoringPairIn):
    """Staff pair by hand with a kept reason; never over the cap or across a conflict."""
    mentor = User.objects.filter(username=payload.mentor, is_active=True).first()
    if mentor is None:
        raise ValidationError({"mentor": _("No such person.")})
    mentorship = mentorship_pair(
        actor=request.user,
        request=MenteeRequest.objects.get(pk=request_id),
        mentor=mentor,
        reason=payload.reason,
    )
    return Status(201, mentorship_out(mentorship))


@router.post(
    "/mentoring/requests/{request_id}/match",
    response={200: MentoringMentorshipOut | None, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def match_request(request: HttpRequest, request_id: ObjectId):
    """Staff: the best mentor for one waiting request (null when none fits)."""
    mentorship = request_match(actor=request.user, request=MenteeRequest.objects.get(pk=request_id))
    return mentorship_out(mentorship) if mentorship else None


@router.get(
    "/mentoring/mentorships",
    response={200: list[MentoringMentorshipOut], **DETAIL_ERRORS},
    auth=WRITE_AUTH,
)
def my_mentorships(request: HttpRequest):
    return [mentorship_out(m) for m in mentorships_of(request.user).prefetch_related("goals")[:200]]


@router.get(
    "/mentoring/mentorships/{mentorship_id}",
    response={200: MentoringMentorshipOut, **DETAIL_ERRORS, **FORBIDDEN},
    auth=WRITE_AUTH,
)
def get_mentorship(request: HttpRequest, mentorship_id: ObjectId):
    return mentorship_out(mentorship_get(viewer=request.user, pk=mentorship_id))


class MentoringMeetingIn(Input):
    met_on: dt.date
    notes: Text(8000) = ""


class MentoringMeetingOut(Schema):
    id: int
    met_on: dt.date
    notes: str


@router.post(
    "/mentoring/mentorships/{mentorship_id}/meetings",
    response={201: MentoringMeetingOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def log_meeting(request: HttpRequest, mentorship_id: ObjectId, payload: MentoringMeetingIn):
    mentorship = mentorship_get(viewer=request.user, pk=mentorship_id)
    meeting = meeting_log(actor=request.user, mentorship=mentorship, **payload.model_dump())
    return Status(201, {"id": meeting.pk, "met_on": meeting.met_on, "notes": meeting.notes})


@router.get(
    "/mentoring/mentorships/{mentorship_id}/meetings",
    response={200: list[MentoringMeetingOut], **DETAIL_ERRORS, **FORBIDDEN},
    auth=WRITE_AUTH,
)
def list_meetings(request: HttpRequest, mentorship_id: ObjectId):
    """Private to the pair: staff get an empty list."""
    mentorship = mentorship_get(viewer=request.user, pk=mentorship_id)
    return [
        {"id": m.pk, "met_on": m.met_on, "notes": m.notes}
        for m in mentorship_meetings(viewer=request.user, mentorship=mentorship)
    ]


class MentoringActionIn(Input):
    action: Literal["accept", "fit", "complete", "end", "move"]
    good_fit: bool | None = None
    reason: Text(2000) = ""
    to: Literal["", "backup", "new"] = ""


@router.post(
    "/mentoring/mentorships/{mentorship_id}/actions",
    response={200: MentoringMentorshipOut | None, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def act(request: HttpRequest, mentorship_id: ObjectId, payload: MentoringActionIn):
    """accept (the mentor), fit (the mentee: `good_fit`), complete, end (`reason`), move
    (`to`: backup or new). Returns the mentorship, or the new one after a move."""
    mentorship = mentorship_get(viewer=request.user, pk=mentorship_id)
    actor = request.user
    if payload.action == "accept":
        result = mentorship_accept(actor=actor, mentorship=mentorship)
    elif payload.action == "fit":
        result = mentorship_fit_check(
            actor=actor, mentorship=mentorship, good_fit=bool(payload.good_fit)
        )
        result = result or mentorship
    elif payload.action == "complete":
        result = mentorship_complete(actor=actor, mentorship=mentorship)
    elif payload.action == "end":
        result = mentorship_end(actor=actor, mentorship=mentorship, reason=payload.reason)
    else:
        result = mentorship_move(actor=actor, mentorship=mentorship, to=payload.to)
    if result is None:
        return None
    return mentorship_out(
        Mentorship.objects.select_related("mentor", "mentee", "backup").get(pk=result.pk)
    )
