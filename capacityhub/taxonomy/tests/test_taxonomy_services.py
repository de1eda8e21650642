import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capacityhub.core.models import AuditEntry
from capacityhub.taxonomy.models import Capacity, CapacityProposal
from capacityhub.taxonomy.services import (
    capacity_create,
    capacity_proposal_approve,
    capacity_proposal_create,
    capacity_proposal_reject,
    capacity_update,
)

pytestmark = pytest.mark.django_db


def test_staff_create_a_capacity_with_labels_in_several_languages(staff, taxonomy):
    capacity = capacity_create(
        actor=staff,
        code="wikisource",
        parent=taxonomy["technology"],
        labels={"en": "Wikisource", "fr": "Wikisource"},
    )
    assert capacity.translations.count() == 2
    assert AuditEntry.objects.filter(action="capacity.create", target_id=str(capacity.pk)).exists()


def test_members_cannot_create_capacities(owner):
    with pytest.raises(PermissionDenied):
        capacity_create(actor=owner, code="x", labels={"en": "X"})
    assert not Capacity.objects.filter(code="x").exists()


def test_anonymous_visitors_cannot_propose(anonymous, taxonomy):
    with pytest.raises(PermissionDenied):
        capacity_proposal_create(actor=anonymous, label="Podcasting", parent=taxonomy["technology"])


def test_a_capacity_cannot_be_moved_under_its_own_child(staff, taxonomy):
    with pytest.raises(ValidationError) as error:
        capacity_update(
            actor=staff, capacity=taxonomy["organizational"], parent=taxonomy["fundraising"]
        )
    assert "parent" in error.value.message_dict
    taxonomy["organizational"].refresh_from_db()
    assert taxonomy["organizational"].parent is None


def test_a_new_capacity_needs_a_place_in_the_tree(owner):
    with pytest.raises(ValidationError) as error:
        capacity_proposal_create(actor=owner, label="Podcasting")
    assert "parent" in error.value.message_dict


def test_approving_a_proposal_creates_the_capacity_and_records_who_decided(owner, staff, taxonomy):
    proposal = capacity_proposal_create(
        actor=owner, label="Podcasting", parent=taxonomy["technology"], rationale="Audio"
    )
    capacity_proposal_approve(actor=staff, proposal=proposal, note="Welcome")
    proposal.refresh_from_db()
    assert proposal.status == CapacityProposal.Status.APPROVED
    assert proposal.decided_by == staff and proposal.decided_at is not None
    assert proposal.capacity.code == "podcasting"
    assert proposal.capacity.parent == taxonomy["technology"]
    assert AuditEntry.objects.filter(action="capacity_proposal.approved", actor=staff).exists()


def test_a_change_proposal_updates_the_label_in_its_language(owner, staff, taxonomy):
    lua = taxonomy["lua-scripting"]
    proposal = capacity_proposal_create(
        actor=owner, capacity=lua, language="es", label="Programación en Lua"
    )
    capacity_proposal_approve(actor=staff, proposal=proposal)
    assert lua.translations.get(language="es").label == "Programación en Lua"
    assert Capacity.objects.filter(code__startswith="programacion").count() == 0


def test_members_cannot_decide_proposals(owner, other, taxonomy):
    proposal = capacity_proposal_create(
        actor=owner, label="Podcasting", parent=taxonomy["technology"]
    )
    with pytest.raises(PermissionDenied):
        capacity_proposal_approve(actor=other, proposal=proposal)
    with pytest.raises(PermissionDenied):
        capacity_proposal_reject(actor=owner, proposal=proposal, note="no")
    proposal.refresh_from_db()
    assert proposal.status == CapacityProposal.Status.PENDING


def test_rejecting_needs_a_reason_and_a_decided_proposal_stays_decided(owner, staff, taxonomy):
    proposal = capacity_proposal_create(
        actor=owner, label="Podcasting", parent=taxonomy["technology"]
    )
    with pytest.raises(ValidationError):
        capacity_proposal_reject(actor=staff, proposal=proposal, note=" ")
    capacity_proposal_reject(actor=staff, proposal=proposal, note="Duplicate of Audio")
    with pytest.raises(ValidationError):
        capacity_proposal_approve(actor=staff, proposal=proposal)
    assert not Capacity.objects.filter(code="podcasting").exists()
