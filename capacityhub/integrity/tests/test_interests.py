"""Declaring interests: dated, audit-logged, withdrawn only by the declarant, never deleted."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capacityhub.core.models import AuditEntry
from capacityhub.integrity.models import Interest
from capacityhub.integrity.selectors import interest_list_all, interest_list_for
from capacityhub.integrity.services import interest_declare, interest_withdraw


def test_a_declaration_is_dated_and_audit_logged(owner, other):
    interest = interest_declare(actor=owner, kind="collaboration", person=other, description="Book")

    assert interest.declared_at is not None and interest.withdrawn_at is None
    entry = AuditEntry.objects.get(action="integrity.interest.declare")
    assert entry.actor == owner and entry.changes["person"] == other.pk


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "organization_role"}, "organization"),
        ({"kind": "personal_relationship"}, "person"),
        ({"kind": "financial"}, "person"),
        ({"kind": "nepotism"}, "kind"),
        ({"kind": "financial", "self": True}, "person"),
        (
            {
                "kind": "financial",
                "started_on": dt.date(2026, 5, 1),
                "ended_on": dt.date(2026, 1, 1),
            },
            "ended_on",
        ),
    ],
)
def test_a_bad_declaration_is_refused_naming_the_field(owner, other, fields, field):
    fields = dict(fields)
    if fields.pop("self", False):
        fields["person"] = owner
    elif "ended_on" in fields:
        fields["person"] = other

    with pytest.raises(ValidationError) as error:
        interest_declare(actor=owner, **fields)

    assert field in error.value.message_dict
    assert not Interest.objects.exists()


def test_anonymous_cannot_declare(anonymous, other):
    with pytest.raises(PermissionDenied):
        interest_declare(actor=anonymous, kind="financial", person=other)


def test_only_the_declarant_withdraws_and_the_row_stays(owner, other, staff):
    interest = interest_declare(actor=owner, kind="financial", person=other)

    with pytest.raises(PermissionDenied):
        interest_withdraw(actor=staff, interest=interest)
    interest_withdraw(actor=owner, interest=interest)

    interest.refresh_from_db()
    assert interest.withdrawn_at is not None
    assert AuditEntry.objects.filter(action="integrity.interest.withdraw", actor=owner).exists()
    assert list(interest_list_for(user=owner)) == [interest]
    assert list(interest_list_for(user=owner, include_withdrawn=False)) == []


def test_only_staff_and_board_list_everyone_s_declarations(owner, other, staff):
    interest_declare(actor=owner, kind="financial", person=other)
    other.is_board_member = True

    assert interest_list_all(viewer=staff).count() == 1
    assert interest_list_all(viewer=other).count() == 1
    assert interest_list_all(viewer=owner).count() == 0
