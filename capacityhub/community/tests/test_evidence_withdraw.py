"""Withdrawing evidence when the activity that recorded it is undone."""

from datetime import date

import pytest

from capacityhub.community.evidence import evidence_record, evidence_withdraw
from capacityhub.community.models import Evidence
from capacityhub.core.models import AuditEntry

pytestmark = pytest.mark.django_db

DAY = date(2025, 3, 14)
SOURCE = "events.registration:7"


def _record(holder: dict, capacity, kind="attended", source=SOURCE):
    return evidence_record(**holder, capacity=capacity, kind=kind, source=source, occurred_on=DAY)


def test_withdrawing_removes_only_the_given_kind_from_that_source_and_audits_it(
    owner, other, taxonomy
):
    capacity = taxonomy["lua-scripting"]
    _record({"profile": owner.profile}, capacity)
    kept_kind = _record({"profile": owner.profile}, capacity, kind="facilitated")
    kept_source = _record({"profile": owner.profile}, capacity, source="events.registration:8")

    removed = evidence_withdraw(
        source=SOURCE, profile=owner.profile, kind=Evidence.Kind.ATTENDED, actor=other
    )

    assert removed == 1
    assert set(Evidence.objects.all()) == {kept_kind, kept_source}
    entry = AuditEntry.objects.get(action="evidence.withdraw")
    assert entry.actor == other and entry.changes["source"] == SOURCE


def test_withdrawing_for_one_holder_leaves_the_others_of_the_same_source(
    owner, other, organization, taxonomy
):
    capacity = taxonomy["lua-scripting"]
    _record({"profile": owner.profile}, capacity)
    theirs = _record({"profile": other.profile}, capacity)
    the_organization = _record({"organization": organization}, capacity)

    evidence_withdraw(source=SOURCE, profile=owner.profile)

    assert set(Evidence.objects.all()) == {theirs, the_organization}
    assert evidence_withdraw(source=SOURCE, organization=organization) == 1
    assert list(Evidence.objects.all()) == [theirs]


def test_withdrawing_what_was_never_recorded_changes_nothing(owner, taxonomy):
    _record({"profile": owner.profile}, taxonomy["lua-scripting"])

    assert evidence_withdraw(source="events.registration:999") == 0
    assert Evidence.objects.count() == 1
