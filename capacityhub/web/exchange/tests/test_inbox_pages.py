"""The inbox: the notifications page (its API is tested in api/exchange/tests/test_inbox_api.py)."""

import pytest
from django.urls import reverse

from capacityhub.core.models import Notification
from capacityhub.core.notifications import notify

pytestmark = pytest.mark.django_db

INBOX = reverse("web:inbox")


@pytest.fixture
def notifications(owner, other):
    """Two for the owner (the first older), one for someone else."""
    first = notify(recipient=owner, subject="First news", body="Body one", url="/connections/7/")
    second = notify(recipient=owner, subject="Second news", url="https://evil.example/")
    notify(recipient=other, subject="Not yours")
    return first, second


def test_the_inbox_lists_my_notifications_newest_first(owner_client, notifications):
    page = owner_client.get(INBOX).content.decode()

    assert page.index("Second news") < page.index("First news")
    assert "Not yours" not in page
    assert "2 unread notifications" in page


def test_the_inbox_needs_a_sign_in(client):
    assert client.get(INBOX).status_code == 302


def test_marking_one_read_from_the_inbox(owner_client, notifications):
    first, second = notifications

    response = owner_client.post(INBOX, {"notification": first.pk})

    assert response.status_code == 302
    assert Notification.objects.get(pk=first.pk).read_at is not None
    assert Notification.objects.get(pk=second.pk).read_at is None
    assert "1 unread notification" in owner_client.get(INBOX).content.decode()
    assert "First news" not in owner_client.get(INBOX, {"unread": "on"}).content.decode()


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(owner_client, notifications):
    first, _second = notifications

    response = owner_client.post(INBOX, {"notification": first.pk, "open": "on"})

    assert response["Location"] == "/connections/7/"
    assert Notification.objects.get(pk=first.pk).read_at is not None


def test_opening_never_redirects_off_the_site(owner_client, notifications):
    _first, second = notifications

    response = owner_client.post(INBOX, {"notification": second.pk, "open": "on"})

    assert response["Location"] == INBOX


def test_marking_all_read_from_the_inbox(owner_client, other, notifications):
    owner_client.post(INBOX, {"all": "on"})

    assert not Notification.objects.filter(recipient__username="owner", read_at=None).exists()
    assert Notification.objects.filter(recipient=other, read_at=None).count() == 1


def test_someone_elses_notification_is_a_404_and_stays_unread(other_client, notifications):
    first, _second = notifications

    response = other_client.post(INBOX, {"notification": first.pk})

    assert response.status_code == 404
    assert Notification.objects.get(pk=first.pk).read_at is None


def test_bad_inbox_input_changes_nothing(owner_client, notifications):
    for data in ({"notification": "abc"}, {"notification": "-1"}, {"notification": "9" * 30}, {}):
        response = owner_client.post(INBOX, data)
        assert response.status_code == 302, data
    assert Notification.objects.filter(read_at__isnull=False).count() == 0


@pytest.mark.parametrize("page_size", [2, 10])
def test_the_inbox_runs_a_fixed_number_of_queries(
    owner, owner_client, settings, django_assert_num_queries, page_size
):
    settings.PAGE_SIZE = page_size
    for n in range(12):
        notify(recipient=owner, subject=f"News {n}")

    # session, user, count, page, unread count, the reader's time zone (once, for the dates)
    with django_assert_num_queries(6):
        response = owner_client.get(INBOX)

    assert response.content.decode().count("News ") == page_size
