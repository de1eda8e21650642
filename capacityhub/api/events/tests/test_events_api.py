"""The events API: reads for everyone, writes with the same rules as the pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from capacityhub.events.models import Event, Question, Registration
from capacityhub.events.tests.factories import (
    EventFactory,
    PastEventFactory,
    UserFactory,
    question_on,
    registered,
)

pytestmark = pytest.mark.django_db
API = "/api/v1"


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_anyone_lists_upcoming_events_in_bounded_queries(
    client, django_assert_max_num_queries, taxonomy
):
    for n in range(15):
        EventFactory(title=f"S{n}", capacities=[taxonomy["lua-scripting"]])

    with django_assert_max_num_queries(8):
        response = client.get(f"{API}/events", {"section": "session", "page_size": 50})

    assert response.status_code == 200
    assert response.json()["count"] == 15


def test_the_call_link_is_null_for_people_without_a_confirmed_seat(client, owner_client, owner):
    session = EventFactory(call_url="https://meet.example.org/r")
    registered(session, owner)

    assert client.get(f"{API}/events/{session.pk}").json()["call_url"] is None
    assert owner_client.get(f"{API}/events/{session.pk}").json()["call_url"].endswith("/r")


def test_a_member_schedules_a_session(owner_client, taxonomy):
    starts = timezone.now() + timedelta(days=5)

    response = _post(
        owner_client,
        f"{API}/events",
        {
            "kind": "session",
            "title": "API session",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=1)).isoformat(),
            "capacities": ["lua-scripting"],
        },
    )

    assert response.status_code == 201, response.content
    assert response.json()["host"]["username"] == "owner"


def test_an_event_ending_before_it_starts_is_422_naming_the_field(owner_client):
    starts = timezone.now() + timedelta(days=5)

    response = _post(
        owner_client,
        f"{API}/events",
        {
            "kind": "session",
            "title": "Backwards",
            "starts_at": starts.isoformat(),
            "ends_at": (starts - timedelta(hours=1)).isoformat(),
        },
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "ends_at"
    assert not Event.objects.exists()


def test_a_time_without_an_offset_is_422(owner_client):
    response = _post(
        owner_client,
        f"{API}/events",
        {
            "kind": "session",
            "title": "T",
            "starts_at": "2031-01-01T10:00:00",
            "ends_at": "2031-01-01T11:00:00",
        },
    )

    assert response.status_code == 422


def test_seats_below_those_confirmed_are_422(owner_client, owner):
    session = EventFactory(host=owner, seats=2)
    registered(session, UserFactory(username="a"))
    registered(session, UserFactory(username="b"))

    response = owner_client.patch(
        f"{API}/events/{session.pk}",
        {"seats": 1, "version": session.version},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "seats"


def test_editing_someone_elses_session_is_403(other_client, owner):
    session = EventFactory(host=owner, title="Mine")

    response = other_client.patch(
        f"{API}/events/{session.pk}",
        {"title": "Theirs", "version": session.version},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert Event.objects.get().title == "Mine"


def test_register_twice_is_422_and_cancel_moves_the_waitlist(owner_client, other_client, other):
    session = EventFactory(seats=1)

    assert _post(owner_client, f"{API}/events/{session.pk}/registration").status_code == 201
    again = _post(owner_client, f"{API}/events/{session.pk}/registration")
    waiting = _post(other_client, f"{API}/events/{session.pk}/registration")
    cancelled = owner_client.delete(f"{API}/events/{session.pk}/registration")

    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "registration"
    assert waiting.json()["status"] == "waitlisted"
    assert cancelled.json()["status"] == "cancelled"
    assert Registration.objects.get(user=other).status == "confirmed"


def test_anonymous_cannot_register(client):
    session = EventFactory()

    assert _post(client, f"{API}/events/{session.pk}/registration").status_code == 401


def test_attendance_for_someone_not_registered_is_422(owner_client, owner, other):
    session = PastEventFactory(host=owner)

    response = _post(
        owner_client, f"{API}/events/{session.pk}/attendance", {"usernames": ["other"]}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "usernames"


def test_questions_from_people_not_registered_are_403(other_client):
    session = EventFactory()

    response = _post(other_client, f"{API}/events/{session.pk}/questions", {"body": "Hi?"})

    assert response.status_code == 403
    assert not Question.objects.exists()


def test_a_registrant_votes_once_and_the_host_marks_answered(
    owner_client, owner, other, other_client
):
    session = EventFactory(host=owner)
    registered(session, other)
    question = question_on(session, owner)
    base = f"{API}/events/{session.pk}/questions/{question.pk}"

    first = _post(other_client, f"{base}/vote")
    second = _post(other_client, f"{base}/vote")
    answered = _post(owner_client, f"{base}/answered", {"answered": True})
    by_other = _post(other_client, f"{base}/answered", {"answered": False})

    assert first.status_code == 201 and first.json()["votes"] == 1
    assert second.status_code == 422
    assert answered.json()["answered"] is True
    assert by_other.status_code == 403


def test_my_registrations_lists_mine_only(owner_client, owner, other):
    mine = EventFactory(title="Mine")
    registered(mine, owner)
    registered(EventFactory(title="Theirs"), other)

    response = owner_client.get(f"{API}/me/registrations")

    assert [r["title"] for r in response.json()] == ["Mine"]
