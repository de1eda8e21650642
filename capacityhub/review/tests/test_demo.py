"""The demo content: two open calls and one decided call with reasons, several languages."""

import pytest

from capacityhub.community.tests.factories import UserFactory
from capacityhub.integrity.models import Decision
from capacityhub.review.demo import write_demo
from capacityhub.review.models import Application, Call

pytestmark = pytest.mark.django_db


def test_the_demo_writes_open_and_decided_calls_with_reasons():
    UserFactory(username="demo-admin", is_staff=True)
    for n in range(70):
        UserFactory(username=f"demo{n:02}")
    UserFactory(username="demo-member")

    summary = write_demo(seed=1)

    assert "2 open calls" in summary
    open_calls = [c for c in Call.objects.all() if c.status == "open"]
    assert {c.kind for c in open_calls} == {"scholarship", "internet_access"}
    decided = Call.objects.get(kind="paid_training_seat")
    assert decided.status == "decided"
    statuses = set(decided.applications.values_list("status", flat=True))
    assert {"accepted", "waitlisted", "declined", "ineligible"} <= statuses
    declines = Decision.objects.filter(outcome="decline")
    assert declines.count() == 2 and all(d.reason for d in declines)
    assert len({lang for c in Call.objects.all() for lang in c.title}) >= 4
    assert Application.objects.filter(applicant__username="demo-member").exists()


def test_without_a_community_the_demo_writes_nothing():
    assert write_demo(seed=1) == "review: skipped (no demo community)."
    assert not Call.objects.exists()
