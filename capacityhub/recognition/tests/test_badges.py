"""Badges: who defines and awards them, rules evaluated when evidence is recorded."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from capacityhub.community.evidence import EvidenceItem, evidence_record, evidence_record_many
from capacityhub.community.models import Evidence
from capacityhub.events.models import Event
from capacityhub.recognition.credentials.multibase import b58decode, b58encode
from capacityhub.recognition.credentials.status import encode, is_set
from capacityhub.recognition.models import Achievement, Award
from capacityhub.recognition.services.achievements import achievement_create
from capacityhub.recognition.services.awards import award_by_hand, award_revoke, award_set_shown

DAY = datetime.date(2026, 3, 1)


def define(actor, organization=None, **extra):
    data = {
        "name": "Mentor",
        "description": "Mentored others.",
        "criteria": "Completed three mentorships.",
    } | extra
    return achievement_create(actor=actor, organization=organization, **data)


def test_staff_define_hub_badges_managers_their_organizations(staff, manager, owner, organization):
    assert define(staff).organization is None
    assert define(manager, organization).organization == organization
    with pytest.raises(PermissionDenied):
        define(manager)
    with pytest.raises(PermissionDenied):
        define(owner, organization)


def test_a_rule_naming_an_unknown_capacity_is_refused(staff, taxonomy):
    with pytest.raises(ValidationError) as error:
        define(
            staff,
            rule_kind="evidence_count",
            rule_params={"kind": "completed", "capacity": "no-such", "minimum": 2},
        )
    assert "rule_params" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        define(staff, capacities=["no-such"])
    assert "capacities" in error.value.message_dict
    with pytest.raises(ValidationError):
        define(staff, rule_kind="astrology")
    assert not Achievement.objects.exists()


def test_award_by_hand_permissions(staff, manager, owner, other, organization):
    hub = define(staff)
    ours = define(manager, organization)
    with pytest.raises(PermissionDenied):
        award_by_hand(actor=manager, achievement=hub, recipient=owner)
    with pytest.raises(PermissionDenied):
        award_by_hand(actor=other, achievement=ours, recipient=owner)
    award = award_by_hand(actor=manager, achievement=ours, recipient=owner)
    assert award.credential["issuer"]["parentOrg"]["name"] == "Capacity Hub"
    with pytest.raises(ValidationError):
        award_by_hand(actor=manager, achievement=ours, recipient=owner)
    with pytest.raises(ValidationError):
        award_by_hand(actor=staff, achievement=hub, recipient=staff)
    assert Award.objects.count() == 1


def test_revoke_and_show_permissions(staff, manager, owner, other, organization):
    award = award_by_hand(actor=staff, achievement=define(staff), recipient=owner)
    for actor in (owner, other, manager):
        with pytest.raises(PermissionDenied):
            award_revoke(actor=actor, award=award, reason="x")
    for actor in (other, staff):
        with pytest.raises(PermissionDenied):
            award_set_shown(actor=actor, award=award, shown=False)
    assert award_set_shown(actor=owner, award=award, shown=False).shown_on_profile is False
    award_revoke(actor=staff, award=award, reason="Mistake")
    with pytest.raises(ValidationError):
        award_revoke(actor=staff, award=award, reason="Again")


def test_completed_mentorships_award_the_badge_when_evidence_is_recorded(
    staff, owner, taxonomy, django_capture_on_commit_callbacks
):
    define(
        staff,
        rule_kind="evidence_count",
        capacities=["fundraising"],
        rule_params={
            "kind": "completed",
            "source_model": "mentoring.mentorship",
            "capacity": "fundraising",
            "minimum": 2,
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        evidence_record(
            profile=owner.profile,
            capacity=taxonomy["grant-writing"],
            kind=Evidence.Kind.COMPLETED,
            source="mentoring.mentorship:1",
            occurred_on=DAY,
        )
        # another capacity (not under fundraising) and another source model do not count
        evidence_record(
            profile=owner.profile,
            capacity=taxonomy["lua-scripting"],
            kind=Evidence.Kind.COMPLETED,
            source="mentoring.mentorship:2",
            occurred_on=DAY,
        )
        evidence_record(
            profile=owner.profile,
            capacity=taxonomy["grant-writing"],
            kind=Evidence.Kind.COMPLETED,
            source="learning.course:2",
            occurred_on=DAY,
        )
    assert not Award.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        evidence_record(
            profile=owner.profile,
            capacity=taxonomy["grant-reporting"],
            kind=Evidence.Kind.COMPLETED,
            source="mentoring.mentorship:3",
            occurred_on=DAY,
        )
    award = Award.objects.get()
    assert award.recipient == owner and award.awarded_by is None and len(award.evidence_ids) == 2
    with django_capture_on_commit_callbacks(execute=True):  # idempotent
        evidence_record(
            profile=owner.profile,
            capacity=taxonomy["grant-reporting"],
            kind=Evidence.Kind.COMPLETED,
            source="mentoring.mentorship:4",
            occurred_on=DAY,
        )
    assert Award.objects.count() == 1


def test_stage_completion_counts_mentoring_stage_evidence(
    staff, owner, taxonomy, django_capture_on_commit_callbacks
):
    define(staff, rule_kind="stage_completion", rule_params={"minimum": 3})
    items = [
        EvidenceItem(
            profile=owner.profile,
            capacity=taxonomy["technology"],
            kind=Evidence.Kind.COMPLETED,
            source=f"mentoring.stagecompletion:{i}",
            occurred_on=DAY,
        )
        for i in range(1, 4)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        evidence_record_many(items=items[:2])
    assert not Award.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        evidence_record_many(items=items)
    assert Award.objects.get().recipient == owner


def test_sessions_taught_in_two_languages(
    staff, owner, taxonomy, django_capture_on_commit_callbacks
):
    define(staff, rule_kind="session_languages", rule_params={"languages": 2})
    now = timezone.now()

    def session(languages, kind=Event.Kind.SESSION):
        event = Event.objects.create(
            kind=kind,
            title="Lua",
            host=owner,
            starts_at=now - datetime.timedelta(hours=2),
            ends_at=now,
            languages=languages,
        )
        with django_capture_on_commit_callbacks(execute=True):
            evidence_record(
                profile=owner.profile,
                capacity=taxonomy["lua-scripting"],
                kind=Evidence.Kind.FACILITATED,
                source=f"events.event:{event.pk}",
                occurred_on=DAY,
            )

    session(["en"])
    session(["fr"], kind=Event.Kind.CONFERENCE)
    assert not Award.objects.exists()
    session(["en", "ha"])
    assert Award.objects.get().recipient == owner


def test_a_failing_listener_never_breaks_recording(
    owner, taxonomy, monkeypatch, django_capture_on_commit_callbacks
):
    from capacityhub.recognition import rules

    def boom(params, profile_ids):
        raise RuntimeError("broken rule")

    monkeypatch.setitem(
        rules.RULE_KINDS, "evidence_count", rules.RuleKind("evidence_count", lambda p: p, boom)
    )
    Achievement.objects.create(
        name="x", description="x", criteria="x", rule_kind="evidence_count", rule_params={}
    )
    with django_capture_on_commit_callbacks(execute=True):
        evidence_record(
            profile=owner.profile,
            capacity=taxonomy["technology"],
            kind=Evidence.Kind.COMPLETED,
            source="learning.course:1",
            occurred_on=DAY,
        )
    assert Evidence.objects.count() == 1


@given(st.binary(max_size=64))
def test_base58_round_trips(data):
    assert b58decode(b58encode(data)) == data


@given(
    st.sets(st.integers(min_value=0, max_value=131071), max_size=30),
    st.integers(min_value=0, max_value=131071),
)
def test_status_list_bits(revoked, probe):
    encoded = encode(revoked)
    assert is_set(encoded, probe) == (probe in revoked)
