"""The funding pages: public report and ledger, finance staff's forms, bad input kept whole."""

import pytest
from django.urls import reverse

from capacityhub.funding.models import Budget, BudgetLine, LedgerCheckpoint, Transaction
from capacityhub.funding.services import budget_create, budget_line_add, transaction_post

from .fixtures import commit_and_disburse, posting

pytestmark = pytest.mark.django_db
FORM = {
    "type": "4", "value_date": "2026-03-01", "description": "Venue", "amount": "100",
    "currency": "EUR", "rate": "1.1", "rate_date": "2026-03-01", "rate_source": "ECB",
}  # fmt: skip


@pytest.fixture
def ledger(finance, award):
    budget = budget_create(actor=finance, fiscal_year=2026)
    line = budget_line_add(actor=finance, budget=budget, title="Scholarships",
                           scope="centralized", amount="2000", region="ssa")  # fmt: skip
    application, decision = award
    commit_and_disburse(finance, application, decision)
    transaction_post(actor=finance, **posting(budget_line=line, amount="300"))
    return line


def test_anyone_reads_the_report_with_budget_against_actual(client, ledger):
    response = client.get(reverse("web:funding-report") + "?year=2026")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Scholarships" in html and "330.00" in html and "<svg" in html
    assert "owner" not in html  # the scholar did not opt in
    assert "Individuals who were not named" in html


def test_the_ledger_lists_transactions_in_bounded_queries(
    client, ledger, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("web:funding-ledger"))
    assert response.status_code == 200 and "Scholarship paid" in response.content.decode()


def test_a_transaction_page_shows_entries_and_its_decision(client, ledger):
    t = Transaction.objects.get(sequence=2)
    html = client.get(t.get_absolute_url()).content.decode()
    assert (
        "Grants payable" in html and reverse("web:integrity-decision", args=[t.decision_id]) in html
    )
    assert "Post a reversal" not in html


def test_exports_download(client, ledger):
    for name in ("funding-export-csv", "funding-export-json", "funding-export-360giving"):
        response = client.get(reverse(f"web:{name}"))
        assert response.status_code == 200 and response["Content-Disposition"]


def test_finance_staff_post_through_the_form(client, finance):
    client.force_login(finance)
    assert client.get(reverse("web:funding-post")).status_code == 200
    response = client.post(reverse("web:funding-post"), FORM)
    t = Transaction.objects.get()
    assert response.status_code == 302 and response["Location"] == t.get_absolute_url()


@pytest.mark.parametrize(
    ("change", "message"),
    [({"currency": "XYZ"}, "ISO 4217"), ({"rate": "0"}, "more than zero"),
     ({"type": "3", "paid_for": "events.event:1"}, "decision that approved"),
     ({"decision": "999999", "type": "2", "paid_for": "events.event:1"}, "Not found")],
)  # fmt: skip
def test_bad_input_shows_the_message_and_changes_nothing(client, finance, change, message):
    client.force_login(finance)
    response = client.post(reverse("web:funding-post"), {**FORM, **change})
    assert response.status_code == 422 and message in response.content.decode()
    assert not Transaction.objects.exists()


@pytest.mark.parametrize("who", ["owner", "other", "manager"])
def test_members_cannot_open_finance_pages(client, request, who):
    client.force_login(request.getfixturevalue(who))
    for name in ("funding-post", "funding-budgets"):
        assert client.get(reverse(f"web:{name}")).status_code == 403
    assert client.post(reverse("web:funding-post"), FORM).status_code == 403
    assert not Transaction.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    assert client.get(reverse("web:funding-post")).status_code == 302
    assert client.get(reverse("web:funding-report")).status_code == 200


def test_reverse_and_checkpoint_from_the_pages(client, finance):
    t = transaction_post(actor=finance, **posting())
    client.force_login(finance)
    url = reverse("web:funding-reverse", args=[t.pk])
    client.post(url, {"reason": ""})
    assert Transaction.objects.count() == 1
    client.post(url, {"reason": "Twice"})
    assert Transaction.objects.filter(reverses=t).exists()
    client.post(reverse("web:funding-checkpoint"), {"reason": "Month closed"})
    assert LedgerCheckpoint.objects.get().sequence == 2


def test_budgets_and_lines_through_the_page(client, finance):
    client.force_login(finance)
    url = reverse("web:funding-budgets")
    assert client.post(url, {"form": "budget", "fiscal_year": "2027"}).status_code == 302
    budget = Budget.objects.get()
    bad = client.post(url, {"form": "line", "budget": budget.pk, "title": "X",
                            "scope": "centralized", "amount": "5", "call": "999999"})  # fmt: skip
    assert bad.status_code == 422 and not BudgetLine.objects.exists()
    client.post(url, {"form": "line", "budget": budget.pk, "title": "Clinics",
                      "scope": "decentralized", "region": "lac", "amount": "900"})  # fmt: skip
    assert BudgetLine.objects.get().region == "lac"


def test_a_member_chooses_to_be_named(client, other):
    client.force_login(other)
    assert client.get(reverse("web:funding-consent")).status_code == 200
    client.post(reverse("web:funding-consent"), {"public": "on"})
    assert other.funding_consent.public is True
