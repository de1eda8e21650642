"""The demo: two fiscal years of budgets and transactions in several currencies, a whole chain."""

import pytest
from django.core.management import call_command

from capacityhub.community.tests.factories import OrganizationFactory, UserFactory
from capacityhub.funding.demo import write_demo
from capacityhub.funding.models import Budget, BudgetLine, Transaction

pytestmark = pytest.mark.django_db


def test_the_demo_writes_two_years_in_several_currencies_and_the_chain_verifies():
    UserFactory(username="demo-admin", is_staff=True)
    for n in range(4):
        OrganizationFactory(slug=f"org-{n}")

    summary = write_demo(seed=3)

    assert "2 budgets" in summary
    assert Budget.objects.count() == 2
    assert len(set(Transaction.objects.values_list("currency", flat=True))) >= 3
    assert (
        Transaction.objects.filter(type="3").exists()
        and Transaction.objects.filter(reverses__isnull=False).exists()
    )
    assert BudgetLine.objects.filter(approved_decision__isnull=False).exists()
    call_command("verify_ledger")
    first = list(Transaction.objects.order_by("sequence").values_list("hash", flat=True))
    assert write_demo(seed=3).startswith("funding: skipped")
    assert first == list(Transaction.objects.order_by("sequence").values_list("hash", flat=True))


def test_without_staff_the_demo_writes_nothing():
    assert write_demo(seed=1).startswith("funding: skipped")
    assert not Budget.objects.exists()
