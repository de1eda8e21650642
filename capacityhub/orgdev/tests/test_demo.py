"""The demo: six organizations assessed, two reassessed with change."""

import pytest

from capacityhub.community.tests.factories import OrganizationFactory, UserFactory
from capacityhub.orgdev.demo import write_demo
from capacityhub.orgdev.models import Answer, Round
from capacityhub.orgdev.selectors import assessment_change

pytestmark = pytest.mark.django_db


def test_the_demo_assesses_six_organizations_and_reassesses_two():
    organizations = [OrganizationFactory(slug=f"demo-org-{n}") for n in range(6)]
    for n in range(12):
        UserFactory(username=f"demo{n:02}")

    assert write_demo(seed=3) == "orgdev: 6 organizations assessed, 2 reassessed."

    assert Round.objects.filter(closed_at__isnull=False).count() == 8
    changed = [assessment_change(o) for o in organizations]
    assert sum(1 for c in changed if c) == 2
    assert Answer.objects.count() >= 6 * 3 * 18
    assert Round.objects.filter(published=True).count() == 1


def test_without_a_community_the_demo_writes_nothing():
    assert write_demo(seed=3) == "orgdev: skipped (no demo community)."
    assert not Round.objects.exists()
