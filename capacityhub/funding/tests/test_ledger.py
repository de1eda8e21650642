"""Posting and reversing: permissions, bad input (nothing changed), the award flow."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from capacityhub.core.models import AuditEntry
from capacityhub.funding.models import Entry, Transaction
from capacityhub.funding.services import transaction_post, transaction_reverse

from .fixtures import commit_and_disburse, posting

pytestmark = pytest.mark.django_db


def test_finance_staff_post_a_balanced_transaction_in_another_currency(finance):
    t = transaction_post(actor=finance, **posting())
    assert (t.sequence, t.value, t.currency, t.reporting_currency) == (
        1,
        Decimal("110.00"),
        "EUR",
        "USD",
    )
    sides = [(e.account, e.debit, e.credit) for e in t.entries.all()]
    assert sides == [("programme_expense", Decimal("110.00"), 0), ("cash", 0, Decimal("110.00"))]
    assert t.get_type_display() == "Expenditure"
    assert AuditEntry.objects.filter(action="funding.transaction.post").count() == 1


def test_staff_may_post_too(staff):
    assert transaction_post(actor=staff, **posting()).sequence == 1


@pytest.mark.parametrize("who", ["owner", "other", "manager"])
def test_members_and_managers_may_not_post(request, who):
    with pytest.raises(PermissionDenied):
        transaction_post(actor=request.getfixturevalue(who), **posting())
    assert not Transaction.objects.exists()


def test_anonymous_may_not_post(db):
    with pytest.raises(PermissionDenied):
        transaction_post(actor=AnonymousUser(), **posting())


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"currency": "XYZ"}, "currency"),
        ({"currency": "dollars"}, "currency"),
        ({"rate": "0"}, "rate"),
        ({"rate": "-1"}, "rate"),
        ({"amount": "0"}, "amount"),
        ({"amount": "abc"}, "amount"),
        ({"type": "99"}, "type"),
        ({"value_date": "yesterday"}, "value_date"),
        ({"description": ""}, "description"),
        ({"type": "3", "paid_for": "events.event:1"}, "decision"),
        ({"type": "2", "paid_for": "events.event:1"}, "decision"),
        ({"paid_for": "not a reference"}, "paid_for"),
        (
            {
                "entries": [
                    {"account": "cash", "debit": "110"},
                    {"account": "contributions", "credit": "100"},
                ]
            },
            "entries",
        ),
        (
            {
                "entries": [
                    {"account": "cash", "debit": "5"},
                    {"account": "contributions", "credit": "5"},
                ]
            },
            "entries",
        ),
        (
            {
                "entries": [
                    {"account": "nowhere", "debit": "110"},
                    {"account": "cash", "credit": "110"},
                ]
            },
            "entries.0",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_changes(finance, fields, field):
    with pytest.raises(ValidationError) as refused:
        transaction_post(actor=finance, **posting(**fields))
    assert field in refused.value.message_dict
    assert not Transaction.objects.exists() and not Entry.objects.exists()


def test_explicit_balanced_entries_are_kept(finance):
    entries = [
        {"account": "cash", "debit": "110"},
        {"account": "pledges_receivable", "credit": "110"},
    ]
    t = transaction_post(actor=finance, **posting(type="1", entries=entries))
    assert [e.account for e in t.entries.all()] == ["cash", "pledges_receivable"]


def test_an_award_is_committed_then_disbursed_with_its_decision(finance, award):
    application, decision = award
    commitment, disbursement = commit_and_disburse(finance, application, decision)
    assert commitment.paid_for == f"review.application:{application.pk}"
    assert disbursement.decision == decision and disbursement.call == application.call
    assert disbursement.recipient_kind == "individual" and disbursement.recipient_digest


def test_a_disbursement_beyond_the_commitment_is_refused(finance, award):
    application, decision = award
    with pytest.raises(ValidationError) as refused:
        transaction_post(
            actor=finance,
            **posting(
                type="3",
                amount="1",
                currency="USD",
                rate="1",
                application=application,
                decision=decision,
            ),
        )
    assert "amount" in refused.value.message_dict


def test_a_decision_about_another_subject_or_not_approving_is_refused(finance, award, staff):
    application, decision = award
    from capacityhub.integrity.services import decision_record

    declined = decision_record(
        actor=staff, subject=application, outcome="decline", supersedes=decision
    )
    with pytest.raises(ValidationError) as refused:
        transaction_post(
            actor=finance, **posting(type="2", application=application, decision=decision)
        )
    assert "decision" in refused.value.message_dict
    assert declined.outcome == "decline"


def test_a_posted_transaction_is_never_edited_or_deleted(finance):
    t = transaction_post(actor=finance, **posting())
    t.amount = Decimal(1)
    with pytest.raises(ValueError):
        t.save()
    with pytest.raises(ValueError):
        t.delete()
    with pytest.raises(ValueError):
        t.entries.first().save()
    assert Transaction.objects.get().amount == Decimal("100.00")


def test_a_correction_is_a_reversing_transaction_with_a_reason(finance):
    t = transaction_post(actor=finance, **posting())
    with pytest.raises(ValidationError) as refused:
        transaction_reverse(actor=finance, transaction=t, reason="")
    assert "reason" in refused.value.message_dict
    reversal = transaction_reverse(actor=finance, transaction=t, reason="Booked twice")
    assert (reversal.sequence, reversal.value, reversal.reverses) == (2, Decimal("-110.00"), t)
    assert [(e.account, e.debit) for e in reversal.entries.all()] == [
        ("programme_expense", 0),
        ("cash", Decimal("110.00")),
    ]
    with pytest.raises(ValidationError):
        transaction_reverse(actor=finance, transaction=t, reason="Again")
    with pytest.raises(ValidationError):
        transaction_reverse(actor=finance, transaction=reversal, reason="Undo")
    assert Transaction.objects.count() == 2


def test_others_may_not_reverse(finance, other):
    t = transaction_post(actor=finance, **posting())
    with pytest.raises(PermissionDenied):
        transaction_reverse(actor=other, transaction=t, reason="Mine now")
    assert Transaction.objects.count() == 1
