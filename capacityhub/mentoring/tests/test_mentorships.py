"""Mentor profiles, away periods, requests, pairing (cohort run, one by one, by hand) and the
life of a mentorship."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from capacityhub.community.models import Evidence
from capacityhub.community.personal_data import export_parts
from capacityhub.core.models import Notification
from capacityhub.integrity.conflicts import conflict_check
from capacityhub.mentoring.models import AwayPeriod, MenteeRequest, MentorProfile, Mentorship
from capacityhub.mentoring.selectors import mentorship_get, mentorship_meetings, request_queue
from capacityhub.mentoring.services import (
    away_add,
    cohort_assign,
    meeting_log,
    mentor_profile_save,
    mentorship_accept,
    mentorship_complete,
    mentorship_end,
    mentorship_fit_check,
    mentorship_move,
    mentorship_pair,
    participant_admit,
    request_create,
    request_match,
)
from capacityhub.mentoring.services.reminders import remind_silent

from .fixtures import make_mentor, same_organization

TODAY = dt.date.today()


def test_a_member_becomes_a_mentor_but_cannot_set_their_own_weight(owner, taxonomy):
    profile = mentor_profile_save(
        actor=owner, user=owner, capacities=["lua-scripting"], languages=["fr"]
    )
    assert profile.weight == 1
    with pytest.raises(PermissionDenied):
        mentor_profile_save(
            actor=owner, user=owner, capacities=["lua-scripting"], languages=["fr"], weight=4
        )
    assert MentorProfile.objects.get().weight == 1


def test_a_member_cannot_edit_anothers_mentor_profile(owner, other, taxonomy):
    with pytest.raises(PermissionDenied):
        mentor_profile_save(actor=other, user=owner, capacities=["lua-scripting"], languages=["fr"])


def test_staff_set_a_weight_of_0_1_2_or_4_only(staff, mentor):
    with pytest.raises(ValidationError) as error:
        mentor_profile_save(
            actor=staff, user=mentor, capacities=["grant-writing"], languages=["es"], weight=3
        )
    assert "weight" in error.value.message_dict


def test_overlapping_away_periods_are_refused(mentor):
    profile = mentor.mentor_profile
    away_add(
        actor=mentor,
        mentor=profile,
        starts_on=TODAY + dt.timedelta(days=5),
        ends_on=TODAY + dt.timedelta(days=10),
    )
    with pytest.raises(ValidationError) as error:
        away_add(
            actor=mentor,
            mentor=profile,
            starts_on=TODAY + dt.timedelta(days=9),
            ends_on=TODAY + dt.timedelta(days=20),
        )
    assert "starts_on" in error.value.message_dict
    assert AwayPeriod.objects.count() == 1


def test_a_request_is_queued_for_staff_oldest_first(owner, other, staff, taxonomy):
    first = request_create(actor=owner, capacities=["grant-writing"], languages=["es"])
    request_create(actor=other, capacities=["lua-scripting"], languages=["fr"])
    assert list(request_queue(viewer=staff))[0] == first
    with pytest.raises(PermissionDenied):
        request_queue(viewer=owner)


def test_staff_match_a_request_one_by_one(mentee_request, mentor, staff):
    mentorship = request_match(actor=staff, request=mentee_request)
    assert mentorship.mentor == mentor
    assert {p["key"] for p in mentorship.explanation} >= {"capacity", "language"}
    mentee_request.refresh_from_db()
    assert mentee_request.status == MenteeRequest.Status.ASSIGNED


def test_pairing_by_hand_over_the_mentors_cap_is_refused(staff, taxonomy, owner, other):
    full = make_mentor("full", max_mentees=1)
    first = request_create(actor=other, capacities=["grant-writing"], languages=["es"])
    mentorship_pair(actor=staff, request=first, mentor=full, reason="Asked for her")
    second = request_create(actor=owner, capacities=["grant-writing"], languages=["es"])
    with pytest.raises(ValidationError) as error:
        mentorship_pair(actor=staff, request=second, mentor=full, reason="Asked too")
    assert "mentor" in error.value.message_dict
    assert Mentorship.objects.count() == 1


def test_pairing_across_a_declared_conflict_is_refused(
    staff, mentee_request, mentor, organization, owner
):
    same_organization(organization, owner, mentor)
    with pytest.raises(ValidationError) as error:
        mentorship_pair(actor=staff, request=mentee_request, mentor=mentor, reason="x")
    assert "mentor" in error.value.message_dict
    assert not Mentorship.objects.exists()


def test_pairing_by_hand_needs_staff_and_a_reason(owner, staff, mentee_request, mentor):
    with pytest.raises(PermissionDenied):
        mentorship_pair(actor=owner, request=mentee_request, mentor=mentor, reason="x")
    with pytest.raises(ValidationError):
        mentorship_pair(actor=staff, request=mentee_request, mentor=mentor, reason="")
    mentorship = mentorship_pair(
        actor=staff, request=mentee_request, mentor=mentor, reason="They met at WikiIndaba"
    )
    assert mentorship.override_reason == "They met at WikiIndaba"


def test_the_cohort_run_avoids_a_conflicted_mentor_and_gives_a_backup(
    staff, cohort, owner, organization, taxonomy
):
    participant_admit(actor=staff, cohort=cohort, user=owner)
    conflicted = make_mentor("same-org", capacities=("grant-writing",))
    same_organization(organization, owner, conflicted)
    good = make_mentor("good", capacities=("grant-writing",))
    backup = make_mentor("second", capacities=("fundraising",))
    request_create(actor=owner, capacities=["grant-writing"], languages=["es"], cohort=cohort)
    summary = cohort_assign(actor=staff, cohort=cohort)
    assert summary.paired == 1
    mentorship = Mentorship.objects.get()
    assert mentorship.mentor == good
    assert mentorship.backup == backup
    assert mentorship.cohort == cohort


def test_only_managers_run_a_cohorts_assignment(other, facilitator, cohort):
    for person in (other, facilitator):
        with pytest.raises(PermissionDenied):
            cohort_assign(actor=person, cohort=cohort)


@pytest.fixture
def pair(staff, mentee_request, mentor, backup_mentor):
    mentorship = mentorship_pair(actor=staff, request=mentee_request, mentor=mentor, reason="r")
    Mentorship.objects.filter(pk=mentorship.pk).update(backup=backup_mentor)
    mentorship.refresh_from_db()
    return mentorship


def test_the_lifecycle_records_evidence_for_both_at_completion(pair, mentor, owner):
    with pytest.raises(PermissionDenied):
        mentorship_accept(actor=owner, mentorship=pair)
    mentorship_accept(actor=mentor, mentorship=pair)
    meeting_log(actor=owner, mentorship=pair, met_on=TODAY, notes="Talked about grants")
    pair.refresh_from_db()
    assert pair.status == Mentorship.Status.ACTIVE
    mentorship_complete(actor=mentor, mentorship=pair)
    evidence = Evidence.objects.filter(source=f"mentoring.mentorship:{pair.pk}")
    assert {(e.profile.user, e.kind, e.capacity.code) for e in evidence} == {
        (mentor, "taught", "grant-writing"),
        (owner, "learned", "grant-writing"),
    }


def test_meeting_notes_are_private_to_the_pair(pair, mentor, owner, staff, other):
    mentorship_accept(actor=mentor, mentorship=pair)
    meeting_log(actor=mentor, mentorship=pair, met_on=TODAY, notes="private")
    assert mentorship_meetings(viewer=owner, mentorship=pair).count() == 1
    assert mentorship_meetings(viewer=staff, mentorship=pair).count() == 0
    with pytest.raises(PermissionDenied):
        mentorship_get(viewer=other, pk=pair.pk)
    with pytest.raises(PermissionDenied):
        meeting_log(actor=other, mentorship=pair, met_on=TODAY)


def test_a_meeting_in_the_future_is_refused(pair, mentor):
    mentorship_accept(actor=mentor, mentorship=pair)
    with pytest.raises(ValidationError) as error:
        meeting_log(actor=mentor, mentorship=pair, met_on=TODAY + dt.timedelta(days=2))
    assert "met_on" in error.value.message_dict


def test_not_a_good_fit_ends_the_pair_and_offers_another_mentor(pair, mentor, owner, backup_mentor):
    mentorship_accept(actor=mentor, mentorship=pair)
    meeting_log(actor=owner, mentorship=pair, met_on=TODAY)
    new = mentorship_fit_check(actor=owner, mentorship=pair, good_fit=False)
    pair.refresh_from_db()
    assert pair.status == Mentorship.Status.ENDED
    assert new.mentor == backup_mentor


def test_going_away_offers_the_backup_and_the_mentee_moves(
    pair, mentor, owner, backup_mentor, django_capture_on_commit_callbacks
):
    mentorship_accept(actor=mentor, mentorship=pair)
    with pytest.raises(PermissionDenied):
        mentorship_move(actor=mentor, mentorship=pair, to="backup")
    with django_capture_on_commit_callbacks(execute=True):
        away_add(
            actor=mentor,
            mentor=mentor.mentor_profile,
            starts_on=TODAY,
            ends_on=TODAY + dt.timedelta(days=30),
        )
    assert Notification.objects.filter(recipient=owner).exists()
    moved = mentorship_move(actor=owner, mentorship=pair, to="backup")
    pair.refresh_from_db()
    assert pair.status == Mentorship.Status.ENDED
    assert moved.mentor == backup_mentor
    assert moved.status == Mentorship.Status.ACCEPTED


def test_ending_early_needs_a_reason(pair, owner):
    with pytest.raises(ValidationError) as error:
        mentorship_end(actor=owner, mentorship=pair, reason=" ")
    assert "reason" in error.value.message_dict
    mentorship_end(actor=owner, mentorship=pair, reason="Moved abroad")
    pair.refresh_from_db()
    assert pair.status == Mentorship.Status.ENDED


def test_a_live_pair_is_a_conflict_for_reviews(pair, mentor, owner):
    Mentorship.objects.filter(pk=pair.pk).update(status=Mentorship.Status.ACTIVE)
    assert [c.kind for c in conflict_check(person=mentor, subject=owner)] == ["mentor"]


def test_silent_pairs_are_reminded_once(pair, mentor, owner):
    mentorship_accept(actor=mentor, mentorship=pair)
    later = timezone.now() + dt.timedelta(days=29)
    assert remind_silent(now=later) == 1
    assert remind_silent(now=later) == 0
    assert Notification.objects.filter(recipient=owner, subject__icontains="quiet").count() == 1
    call_command("remind_silent_mentorships")


def test_the_data_export_holds_mentoring(pair, owner):
    part = export_parts(owner)["mentoring"]
    assert part["mentorships"][0]["role"] == "mentee"


def test_an_anonymous_visitor_cannot_ask_for_a_mentor(anonymous, taxonomy):
    with pytest.raises(PermissionDenied):
        request_create(actor=anonymous, capacities=["grant-writing"], languages=["es"])
