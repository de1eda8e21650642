"""Fixtures the funding tests share (service, page and API tests)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission

from capacityhub.community.tests.factories import UserFactory
from capacityhub.funding.services import transaction_post
from capacityhub.integrity.services import decision_record
from capacityhub.review.models import Application
from capacityhub.review.tests.factories import make_call

TODAY = dt.date(2026, 3, 1)


def grant_finance(user):
    user.user_permissions.add(Permission.objects.get(codename="post_transaction"))
    return type(user).objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def finance(db):
    return grant_finance(UserFactory(username="treasurer"))


@pytest.fixture
def award(db, staff, owner):
    """An application accepted in a call, with the decision that accepted it."""
    call = make_call(created_by=staff, budget=Decimal(5000), currency="USD")
    application = Application.objects.create(
        call=call, applicant=owner, status="accepted", amount_requested=Decimal(800)
    )
    decision = decision_record(actor=staff, subject=application, outcome="accept")
    return application, decision


def posting(**fields) -> dict:
    values = {
        "type": "4",
        "value_date": TODAY,
        "description": "Venue hire",
        "amount": "100.00",
        "currency": "EUR",
        "rate": "1.10",
        "rate_date": TODAY,
        "rate_source": "ECB reference rate",
    }
    values.update(fields)
    return values


def commit_and_disburse(actor, application, decision, amount="800"):
    commitment = transaction_post(
        actor=actor, **posting(type="2", amount=amount, currency="USD", rate="1",
                               application=application, decision=decision,
                               description="Scholarship award"))  # fmt: skip
    disbursement = transaction_post(
        actor=actor, **posting(type="3", amount=amount, currency="USD", rate="1",
                               application=application, decision=decision,
                               description="Scholarship paid"))  # fmt: skip
    return commitment, disbursement
