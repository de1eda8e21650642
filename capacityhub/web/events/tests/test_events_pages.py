"""The sessions and events pages, as people use them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from capacityhub.events.models import CalendarFeed, Event, Question, Registration
from capacityhub.events.tests.factories import (
    EventFactory,
    PastEventFactory,
    UserFactory,
    question_on,
    registered,
)
from capacityhub.exchange.models import Need
from capacityhub.taxonomy.models import Method

pytestmark = pytest.mark.django_db


def test_the_session_list_shows_upcoming_sessions_in_bounded_queries(
    client, django_assert_max_num_queries, taxonomy
):
    for n in range(12):
        EventFactory(title=f"Upcoming {n}", capacities=[taxonomy["lua-scripting"]])
    PastEventFactory(title="Long gone")

    with django_assert_max_num_queries(12):
        response = client.get(reverse("web:session-list"))

    assert response.status_code == 200
    assert "Upcoming 11" in response.content.decode()
    assert "Long gone" not in response.content.decode()


def test_the_event_list_filters_by_language_space_including_interpretation(client, organization):
    EventFactory(kind="workshop", organization=organization, title="French", languages=["fr"])
    EventFactory(
        kind="workshop",
        organization=organization,
        title="Interpreted",
        languages=["en"],
        interpretation_languages=["fr"],
    )
    EventFactory(kind="workshop", organization=organization, title="English only")

    body = client.get(reverse("web:event-list"), {"language": "fr"}).content.decode()

    assert "French" in body and "Interpreted" in body and "English only" not in body


def test_a_list_with_nothing_has_an_empty_state(client):
    response = client.get(reverse("web:event-list"))

    assert "Nothing matches these filters yet." in response.content.decode()


def test_a_session_is_shown_in_the_readers_own_time_zone(client, owner, owner_client):
    starts = timezone.now().replace(microsecond=0) + timedelta(days=3)
    session = EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=1), time_zone="UTC")
    owner.profile.time_zone = "Asia/Kolkata"
    owner.profile.save()

    anonymous_body = client.get(reverse("web:session-detail", args=[session.pk])).content.decode()
    owner_body = owner_client.get(reverse("web:session-detail", args=[session.pk])).content.decode()

    assert "UTC time" in anonymous_body
    assert "Asia/Kolkata time" in owner_body
    assert "+05:30" in owner_body


def test_the_call_link_is_shown_only_to_confirmed_people_and_hosts(
    client, owner, owner_client, other, other_client, staff_client
):
    session = EventFactory(host=owner, call_url="https://meet.example.org/secret-room", seats=1)
    registered(session, other)
    waiting = UserFactory(username="waiting")
    registered(session, waiting, Registration.Status.WAITLISTED)
    url = reverse("web:session-detail", args=[session.pk])
    waiting_client = client.__class__()
    waiting_client.force_login(waiting)

    assert "secret-room" in owner_client.get(url).content.decode()
    assert "secret-room" in other_client.get(url).content.decode()
    assert "secret-room" in staff_client.get(url).content.decode()
    assert "secret-room" not in client.get(url).content.decode()
    assert "secret-room" not in waiting_client.get(url).content.decode()


def test_a_member_registers_and_cancels_after_confirming(owner_client, owner):
    session = EventFactory(seats=1)

    response = owner_client.post(reverse("web:session-register", args=[session.pk]), follow=True)
    assert "your seat is confirmed" in response.content.decode()
    confirm = owner_client.get(reverse("web:session-cancel", args=[session.pk]))
    assert "Yes, cancel" in confirm.content.decode()
    owner_client.post(reverse("web:session-cancel", args=[session.pk]))

    assert Registration.objects.get(user=owner).status == "cancelled"


def test_registering_twice_on_the_page_says_so_and_changes_nothing(owner_client, owner):
    session = EventFactory()
    registered(session, owner)

    response = owner_client.post(reverse("web:session-register", args=[session.pk]), follow=True)

    assert "You are already registered." in response.content.decode()
    assert Registration.objects.count() == 1


def test_a_host_schedules_a_session_in_their_time_zone(owner_client, owner, taxonomy):
    response = owner_client.post(
        reverse("web:session-create"),
        {
            "title": "Lua clinic",
            "capacities": ["lua-scripting"],
            "starts_at": "2031-03-01T10:00",
            "ends_at": "2031-03-01T11:30",
            "time_zone": "Africa/Nairobi",
            "languages": ["sw", "en"],
            "seats": "20",
        },
    )

    session = Event.objects.get()
    assert response.status_code == 302
    assert session.kind == "session" and session.host == owner
    assert session.starts_at.isoformat() == "2031-03-01T07:00:00+00:00"


def test_a_session_ending_before_it_starts_is_refused_on_the_form(owner_client):
    response = owner_client.post(
        reverse("web:session-create"),
        {
            "title": "Backwards",
            "starts_at": "2031-03-01T10:00",
            "ends_at": "2031-03-01T09:00",
            "time_zone": "UTC",
            "seats": "5",
        },
    )

    assert response.status_code == 200
    assert "It cannot end before it starts." in response.content.decode()
    assert not Event.objects.exists()


def test_someone_else_cannot_open_the_edit_page(other_client, owner):
    session = EventFactory(host=owner)

    response = other_client.get(reverse("web:session-edit", args=[session.pk]))

    assert response.status_code == 403


def test_the_host_edits_the_session_and_adds_the_recording(owner_client, owner):
    session = EventFactory(host=owner, title="Before")
    form = owner_client.get(reverse("web:session-edit", args=[session.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, [])}
    data.update(
        title="After",
        recording_url="https://video.example.org/1",
        starts_at=form.initial["starts_at"].strftime("%Y-%m-%dT%H:%M"),
        ends_at=form.initial["ends_at"].strftime("%Y-%m-%dT%H:%M"),
    )

    response = owner_client.post(reverse("web:session-edit", args=[session.pk]), data)

    assert response.status_code == 302, response.context["form"].errors
    session.refresh_from_db()
    assert (session.title, session.recording_url) == ("After", "https://video.example.org/1")


def test_registrants_ask_and_vote_and_the_host_marks_answered(
    owner, owner_client, other, other_client
):
    session = EventFactory(host=owner)
    registered(session, other)

    other_client.post(reverse("web:session-question", args=[session.pk]), {"body": "Why Lua?"})
    question = Question.objects.get()
    owner_client.post(reverse("web:session-vote", args=[session.pk, question.pk]))
    owner_client.post(reverse("web:session-answered", args=[session.pk, question.pk]))

    question.refresh_from_db()
    assert question.answered and question.votes.count() == 1


def test_a_person_not_registered_cannot_ask(other_client):
    session = EventFactory()

    response = other_client.post(
        reverse("web:session-question", args=[session.pk]), {"body": "Hello?"}
    )

    assert response.status_code == 403
    assert not Question.objects.exists()


def test_voting_twice_counts_once(owner, other_client, other):
    session = EventFactory(host=owner)
    registered(session, other)
    question = question_on(session, owner)
    url = reverse("web:session-vote", args=[session.pk, question.pk])

    other_client.post(url)
    response = other_client.post(url, follow=True)

    assert "You already voted for this question." in response.content.decode()
    assert question.votes.count() == 1


def test_the_host_marks_attendance_on_the_page(owner, owner_client, other):
    session = PastEventFactory(host=owner)
    registered(session, other)
    url = reverse("web:session-attendance", args=[session.pk])

    assert owner_client.get(url).status_code == 200
    owner_client.post(url, {"usernames": ["other"]})

    assert Registration.objects.get(user=other).attended


def test_the_session_ics_has_the_call_link_only_for_confirmed_people(client, owner_client, owner):
    session = EventFactory(host=owner, title="Ics test", call_url="https://meet.example.org/x1")
    url = reverse("web:session-ics", args=[session.pk])

    public = client.get(url)
    hosts = owner_client.get(url)

    assert public["Content-Type"].startswith("text/calendar")
    assert b"SUMMARY:Ics test" in public.content
    assert b"x1" not in public.content and b"x1" in hosts.content


def test_the_private_feed_lists_what_a_person_registered_for_and_can_be_reset(
    owner, owner_client, client
):
    session = EventFactory(title="In my feed")
    EventFactory(title="Not in my feed")
    registered(session, owner)

    owner_client.post(reverse("web:calendar-reset"))
    token = CalendarFeed.objects.get(user=owner).token
    feed = client.get(reverse("web:calendar-feed", args=[token]))
    owner_client.post(reverse("web:calendar-reset"))
    old = client.get(reverse("web:calendar-feed", args=[token]))

    assert b"In my feed" in feed.content and b"Not in my feed" not in feed.content
    assert old.status_code == 404
    assert "In my feed" in owner_client.get(reverse("web:calendar-me")).content.decode()


def test_a_manager_asks_for_on_site_assistance_which_becomes_a_need(
    manager_client, organization, taxonomy
):
    Method.objects.create(code="on-site-technical-assistance", labels={"en": "On-site"})

    response = manager_client.post(
        reverse("web:assistance-request"),
        {
            "organization": organization.slug,
            "title": "Help with grants",
            "capacities": ["grant-writing"],
            "languages": ["ha"],
        },
    )

    need = Need.objects.get()
    assert response.status_code == 302
    assert need.organization == organization
    assert [m.code for m in need.methods.all()] == ["on-site-technical-assistance"]


def test_a_member_cannot_ask_for_assistance_on_behalf_of_an_organization(
    owner_client, organization, taxonomy
):
    Method.objects.create(code="on-site-technical-assistance", labels={"en": "On-site"})

    response = owner_client.post(
        reverse("web:assistance-request"),
        {"organization": organization.slug, "title": "Help", "capacities": ["grant-writing"]},
    )

    assert response.status_code == 403
    assert not Need.objects.exists()


def test_after_the_session_the_host_attaches_the_resources_used(owner_client, owner):
    from capacityhub.knowledge.tests.factories import ResourceFactory

    guide = ResourceFactory(title="Edit-a-thon guide")
    session = PastEventFactory(host=owner)
    form = owner_client.get(reverse("web:session-edit", args=[session.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, [])}
    data.update(
        resources=[str(guide.pk)],
        starts_at=form.initial["starts_at"].strftime("%Y-%m-%dT%H:%M"),
        ends_at=form.initial["ends_at"].strftime("%Y-%m-%dT%H:%M"),
    )

    owner_client.post(reverse("web:session-edit", args=[session.pk]), data)

    assert list(session.resources.all()) == [guide]
    page = owner_client.get(reverse("web:session-detail", args=[session.pk])).content.decode()
    assert "Edit-a-thon guide" in page


def test_the_registration_deadline_is_shown_in_the_readers_time_zone(owner, owner_client):
    session = EventFactory(registration_deadline=timezone.now() + timedelta(days=1))
    owner.profile.time_zone = "Pacific/Auckland"
    owner.profile.save()

    body = owner_client.get(reverse("web:session-detail", args=[session.pk])).content.decode()

    assert body.count("Pacific/Auckland time") == 2


def test_one_session_page_runs_a_bounded_number_of_queries(
    owner, other_client, other, django_assert_max_num_queries, taxonomy
):
    session = EventFactory(host=owner, capacities=[taxonomy["lua-scripting"]])
    registered(session, other)
    for n in range(10):
        question_on(session, UserFactory(username=f"asker{n}"), body=f"Question {n}")

    with django_assert_max_num_queries(25):
        response = other_client.get(reverse("web:session-detail", args=[session.pk]))

    assert "Question 9" in response.content.decode()


def test_cancelling_after_it_is_over_is_refused(owner_client, owner):
    session = PastEventFactory()
    registered(session, owner)

    response = owner_client.post(reverse("web:session-cancel", args=[session.pk]), follow=True)

    assert "It is over" in response.content.decode()
    assert Registration.objects.get(user=owner).status == "confirmed"


def test_the_feed_gives_the_call_link_only_where_the_seat_is_confirmed(owner, owner_client, client):
    confirmed = EventFactory(title="Confirmed", call_url="https://meet.example.org/yes-room")
    waiting = EventFactory(title="Waiting", call_url="https://meet.example.org/no-room")
    registered(confirmed, owner)
    registered(waiting, owner, Registration.Status.WAITLISTED)
    owner_client.post(reverse("web:calendar-reset"))

    token = CalendarFeed.objects.get(user=owner).token
    feed = client.get(reverse("web:calendar-feed", args=[token])).content

    assert b"yes-room" in feed and b"no-room" not in feed and b"Waiting" in feed
