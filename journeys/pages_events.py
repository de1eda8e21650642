"""The events app's pages in the accessibility gate (see journeys/pages.py).

Seeded: a live session hosted by amina (the member) with kwame registered and a question on
its board; a past session of hers with kwame confirmed and marked as attended (attendance,
unmarking it); an event organized by
kwame's organization (kwame is its host)."""

from datetime import timedelta


def _session(hub):
    return f"/sessions/{hub.extra['session'].pk}/"


def _event(hub):
    return f"/events/{hub.extra['event'].pk}/"


PAGE_TYPES = [
    ("session-list", "/sessions/", None),
    ("session-list-empty", "/sessions/?q=zzzz-nothing&when=past", "member"),
    ("session-detail", _session, None),
    ("session-detail-host", _session, "member"),
    ("session-detail-registered", _session, "manager"),
    ("session-detail-cancelled", lambda hub: f"/sessions/{hub.extra['cancelled'].pk}/", None),
    ("session-create", "/sessions/new/", "member"),
    ("session-edit", lambda hub: f"{_session(hub)}edit/", "member"),
    ("session-cancel", lambda hub: f"{_session(hub)}cancel/", "manager"),
    (
        "session-attendance",
        lambda hub: f"/sessions/{hub.extra['past_session'].pk}/attendance/",
        "member",
    ),
    ("session-call-off", lambda hub: f"{_session(hub)}call-off/", "member"),
    (
        "session-unattend",
        lambda hub: f"/sessions/{hub.extra['past_session'].pk}/attendance/undo/?username=kwame",
        "member",
    ),
    ("event-list", "/events/?language=en", None),
    ("event-detail", _event, "manager"),
    ("event-create", "/events/new/", "manager"),
    ("event-edit", lambda hub: f"{_event(hub)}edit/", "manager"),
    ("event-cancel", lambda hub: f"{_event(hub)}cancel/", "member"),
    ("event-attendance", lambda hub: f"{_event(hub)}attendance/", "manager"),
    ("event-call-off", lambda hub: f"{_event(hub)}call-off/", "manager"),
    ("event-unattend", lambda hub: f"{_event(hub)}attendance/undo/", "manager"),
    ("calendar-me", "/me/calendar/", "manager"),
    ("assistance-request", "/events/assistance/", "manager"),
]
NOT_PAGES = {
    "session-register",
    "session-question",
    "session-vote",
    "session-answered",
    "session-ics",
    "event-register",
    "event-ics",
    "calendar-reset",
    "calendar-feed",
}


def seed(hub) -> dict:
    from django.utils import timezone

    from capacityhub.events.models import Event, Question, Registration
    from capacityhub.taxonomy.models import Capacity

    member, manager = hub.users["member"], hub.users["manager"]
    capacity = Capacity.objects.get(code="edit-a-thon")
    now = timezone.now()

    def make(kind, host, starts, **fields):
        event = Event.objects.create(
            kind=kind,
            title=f"Edit-a-thon {kind}",
            description="We plan the day **together**.",
            host=host,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            time_zone="Africa/Lagos",
            languages=["en", "ha"],
            interpretation_languages=["ar"],
            seats=20,
            call_url="https://meet.example.org/a11y",
            **fields,
        )
        event.capacities.set([capacity])
        return event

    session = make("session", member, now + timedelta(days=5))
    past = make("session", member, now - timedelta(days=5))
    event = make(
        "workshop",
        manager,
        now + timedelta(days=12),
        organization=hub.organization,
        online=False,
        place="Kano",
        region="ssa",
    )
    for target in (session, past, event):
        Registration.objects.create(
            event=target,
            user=manager if target != event else member,
            status="confirmed",
            queued_at=now,
        )
    Registration.objects.create(event=event, user=manager, status="confirmed", queued_at=now)
    Question.objects.create(event=session, author=manager, body="Where do we find a venue?")
    # Kwame's attendance at the past session is marked (and may be unmarked).
    Registration.objects.filter(event=past, user=manager).update(attended=True)
    cancelled = make(
        "session",
        member,
        now + timedelta(days=8),
        cancelled_at=now,
        cancellation_reason="The host is ill; we will **reschedule**.",
    )
    return {"session": session, "past_session": past, "event": event, "cancelled": cancelled}
