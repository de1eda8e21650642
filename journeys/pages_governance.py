"""The governance app's pages in the accessibility gate (see journeys/pages.py).

Seeded: the board (amina, the member, and kwame, the manager, hold voting terms; staff are not
on it), a meeting with an agenda and published minutes and a carried motion, a second meeting
with an open motion on kwame's organization (so kwame sees the recusal notice), an advice
question of amina's that was answered, and this year's plan with two targets."""

import datetime as dt


def _pk(hub, name):
    return hub.extra[name].pk


PAGE_TYPES = [
    ("governance-unit", "/unit/", None),
    ("governance-unit-staff", "/unit/", "staff"),
    ("governance-board", "/unit/boards/a11y-board/", None),
    ("governance-meeting", lambda hub: f"/unit/meetings/{_pk(hub, 'gov_held')}/", None),
    ("governance-meeting-staff",
     lambda hub: f"/unit/meetings/{_pk(hub, 'gov_open_meeting')}/", "staff"),
    ("governance-meeting-create", "/unit/boards/a11y-board/meetings/new/", "staff"),
    ("governance-motion", lambda hub: f"/unit/motions/{_pk(hub, 'gov_carried')}/", None),
    ("governance-motion-member", lambda hub: f"/unit/motions/{_pk(hub, 'gov_open')}/", "member"),
    ("governance-motion-recused",
     lambda hub: f"/unit/motions/{_pk(hub, 'gov_open')}/", "manager"),
    ("governance-advice", "/unit/advice/", None),
    ("governance-advice-create", "/unit/advice/new/", "member"),
    ("governance-advice-detail",
     lambda hub: f"/unit/advice/{_pk(hub, 'gov_advice')}/", "member"),
    ("governance-plan", "/unit/plan/", None),
    ("governance-plan-staff", "/unit/plan/", "staff"),
]  # fmt: skip

NOT_PAGES = {
    "governance-term-add",
    "governance-term-end",
    "governance-popolo",
    "governance-agenda-add",
    "governance-attendance",
    "governance-minutes",
    "governance-minutes-approval",
    "governance-minutes-publish",
    "governance-motion-create",
    "governance-vote",
    "governance-motion-close",
    "governance-advice-answer",
    "governance-advice-publish",
    "governance-plan-target",
}


def seed(hub) -> dict:
    from django.utils import timezone

    from capacityhub.governance.models import (
        AdviceRequest,
        AgendaItem,
        Attendance,
        Board,
        Meeting,
        Motion,
        PlanTarget,
        Term,
    )

    member, manager = hub.users["member"], hub.users["manager"]
    today, now = timezone.localdate(), timezone.now()
    board = Board.objects.create(slug="a11y-board", name={"en": "Supervisory board",
                                                          "ar": "مجلس الإشراف"})  # fmt: skip
    for person, role in [(member, "chair"), (manager, "member")]:
        Term.objects.create(board=board, person=person, role=role, chosen_by="election",
                            starts_on=today - dt.timedelta(days=60),
                            ends_on=today + dt.timedelta(days=700))  # fmt: skip
    held = Meeting.objects.create(board=board, title="Spring meeting", minutes="We met.",
                                  minutes_status="published", minutes_published_at=now,
                                  starts_at=now - dt.timedelta(days=30))  # fmt: skip
    AgendaItem.objects.create(meeting=held, title="Annual plan", paper_text="Figures.")
    carried = Motion.objects.create(meeting=held, title="Adopt the plan", status="carried",
                                    votes_for=2, present_voting=2, voting_members=2,
                                    closed_at=now)  # fmt: skip
    open_meeting = Meeting.objects.create(board=board, title="Autumn meeting", starts_at=now)
    for person in (member, manager):
        Attendance.objects.create(meeting=open_meeting, person=person)
    open_motion = Motion.objects.create(
        meeting=open_meeting, title="Support the organization's plan", outcome="approved",
        subject_type="community.organization", subject_id=str(hub.organization.pk),
    )  # fmt: skip
    advice = AdviceRequest.objects.create(
        requester=member, title="Reporting on trainings", question="What should we report?",
        status="answered", answer="Outcomes, not only activities.", answered_by=manager,
        answered_at=now,
    )  # fmt: skip
    for measure, target in [("courses_completed", 100), ("events_held", 12)]:
        PlanTarget.objects.create(year=now.year, recommendation="R7", measure=measure,
                                  target=target)  # fmt: skip
    return {"gov_held": held, "gov_carried": carried, "gov_open_meeting": open_meeting,
            "gov_open": open_motion, "gov_advice": advice}  # fmt: skip
