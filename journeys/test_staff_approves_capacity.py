"""A member proposes a missing capacity; a Capacity Building Unit staff member reviews it and
approves it, and the capacity joins the taxonomy; the member sees her proposal approved.
Rejecting a proposal needs a note telling the proposer why."""

import re

import pytest
from playwright.sync_api import expect

from capacityhub.taxonomy.models import Capacity, CapacityProposal
from capacityhub.taxonomy.services import capacity_proposal_create
from journeys.conftest import MEMBER_PASSWORD, login, logout, open_menu

STAFF_PASSWORD = "pass-word-1234"  # what the root conftest's UserFactory gives everyone
LABEL = "Crowdfunding campaigns"


def _row(page, label):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=label, exact=True))


def test_a_member_proposes_a_capacity_and_staff_approves_it(page, member, staff, taxonomy):
    # given: Amina, signed in, proposes a capacity from the taxonomy page
    login(page, "amina", MEMBER_PASSWORD)
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Capacities").click()
    page.get_by_role("link", name="Propose a new capacity").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Propose a capacity")
    page.locator("input[name=label]").fill(LABEL)
    page.locator("textarea[name=description]").fill("Raising small gifts from many people online.")
    page.locator("select[name=parent]").select_option("fundraising")
    page.locator("textarea[name=rationale]").fill("Three user groups asked for it this year.")
    page.get_by_role("button", name="Send proposal").click()

    # then: she is thanked and sees it pending in her proposals
    expect(page.get_by_role("status")).to_have_text("Thank you. Staff will review your proposal.")
    expect(page.get_by_role("heading", level=1)).to_have_text("My proposals")
    expect(_row(page, LABEL).get_by_role("cell").nth(2)).to_have_text("Pending")
    logout(page)

    # when: a staff member signs in, opens Proposals and the proposal
    login(page, "staff", STAFF_PASSWORD)
    open_menu(page)
    page.locator(".hub-menu__panel").get_by_role("link", name="Proposals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Capacity proposals")
    expect(_row(page, LABEL).get_by_role("cell")).to_have_text(
        ["New capacity", "amina", re.compile(r"\S"), "Pending"]
    )
    _row(page, LABEL).get_by_role("link", name=LABEL).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Proposed capacity: {LABEL}")

    # and: approves it
    approve = page.get_by_role("region", name="Approve")
    approve.get_by_label("Note to the proposer").fill("Welcome addition, thank you.")
    approve.get_by_role("button", name="Approve").click()

    # then: the decision is saved and the capacity exists under Fundraising
    expect(page.get_by_role("status")).to_have_text("Decision saved.")
    expect(page.locator("dt:text-is('Status') + dd")).to_have_text("Approved")
    expect(page.get_by_role("region", name="Approve")).to_have_count(0)
    capacity = Capacity.objects.get(proposals__label=LABEL)
    assert capacity.parent.code == "fundraising"
    page.goto(f"/capacities/{capacity.code}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(LABEL)
    expect(page.get_by_role("navigation", name="Breadcrumb").get_by_role("listitem")).to_have_text(
        ["Capacities", "Organizational", "Fundraising", LABEL]
    )
    logout(page)

    # when: Amina signs in again and opens her proposals
    login(page, "amina", MEMBER_PASSWORD)
    page.goto("/proposals/")

    # then: her proposal is approved, with the staff member's note
    row = _row(page, LABEL)
    expect(row.get_by_role("cell").nth(2)).to_have_text("Approved")
    expect(row.get_by_role("cell").nth(3)).to_have_text("Welcome addition, thank you.")

    # and: it is still listed as the new capacity she proposed
    kind = row.get_by_role("cell").nth(0)
    expect(kind).to_have_text("New capacity")


@pytest.fixture
def duplicate_proposal(member, taxonomy):
    return capacity_proposal_create(
        actor=member,
        label="Fund raising",
        language="en",
        parent=Capacity.objects.get(code="organizational"),
        rationale="It seems to be missing.",
    )


def test_rejecting_a_proposal_without_a_note_is_refused(page, staff, duplicate_proposal):
    # given: a staff member on a pending proposal
    login(page, "staff", STAFF_PASSWORD)
    page.goto(f"/proposals/{duplicate_proposal.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposed capacity: Fund raising")

    # when: they reject it without a note
    reject = page.get_by_role("region", name="Reject")
    reject.get_by_role("button", name="Reject").click()

    # then: the form asks for the reason, and the proposal is still pending
    reject = page.get_by_role("region", name="Reject")
    expect(reject.locator(".cdx-field__validation-message")).to_have_text("Tell the proposer why.")
    expect(page.locator("dt:text-is('Status') + dd")).to_have_text("Pending")
    duplicate_proposal.refresh_from_db()
    assert duplicate_proposal.status == CapacityProposal.Status.PENDING

    # when: they give the reason and reject again
    reject.get_by_label("Note to the proposer").fill("This is Fundraising, already there.")
    reject.get_by_role("button", name="Reject").click()

    # then: the proposal is rejected with the note
    expect(page.get_by_role("status")).to_have_text("Decision saved.")
    expect(page.locator("dt:text-is('Status') + dd")).to_have_text("Rejected")
    expect(page.locator("dt:text-is('Decision note') + dd")).to_have_text(
        "This is Fundraising, already there."
    )
    assert not Capacity.objects.filter(translations__label="Fund raising").exists()
