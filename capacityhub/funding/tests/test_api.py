"""The funding API: public reads, finance-staff writes, every bad input a 4xx naming the field
with nothing changed, and never an edit."""

import json

import pytest
from django.test import Client

from capacityhub.funding.models import Budget, Transaction
from capacityhub.funding.services import transaction_post

from .fixtures import posting

pytestmark = pytest.mark.django_db
API = "/api/v1/funding"
BODY = {
    "type": "4", "value_date": "2026-03-01", "description": "Venue", "amount": "100.00",
    "currency": "EUR", "rate": "1.1", "rate_date": "2026-03-01", "rate_source": "ECB",
}  # fmt: skip


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _send(client, method, path, body=None):
    return getattr(client, method)(
        API + path, data=json.dumps(body or {}), content_type="application/json"
    )


def test_finance_staff_post_and_anyone_reads_the_ledger(finance):
    response = _send(_client(finance), "post", "/transactions", BODY)
    assert response.status_code == 201, response.content
    assert response.json()["value"] == "110.00" and response.json()["type_name"] == "Expenditure"
    listing = _client().get(API + "/transactions").json()
    assert listing["count"] == 1 and listing["results"][0]["sequence"] == 1
    detail = _client().get(f"{API}/transactions/{response.json()['id']}").json()
    assert len(detail["entries"]) == 2


@pytest.mark.parametrize("who", ["other", "manager", "owner"])
def test_members_may_not_post(request, who):
    response = _send(_client(request.getfixturevalue(who)), "post", "/transactions", BODY)
    assert response.status_code == 403
    assert not Transaction.objects.exists()


def test_anonymous_callers_must_sign_in_to_post(db):
    assert _send(_client(), "post", "/transactions", BODY).status_code == 401


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"currency": "XYZ"}, "currency"),
        ({"rate": "0"}, "rate"),
        ({"type": "3", "paid_for": "events.event:1"}, "decision"),
        ({"decision": 999999}, "decision"),
        ({"entries": [{"account": "cash", "debit": "110"},
                      {"account": "contributions", "credit": "100"}]}, "entries"),
        ({"amount": "-5"}, "amount"),
        ({"surprise": 1}, "surprise"),
    ],
)  # fmt: skip
def test_bad_input_is_a_422_naming_the_field(finance, change, field):
    response = _send(_client(finance), "post", "/transactions", {**BODY, **change})
    assert response.status_code == 422, response.content
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not Transaction.objects.exists()


def test_a_posted_transaction_is_never_edited_or_deleted(finance):
    t = transaction_post(actor=finance, **posting())
    for method in ("patch", "delete"):
        response = _send(_client(finance), method, f"/transactions/{t.pk}", {"amount": "1"})
        assert response.status_code == 409
        assert "reversal" in response.json()["detail"]
    assert Transaction.objects.get().amount == t.amount


def test_a_reversal_needs_a_reason(finance):
    t = transaction_post(actor=finance, **posting())
    assert _send(_client(finance), "post", f"/transactions/{t.pk}/reverse", {}).status_code == 422
    done = _send(_client(finance), "post", f"/transactions/{t.pk}/reverse", {"reason": "Twice"})
    assert done.status_code == 201 and done.json()["value"] == "-110.00"


def test_budgets_lines_and_the_report(finance):
    assert _send(_client(finance), "post", "/budgets", {"fiscal_year": 2026}).status_code == 201
    line = _send(_client(finance), "post", "/budgets/2026/lines",
                 {"title": "Trainings", "scope": "centralized", "amount": "500"})  # fmt: skip
    assert line.status_code == 201
    body = {**BODY, "budget_line": line.json()["id"], "amount": "50", "rate": "1"}
    assert _send(_client(finance), "post", "/transactions", body).status_code == 201
    budget = _client().get(API + "/budgets/2026").json()
    assert budget["lines"][0]["amount"] == "500.00" and budget["lines"][0]["actual"] == "50.00"
    report = _client().get(API + "/report?year=2026").json()
    assert report["years"][0]["spent"] == "50.00"
    assert _client().get(API + "/budgets/1999").status_code == 422
    assert _client().get(API + "/budgets/2030").status_code == 404


def test_members_may_not_set_budgets(other):
    assert _send(_client(other), "post", "/budgets", {"fiscal_year": 2026}).status_code == 403
    assert not Budget.objects.exists()


def test_the_exports_are_public(finance):
    transaction_post(actor=finance, **posting())
    assert _client().get(API + "/ledger.json").json()["transactions"][0]["sequence"] == 1
    assert _client().get(API + "/360giving.json").json() == {"grants": []}
    assert _client().get(API + "/ledger.csv").content.startswith(b"sequence,")


def test_the_list_has_bounded_queries(finance, django_assert_max_num_queries):
    for amount in range(1, 12):
        transaction_post(actor=finance, **posting(amount=str(amount)))
    with django_assert_max_num_queries(6):
        assert _client().get(API + "/transactions").json()["count"] == 11


def test_a_member_sets_their_own_consent(other):
    response = _send(_client(other), "put", "/consent", {"public": True})
    assert response.status_code == 200 and response.json() == {"public": True}
    assert _send(_client(), "put", "/consent", {"public": True}).status_code == 401


def test_a_line_may_fund_one_organization_named_by_its_slug(finance, organization):
    from capacityhub.funding.models import BudgetLine

    _send(_client(finance), "post", "/budgets", {"fiscal_year": 2026})
    fields = {"title": "Affiliate grant", "scope": "decentralized", "amount": "900"}
    unknown = _send(_client(finance), "post", "/budgets/2026/lines",
                    {**fields, "organization": "no-such-group"})  # fmt: skip
    assert unknown.status_code == 422 and "organization" in unknown.content.decode()
    assert not BudgetLine.objects.exists()

    made = _send(_client(finance), "post", "/budgets/2026/lines",
                 {**fields, "organization": organization.slug})  # fmt: skip

    assert made.status_code == 201 and made.json()["organization"] == organization.slug
    assert BudgetLine.objects.get().conflict_parties() == (set(), {organization.pk})
