"""Budgets, approval by decision, budget against actual, reports, redaction and exports."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import jsonschema_rs
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capacityhub.community.tests.factories import OrganizationFactory
from capacityhub.funding import exports, selectors
from capacityhub.funding.models import Budget, BudgetLine, Transaction
from capacityhub.funding.reports import public_report
from capacityhub.funding.services import (
    budget_create,
    budget_line_add,
    consent_set,
    transaction_post,
)
from capacityhub.integrity.services import decision_record

from .fixtures import commit_and_disburse, posting

pytestmark = pytest.mark.django_db
SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "360giving-grants-1.4.json"


@pytest.fixture
def line(finance):
    budget = budget_create(actor=finance, fiscal_year=2026)
    return budget_line_add(actor=finance, budget=budget, title="Regional trainings",
                           scope="decentralized", region="ssa", programme="trainings",
                           amount="1000")  # fmt: skip


def test_a_budget_is_in_the_reporting_currency_and_one_per_year(finance):
    assert budget_create(actor=finance, fiscal_year=2026).currency == "USD"
    with pytest.raises(ValidationError) as refused:
        budget_create(actor=finance, fiscal_year=2026)
    assert "fiscal_year" in refused.value.message_dict


@pytest.mark.parametrize("who", ["owner", "other", "manager"])
def test_only_finance_staff_set_budgets(request, who):
    with pytest.raises(PermissionDenied):
        budget_create(actor=request.getfixturevalue(who), fiscal_year=2026)
    assert not Budget.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"scope": "both"}, "scope"), ({"region": "mars"}, "region"), ({"amount": "-5"}, "amount"),
     ({"title": ""}, "title")],
)  # fmt: skip
def test_bad_budget_lines_are_refused(finance, fields, field):
    budget = budget_create(actor=finance, fiscal_year=2026)
    values = {"title": "Line", "scope": "centralized", "amount": "10", **fields}
    with pytest.raises(ValidationError) as refused:
        budget_line_add(actor=finance, budget=budget, **values)
    assert field in refused.value.message_dict
    assert not BudgetLine.objects.exists()


def test_a_decision_approved_by_anyone_approves_the_line(line, staff):
    decision = decision_record(
        actor=staff, subject=line, outcome="approved", reason="Board motion 4"
    )
    line.refresh_from_db()
    assert line.approved_decision == decision and line.approved_at
    decision_record(actor=staff, subject=line, outcome="rejected", supersedes=decision)
    line.refresh_from_db()
    assert line.approved_decision is None


def test_budget_against_actual_for_every_line(finance, line, django_assert_max_num_queries):
    transaction_post(
        actor=finance, **posting(budget_line=line, amount="200", rate="1", currency="USD")
    )
    transaction_post(actor=finance, **posting(budget_line=line, amount="100", currency="EUR"))
    budget_line_add(
        actor=finance, budget=line.budget, title="Unused", scope="centralized", amount="5"
    )
    with django_assert_max_num_queries(1):
        rows = {row.title: row for row in selectors.budget_lines(2026)}
    assert rows["Regional trainings"].actual == Decimal("310.00")
    assert rows["Unused"].actual == 0
    [by_region] = [r for r in selectors.totals_by(2026, "region") if r["region"] == "ssa"]
    assert by_region["spent"] == Decimal("310.00")


def test_individuals_are_named_only_if_they_opted_in(finance, award, owner):
    application, decision = award
    commit_and_disburse(finance, application, decision)
    report = public_report(None)
    assert report["recipients"] == []
    assert report["individuals_not_named"]["value"] == Decimal("800.00")
    assert "owner" not in exports.ledger_csv() and "owner" not in json.dumps(exports.ledger_json())
    consent_set(actor=owner, public=True)  # no new transaction: the cached sums, fresh consent
    assert public_report(None)["recipients"] == [{"name": "owner", "value": Decimal("800.00")}]
    assert "owner" in exports.ledger_csv()
    consent_set(actor=owner, public=False)
    assert public_report(None)["recipients"] == []


def test_the_report_is_cached_per_chain_head(finance, django_assert_max_num_queries):
    transaction_post(actor=finance, **posting(amount="100", rate="1", currency="USD", region="ssa"))
    assert public_report(2026)["regions"][0]["spent"] == Decimal("100.00")
    with django_assert_max_num_queries(3):  # the head, consent, names: no sums
        public_report(2026)
    transaction_post(actor=finance, **posting(amount="50", rate="1", currency="USD", region="ssa"))
    assert public_report(2026)["regions"][0]["spent"] == Decimal("150.00")
    assert public_report(None)["years"][0]["spent"] == Decimal("150.00")


def test_the_csv_export_has_a_row_per_transaction(finance):
    transaction_post(actor=finance, **posting(description="=HYPERLINK(1)"))
    rows = list(csv.reader(io.StringIO(exports.ledger_csv())))
    assert rows[0][0] == "sequence" and rows[1][0] == "1"
    assert rows[1][5] == "'=HYPERLINK(1)"  # guarded against formula injection


def test_the_360giving_export_validates_and_pools_individuals(finance, award, staff):
    application, decision = award
    commit_and_disburse(finance, application, decision)
    org_decision = decision_record(actor=staff, subject=OrganizationFactory(name="WM Ghana"),
                                   outcome="approved")  # fmt: skip
    kenya = OrganizationFactory(name="WM Kenya")
    transaction_post(actor=finance, **posting(
        type="2", paid_for="community.organization:1", decision=org_decision,
        recipient_organization=kenya, programme="trainings"))  # fmt: skip
    document = exports.giving360()
    validator = jsonschema_rs.validator_for(json.loads(SCHEMA.read_text()))
    assert list(validator.iter_errors(document)) == []
    kinds = sorted("recipientOrganization" in g for g in document["grants"])
    assert kinds == [False, True]
    assert validator.is_valid(document) and not validator.is_valid({"grants": [{"id": "x"}]})


def test_a_recipients_data_download_and_deletion(finance, award, owner):
    from capacityhub.community.accounts import user_delete, user_export_data

    application, decision = award
    commit_and_disburse(finance, application, decision)
    consent_set(actor=owner, public=True)
    part = user_export_data(user=owner)["funding"]
    assert part["named_in_public_ledger"] is True and len(part["money_received"]) == 2
    assert public_report(None)["recipients"] == [{"name": "owner", "value": Decimal("800.00")}]
    user_delete(actor=owner, user=owner)
    report = public_report(None)
    assert report["recipients"] == []
    assert report["individuals_not_named"]["value"] == Decimal("800.00")
    assert Transaction.objects.count() == 2
