"""Two staff pairing two mentees with the last free place of one mentor at once: one pair is
made, the other is refused whole (the mentor's profile row is locked while the load is
counted), so a mentor never ends up over their cap."""

import pytest
from django.core.exceptions import ValidationError

from capacityhub.community.tests.factories import UserFactory
from capacityhub.core.tests.concurrency import race
from capacityhub.mentoring.models import Mentorship
from capacityhub.mentoring.services import mentorship_pair, request_create

from .fixtures import make_mentor

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_pairings_for_the_last_place_give_one_pair(staff, taxonomy):
    mentor = make_mentor("one-place", max_mentees=1)
    colleague = UserFactory(username="staff-2", is_staff=True)
    requests = [
        request_create(actor=UserFactory(username=f"mentee{i}"), capacities=["grant-writing"],
                       languages=["es"])
        for i in range(2)
    ]  # fmt: skip

    def pair(actor, request):
        return lambda: mentorship_pair(actor=actor, request=request, mentor=mentor, reason="r")

    outcomes = race(pair(staff, requests[0]), pair(colleague, requests[1]))

    assert Mentorship.objects.filter(mentor=mentor).count() == 1
    refused = [o for o in outcomes if o is not None]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError)
