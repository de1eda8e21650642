"""Scheduling and changing sessions and events: who may, and bad input refused."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from capacityhub.core.models import AuditEntry
from capacityhub.events.models import Event, Registration
from capacityhub.events.services.events import event_create, event_update

from .factories import EventFactory, UserFactory, registered

pytestmark = pytest.mark.django_db


def _times(days=3, hours=2):
    starts = timezone.now() + timedelta(days=days)
    return {"starts_at": starts, "ends_at": starts + timedelta(hours=hours)}


def test_any_member_can_host_a_live_session(owner, taxonomy):
    session = event_create(
        actor=owner,
        kind="session",
        title="Lua office hours",
        capacities=["lua-scripting"],
        languages=["en", "fr"],
        interpretation_languages=["ar"],
        time_zone="Africa/Lagos",
        **_times(),
    )

    assert session.host == owner
    assert [c.code for c in session.capacities.all()] == ["lua-scripting"]
    assert AuditEntry.objects.filter(action="event.create", target_id=str(session.pk)).exists()


def test_an_event_is_organized_by_a_manager_of_its_organization(manager, organization):
    event = event_create(
        actor=manager,
        kind="conference",
        title="WikiIndaba",
        organization=organization,
        online=False,
        place="Kano",
        region="ssa",
        **_times(),
    )

    assert event.organization == organization


@pytest.mark.parametrize("actor_name", ["owner", "other"])
def test_a_member_who_manages_no_organization_cannot_organize_an_event(
    actor_name, request, organization
):
    actor = request.getfixturevalue(actor_name)

    with pytest.raises(PermissionDenied):
        event_create(actor=actor, kind="workshop", title="W", organization=organization, **_times())
    with pytest.raises(PermissionDenied):
        event_create(actor=actor, kind="workshop", title="W", **_times())
    assert not Event.objects.exists()


def test_anonymous_cannot_host(anonymous):
    with pytest.raises(PermissionDenied):
        event_create(actor=anonymous, kind="session", title="S", **_times())


def test_it_refuses_a_session_that_ends_before_it_starts(owner):
    starts = timezone.now() + timedelta(days=1)

    with pytest.raises(ValidationError) as error:
        event_create(
            actor=owner, kind="session", title="S", starts_at=starts, ends_at=starts - timedelta(1)
        )

    assert "ends_at" in error.value.message_dict
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"languages": ["xx-nope"]}, "languages"),
        ({"capacities": ["no-such-capacity"]}, "capacities"),
        ({"seats": 0}, "seats"),
        ({"online": False}, "place"),
        ({"call_url": "not a link"}, "call_url"),
    ],
)
def test_it_refuses_bad_input_naming_the_field(owner, taxonomy, fields, field):
    with pytest.raises(ValidationError) as error:
        event_create(actor=owner, kind="session", title="S", **_times(), **fields)

    assert field in error.value.message_dict
    assert not Event.objects.exists()


def test_seats_cannot_drop_below_those_already_confirmed(owner):
    session = EventFactory(host=owner, seats=3)
    for n in range(3):
        registered(session, UserFactory(username=f"p{n}"))

    with pytest.raises(ValidationError) as error:
        event_update(actor=owner, event=session, seats=2)

    assert "seats" in error.value.message_dict
    session.refresh_from_db()
    assert session.seats == 3


def test_more_seats_move_the_waitlist_up(owner):
    session = EventFactory(host=owner, seats=1)
    registered(session, UserFactory(username="first"))
    waiting = registered(session, UserFactory(username="second"), Registration.Status.WAITLISTED)

    event_update(actor=owner, event=session, seats=2)

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


@pytest.mark.parametrize("actor_name", ["other", "manager"])
def test_nobody_else_can_edit_someone_elses_session(actor_name, request, owner):
    session = EventFactory(host=owner, title="Mine")
    actor = request.getfixturevalue(actor_name)

    with pytest.raises(PermissionDenied):
        event_update(actor=actor, event=session, title="Theirs")

    session.refresh_from_db()
    assert session.title == "Mine"


def test_managers_and_staff_can_edit_their_organizations_event(manager, staff, organization):
    event = EventFactory(kind="workshop", organization=organization, host=UserFactory())

    event_update(actor=manager, event=event, title="By the manager")
    event_update(actor=staff, event=event, title="By staff")

    event.refresh_from_db()
    assert event.title == "By staff" and event.version == 3


def test_a_stale_version_is_a_conflict(owner):
    session = EventFactory(host=owner)

    with pytest.raises(ValidationError) as error:
        event_update(actor=owner, event=session, expected_version=7, title="Late")

    assert "version" in error.value.message_dict
