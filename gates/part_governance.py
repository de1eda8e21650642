"""The governance app's share of the gates (see gates/parts.py).

The matrix's five actors on the board: the owner is a voting member; `other` is the board's
secretary (an officer: runs meetings, closes votes, sets the plan); the manager of
`organization` is a voting member the conflict register finds conflicted about a motion on
that organization (same organization), so they may not vote on it; staff run the board's
membership but do not vote. Everyone signed in may ask for advice; an answer comes from the
advisers a request was routed to (here `other`) or staff; publishing is the asker's (owner)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from capacityhub.community.tests.factories import UserFactory
from capacityhub.governance.models import (
    AdviceRequest,
    AdviceRoute,
    AgendaItem,
    Attendance,
    Board,
    Meeting,
    Motion,
    PlanTarget,
    Term,
    Vote,
)
from capacityhub.integrity.models import Decision

from .matrix import API, FORBIDDEN, LOGIN, OK, OWNER_ONLY, STAFF_ONLY, Row, everyone_signed_in

EVERYONE = everyone_signed_in()
OFFICERS = {"anonymous": LOGIN, "owner": FORBIDDEN, "other": OK, "manager": FORBIDDEN,
            "staff": OK}  # fmt: skip
UNCONFLICTED_VOTERS = {**OFFICERS, "owner": OK, "staff": FORBIDDEN}
ADVISERS = OFFICERS  # the request was routed to `other`; staff may answer too

TRACKED = [Board, Term, Meeting, AgendaItem, Attendance, Motion, Vote, AdviceRequest]
TRACKED += [AdviceRoute, PlanTarget, Decision]


def _seat(board, person, role, ends=700):
    today = timezone.localdate()
    return Term.objects.create(
        board=board, person=person, role=role, chosen_by="election",
        starts_on=today - dt.timedelta(days=30), ends_on=today + dt.timedelta(days=ends),
    )  # fmt: skip


def _meeting(board, title, voters, **fields):
    meeting = Meeting.objects.create(board=board, title=title, starts_at=timezone.now(), **fields)
    Attendance.objects.bulk_create(Attendance(meeting=meeting, person=p) for p in voters)
    return meeting


def build_world(world) -> dict:
    users = world.users
    owner, other, manager, staff = (users[k] for k in ("owner", "other", "manager", "staff"))
    board = Board.objects.create(slug="matrix-board", name={"en": "Matrix board"})
    _seat(board, owner, "member")
    _seat(board, other, "secretary")
    _seat(board, manager, "member")
    advisor = UserFactory(username="gov-advisor")
    advisor_term = _seat(board, advisor, "advisor")
    UserFactory(username="gov-candidate")
    voters = [owner, other, manager]
    meeting = _meeting(board, "Matrix meeting", voters)
    drafted = _meeting(board, "Drafted", voters, minutes="Draft.", minutes_status="draft")
    approved = _meeting(board, "Approved", voters, minutes="Final.", minutes_status="approved")
    motion = Motion.objects.create(
        meeting=meeting, title="Approve the chapter's plan", outcome="approved",
        subject_type="community.organization", subject_id=str(world.organization.pk),
    )  # fmt: skip
    asker = UserFactory(username="gov-asker")
    waiting = AdviceRequest.objects.create(requester=asker, title="Q", question="How?")
    AdviceRoute.objects.create(request=waiting, adviser=other, score=1)
    answered = AdviceRequest.objects.create(
        requester=owner, title="Q2", question="How?", status="answered", answer="Thus.",
        answered_by=other, answered_at=timezone.now(),
    )  # fmt: skip
    AdviceRoute.objects.create(request=answered, adviser=other, score=1)
    return {
        "governance_board": board, "governance_advisor_term": advisor_term,
        "governance_meeting": meeting, "governance_drafted": drafted,
        "governance_approved": approved, "governance_motion": motion,
        "governance_waiting": waiting, "governance_answered": answered,
    }  # fmt: skip


def _pk(world, name: str):
    return world.extra[name].pk


def _api(path: str, **names):
    return lambda world: API + path.format(**{k: _pk(world, v) for k, v in names.items()})


def _fixed(data: dict):
    return lambda world, user: data


YEAR = timezone.now().year
TERM = {"person": "gov-candidate", "role": "member", "chosen_by": "appointment",
        "starts_on": "2026-01-01", "ends_on": "2029-12-31"}  # fmt: skip
TARGET = {"year": YEAR, "recommendation": "R7", "measure": "courses_completed", "target": 50}


def _motion_body(world, user) -> dict:
    return {"title": "Endorse", "subject_type": "community.organization",
            "subject_id": str(world.organization.pk), "outcome": "endorsed"}  # fmt: skip


API_ROWS = [
    Row("POST /governance/boards/{slug}/terms", "post",
        lambda world: f"{API}/governance/boards/matrix-board/terms", _fixed(TERM), STAFF_ONLY),
    Row("POST /governance/terms/{term_id}/end", "post",
        _api("/governance/terms/{t}/end", t="governance_advisor_term"), _fixed({}), STAFF_ONLY),
    Row("PUT /governance/plan/targets", "put", lambda world: f"{API}/governance/plan/targets",
        _fixed(TARGET), OFFICERS),
    Row("POST /governance/advice", "post", lambda world: f"{API}/governance/advice",
        _fixed({"title": "Q", "question": "How?", "capacities": ["lua-scripting"]}), EVERYONE),
    Row("POST /governance/advice/{advice_id}/answer", "post",
        _api("/governance/advice/{a}/answer", a="governance_waiting"),
        _fixed({"answer": "Like this."}), ADVISERS),
    Row("POST /governance/advice/{advice_id}/publish", "post",
        _api("/governance/advice/{a}/publish", a="governance_answered"), _fixed({}), OWNER_ONLY),
    Row("POST /governance/boards/{slug}/meetings", "post",
        lambda world: f"{API}/governance/boards/matrix-board/meetings",
        _fixed({"title": "Extra", "starts_at": "2030-01-01T10:00:00Z"}), OFFICERS),
    Row("POST /governance/meetings/{meeting_id}/agenda", "post",
        _api("/governance/meetings/{m}/agenda", m="governance_meeting"),
        _fixed({"title": "Budget", "paper_url": "https://example.org/paper"}), OFFICERS),
    Row("PUT /governance/meetings/{meeting_id}/attendance", "put",
        _api("/governance/meetings/{m}/attendance", m="governance_meeting"),
        _fixed({"present": ["owner", "other"]}), OFFICERS),
    Row("PUT /governance/meetings/{meeting_id}/minutes", "put",
        _api("/governance/meetings/{m}/minutes", m="governance_drafted"),
        _fixed({"minutes": "We met and decided."}), OFFICERS),
    Row("POST /governance/meetings/{meeting_id}/minutes/publish", "post",
        _api("/governance/meetings/{m}/minutes/publish", m="governance_approved"), _fixed({}),
        OFFICERS),
    Row("POST /governance/meetings/{meeting_id}/motions", "post",
        _api("/governance/meetings/{m}/motions", m="governance_meeting"), _motion_body, OFFICERS),
    Row("POST /governance/motions/{motion_id}/vote", "post",
        _api("/governance/motions/{m}/vote", m="governance_motion"), _fixed({"choice": "for"}),
        UNCONFLICTED_VOTERS),
    Row("POST /governance/motions/{motion_id}/close", "post",
        _api("/governance/motions/{m}/close", m="governance_motion"), _fixed({}), OFFICERS),
]  # fmt: skip


def _web(name: str, extra: str | None = None):
    if extra is None:
        return lambda world: reverse(f"web:{name}", args=["matrix-board"])
    return lambda world: reverse(f"web:{name}", args=[_pk(world, extra)])


WEB_TERM = TERM | {"username": "gov-candidate"}
WEB_ROWS = [
    Row("web:governance-term-add", "post", _web("governance-term-add"), _fixed(WEB_TERM),
        STAFF_ONLY),
    Row("web:governance-term-end", "post", _web("governance-term-end", "governance_advisor_term"),
        _fixed({}), STAFF_ONLY),
    Row("web:governance-meeting-create", "post", _web("governance-meeting-create"),
        _fixed({"title": "Extra", "starts_at": "2030-01-01T10:00"}), OFFICERS),
    Row("web:governance-agenda-add", "post", _web("governance-agenda-add", "governance_meeting"),
        _fixed({"title": "Budget"}), OFFICERS),
    Row("web:governance-attendance", "post", _web("governance-attendance", "governance_meeting"),
        lambda world, user: {"present": [str(world.users["owner"].pk)]}, OFFICERS),
    Row("web:governance-minutes", "post", _web("governance-minutes", "governance_drafted"),
        _fixed({"minutes": "We met."}), OFFICERS),
    Row("web:governance-minutes-approval", "post",
        _web("governance-minutes-approval", "governance_drafted"), _fixed({}), OFFICERS),
    Row("web:governance-minutes-publish", "post",
        _web("governance-minutes-publish", "governance_approved"), _fixed({}), OFFICERS),
    Row("web:governance-motion-create", "post",
        _web("governance-motion-create", "governance_meeting"), _motion_body, OFFICERS),
    Row("web:governance-vote", "post", _web("governance-vote", "governance_motion"),
        _fixed({"choice": "for"}), UNCONFLICTED_VOTERS),
    Row("web:governance-motion-close", "post",
        _web("governance-motion-close", "governance_motion"), _fixed({}), OFFICERS),
    Row("web:governance-advice-create", "post",
        lambda world: reverse("web:governance-advice-create"),
        _fixed({"title": "Q", "question": "How?", "capacities": ["lua-scripting"]}), EVERYONE),
    Row("web:governance-advice-answer", "post",
        _web("governance-advice-answer", "governance_waiting"), _fixed({"answer": "Thus."}),
        ADVISERS),
    Row("web:governance-advice-publish", "post",
        _web("governance-advice-publish", "governance_answered"), _fixed({}), OWNER_ONLY),
    Row("web:governance-plan-target", "post", lambda world: reverse("web:governance-plan-target"),
        _fixed(TARGET | {"baseline": 0}), OFFICERS),
]  # fmt: skip

WEB_READ_ONLY = {
    "governance-unit",
    "governance-board",
    "governance-popolo",
    "governance-meeting",
    "governance-motion",
    "governance-advice",
    "governance-advice-detail",
    "governance-plan",
}

READ_ONLY_ARGS = {
    "governance-board": lambda world: ["matrix-board"],
    "governance-popolo": lambda world: ["matrix-board"],
    "governance-meeting": lambda world: [_pk(world, "governance_meeting")],
    "governance-motion": lambda world: [_pk(world, "governance_motion")],
    "governance-advice-detail": lambda world: [_pk(world, "governance_answered")],
}


def api_known(*, member, other, staff, organization) -> dict[str, list]:
    """A board with the fuzz member as a voting member, a meeting, a motion and an advice
    request of theirs, so generated requests meet real rows."""
    board = Board.objects.create(slug="fuzz-board", name={"en": "Fuzz board"})
    _seat(board, member, "secretary")
    term = _seat(board, other, "member")
    meeting = _meeting(board, "Fuzz meeting", [member, other])
    motion = Motion.objects.create(meeting=meeting, title="Fuzz", outcome="approved",
                                   subject_type="community.organization",
                                   subject_id=str(organization.pk))  # fmt: skip
    advice = AdviceRequest.objects.create(requester=member, title="Q", question="How?")
    return {
        "slug": ["fuzz-board"], "term_id": [term.pk], "meeting_id": [meeting.pk],
        "motion_id": [motion.pk], "advice_id": [advice.pk],
        "person": [other.username], "measure": ["courses_completed"],
    }  # fmt: skip
