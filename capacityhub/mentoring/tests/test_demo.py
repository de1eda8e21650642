"""The demo content: a programme with three stages, a running cohort, 30 mentors, 80 mentees."""

import pytest

from capacityhub.community.tests.factories import UserFactory
from capacityhub.mentoring.demo import write_demo
from capacityhub.mentoring.models import MenteeRequest, MentorProfile, Mentorship, Programme

pytestmark = pytest.mark.django_db


def test_the_demo_writes_a_programme_mentors_and_mentees(taxonomy):
    UserFactory(username="demo-admin", is_staff=True)
    for n in range(110):
        UserFactory(username=f"demo{n:03}")
    summary = write_demo(seed=1)
    assert "30 mentors" in summary and "80 mentees" in summary
    assert Programme.objects.get().stages.count() == 3
    assert MentorProfile.objects.count() == 30
    assert MenteeRequest.objects.count() == 80
    assert Mentorship.objects.filter(cohort__isnull=False).exists()


def test_without_a_community_the_demo_writes_nothing():
    assert write_demo(seed=1) == "mentoring: skipped (no demo community)."
