from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capacityhub.core.models import Notification
from capacityhub.evaluation.models import Answer, Consent, Invitation, LogicModel, Survey
from capacityhub.evaluation.services import (
    answer_submit,
    consent_set,
    follow_ups_send,
    indicator_add,
    invitation_create,
    logic_model_create,
    logic_model_update,
    survey_create,
    survey_invite_all,
)

from .factories import enrol, make_course, score_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(owner):
    return make_course(owner)


def _create(actor, course, **extra):
    return logic_model_create(
        actor=actor, subject_type="learning.course", subject_id=course.pk,
        title="Wiki 101 logic", inputs=["Two trainers"], outcomes=["Confident editors"], **extra,
    )  # fmt: skip


def test_owner_and_staff_create_logic_models(owner, staff, course):
    model = _create(owner, course)
    assert model.inputs == ["Two trainers"]
    logic_model_update(actor=staff, logic_model=model, version=model.version, title="New")
    model.refresh_from_db()
    assert model.title == "New" and model.version == 2


@pytest.mark.parametrize("who", ["other", "manager", "anonymous"])
def test_others_cannot_create(request, who, course):
    with pytest.raises(PermissionDenied):
        _create(request.getfixturevalue(who), course)
    assert not LogicModel.objects.exists()


def test_bad_input_names_the_field(owner, course):
    with pytest.raises(ValidationError) as caught:
        _create(owner, course, outputs="not a list")
    assert "outputs" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        logic_model_create(actor=owner, subject_type="auth.user", subject_id=1, title="x")
    assert "subject_type" in caught.value.message_dict
    assert not LogicModel.objects.exists()


def test_stale_version_refused(owner, course):
    model = _create(owner, course)
    with pytest.raises(ValidationError) as caught:
        logic_model_update(actor=owner, logic_model=model, version=99, title="Late")
    assert "version" in caught.value.message_dict


def test_indicator_checks(owner, course):
    model = _create(owner, course)
    indicator = indicator_add(actor=owner, logic_model=model, name="Change", level=2,
                              baseline=0, target=1.5, figure="pre_post_change")  # fmt: skip
    assert indicator.target == 1.5
    for bad in ({"level": 7}, {"level": 2, "target": "lots"}, {"level": 2, "target": float("nan")}):
        with pytest.raises(ValidationError):
            indicator_add(actor=owner, logic_model=model, name="x", **bad)
    assert model.indicators.count() == 1


def test_follow_up_refused_without_consent(owner, course):
    (person,) = enrol(course, 1)
    survey = survey_create(actor=owner, subject_type="learning.course", subject_id=course.pk,
                           kind="follow_up_30", form=score_form(owner),
                           activity_ends_on=date(2030, 1, 1))  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        invitation_create(actor=owner, survey=survey, person=person)
    assert "person" in caught.value.message_dict
    assert not Invitation.objects.exists()
    consent_set(actor=person, survey=survey, agree=True)
    assert invitation_create(actor=owner, survey=survey, person=person).person == person


def test_follow_ups_go_out_when_due_to_those_who_agreed(owner, course):
    agreed, declined = enrol(course, 2)
    ended = date(2030, 1, 1)
    survey = survey_create(actor=owner, subject_type="learning.course", subject_id=course.pk,
                           kind="follow_up_30", form=score_form(owner),
                           activity_ends_on=ended)  # fmt: skip
    consent_set(actor=agreed, survey=survey, agree=True)
    assert follow_ups_send(today=ended + timedelta(days=29)) == (0, 0)
    assert follow_ups_send(today=ended + timedelta(days=30)) == (1, 0)
    assert list(Invitation.objects.values_list("person", flat=True)) == [agreed.pk]
    assert Notification.objects.filter(recipient=agreed).count() == 1
    assert follow_ups_send(today=ended + timedelta(days=31)) == (0, 0)  # never twice
    Invitation.objects.update(sent_at=Invitation.objects.get().sent_at - timedelta(days=8))
    assert follow_ups_send(today=ended + timedelta(days=40)) == (0, 1)
    assert follow_ups_send(today=ended + timedelta(days=41)) == (0, 0)


def test_answers_link_to_person_only_with_consent(owner, course):
    linked, unlinked = enrol(course, 2)
    survey = survey_create(actor=owner, subject_type="learning.course", subject_id=course.pk,
                           kind="post", form=score_form(owner),
                           score_key="confidence")  # fmt: skip
    assert survey_invite_all(actor=owner, survey=survey) == 2
    consent_set(actor=linked, survey=survey, agree=True)
    answer_submit(actor=linked, survey=survey, answers={"confidence": 4})
    answer_submit(actor=unlinked, survey=survey, answers={"confidence": 2})
    assert set(Answer.objects.values_list("person", "score")) == {(linked.pk, 4.0), (None, 2.0)}
    assert Answer.objects.get(person=None).response.respondent is None
    with pytest.raises(ValidationError):
        answer_submit(actor=linked, survey=survey, answers={"confidence": 5})
    assert Answer.objects.count() == 2
    consent_set(actor=linked, survey=survey, agree=False)
    assert not Answer.objects.filter(person__isnull=False).exists()
    assert Consent.objects.get().withdrawn_at is not None


def test_non_participants_cannot_answer(owner, other, course):
    survey = survey_create(actor=owner, subject_type="learning.course", subject_id=course.pk,
                           kind="reaction", form=score_form(owner),
                           score_key="confidence")  # fmt: skip
    with pytest.raises(PermissionDenied):
        answer_submit(actor=other, survey=survey, answers={"confidence": 4})
    assert not Answer.objects.exists()


def test_survey_checks(owner, course, other):
    form = score_form(owner)
    base = {
        "actor": owner,
        "subject_type": "learning.course",
        "subject_id": course.pk,
        "form": form,
    }
    cases = [({"kind": "odd"}, "kind"), ({"kind": "pre", "score_key": "comment"}, "score_key")]
    cases.append(({"kind": "follow_up_90"}, "activity_ends_on"))
    for bad, field in cases:
        with pytest.raises(ValidationError) as caught:
            survey_create(**base, **bad)
        assert field in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        survey_create(**{**base, "actor": other}, kind="pre")
    assert not Survey.objects.exists()


def test_the_command_and_personal_data(owner, course):
    from django.core.management import call_command

    from capacityhub.community.personal_data import erase_parts, export_parts

    (person,) = enrol(course, 1)
    survey = survey_create(actor=owner, subject_type="learning.course", subject_id=course.pk,
                           kind="follow_up_30", form=score_form(),
                           activity_ends_on=date(2020, 1, 1))  # fmt: skip
    consent_set(actor=person, survey=survey, agree=True)
    call_command("evaluation_send_surveys")
    assert Invitation.objects.filter(person=person).exists()
    assert export_parts(person)["evaluation"]["consents"]
    erase_parts(person)
    assert Consent.objects.get().withdrawn_at is not None
