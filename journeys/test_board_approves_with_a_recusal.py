"""The board meets: the secretary proposes to approve a budget line that funds an affiliate; a
member of that affiliate is recused by the conflict-of-interest register; the motion carries
and links to the decision record, which approves the line in the public funding report; the
minutes are approved by a vote and published, and a visitor reads them."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from capacityhub.community.models import Membership
from capacityhub.community.tests.factories import OrganizationFactory, UserFactory
from capacityhub.funding.models import BudgetLine
from capacityhub.funding.services import budget_create, budget_line_add
from capacityhub.governance.models import Attendance, Board, Meeting, Motion, Term
from journeys.conftest import login

PASSWORD = "pass-word-1234"  # the factories' password


@pytest.fixture
def board_meeting(transactional_db):
    board = Board.objects.create(slug="cbu-board", name={"en": "Supervisory board"})
    today = timezone.localdate()
    people = {}
    for username, role in [("chair", "chair"), ("sec", "secretary"), ("mara", "member"),
                           ("kofi", "member")]:  # fmt: skip
        people[username] = UserFactory(username=username, is_board_member=True)
        Term.objects.create(board=board, person=people[username], role=role,
                            chosen_by="election", starts_on=today - dt.timedelta(days=90),
                            ends_on=today + dt.timedelta(days=600))  # fmt: skip
    group = OrganizationFactory(slug="wm-accra", name="Wikimedians of Accra", region="ssa")
    Membership.objects.create(organization=group, user=people["kofi"])
    meeting = Meeting.objects.create(board=board, title="Board meeting", starts_at=timezone.now())
    for person in people.values():
        Attendance.objects.create(meeting=meeting, person=person, present=True)
    treasurer = UserFactory(username="treasurer", is_staff=True)
    budget = budget_create(actor=treasurer, fiscal_year=today.year)
    line = budget_line_add(actor=treasurer, budget=budget, title="Accra affiliate plan",
                           scope="decentralized", organization=group,
                           amount="12000")  # fmt: skip
    return {"meeting": meeting, "subject": line, **people}


def _signed_in(fresh_page, username):
    page = fresh_page()
    login(page, username, PASSWORD)
    return page


def _vote_for(fresh_page, username, motion):
    page = _signed_in(fresh_page, username)
    page.goto(f"/unit/motions/{motion.pk}/")
    page.locator("input[name=choice][value=for]").check()
    page.get_by_role("button", name="Cast my vote").click()
    expect(page.get_by_text("Your vote is recorded.")).to_be_visible()


def test_the_board_approves_a_budget_line_with_a_recusal_and_publishes_its_minutes(
    fresh_page, board_meeting
):
    meeting, subject = board_meeting["meeting"], board_meeting["subject"]
    # given: the secretary proposes the motion from the meeting's page
    secretary = _signed_in(fresh_page, "sec")
    secretary.goto(f"/unit/meetings/{meeting.pk}/")
    secretary.get_by_text("Propose a motion").click()
    secretary.locator("input[name=title]").last.fill("Approve the Accra plan")
    secretary.locator("input[name=subject_type]").fill("funding.budgetline")
    secretary.locator("input[name=subject_id]").fill(str(subject.pk))
    secretary.get_by_role("button", name="Open the vote").click()
    expect(secretary.get_by_text("The motion is open for votes.")).to_be_visible()
    motion = Motion.objects.get()

    # when: Kofi, a member of the organization, opens it, he is told he is recused
    kofi = _signed_in(fresh_page, "kofi")
    kofi.goto(f"/unit/motions/{motion.pk}/")
    expect(kofi.get_by_text("You are recused from this vote:")).to_be_visible()

    # and: the others vote for, and the secretary counts
    for username in ("chair", "sec", "mara"):
        _vote_for(fresh_page, username, motion)
    secretary.goto(f"/unit/motions/{motion.pk}/")
    secretary.get_by_role("button", name="Close the vote and count").click()

    # then: the motion carried, Kofi is recorded as recused, the decision is linked
    expect(secretary.get_by_text("3 for, 0 against, 0 abstaining, 1 recused")).to_be_visible()
    expect(secretary.get_by_text("from the conflict-of-interest register")).to_be_visible()
    motion.refresh_from_db()
    assert motion.status == "carried" and motion.decision is not None
    assert BudgetLine.objects.get().approved_decision == motion.decision
    secretary.locator("#decision-link").click()
    expect(secretary).to_have_url(f"/integrity/decisions/{motion.decision.pk}/")

    # and: the public funding report shows the line approved, linked to that decision
    visitor = fresh_page()
    visitor.goto(subject.get_absolute_url())
    expect(visitor.locator(f"#line-{subject.pk}")).to_contain_text("Wikimedians of Accra")
    secretary.goto(subject.get_absolute_url())
    secretary.locator(f"#line-{subject.pk}").locator("xpath=..").get_by_role(
        "link", name="Yes"
    ).click()
    expect(secretary).to_have_url(f"/integrity/decisions/{motion.decision.pk}/")

    # when: the secretary drafts the minutes and puts them to the vote; the board approves
    secretary.goto(f"/unit/meetings/{meeting.pk}/")
    secretary.locator("textarea[name=minutes]").fill(
        "The Accra plan was approved; Kofi was recused."
    )
    secretary.get_by_role("button", name="Save the draft").click()
    secretary.get_by_role("button", name="Put the minutes to the vote").click()
    approval = Motion.objects.get(kind="minutes")
    for username in ("chair", "sec", "mara"):
        _vote_for(fresh_page, username, approval)
    secretary.goto(f"/unit/motions/{approval.pk}/")
    secretary.get_by_role("button", name="Close the vote and count").click()
    secretary.goto(f"/unit/meetings/{meeting.pk}/")
    secretary.get_by_role("button", name="Publish the minutes").click()
    expect(secretary.get_by_text("The minutes are published.")).to_be_visible()

    # then: a visitor reads the published minutes and the motion's outcome
    visitor = fresh_page()
    visitor.goto(f"/unit/meetings/{meeting.pk}/")
    expect(visitor.get_by_text("Kofi was recused.")).to_be_visible()
    assert Meeting.objects.get().minutes_status == "published"
