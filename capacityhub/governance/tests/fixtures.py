"""The board the governance tests share (services, API and pages).

Seven seats on `board`: a chair (chair), the secretary (other), voting members owner, manager,
vera and wale, and an advisor (ada). `manager` manages `organization`, so the register finds
them conflicted about any motion on it (same organization). `meeting` is today, everyone present
but the advisor. A decision motion on `organization` is open."""

import datetime as dt

import pytest
from django.utils import timezone

from capacityhub.community.tests.factories import UserFactory
from capacityhub.governance.models import Attendance, Board, Meeting, Motion, Term


def seat(board, person, role, *, starts=-400, ends=700, chosen_by="election") -> Term:
    day = timezone.localdate()
    return Term.objects.create(
        board=board, person=person, role=role, chosen_by=chosen_by,
        starts_on=day + dt.timedelta(days=starts), ends_on=day + dt.timedelta(days=ends),
    )  # fmt: skip


@pytest.fixture
def board(db):
    return Board.objects.create(
        slug="cbu-board", name={"en": "Supervisory board", "es": "Junta de supervisión"},
        mandate={"en": "Oversees the Capacity Building Unit."},
    )  # fmt: skip


@pytest.fixture
def chair(db):
    return UserFactory(username="chair")


@pytest.fixture
def seated(board, chair, owner, other, manager):
    """The seven seats; returns {username: user}."""
    vera, wale, ada = (UserFactory(username=n) for n in ("vera", "wale", "ada"))
    seat(board, chair, "chair")
    seat(board, other, "secretary", chosen_by="appointment")
    seat(board, owner, "member", ends=300)
    seat(board, manager, "member", ends=1000)
    seat(board, vera, "member", chosen_by="co_option")
    seat(board, wale, "member", ends=1000)
    seat(board, ada, "advisor", chosen_by="appointment")
    people = [chair, other, owner, manager, vera, wale, ada]
    type(chair).objects.filter(pk__in=[p.pk for p in people[:-1]]).update(is_board_member=True)
    return {p.username: p for p in people}


@pytest.fixture
def meeting(board, seated):
    meeting = Meeting.objects.create(board=board, title="Spring meeting", starts_at=timezone.now())
    for user in list(seated.values())[:-1]:
        Attendance.objects.create(meeting=meeting, person=user, present=True)
    return meeting


@pytest.fixture
def motion(meeting, organization, other):
    return Motion.objects.create(
        meeting=meeting, title="Approve the Kano plan", text="As presented.",
        subject_type="community.organization", subject_id=str(organization.pk),
        outcome="approved", proposed_by=other,
    )  # fmt: skip
