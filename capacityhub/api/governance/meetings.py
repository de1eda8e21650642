"""Meetings, motions and votes. Reads are public (drafts, papers and open votes for the board
and staff only); writes call the same services as the pages."""

from datetime import datetime
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status

from capacityhub.governance.models import Choice, Meeting, Motion
from capacityhub.governance.selectors import (
    board_get,
    meeting_detail,
    meeting_get,
    meeting_list,
    motion_get,
    motion_votes,
    sees_board_drafts,
)
from capacityhub.governance.services import (
    agenda_item_add,
    attendance_record,
    meeting_create,
    minutes_publish,
    minutes_save,
    motion_close,
    motion_propose,
    vote_cast,
)

from ..core.pagination import page_out, paginate
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ,
    WRITE_AUTH,
    Input,
    ObjectId,
    Page,
    PageQuery,
    SlugPath,
    Text,
)
from .board import router


class GovernanceAgendaItemOut(Schema):
    id: int
    title: str
    paper_text: str | None
    paper_url: str | None


class GovernanceMotionOut(Schema):
    id: int
    meeting: int
    kind: str
    title: str
    text: str
    subject_type: str
    subject_id: str
    outcome: str
    status: str
    failure: str
    votes_for: int
    votes_against: int
    abstentions: int
    recusals: int
    present_voting: int
    voting_members: int
    decision: int | None


class GovernanceMeetingOut(Schema):
    id: int
    board: str
    title: str
    starts_at: datetime
    location: str
    minutes_status: str
    minutes: str | None
    agenda: list[GovernanceAgendaItemOut]
    present: list[str]
    motions: list[GovernanceMotionOut]


def motion_out(motion: Motion) -> dict:
    names = ("id", "kind", "title", "text", "subject_type", "subject_id", "outcome", "status",
             "failure", "votes_for", "votes_against", "abstentions", "recusals",
             "present_voting", "voting_members")  # fmt: skip
    return {**{n: getattr(motion, n) for n in names}, "meeting": motion.meeting_id,
            "decision": motion.decision_id}  # fmt: skip


def _meeting_out(meeting: Meeting, viewer) -> dict:
    detail = meeting_detail(meeting=meeting)
    drafts = sees_board_drafts(viewer, meeting.board) or meeting.minutes_public
    return {
        "id": meeting.pk, "board": meeting.board.slug, "title": meeting.title,
        "starts_at": meeting.starts_at, "location": meeting.location,
        "minutes_status": meeting.minutes_status,
        "minutes": meeting.minutes if drafts else None,
        "agenda": [{"id": i.pk, "title": i.title, "paper_text": i.paper_text if drafts else None,
                    "paper_url": i.paper_url if drafts else None} for i in detail["agenda"]],
        "present": [a.person.username for a in detail["attendance"] if a.present],
        "motions": [motion_out(m) for m in detail["motions"]],
    }  # fmt: skip


class GovernanceMeetingSummaryOut(Schema):
    id: int
    title: str
    starts_at: datetime
    location: str
    minutes_status: str
    agenda_count: int
    motion_count: int


@router.get("/governance/boards/{slug}/meetings",
            response={200: Page[GovernanceMeetingSummaryOut], **DETAIL_ERRORS}, **READ)  # fmt: skip
def list_meetings(request: HttpRequest, slug: SlugPath, paging: Query[PageQuery]):
    """The board's meetings, newest first."""
    found, count = paginate(meeting_list(board=board_get(slug=slug)), paging.page,
                            paging.page_size)  # fmt: skip
    rows = [{"id": m.pk, "title": m.title, "starts_at": m.starts_at, "location": m.location,
             "minutes_status": m.minutes_status, "agenda_count": m.agenda_count,
             "motion_count": m.motion_count} for m in found]  # fmt: skip
    return page_out(request, rows, count, paging.page, paging.page_size)


@router.get("/governance/meetings/{meeting_id}", response={200: GovernanceMeetingOut,
            **DETAIL_ERRORS}, **READ)  # fmt: skip
def get_meeting(request: HttpRequest, meeting_id: ObjectId):
    return _meeting_out(meeting_get(pk=meeting_id), request.user)


class GovernanceMeetingIn(Input):
    title: Text(200, min_length=1)
    starts_at: datetime
    location: Text(200) = ""


@router.post("/governance/boards/{slug}/meetings", response={201: GovernanceMeetingOut,
             **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH)  # fmt: skip
def create_meeting(request: HttpRequest, slug: SlugPath, payload: GovernanceMeetingIn):
    """The board's chair, secretary or staff plan a meeting (a time with its zone)."""
    meeting = meeting_create(actor=request.user, board=board_get(slug=slug),
                             **payload.model_dump())  # fmt: skip
    return Status(201, _meeting_out(meeting, request.user))


class GovernanceAgendaIn(Input):
    title: Text(200, min_length=1)
    paper_text: Text(20000) = ""
    paper_url: Text(500) = ""


@router.post("/governance/meetings/{meeting_id}/agenda", response={201: GovernanceAgendaItemOut,
             **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH)  # fmt: skip
def add_agenda_item(request: HttpRequest, meeting_id: ObjectId, payload: GovernanceAgendaIn):
    item = agenda_item_add(actor=request.user, meeting=meeting_get(pk=meeting_id),
                           **payload.model_dump())  # fmt: skip
    return Status(201, {"id": item.pk, "title": item.title, "paper_text": item.paper_text,
                        "paper_url": item.paper_url})  # fmt: skip


class GovernanceAttendanceIn(Input):
    present: Annotated[list[Text(150)], Field(max_length=100)]


@router.put("/governance/meetings/{meeting_id}/attendance", response={200: GovernanceMeetingOut,
            **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH)  # fmt: skip
def set_attendance(request: HttpRequest, meeting_id: ObjectId, payload: GovernanceAttendanceIn):
    """Who is present (usernames); everyone else holding a term that day is absent."""
    from django.contrib.auth import get_user_model

    meeting = meeting_get(pk=meeting_id)
    users = get_user_model().objects.filter(username__in=payload.present)
    ids = list(users.values_list("pk", flat=True))
    if len(ids) != len(set(payload.present)):
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError({"present": _("Only people holding a term can attend.")})
    attendance_record(actor=request.user, meeting=meeting, present_ids=ids)
    return _meeting_out(meeting, request.user)


class GovernanceMinutesIn(Input):
    minutes: Text(40000, min_length=1)


@router.put("/governance/meetings/{meeting_id}/minutes", response={200: GovernanceMeetingOut,
            **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH)  # fmt: skip
def save_minutes(request: HttpRequest, meeting_id: ObjectId, payload: GovernanceMinutesIn):
    """Draft (or redraft) the minutes; refused once the board approved them."""
    meeting = minutes_save(actor=request.user, meeting=meeting_get(pk=meeting_id),
                           minutes=payload.minutes)  # fmt: skip
    return _meeting_out(meeting, request.user)


MEETING_WRITE = {200: GovernanceMeetingOut, **OBJECT_WRITE_ERRORS}


@router.post("/governance/meetings/{meeting_id}/minutes/publish", response=MEETING_WRITE,
             auth=WRITE_AUTH)  # fmt: skip
def publish_minutes(request: HttpRequest, meeting_id: ObjectId):
    meeting = minutes_publish(actor=request.user, meeting=meeting_get(pk=meeting_id))
    return _meeting_out(meeting, request.user)


class GovernanceMotionIn(Input):
    kind: Literal[tuple(Motion.Kind.values)] = "decision"
    title: Text(200, min_length=1)
    text: Text(8000) = ""
    subject_type: Text(80) = ""
    subject_id: Text(64) = ""
    outcome: Text(40) = ""


@router.post("/governance/meetings/{meeting_id}/motions", response={201: GovernanceMotionOut,
             **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH)  # fmt: skip
def propose_motion(request: HttpRequest, meeting_id: ObjectId, payload: GovernanceMotionIn):
    """A decision on a hub object (`subject_type` "app_label.model", `subject_id`, `outcome`),
    or kind `minutes` to put the draft minutes to the vote."""
    motion = motion_propose(actor=request.user, meeting=meeting_get(pk=meeting_id),
                            **payload.model_dump())  # fmt: skip
    return Status(201, motion_out(motion))


class GovernanceVoteOut(Schema):
    voter: str
    choice: str
    reason: str
    from_register: bool


class GovernanceMotionDetailOut(GovernanceMotionOut):
    votes: list[GovernanceVoteOut]


@router.get("/governance/motions/{motion_id}", response={200: GovernanceMotionDetailOut,
            **DETAIL_ERRORS}, **READ)  # fmt: skip
def get_motion(request: HttpRequest, motion_id: ObjectId):
    """Each member's vote is public once the vote closed (before: the board and staff)."""
    motion = motion_get(pk=motion_id)
    votes = [{"voter": v.voter.username, "choice": v.choice, "reason": v.reason,
              "from_register": v.from_register}
             for v in motion_votes(motion=motion, viewer=request.user)]  # fmt: skip
    return {**motion_out(motion), "votes": votes}


class GovernanceVoteIn(Input):
    choice: Literal[tuple(Choice.values)]
    reason: Text(500) = ""


@router.post("/governance/motions/{motion_id}/vote", response={201: GovernanceVoteOut,
             **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH)  # fmt: skip
def vote(request: HttpRequest, motion_id: ObjectId, payload: GovernanceVoteIn):
    """Voting members present at the meeting vote once; a member the conflict register finds
    conflicted may only record `recused` (403 otherwise, saying why)."""
    cast = vote_cast(actor=request.user, motion=motion_get(pk=motion_id), **payload.model_dump())
    return Status(201, {"voter": request.user.username, "choice": cast.choice,
                        "reason": cast.reason, "from_register": False})  # fmt: skip


@router.post("/governance/motions/{motion_id}/close", response={200: GovernanceMotionOut,
             **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH)  # fmt: skip
def close_motion(request: HttpRequest, motion_id: ObjectId):
    """Count the votes (chair, secretary, staff). Without quorum a decision fails; minutes
    cannot be approved without quorum (422 naming `quorum`)."""
    return motion_out(motion_close(actor=request.user, motion=motion_get(pk=motion_id)))
