"""Calling off a whole session or event: who may, what people see, who is told."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from capacityhub.core.models import AuditEntry, Notification
from capacityhub.events.models import Event, Registration
from capacityhub.events.selectors.events import (
    event_list,
    history_for_profile,
    hosted_by_organization,
    upcoming_events,
)
from capacityhub.events.services.cancellation import event_cancel
from capacityhub.events.services.events import event_update
from capacityhub.events.services.registrations import registration_cancel, registration_create
from capacityhub.events.suggestions import event_suggestions
from capacityhub.exchange.suggestions import need_context
from capacityhub.exchange.tests.factories_needs import NeedFactory
from capacityhub.search.indexing import reindex_all
from capacityhub.search.selectors import search

from .factories import EventFactory, PastEventFactory, UserFactory, registered

API = "/api/v1"
Status = Registration.Status


# The service -----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_cancelling_keeps_registrations_and_tells_everyone_confirmed_or_waitlisted(owner, other):
    session = EventFactory(host=owner, seats=1, title="Lua clinic")
    registered(session, other)
    waiting = UserFactory(username="waiting")
    registered(session, waiting, Status.WAITLISTED)
    gone = UserFactory(username="gone")
    registered(session, gone, Status.CANCELLED)

    event_cancel(actor=owner, event=session, reason="The host is ill.")

    session.refresh_from_db()
    assert session.is_cancelled and session.cancellation_reason == "The host is ill."
    assert session.registrations.count() == 3
    told = Notification.objects.filter(subject__contains="Lua clinic")
    assert {n.recipient.username for n in told} == {"other", "waiting"}
    assert "The host is ill." in told.first().body
    assert AuditEntry.objects.filter(action="event.cancel", actor=owner).exists()


@pytest.mark.django_db
def test_organizers_and_staff_may_cancel_but_not_other_members(
    owner, other, manager, staff, organization
):
    event = EventFactory(kind="workshop", organization=organization, host=owner)

    with pytest.raises(PermissionDenied):
        event_cancel(actor=other, event=event, reason="Mine now")
    event_cancel(actor=manager, event=event, reason="Venue closed")
    event.refresh_from_db()
    assert event.is_cancelled
    with pytest.raises(ValidationError) as again:
        event_cancel(actor=staff, event=Event.objects.get(pk=event.pk), reason="x")
    assert "event" in again.value.message_dict


@pytest.mark.django_db
def test_a_reason_is_required_and_a_finished_event_cannot_be_cancelled(owner):
    session = EventFactory(host=owner)

    with pytest.raises(ValidationError) as blank:
        event_cancel(actor=owner, event=session, reason="   ")
    with pytest.raises(ValidationError) as over:
        event_cancel(actor=owner, event=PastEventFactory(host=owner), reason="Too late")

    assert "reason" in blank.value.message_dict
    assert "event" in over.value.message_dict
    assert not Event.objects.filter(cancelled_at__isnull=False).exists()


@pytest.mark.django_db
def test_registering_for_a_cancelled_event_is_refused_with_a_clear_message(owner, other):
    session = EventFactory(host=owner)
    event_cancel(actor=owner, event=session, reason="Postponed")

    with pytest.raises(ValidationError) as refused:
        registration_create(actor=other, event=session)

    assert "cancelled" in refused.value.message_dict["event"][0]
    assert not session.registrations.exists()


@pytest.mark.django_db(transaction=True)
def test_leaving_a_cancelled_event_does_not_move_the_waitlist_up(owner, other):
    session = EventFactory(host=owner, seats=1)
    registered(session, other)
    waiting = UserFactory()
    registered(session, waiting, Status.WAITLISTED)
    event_cancel(actor=owner, event=session, reason="Postponed")

    registration_cancel(actor=other, event=session)

    assert session.registrations.get(user=waiting).status == Status.WAITLISTED


@pytest.mark.django_db
def test_a_cancelled_event_can_no_longer_be_edited(owner):
    session = EventFactory(host=owner)
    event_cancel(actor=owner, event=session, reason="Postponed")

    with pytest.raises(ValidationError) as refused:
        event_update(actor=owner, event=session, title="Back on")

    assert "event" in refused.value.message_dict


# Where it no longer shows ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_cancelled_event_leaves_upcoming_lists_and_matches_but_stays_in_all(
    owner, other, taxonomy
):
    capacity = taxonomy["fundraising"]
    kept = EventFactory(title="Kept", languages=["fr"], capacities=[capacity])
    called_off = EventFactory(
        host=owner, title="Called off", languages=["fr"], capacities=[capacity]
    )
    event_cancel(actor=owner, event=called_off, reason="Postponed")
    need = NeedFactory(requester=other, capacities=[capacity], languages=["fr"])

    assert list(event_list(when="upcoming")) == [kept]
    assert set(event_list(when="all")) == {kept, called_off}
    assert upcoming_events() == [kept]
    assert [s.object_id for s in event_suggestions(need_context(need, owner), 10)] == [kept.pk]


@pytest.mark.django_db
def test_a_cancelled_event_was_not_hosted_by_its_host_or_its_organization(manager, organization):
    event = EventFactory(kind="workshop", organization=organization, host=manager)
    event_cancel(actor=manager, event=event, reason="Venue closed")
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=5))

    assert history_for_profile(user_id=manager.pk) == []
    assert hosted_by_organization(organization_id=organization.pk) == []


@pytest.mark.django_db(transaction=True)
def test_a_cancelled_event_leaves_search(owner, anonymous):
    session = EventFactory(host=owner, title="Walrus clinic")
    reindex_all()

    event_cancel(actor=owner, event=session, reason="Postponed")

    assert search(viewer=anonymous, query="Walrus").results == []


@pytest.mark.django_db
def test_the_home_page_no_longer_lists_it(client, owner):
    session = EventFactory(host=owner, title="Walrus clinic")
    event_cancel(actor=owner, event=session, reason="Postponed")

    assert "Walrus clinic" not in client.get(reverse("web:home")).content.decode()


# Pages -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_host_confirms_with_a_reason_and_the_page_shows_it_cancelled(
    owner_client, owner, other
):
    session = EventFactory(host=owner)
    registered(session, other)
    url = reverse("web:session-call-off", args=[session.pk])

    confirm = owner_client.get(url)
    response = owner_client.post(url, {"reason": "The host is ill."}, follow=True)

    assert confirm.status_code == 200 and b"reason" in confirm.content
    body = response.content.decode()
    assert "The host is ill." in body and "registration is closed" in body
    assert ">Register<" not in body


@pytest.mark.django_db
def test_a_missing_reason_shows_on_the_form_and_changes_nothing(owner_client, owner):
    session = EventFactory(host=owner)

    response = owner_client.post(reverse("web:session-call-off", args=[session.pk]), {"reason": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    session.refresh_from_db()
    assert not session.is_cancelled


@pytest.mark.django_db
def test_other_members_cannot_open_the_cancel_page_of_an_event(other_client, organization):
    event = EventFactory(kind="workshop", organization=organization)

    response = other_client.get(reverse("web:event-call-off", args=[event.pk]))

    assert response.status_code == 403


@pytest.mark.django_db
def test_registering_on_the_page_for_a_cancelled_event_shows_why_not(owner, other_client):
    session = EventFactory(host=owner)
    event_cancel(actor=owner, event=session, reason="Postponed")

    response = other_client.post(reverse("web:session-register", args=[session.pk]), follow=True)

    assert "It is cancelled; registration is closed." in response.content.decode()
    assert not session.registrations.exists()


@pytest.mark.django_db
def test_the_past_list_marks_cancelled_ones_in_bounded_queries(
    client, owner, django_assert_max_num_queries
):
    for n in range(5):
        event_cancel(actor=owner, event=EventFactory(host=owner, title=f"Off {n}"), reason="No")

    with django_assert_max_num_queries(12):
        response = client.get(reverse("web:session-list"), {"when": "all"})

    assert response.content.decode().count(">cancelled<") == 5


# API -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_api_cancels_and_shows_it_cancelled(owner_client, owner):
    session = EventFactory(host=owner)

    response = owner_client.post(
        f"{API}/events/{session.pk}/cancellation",
        {"reason": "Postponed"},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["cancelled_at"] and response.json()["cancellation_reason"] == "Postponed"


@pytest.mark.django_db
def test_the_api_refuses_others_403_a_blank_reason_422_and_registering_after_422(
    owner, other_client, owner_client
):
    session = EventFactory(host=owner)
    url = f"{API}/events/{session.pk}/cancellation"

    forbidden = other_client.post(url, {"reason": "x"}, content_type="application/json")
    blank = owner_client.post(url, {"reason": "  "}, content_type="application/json")
    owner_client.post(url, {"reason": "Postponed"}, content_type="application/json")
    register = other_client.post(f"{API}/events/{session.pk}/registration")

    assert forbidden.status_code == 403
    assert blank.status_code == 422 and "reason" in blank.content.decode()
    assert register.status_code == 422 and "cancelled" in register.content.decode()
