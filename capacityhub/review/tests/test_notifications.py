"""Reviewers hear about their assignments: one notification per reviewer per run, stored as
message keys so it reads in the reviewer's language, never to a recused reviewer."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from capacityhub.community.tests.factories import UserFactory
from capacityhub.core.models import Notification
from capacityhub.review.services import assignment_reassign, assignments_run

from .helpers import eligible

pytestmark = pytest.mark.django_db


def test_each_assigned_reviewer_is_told_once_with_the_count_and_the_queue_link(
    call, applicant, staff, conflicted_reviewer, django_capture_on_commit_callbacks
):
    applications = [eligible(call, a, staff) for a in (applicant, UserFactory(username="ana"))]
    with django_capture_on_commit_callbacks(execute=True):
        created = assignments_run(actor=staff, call=call)
    assert len(created) == 2 * len(applications)
    notes = Notification.objects.filter(subject_key__startswith="Applications to review in")
    loads = {}
    for assignment in created:
        loads[assignment.reviewer_id] = loads.get(assignment.reviewer_id, 0) + 1
    assert sorted(n.recipient_id for n in notes) == sorted(loads)
    for note in notes:
        assert note.params["count"] == str(loads[note.recipient_id])
        assert note.params["call"] == str(call)
        assert note.url == reverse("web:review-queue")
        assert note.body_key.startswith("You were assigned applications to review")
    assert not Notification.objects.filter(recipient=conflicted_reviewer).exists()


def test_nothing_is_sent_when_the_run_is_refused(call, staff, django_capture_on_commit_callbacks):
    call.reviewers.set([])
    eligible(call, UserFactory(username="solo"), staff)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        assignments_run(actor=staff, call=call)
    assert not Notification.objects.filter(subject_key__startswith="Applications").exists()


def test_the_replacement_reviewer_is_told(
    call, applicant, staff, django_capture_on_commit_callbacks
):
    eligible(call, applicant, staff)
    assignments_run(actor=staff, call=call)
    old = call.applications.get().assignments.first()
    with django_capture_on_commit_callbacks(execute=True):
        new = assignment_reassign(actor=staff, assignment=old, reason="Away")
    note = Notification.objects.get(recipient=new.reviewer)
    assert note.subject_key == "An application to review in “%(call)s”"
    with translation.override("en"):
        assert str(call) in note.subject
