from datetime import date

import pytest
from django.core.exceptions import ValidationError

from capacityhub.community.evidence import (
    evidence_for_organization,
    evidence_for_profile,
    evidence_for_source,
    evidence_record,
)
from capacityhub.community.models import Evidence
from capacityhub.core.models import AuditEntry

pytestmark = pytest.mark.django_db

DAY = date(2025, 3, 14)


def _record(**overrides):
    return evidence_record(
        **{
            "capacity": overrides.pop("capacity"),
            "kind": "learned",
            "source": "exchange.connection:7",
            "occurred_on": DAY,
            **overrides,
        }
    )


def test_evidence_is_recorded_for_a_person_with_its_source_and_confirmer(owner, other, taxonomy):
    evidence = _record(
        profile=owner.profile, capacity=taxonomy["grant-reporting"], confirmed_by=other
    )

    assert evidence.kind == "learned"
    assert evidence.source == "exchange.connection:7"
    assert evidence.confirmed_by == other
    assert evidence.occurred_on == DAY
    assert AuditEntry.objects.filter(action="evidence.record", actor=other).count() == 1


def test_recording_the_same_evidence_twice_keeps_one_row(owner, organization, taxonomy):
    capacity = taxonomy["grant-reporting"]
    first = _record(profile=owner.profile, capacity=capacity)
    again = _record(profile=owner.profile, capacity=capacity, note="retried")
    _record(organization=organization, capacity=capacity)
    _record(organization=organization, capacity=capacity)

    assert again.pk == first.pk
    assert again.note == ""
    assert Evidence.objects.filter(profile=owner.profile).count() == 1
    assert Evidence.objects.filter(organization=organization).count() == 1
    assert AuditEntry.objects.filter(action="evidence.record").count() == 2


def test_another_kind_or_source_is_another_piece_of_evidence(owner, taxonomy):
    capacity = taxonomy["grant-reporting"]
    _record(profile=owner.profile, capacity=capacity)
    _record(profile=owner.profile, capacity=capacity, kind="taught")
    _record(profile=owner.profile, capacity=capacity, source="learning.course:3")

    assert Evidence.objects.filter(profile=owner.profile).count() == 3


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"kind": "bragged"}, "kind"),
        ({"source": "nonsense"}, "source"),
        ({"source": "exchange.connection:" + "9" * 80}, "source"),
        ({"occurred_on": "2025-01-01"}, "occurred_on"),
        ({"note": "x" * 301}, "note"),
    ],
)
def test_bad_evidence_is_refused_with_the_field_named(owner, taxonomy, overrides, field):
    with pytest.raises(ValidationError) as error:
        _record(profile=owner.profile, capacity=taxonomy["grant-reporting"], **overrides)

    assert field in error.value.message_dict
    assert not Evidence.objects.exists()


def test_evidence_needs_exactly_one_holder(owner, organization, taxonomy):
    for holders in ({}, {"profile": owner.profile, "organization": organization}):
        with pytest.raises(ValidationError) as error:
            _record(capacity=taxonomy["grant-reporting"], **holders)
        assert "holder" in error.value.message_dict
    assert not Evidence.objects.exists()


@pytest.mark.parametrize(
    "visibility, seen_by",
    [
        ("public", {"anonymous", "other", "owner", "staff"}),
        ("members", {"other", "owner", "staff"}),
        ("private", {"owner", "staff"}),
    ],
)
def test_a_persons_evidence_follows_their_capacities_visibility(
    owner, other, staff, anonymous, taxonomy, visibility, seen_by
):
    owner.profile.capacities_visibility = visibility
    owner.profile.save()
    _record(profile=owner.profile, capacity=taxonomy["grant-reporting"])
    viewers = {"anonymous": anonymous, "other": other, "owner": owner, "staff": staff}

    seeing = {
        name
        for name, viewer in viewers.items()
        if evidence_for_profile(profile=owner.profile, viewer=viewer).exists()
    }

    assert seeing == seen_by


def test_an_organizations_evidence_is_public(organization, anonymous, taxonomy):
    _record(organization=organization, capacity=taxonomy["lua-scripting"], kind="taught")

    evidence = list(evidence_for_organization(organization=organization, viewer=anonymous))

    assert [e.capacity.code for e in evidence] == ["lua-scripting"]


def test_evidence_can_be_read_by_source_newest_first(owner, organization, taxonomy):
    older = _record(profile=owner.profile, capacity=taxonomy["grant-reporting"])
    newer = _record(
        organization=organization,
        capacity=taxonomy["grant-reporting"],
        occurred_on=date(2025, 4, 1),
    )

    assert list(evidence_for_source(source="exchange.connection:7")) == [newer, older]
