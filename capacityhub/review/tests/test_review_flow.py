"""Screening, assignment, scoring: who may do what, and what each reviewer sees."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capacityhub.community.models import Membership
from capacityhub.community.tests.factories import UserFactory
from capacityhub.integrity.models import Decision
from capacityhub.review.models import Application, Assignment, Review
from capacityhub.review.selectors import application_for_reviewer
from capacityhub.review.services import (
    application_screen,
    assignment_reassign,
    assignments_run,
    review_save,
)

from .helpers import assigned, eligible, submitted


def _scores(call, value):
    return {str(c.pk): value for c in call.criteria.all()}


def test_staff_screen_an_application_and_a_decision_is_recorded(call, applicant, staff):
    application = submitted(call, applicant)
    application_screen(actor=staff, application=application, eligible=True)
    application.refresh_from_db()
    assert application.status == Application.Status.ELIGIBLE
    assert Decision.objects.get().outcome == "eligible"


def test_marking_ineligible_needs_a_reason(call, applicant, staff):
    application = submitted(call, applicant)
    with pytest.raises(ValidationError) as caught:
        application_screen(actor=staff, application=application, eligible=False)
    assert "reason" in caught.value.message_dict
    assert not Decision.objects.exists()


def test_other_members_cannot_screen(call, applicant, other):
    application = submitted(call, applicant)
    with pytest.raises(PermissionDenied):
        application_screen(actor=other, application=application, eligible=True)


def test_managers_of_the_running_organization_may_screen(call, applicant, manager, organization):
    call.owner_organization = organization
    call.save()
    application = submitted(call, applicant)
    application_screen(actor=manager, application=application, eligible=True)


def test_assignment_gives_each_application_two_reviewers_and_prefers_its_language(
    call, applicant, staff, reviewers
):
    (application,) = assigned(call, [applicant], staff)
    chosen = set(application.assignments.values_list("reviewer__username", flat=True))
    assert chosen == {"rev-a", "rev-c"}  # the two who read Spanish
    application.refresh_from_db()
    assert application.status == Application.Status.UNDER_REVIEW


def test_a_reviewer_from_the_applicants_organization_is_recused_automatically(
    call, applicant, staff, conflicted_reviewer, reviewers
):
    call.reviewers.set([conflicted_reviewer, reviewers[1], reviewers[2]])
    (application,) = assigned(call, [applicant], staff)
    chosen = set(application.assignments.values_list("reviewer_id", flat=True))
    assert conflicted_reviewer.pk not in chosen and len(chosen) == 2


def test_too_few_reviewers_is_a_clear_error_and_nothing_is_assigned(
    call, applicant, staff, reviewers
):
    call.reviewers.set(reviewers[:1])
    eligible(call, applicant, staff)
    with pytest.raises(ValidationError) as caught:
        assignments_run(actor=staff, call=call)
    assert "1 review cannot be assigned" in caught.value.message_dict["reviewers"][0]
    assert not Assignment.objects.exists()


def test_a_conflicted_reviewer_cannot_open_the_application(
    call, applicant, staff, conflicted_reviewer
):
    (application,) = assigned(call, [applicant], staff)
    # forced past the assignment's checks: the selector still refuses, with the reason
    Assignment.objects.create(application=application, reviewer=conflicted_reviewer)
    with pytest.raises(PermissionDenied) as caught:
        application_for_reviewer(user=conflicted_reviewer, application=application)
    assert "organization" in str(caught.value).lower()
    assignment = application.assignments.get(reviewer=conflicted_reviewer)
    with pytest.raises(PermissionDenied):
        review_save(actor=conflicted_reviewer, assignment=assignment, scores={})
    assert not Review.objects.exists()


def test_an_unassigned_member_cannot_open_the_application(call, applicant, staff, other):
    (application,) = assigned(call, [applicant], staff)
    with pytest.raises(PermissionDenied):
        application_for_reviewer(user=other, application=application)


def test_a_score_outside_the_scale_is_refused_and_nothing_is_saved(call, applicant, staff):
    (application,) = assigned(call, [applicant], staff)
    assignment = application.assignments.first()
    for bad in (6, -1, "five", 2.5, True):
        with pytest.raises(ValidationError):
            review_save(actor=assignment.reviewer, assignment=assignment, scores=_scores(call, bad))
    assert not Review.objects.exists()


def test_not_applicable_is_a_valid_score_and_a_submitted_review_is_final(call, applicant, staff):
    (application,) = assigned(call, [applicant], staff)
    assignment = application.assignments.first()
    scores = _scores(call, 4)
    scores[next(iter(scores))] = None
    review_save(actor=assignment.reviewer, assignment=assignment, scores=scores, submit=True)
    with pytest.raises(ValidationError):
        review_save(actor=assignment.reviewer, assignment=assignment, scores=_scores(call, 1))
    assert Review.objects.get().scores == scores


def test_submitting_needs_every_criterion(call, applicant, staff):
    (application,) = assigned(call, [applicant], staff)
    assignment = application.assignments.first()
    with pytest.raises(ValidationError):
        review_save(actor=assignment.reviewer, assignment=assignment, scores={}, submit=True)


def test_a_reviewer_sees_other_scores_only_after_submitting(call, applicant, staff):
    (application,) = assigned(call, [applicant], staff)
    first, second = application.assignments.all()
    review_save(actor=first.reviewer, assignment=first, scores=_scores(call, 5), submit=True)
    view = application_for_reviewer(user=second.reviewer, application=application)
    assert view.other_reviews == []
    review_save(actor=second.reviewer, assignment=second, scores=_scores(call, 3), submit=True)
    view = application_for_reviewer(user=second.reviewer, application=application)
    assert [r.assignment_id for r in view.other_reviews] == [first.pk]


def test_a_blind_call_hides_the_applicant_from_reviewers(call, applicant, staff, organization):
    Membership.objects.create(organization=organization, user=applicant)
    call.blind = True
    call.save()
    (application,) = assigned(call, [applicant], staff)
    application.organization = organization
    application.response.answers = {"motivation": "I am Applicant, see https://example.org"}
    application.response.save()
    application.save()
    reviewer = application.assignments.first().reviewer
    view = application_for_reviewer(user=reviewer, application=application)
    assert view.applicant_name == "" and view.organization_name == ""
    assert "example.org" not in view.answers["motivation"]
    assert "Applicant" not in view.answers["motivation"]


def test_staff_reassign_with_a_reason_and_never_to_a_conflicted_reviewer(
    call, applicant, staff, reviewers, conflicted_reviewer
):
    (application,) = assigned(call, [applicant], staff)
    old = application.assignments.first()
    with pytest.raises(ValidationError):
        assignment_reassign(actor=staff, assignment=old, reason="")
    with pytest.raises(ValidationError):
        assignment_reassign(
            actor=staff, assignment=old, reason="Away", reviewer=conflicted_reviewer
        )
    new = assignment_reassign(actor=staff, assignment=old, reason="Away")
    old.refresh_from_db()
    assert old.removal_reason == "Away" and old.removed_at is not None
    assert new.reviewer_id not in {conflicted_reviewer.pk, old.reviewer_id}


def test_other_members_cannot_run_the_assignment(call, other):
    with pytest.raises(PermissionDenied):
        assignments_run(actor=other, call=call)


def test_assignment_reads_a_bounded_number_of_queries(
    call, staff, reviewers, django_assert_max_num_queries
):
    applicants = [UserFactory(username=f"appl-{i}") for i in range(12)]
    for person in applicants:
        eligible(call, person, staff)
    with django_assert_max_num_queries(40):
        assignments_run(actor=staff, call=call)
    assert Assignment.objects.count() == 24
