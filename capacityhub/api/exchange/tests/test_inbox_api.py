"""The inbox through the API: /me/notifications."""

import pytest

from capacityhub.api.core.tests import API, bearer
from capacityhub.core.models import Notification
from capacityhub.core.notifications import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def notifications(owner, other):
    """Two for the owner (the first older), one for someone else."""
    first = notify(recipient=owner, subject="First news", body="Body one", url="/connections/7/")
    second = notify(recipient=owner, subject="Second news", url="https://evil.example/")
    notify(recipient=other, subject="Not yours")
    return first, second


def test_my_notifications_are_paginated_with_the_unread_count(client, owner, notifications):
    body = client.get(f"{API}/me/notifications?page_size=1", headers=bearer(owner)).json()

    assert body["count"] == 2
    assert body["unread_count"] == 2
    assert body["results"][0]["subject"] == "Second news"
    assert body["results"][0]["read"] is False
    assert "page=2" in body["next"]


def test_marking_a_notification_read_through_the_api(client, owner, notifications):
    first, _second = notifications
    headers = bearer(owner)

    response = client.post(f"{API}/me/notifications/{first.pk}/read", headers=headers)
    unread = client.get(f"{API}/me/notifications?unread=true", headers=headers).json()

    assert response.status_code == 200
    assert response.json()["read"] is True
    assert [n["subject"] for n in unread["results"]] == ["Second news"]


def test_marking_all_read_through_the_api(client, owner, notifications):
    headers = bearer(owner)

    first = client.post(f"{API}/me/notifications/read-all", headers=headers).json()
    again = client.post(f"{API}/me/notifications/read-all", headers=headers).json()

    assert (first, again) == ({"marked": 2}, {"marked": 0})


def test_someone_elses_notification_is_a_404_through_the_api(client, other, notifications):
    first, _second = notifications

    response = client.post(f"{API}/me/notifications/{first.pk}/read", headers=bearer(other))

    assert response.status_code == 404
    assert Notification.objects.get(pk=first.pk).read_at is None


def test_notifications_need_credentials(client, notifications):
    assert client.get(f"{API}/me/notifications").status_code == 401
    assert client.post(f"{API}/me/notifications/read-all").status_code == 401
    assert Notification.objects.filter(read_at__isnull=False).count() == 0
