"""Programmes, cohorts, admission through an intake call, stage progress."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capacityhub.community.evidence import evidence_record
from capacityhub.community.models import Evidence
from capacityhub.community.tests.factories import UserFactory
from capacityhub.integrity.selectors import decision_current
from capacityhub.mentoring.models import Cohort, Participant, Programme, StageCompletion
from capacityhub.mentoring.selectors import cohort_progress, talent_report
from capacityhub.mentoring.services import (
    cohort_create,
    participant_admit,
    programme_create,
    stage_complete,
)
from capacityhub.review.services import application_decide, offer_respond
from capacityhub.review.tests.factories import make_call, make_form
from capacityhub.review.tests.helpers import eligible


def test_staff_create_a_programme_with_ordered_stages(programme):
    assert [s.title for s in programme.stages.all()] == ["Identify", "Learn", "Lead"]
    assert [s.position for s in programme.stages.all()] == [1, 2, 3]
    assert programme.stages.get(title="Learn").evidence_capacity.code == "fundraising"


@pytest.mark.parametrize("who", ["owner", "other", "anonymous"])
def test_members_without_an_organization_cannot_create_programmes(request, who, taxonomy):
    with pytest.raises(PermissionDenied):
        programme_create(
            actor=request.getfixturevalue(who), title="X", capacities=["lua-scripting"]
        )
    assert not Programme.objects.exists()


def test_a_manager_creates_their_organizations_programme(manager, organization, taxonomy):
    programme = programme_create(
        actor=manager,
        title="Kano leaders",
        capacities=["fundraising"],
        owner_organization=organization,
    )
    assert programme.owner_organization == organization


def test_an_evidence_stage_needs_a_kind_and_nothing_is_saved(staff, taxonomy):
    with pytest.raises(ValidationError) as error:
        programme_create(
            actor=staff,
            title="Broken",
            capacities=["fundraising"],
            stages=[{"title": "Learn", "completion": "evidence"}],
        )
    assert "evidence_kind" in error.value.message_dict
    assert not Programme.objects.exists()


def test_a_cohort_ending_before_it_starts_is_refused(staff, programme):
    today = dt.date.today()
    with pytest.raises(ValidationError) as error:
        cohort_create(
            actor=staff,
            programme=programme,
            title="C",
            starts_on=today,
            ends_on=today - dt.timedelta(days=1),
        )
    assert "ends_on" in error.value.message_dict
    assert not Cohort.objects.exists()


def test_only_a_programme_intake_call_admits_to_a_cohort(staff, programme):
    call = make_call(created_by=staff, kind="scholarship")
    today = dt.date.today()
    with pytest.raises(ValidationError) as error:
        cohort_create(
            actor=staff,
            programme=programme,
            title="C",
            starts_on=today,
            ends_on=today,
            intake_call=call,
        )
    assert "intake_call" in error.value.message_dict


def test_an_accepted_application_admits_the_applicant_to_the_cohort(staff, programme, cohort):
    call = make_call(created_by=staff, form=make_form(staff), kind="programme_intake", seats=5)
    cohort.intake_call = call
    cohort.save()
    applicant = UserFactory(username="applicant")
    application = eligible(call, applicant, staff)
    application_decide(
        actor=staff,
        application=application,
        outcome="accept",
        supersedes=decision_current(application),
    )
    participant = Participant.objects.get(cohort=cohort, user=applicant)
    assert participant.stage.title == "Identify"
    assert participant.application_id == application.pk
    offer_respond(actor=applicant, application=application, take_up=False)
    participant.refresh_from_db()
    assert participant.status == Participant.Status.WITHDRAWN


def test_a_decision_on_another_calls_application_admits_nobody(staff, cohort):
    call = make_call(created_by=staff, form=make_form(staff), kind="scholarship", seats=5)
    application = eligible(call, UserFactory(username="applicant"), staff)
    application_decide(
        actor=staff,
        application=application,
        outcome="accept",
        supersedes=decision_current(application),
    )
    assert not Participant.objects.exists()


def test_other_members_cannot_admit(other, cohort, owner):
    with pytest.raises(PermissionDenied):
        participant_admit(actor=other, cohort=cohort, user=owner)


def test_a_facilitator_signs_a_stage_off_with_a_note_and_evidence_is_recorded(
    participant, facilitator
):
    completion = stage_complete(actor=facilitator, participant=participant, note="Ran the call.")
    participant.refresh_from_db()
    assert participant.stage.title == "Learn"
    evidence = Evidence.objects.filter(source=f"mentoring.stagecompletion:{completion.pk}")
    assert {e.capacity.code for e in evidence} == {"fundraising", "grant-writing"}
    assert {e.kind for e in evidence} == {"completed"}


def test_a_sign_off_needs_a_note_and_a_facilitator(participant, facilitator, owner, other):
    with pytest.raises(ValidationError) as error:
        stage_complete(actor=facilitator, participant=participant, note="")
    assert "note" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        stage_complete(actor=owner, participant=participant, note="I did it")
    with pytest.raises(PermissionDenied):
        stage_complete(actor=other, participant=participant, note="x")
    assert not StageCompletion.objects.exists()


def test_advancing_an_evidence_stage_without_its_evidence_is_refused(
    participant, facilitator, owner, taxonomy
):
    stage_complete(actor=facilitator, participant=participant, note="ok")
    with pytest.raises(ValidationError) as error:
        stage_complete(actor=owner, participant=participant)
    assert "stage" in error.value.message_dict
    participant.refresh_from_db()
    assert participant.stage.title == "Learn"
    assert StageCompletion.objects.count() == 1
    rows = cohort_progress(viewer=facilitator, cohort=participant.cohort)
    assert rows[0].missing.kind == "evidence"
    # a course about grant writing (below fundraising) counts
    evidence_record(
        profile=owner.profile,
        capacity=taxonomy["grant-writing"],
        kind="learned",
        source="learning.enrolment:1",
        occurred_on=dt.date.today(),
    )
    assert cohort_progress(viewer=facilitator, cohort=participant.cohort)[0].missing is None
    stage_complete(actor=owner, participant=participant)
    participant.refresh_from_db()
    assert participant.stage.title == "Lead"


def test_completing_the_last_stage_completes_the_programme(
    participant, facilitator, owner, taxonomy
):
    stage_complete(actor=facilitator, participant=participant, note="ok")
    evidence_record(
        profile=owner.profile,
        capacity=taxonomy["fundraising"],
        kind="learned",
        source="learning.enrolment:1",
        occurred_on=dt.date.today(),
    )
    stage_complete(actor=facilitator, participant=participant)
    stage_complete(actor=facilitator, participant=participant, note="Led an edit-a-thon")
    participant.refresh_from_db()
    assert participant.status == Participant.Status.COMPLETED
    assert participant.stage is None
    with pytest.raises(ValidationError):
        stage_complete(actor=facilitator, participant=participant, note="again")


def test_progress_is_seen_by_facilitators_and_the_participant_only(
    participant, facilitator, other, anonymous, staff
):
    cohort = participant.cohort
    assert len(cohort_progress(viewer=facilitator, cohort=cohort)) == 1
    assert len(cohort_progress(viewer=staff, cohort=cohort)) == 1
    assert len(cohort_progress(viewer=participant.user, cohort=cohort)) == 1
    assert cohort_progress(viewer=other, cohort=cohort) == []
    assert cohort_progress(viewer=anonymous, cohort=cohort) == []


def test_the_talent_report_is_for_staff_and_managers(participant, facilitator, staff):
    with pytest.raises(PermissionDenied):
        talent_report(viewer=facilitator, cohort=participant.cohort)
    rows = talent_report(viewer=staff, cohort=participant.cohort)
    assert rows[0].participant == participant
    assert [title for title, _days in rows[0].days_per_stage] == ["Identify", "Learn", "Lead"]
