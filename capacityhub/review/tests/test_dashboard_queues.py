"""The dashboard lists a reviewer's owed reviews and a call runner's screening queue."""

import pytest
from django.test import Client

from capacityhub.community.tests.factories import UserFactory
from capacityhub.review.models import Assignment

from .helpers import assigned, submitted

pytestmark = pytest.mark.django_db


def _dashboard(user) -> str:
    client = Client()
    client.force_login(user)
    return client.get("/dashboard/").content.decode()


def test_a_reviewer_sees_the_reviews_they_owe(call, staff, reviewers, applicant):
    assigned(call, [applicant], staff)
    reviewer = Assignment.objects.filter(removed_at__isnull=True).first().reviewer

    page = _dashboard(reviewer)

    assert "1</span>" in page and "application to review" in page
    assert "application to review" not in _dashboard(UserFactory(username="bystander"))


def test_staff_see_the_applications_waiting_for_screening(call, staff, applicant):
    submitted(call, applicant)
    submitted(call, UserFactory(username="second"))

    page = _dashboard(staff)

    assert "applications waiting for screening" in page
