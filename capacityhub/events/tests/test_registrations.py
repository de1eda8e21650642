"""Registering, the waitlist, cancelling, and attendance with its evidence."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from capacityhub.community.models import Evidence
from capacityhub.core.models import Notification
from capacityhub.events.models import Registration
from capacityhub.events.services.registrations import (
    attendance_mark,
    registration_cancel,
    registration_create,
)

from .factories import EventFactory, PastEventFactory, UserFactory, registered

Status = Registration.Status


@pytest.mark.django_db
def test_a_member_gets_a_seat_while_there_are_seats_then_the_waitlist(owner, other):
    session = EventFactory(seats=1)

    first = registration_create(actor=owner, event=session)
    second = registration_create(actor=other, event=session)

    assert (first.status, second.status) == (Status.CONFIRMED, Status.WAITLISTED)


@pytest.mark.django_db
def test_registering_twice_is_refused(owner):
    session = EventFactory()
    registration_create(actor=owner, event=session)

    with pytest.raises(ValidationError) as error:
        registration_create(actor=owner, event=session)

    assert "registration" in error.value.message_dict
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_registering_after_the_deadline_is_refused(owner):
    session = EventFactory(registration_deadline=timezone.now() - timedelta(hours=1))

    with pytest.raises(ValidationError) as error:
        registration_create(actor=owner, event=session)

    assert "registration_deadline" in error.value.message_dict
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_anonymous_cannot_register(anonymous):
    with pytest.raises(PermissionDenied):
        registration_create(actor=anonymous, event=EventFactory())


@pytest.mark.django_db(transaction=True)
def test_when_a_confirmed_person_cancels_the_first_on_the_waitlist_moves_up_and_is_told(
    owner, other
):
    session = EventFactory(seats=1, title="Lua clinic")
    registration_create(actor=owner, event=session)
    later = UserFactory(username="later")
    registration_create(actor=other, event=session)
    registration_create(actor=later, event=session)

    registration_cancel(actor=owner, event=session)

    statuses = dict(Registration.objects.values_list("user__username", "status"))
    assert statuses == {"owner": "cancelled", "other": "confirmed", "later": "waitlisted"}
    told = Notification.objects.get(recipient=other)
    assert "Lua clinic" in told.subject
    assert not Notification.objects.filter(recipient=later).exists()


@pytest.mark.django_db
def test_someone_who_cancelled_may_register_again_at_the_end_of_the_queue(owner):
    session = EventFactory(seats=5)
    registration_create(actor=owner, event=session)
    registration_cancel(actor=owner, event=session)

    again = registration_create(actor=owner, event=session)

    assert again.status == Status.CONFIRMED and Registration.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_fifty_people_registering_at_once_for_ten_seats_gives_ten_confirmed_and_forty_waiting():
    # given
    session = EventFactory(seats=10)
    people = [UserFactory(username=f"rush{n}") for n in range(50)]
    barrier = threading.Barrier(len(people))
    errors: list = []

    def register(person):
        barrier.wait()
        try:
            registration_create(actor=person, event=session)
        except Exception as error:  # noqa: BLE001 - the test inspects it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(p,)) for p in people]

    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then
    assert errors == []
    registrations = Registration.objects.filter(event=session)
    assert registrations.filter(status=Status.CONFIRMED).count() == 10
    assert registrations.filter(status=Status.WAITLISTED).count() == 40


@pytest.mark.django_db
def test_hosts_mark_attendance_which_records_evidence_for_attendee_and_host(owner, other, taxonomy):
    session = PastEventFactory(host=owner, capacities=[taxonomy["lua-scripting"]])
    registered(session, other)

    attendance_mark(actor=owner, event=session, usernames=["other"])

    assert Registration.objects.get(user=other).attended
    kinds = set(Evidence.objects.values_list("profile__user__username", "kind"))
    assert kinds == {("other", "attended"), ("owner", "facilitated")}


@pytest.mark.django_db
def test_attendance_is_idempotent(owner, other, taxonomy):
    session = PastEventFactory(host=owner, capacities=[taxonomy["lua-scripting"]])
    registered(session, other)

    attendance_mark(actor=owner, event=session, usernames=["other"])
    attendance_mark(actor=owner, event=session, usernames=["other"])

    assert Evidence.objects.count() == 2


@pytest.mark.django_db
def test_marking_attendance_for_someone_not_registered_is_refused(owner, other, taxonomy):
    session = PastEventFactory(host=owner, capacities=[taxonomy["lua-scripting"]])

    with pytest.raises(ValidationError) as error:
        attendance_mark(actor=owner, event=session, usernames=["other"])

    assert "usernames" in error.value.message_dict
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_only_hosts_organizers_and_staff_mark_attendance(owner, other, manager, staff):
    session = PastEventFactory(host=owner)
    registered(session, other)

    for actor in (other, manager):
        with pytest.raises(PermissionDenied):
            attendance_mark(actor=actor, event=session, usernames=["other"])
    attendance_mark(actor=staff, event=session, usernames=["other"])

    assert Registration.objects.get(user=other).attended
