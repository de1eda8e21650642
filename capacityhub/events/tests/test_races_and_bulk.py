"""event_update works on the row it locks (not on a stale copy), and attendance records the
attendees' evidence in a fixed number of queries however many attend."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from capacityhub.community.models import Evidence, Profile
from capacityhub.core.models import AuditEntry
from capacityhub.events.models import Event, Registration
from capacityhub.events.services.events import event_update

from .factories import EventFactory, PastEventFactory, UserFactory, registered

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_the_audit_records_the_title_saved_in_the_meantime_not_a_stale_copy(owner):
    stale = EventFactory(host=owner, title="First")
    event_update(actor=owner, event=Event.objects.get(pk=stale.pk), title="Second")

    event_update(actor=owner, event=stale, title="Third")

    entry = AuditEntry.objects.filter(action="event.update").order_by("-id").first()
    assert entry.changes["title"] == ["Second", "Third"]
    assert stale.title == "Third" and stale.version == 3
    assert Event.objects.get(pk=stale.pk).title == "Third"


def test_checks_see_the_times_saved_in_the_meantime(owner):
    stale = EventFactory(host=owner)
    fresh = Event.objects.get(pk=stale.pk)
    event_update(
        actor=owner, event=fresh, ends_at=fresh.ends_at + (fresh.ends_at - fresh.starts_at)
    )

    # Moving the start to the old end is fine now that the end moved later.
    event_update(actor=owner, event=stale, starts_at=stale.ends_at)

    saved = Event.objects.get(pk=stale.pk)
    assert saved.starts_at < saved.ends_at


def _mark(client, event, usernames):
    return client.post(
        f"{API}/events/{event.pk}/attendance",
        {"usernames": usernames},
        content_type="application/json",
    )


def _attendees(event, n: int, start: int) -> list[str]:
    names = []
    for i in range(start, start + n):
        user = UserFactory(username=f"attendee{i}")
        Profile.objects.get_or_create(user=user, defaults={"display_name": user.username})
        registered(event, user)
        names.append(user.username)
    return names


def test_marking_attendance_costs_the_same_queries_for_two_or_twenty_attendees(
    owner, owner_client, taxonomy
):
    Profile.objects.get_or_create(user=owner, defaults={"display_name": "Owner"})
    capacities = [taxonomy["lua-scripting"], taxonomy["grant-writing"]]
    small = PastEventFactory(host=owner, capacities=capacities)
    large = PastEventFactory(host=owner, capacities=capacities)
    few, many = _attendees(small, 2, 0), _attendees(large, 20, 100)

    with CaptureQueriesContext(connection) as two:
        assert _mark(owner_client, small, few).status_code == 200
    with CaptureQueriesContext(connection) as twenty:
        assert _mark(owner_client, large, many).status_code == 200

    assert len(twenty) == len(two)
    assert Registration.objects.filter(event=large, attended=True).count() == 20
    attended = Evidence.objects.filter(kind="attended", source__startswith="events.registration")
    assert attended.count() == (2 + 20) * 2
    assert Evidence.objects.filter(kind="facilitated").count() == 2 * 2
    assert AuditEntry.objects.filter(action="evidence.record").count() == 22 * 2 + 4
