"""Applying: drafts, submission before the close, final once submitted, withdrawal."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from capacityhub.forms.models import Response
from capacityhub.review.models import Application
from capacityhub.review.services import application_save, application_withdraw

ANSWERS = {"motivation": "Quiero aprender a organizar editatones."}


def test_an_applicant_saves_a_draft_then_submits(call, applicant):
    draft = application_save(actor=applicant, call=call, answers={}, language="es")
    assert draft.status == Application.Status.DRAFT
    submitted = application_save(actor=applicant, call=call, answers=ANSWERS, submit=True)
    assert submitted.pk == draft.pk
    assert submitted.status == Application.Status.SUBMITTED
    assert submitted.response.answers["motivation"].startswith("Quiero")
    assert submitted.response.submitted_at is not None


def test_submitting_without_a_required_answer_is_refused_and_nothing_is_saved(call, applicant):
    with pytest.raises(ValidationError) as caught:
        application_save(actor=applicant, call=call, answers={}, submit=True)
    assert "motivation" in caught.value.message_dict
    assert not Application.objects.exists() and not Response.objects.exists()


def test_applying_after_the_close_is_refused_and_nothing_is_saved(call, applicant):
    call.closes_at = timezone.now() - timedelta(seconds=1)
    call.save()
    with pytest.raises(ValidationError) as caught:
        application_save(actor=applicant, call=call, answers=ANSWERS, submit=True)
    assert "call" in caught.value.message_dict
    assert not Application.objects.exists()


def test_applying_before_the_call_opens_is_refused(call, applicant):
    call.opens_at = timezone.now() + timedelta(days=1)
    call.save()
    with pytest.raises(ValidationError):
        application_save(actor=applicant, call=call, answers=ANSWERS)


def test_a_submitted_application_cannot_be_edited(call, applicant):
    application_save(actor=applicant, call=call, answers=ANSWERS, submit=True)
    with pytest.raises(ValidationError) as caught:
        application_save(actor=applicant, call=call, answers={"motivation": "changed"})
    assert "application" in caught.value.message_dict
    assert Response.objects.get().answers == ANSWERS


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("cv.pdf", b"%PDF" + b"x" * 2000, content_type="application/pdf"),
        SimpleUploadedFile("cv.exe", b"MZ", content_type="application/x-msdownload"),
    ],
    ids=["over the size limit", "of the wrong type"],
)
def test_a_file_over_the_limit_or_of_the_wrong_type_is_refused(call, applicant, upload):
    with pytest.raises(ValidationError) as caught:
        application_save(
            actor=applicant, call=call, answers=ANSWERS, files={"cv": upload}, submit=True
        )
    assert "cv" in caught.value.message_dict
    assert not Application.objects.exists()


def test_one_cannot_apply_for_an_organization_one_is_not_in(call, applicant, organization):
    with pytest.raises(ValidationError) as caught:
        application_save(actor=applicant, call=call, answers=ANSWERS, organization=organization)
    assert "organization" in caught.value.message_dict


def test_anonymous_cannot_apply(call, anonymous):
    with pytest.raises(PermissionDenied):
        application_save(actor=anonymous, call=call, answers=ANSWERS)


def test_the_applicant_withdraws_and_nobody_else_can(call, applicant, other):
    application = application_save(actor=applicant, call=call, answers=ANSWERS, submit=True)
    with pytest.raises(PermissionDenied):
        application_withdraw(actor=other, application=application)
    application_withdraw(actor=applicant, application=application)
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    with pytest.raises(ValidationError):
        application_withdraw(actor=applicant, application=application)
