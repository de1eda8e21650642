"""Editing and archiving badges: who may, what an archived badge still does (its credentials
verify) and no longer does (award by rule or by hand); key rotation through the command."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from capacityhub.community.evidence import evidence_record
from capacityhub.community.models import Evidence
from capacityhub.core.models import AuditEntry
from capacityhub.recognition.credentials.verify import verify
from capacityhub.recognition.models import Achievement, Award, SigningKey
from capacityhub.recognition.services.achievements import achievement_create
from capacityhub.recognition.services.awards import award_by_hand
from capacityhub.recognition.services.badge_edits import achievement_archive, achievement_update

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 1)
RULE = {"kind": "completed", "source_model": "mentoring.mentorship", "minimum": 1}


def define(actor, organization=None, **extra):
    data = {"name": "Mentor", "description": "Mentored.", "criteria": "One mentorship."} | extra
    return achievement_create(actor=actor, organization=organization, **data)


def complete_a_mentorship(profile, capacity, n, on_commit):
    with on_commit(execute=True):
        evidence_record(
            profile=profile,
            capacity=capacity,
            kind=Evidence.Kind.COMPLETED,
            source=f"mentoring.mentorship:{n}",
            occurred_on=DAY,
        )


def test_staff_edit_hub_badges_and_managers_their_organizations(
    staff, manager, owner, other, organization
):
    hub, ours = define(staff), define(manager, organization)
    for actor in (manager, owner):
        with pytest.raises(PermissionDenied):
            achievement_update(actor=actor, achievement=hub, name="X")
    with pytest.raises(PermissionDenied):
        achievement_update(actor=other, achievement=ours, name="X")
    edited = achievement_update(actor=manager, achievement=ours, name="Guide", expected_version=1)
    assert (edited.name, edited.description, edited.version) == ("Guide", "Mentored.", 2)
    assert achievement_update(actor=staff, achievement=hub, image="book").image == "book"
    assert AuditEntry.objects.filter(action="recognition.achievement.update").count() == 2


def test_bad_or_stale_edits_change_nothing(staff):
    badge = define(staff)
    with pytest.raises(ValidationError) as error:
        achievement_update(actor=staff, achievement=badge, name=" ", expected_version=1)
    assert "name" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        achievement_update(actor=staff, achievement=badge, organization=None)
    assert "organization" in error.value.message_dict
    achievement_update(actor=staff, achievement=badge, name="New", expected_version=1)
    with pytest.raises(ValidationError) as error:
        achievement_update(actor=staff, achievement=badge, name="Stale", expected_version=1)
    assert "version" in error.value.message_dict
    badge.refresh_from_db()
    assert (badge.name, badge.version) == ("New", 2)


def test_only_owners_archive_and_only_once(staff, manager, other, organization):
    ours = define(manager, organization)
    with pytest.raises(PermissionDenied):
        achievement_archive(actor=other, achievement=ours)
    achievement_archive(actor=manager, achievement=ours)
    with pytest.raises(ValidationError):
        achievement_archive(actor=staff, achievement=ours)
    with pytest.raises(ValidationError) as error:
        achievement_update(actor=staff, achievement=ours, name="Back")
    assert "archived" in error.value.message_dict
    assert Achievement.objects.get().name == "Mentor"


def test_an_archived_badges_rule_no_longer_awards(
    staff, owner, other, taxonomy, django_capture_on_commit_callbacks
):
    badge = define(staff, rule_kind="evidence_count", rule_params=RULE)
    complete_a_mentorship(
        owner.profile, taxonomy["grant-writing"], 1, django_capture_on_commit_callbacks
    )
    earned = Award.objects.get()
    assert earned.recipient == owner
    achievement_archive(actor=staff, achievement=badge)
    complete_a_mentorship(
        other.profile, taxonomy["grant-writing"], 2, django_capture_on_commit_callbacks
    )
    assert list(Award.objects.all()) == [earned]
    with pytest.raises(ValidationError):
        award_by_hand(actor=staff, achievement=badge, recipient=other)
    assert verify(earned.credential).status == "valid"
    assert verify(token=earned.jwt).status == "valid"


def test_old_credentials_still_verify_after_the_rotation_command(staff, owner, other):
    badge = define(staff)
    old = award_by_hand(actor=staff, achievement=badge, recipient=owner)
    before = set(SigningKey.objects.filter(retired_at__isnull=True).values_list("pk", flat=True))
    out = StringIO()
    call_command("rotate_issuer_keys", stdout=out)
    assert "New Ed25519 key" in out.getvalue()
    assert not SigningKey.objects.filter(pk__in=before, retired_at__isnull=True).exists()
    newer = award_by_hand(actor=staff, achievement=badge, recipient=other)
    old_method = old.credential["proof"]["verificationMethod"]
    assert newer.credential["proof"]["verificationMethod"] != old_method
    old.refresh_from_db()
    assert verify(old.credential).status == "valid"
    assert verify(token=old.jwt).status == "valid"
    assert verify(newer.credential).status == "valid"
