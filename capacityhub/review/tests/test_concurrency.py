"""Concurrency: two staff deciding one application at once give one decision; many
applicants submitting in the call's last second are each stored whole or refused whole."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from capacityhub.community.tests.factories import UserFactory
from capacityhub.core.tests.concurrency import race
from capacityhub.forms.models import Response
from capacityhub.integrity.models import Decision
from capacityhub.integrity.selectors import decision_current
from capacityhub.review.models import Application, Call
from capacityhub.review.services import application_decide, application_save

from .helpers import ANSWERS, eligible

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_staff_deciding_at_once_give_one_decision_and_one_conflict(call, applicant, staff):
    colleague = UserFactory(username="staff-2", is_staff=True)
    application = eligible(call, applicant, staff)
    seen = decision_current(application)

    def decide(actor, outcome, reason):
        return lambda: application_decide(
            actor=actor,
            application=Application.objects.get(pk=application.pk),
            outcome=outcome,
            reason=reason,
            supersedes=seen,
        )

    outcomes = race(decide(staff, "accept", ""), decide(colleague, "decline", "No budget left"))

    assert sum(o is None for o in outcomes) == 1
    assert [type(o) for o in outcomes if o is not None] == [ValidationError]
    assert Decision.objects.filter(supersedes=seen).count() == 1
    application.refresh_from_db()
    assert application.status in {"accepted", "declined"}
    assert decision_current(application).outcome == {"accepted": "accept"}.get(
        application.status, "decline"
    )


def test_a_hundred_applicants_in_the_last_second_are_all_stored_or_refused_whole(call):
    applicants = [UserFactory(username=f"late-{i}") for i in range(100)]
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() + timedelta(seconds=1))
    call.refresh_from_db()

    outcomes: dict[int, Exception | None] = {}

    def batch(people):
        # 20 threads of 5: as concurrent as the database's connection slots allow.
        def run():
            for person in people:
                try:
                    application_save(actor=person, call=call, answers=ANSWERS, submit=True)
                    outcomes[person.pk] = None
                except ValidationError as error:
                    outcomes[person.pk] = error

        return run

    crashes = race(*(batch(applicants[i::20]) for i in range(20)))

    assert crashes == [None] * 20  # every refusal was a clear ValidationError
    assert len(outcomes) == 100
    refused = [o for o in outcomes.values() if o is not None]
    stored = Application.objects.filter(call=call)
    assert stored.count() == 100 - len(refused)
    assert all(a.status == "submitted" and a.response.submitted_at for a in stored)
    assert all(a.submitted_at <= call.closes_at for a in stored)
    assert Response.objects.count() == stored.count()  # no orphan answers from refusals
