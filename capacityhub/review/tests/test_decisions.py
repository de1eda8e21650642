"""Decisions: accept, waitlist, decline with a reason; offers taken up or refused; the
waitlist moves up; every step an integrity.Decision that supersedes the last."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capacityhub.community.tests.factories import UserFactory
from capacityhub.core.models import Notification
from capacityhub.integrity.models import Decision
from capacityhub.integrity.selectors import decision_current
from capacityhub.review.models import Application
from capacityhub.review.services import application_decide, application_withdraw, offer_respond

from .helpers import eligible

S = Application.Status


def _decide(staff, application, outcome, reason=""):
    return application_decide(
        actor=staff,
        application=application,
        outcome=outcome,
        reason=reason,
        supersedes=decision_current(application),
    )


def test_a_decline_without_a_reason_is_refused_and_nothing_changes(call, applicant, staff):
    application = eligible(call, applicant, staff)
    with pytest.raises(ValidationError) as caught:
        _decide(staff, application, "decline", "  ")
    assert "reason" in caught.value.message_dict
    application.refresh_from_db()
    assert application.status == S.ELIGIBLE
    assert Decision.objects.count() == 1


def test_a_decline_with_a_reason_reaches_the_applicant(
    call, applicant, staff, django_capture_on_commit_callbacks
):
    application = eligible(call, applicant, staff)
    with django_capture_on_commit_callbacks(execute=True):
        _decide(staff, application, "decline", "The budget covers Latin America only.")
    application.refresh_from_db()
    assert application.status == S.DECLINED
    decision = decision_current(application)
    assert decision.reason == "The budget covers Latin America only."
    assert decision.supersedes.outcome == "eligible"
    assert Notification.objects.filter(recipient=applicant).exists()


def test_other_members_and_the_applicant_cannot_decide(call, applicant, staff, other):
    application = eligible(call, applicant, staff)
    for actor in (other, applicant):
        with pytest.raises(PermissionDenied):
            _decide(actor, application, "accept")


def test_deciding_on_a_stale_view_is_refused(call, applicant, staff):
    application = eligible(call, applicant, staff)
    seen = decision_current(application)
    application_decide(actor=staff, application=application, outcome="accept", supersedes=seen)
    with pytest.raises(ValidationError) as caught:
        application_decide(
            actor=staff, application=application, outcome="decline", reason="x", supersedes=seen
        )
    assert "supersedes" in caught.value.message_dict


def test_accepting_beyond_the_seats_is_refused(call, staff):
    call.seats = 1
    call.save()
    first, second = (eligible(call, UserFactory(username=f"a{i}"), staff) for i in range(2))
    _decide(staff, first, "accept")
    with pytest.raises(ValidationError):
        _decide(staff, second, "accept")


def test_an_accepted_applicant_takes_up_the_offer(call, applicant, staff, other):
    application = eligible(call, applicant, staff)
    _decide(staff, application, "accept")
    with pytest.raises(PermissionDenied):
        offer_respond(actor=other, application=application, take_up=True)
    offer_respond(actor=applicant, application=application, take_up=True)
    application.refresh_from_db()
    assert application.status == S.TAKEN_UP
    assert decision_current(application).outcome == "taken_up"


@pytest.mark.parametrize("frees_seat", ["refuse", "withdraw"])
def test_a_freed_seat_promotes_the_first_on_the_waitlist(
    call, staff, frees_seat, django_capture_on_commit_callbacks
):
    call.seats = 1
    call.save()
    accepted, first, second = (
        eligible(call, UserFactory(username=f"p{i}"), staff) for i in range(3)
    )
    _decide(staff, accepted, "accept")
    _decide(staff, first, "waitlist")
    _decide(staff, second, "waitlist")
    with django_capture_on_commit_callbacks(execute=True):
        if frees_seat == "refuse":
            offer_respond(actor=accepted.applicant, application=accepted, take_up=False)
        else:
            application_withdraw(actor=accepted.applicant, application=accepted)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.ACCEPTED and second.status == S.WAITLISTED
    assert decision_current(first).data == {"promoted_from_waitlist": True}
    assert Notification.objects.filter(recipient=first.applicant).exists()
