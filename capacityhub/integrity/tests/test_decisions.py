"""Decisions are recorded with who, when and why; never edited; replaced only by superseding
the current one, once."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from capacityhub.core.models import AuditEntry
from capacityhub.integrity.models import Decision
from capacityhub.integrity.selectors import decision_current, decisions_for
from capacityhub.integrity.services import (
    _EFFECTS,
    decision_record,
    register_decision_effect,
)


def test_a_decision_is_recorded_with_its_reason_and_an_audit_row(staff, organization):
    decision = decision_record(
        actor=staff, subject=organization, outcome="eligible", reason="Meets the rules."
    )

    assert decision.decided_by == staff and decision.reason == "Meets the rules."
    assert decision_current(organization) == decision
    entry = AuditEntry.objects.get(action="integrity.decision")
    assert entry.target_id == str(organization.pk) and entry.changes["decision"] == decision.pk


@pytest.fixture
def effects():
    saved = {key: list(value) for key, value in _EFFECTS.items()}
    yield
    _EFFECTS.clear()
    _EFFECTS.update(saved)


def test_the_subjects_app_applies_a_decision_through_its_registered_effect(
    staff, organization, effects
):
    seen = []
    register_decision_effect("community.organization", lambda decision: seen.append(decision))

    decision = decision_record(actor=staff, subject=organization, outcome="approved")

    assert seen == [decision]


def test_an_effect_that_refuses_undoes_the_decision(staff, organization, effects):
    def refuse(decision):
        raise ValidationError({"outcome": "Not while the budget is closed."})

    register_decision_effect("community.organization", refuse)

    with pytest.raises(ValidationError):
        decision_record(actor=staff, subject=organization, outcome="approved")
    assert not Decision.objects.exists()
    assert not AuditEntry.objects.filter(action="integrity.decision").exists()


def test_a_recorded_decision_cannot_be_edited(staff, organization):
    decision = decision_record(actor=staff, subject=organization, outcome="accept")
    decision.outcome = "decline"

    with pytest.raises(ValueError):
        decision.save()
    assert Decision.objects.get().outcome == "accept"


def test_a_new_decision_supersedes_the_current_one(staff, organization):
    first = decision_record(actor=staff, subject=organization, outcome="waitlist")

    second = decision_record(actor=staff, subject=organization, outcome="accept", supersedes=first)

    assert second.supersedes == first
    assert decision_current(organization) == second
    assert list(decisions_for(organization)) == [second, first]


def test_a_decision_cannot_be_superseded_twice(staff, organization):
    first = decision_record(actor=staff, subject=organization, outcome="waitlist")
    decision_record(actor=staff, subject=organization, outcome="accept", supersedes=first)

    with pytest.raises(ValidationError) as error:
        decision_record(actor=staff, subject=organization, outcome="decline", supersedes=first)

    assert "supersedes" in error.value.message_dict
    assert Decision.objects.count() == 2


def test_deciding_again_without_naming_the_current_decision_is_refused(staff, organization):
    decision_record(actor=staff, subject=organization, outcome="waitlist")

    with pytest.raises(ValidationError) as error:
        decision_record(actor=staff, subject=organization, outcome="accept")

    assert "supersedes" in error.value.message_dict


def test_a_decision_needs_an_outcome(staff, organization):
    with pytest.raises(ValidationError) as error:
        decision_record(actor=staff, subject=organization, outcome="  ")

    assert "outcome" in error.value.message_dict
    assert not Decision.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_staff_deciding_the_same_subject_at_once_give_one_decision(staff, manager):
    from capacityhub.community.models import Organization

    organization = Organization.objects.get()
    barrier = threading.Barrier(2)
    outcomes: list = [None, None]

    def decide(index, actor, outcome):
        barrier.wait()
        try:
            decision_record(actor=actor, subject=organization, outcome=outcome, reason="r")
        except Exception as error:  # noqa: BLE001 - the test inspects it
            outcomes[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(0, staff, "accept")),
        threading.Thread(target=decide, args=(1, manager, "decline")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    errors = [o for o in outcomes if o is not None]
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert "supersedes" in errors[0].message_dict
    assert Decision.objects.count() == 1
