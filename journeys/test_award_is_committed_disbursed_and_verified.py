"""An award decided in a call is committed and disbursed by finance staff from the pages, shows
in the public report (the scholar not named: she did not opt in), and the chain verifies."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from capacityhub.community.tests.factories import UserFactory
from capacityhub.funding.models import Transaction
from capacityhub.funding.services import budget_create, budget_line_add
from capacityhub.integrity.services import decision_record
from capacityhub.review.models import Application, Call
from journeys.conftest import login

PASSWORD = "pass-word-1234"  # the factories' password


@pytest.fixture
def award(transactional_db):
    staff = UserFactory(username="staff", is_staff=True)
    now = timezone.now()
    call = Call.objects.create(
        kind="scholarship", title={"en": "Scholarship to WikiIndaba"},
        opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=10),
        decisions_by=now + timedelta(days=5), seats=3, created_by=staff,
    )  # fmt: skip
    scholar = UserFactory(username="zanele")
    application = Application.objects.create(
        call=call, applicant=scholar, status="accepted", amount_requested=Decimal(750)
    )
    decision = decision_record(actor=staff, subject=application, outcome="accept")
    treasurer = UserFactory(username="treasurer")
    treasurer.user_permissions.add(Permission.objects.get(codename="post_transaction"))
    budget = budget_create(actor=staff, fiscal_year=2026)
    line = budget_line_add(actor=staff, budget=budget, title="Scholarships 2026",
                           scope="centralized", region="ssa", amount="3000", call=call)  # fmt: skip
    return application, decision, line


def _post(page, kind, description, application, decision, line):
    page.goto("/funding/post/")
    page.locator("select[name=type]").select_option(kind)
    page.locator("input[name=value_date]").fill("2026-03-01")
    page.locator("input[name=description]").fill(description)
    page.locator("input[name=amount]").fill("750")
    page.locator("input[name=currency]").fill("USD")
    page.locator("input[name=rate]").fill("1")
    page.locator("input[name=rate_date]").fill("2026-03-01")
    page.locator("input[name=rate_source]").fill("Par")
    page.locator("input[name=decision]").fill(str(decision.pk))
    page.locator("input[name=application]").fill(str(application.pk))
    page.locator("select[name=budget_line]").select_option(str(line.pk))
    page.get_by_role("button", name="Post", exact=True).click()


def test_an_award_is_committed_disbursed_reported_and_the_chain_verifies(fresh_page, award):
    application, decision, line = award
    # given: finance staff (not hub staff) signed in
    page = fresh_page()
    login(page, "treasurer", PASSWORD)

    # when: a disbursement comes first, it is refused and nothing is posted
    _post(page, "3", "Scholarship paid", application, decision, line)
    expect(page.get_by_text("more than was committed")).to_be_visible()
    assert not Transaction.objects.exists()

    # when: the award is committed, then disbursed
    _post(page, "2", "Scholarship awarded", application, decision, line)
    expect(page.get_by_text("Transaction #1 is posted.")).to_be_visible()
    _post(page, "3", "Scholarship paid", application, decision, line)
    expect(page.get_by_text("Transaction #2 is posted.")).to_be_visible()
    expect(page.get_by_text("Grants payable")).to_be_visible()

    # then: anyone sees it in the public report, against its budget line, the scholar unnamed
    visitor = fresh_page()
    visitor.goto("/funding/?year=2026")
    row = visitor.get_by_role("row").filter(has_text="Scholarships 2026")
    expect(row).to_contain_text("750.00")
    expect(visitor.get_by_text("Individuals who were not named: 750.00")).to_be_visible()
    expect(visitor.locator("body")).not_to_contain_text("zanele")

    # and: the chain verifies
    call_command("verify_ledger")
    assert [t.decision_id for t in Transaction.objects.order_by("sequence")] == [decision.pk] * 2
