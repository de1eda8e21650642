"""The demo content: sessions and events in several languages, a full one with a waitlist."""

import pytest

from capacityhub.community.tests.factories import OrganizationFactory, UserFactory
from capacityhub.events.demo import write_demo
from capacityhub.events.models import Event, Registration

pytestmark = pytest.mark.django_db


def test_the_demo_writes_sessions_events_and_a_waitlist(taxonomy):
    for n in range(12):
        UserFactory(username=f"demo{n}")
    UserFactory(username="demo-admin", is_staff=True)
    OrganizationFactory(slug="wm-demo", region="ssa")

    summary = write_demo(seed=1)

    assert "sessions and events" in summary
    assert Event.objects.filter(kind="session").exists()
    assert Event.objects.exclude(kind="session").exists()
    assert Registration.objects.filter(status="waitlisted").exists()
    assert len({code for e in Event.objects.all() for code in e.languages}) >= 5
    assert Registration.objects.filter(attended=True).exists()


def test_without_a_community_the_demo_writes_nothing():
    assert write_demo(seed=1) == "events: skipped (no demo community)."
    assert not Event.objects.exists()
