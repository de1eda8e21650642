"""The events app's share of the gates (see gates/parts.py).

The world: live sessions hosted by the owner (one open to register, one where every actor and
amina hold a confirmed seat and amina asked a question, one past with `other` confirmed and
amina marked as attended) and events organized by `organization` (hosted by its manager) in the same
three states."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from capacityhub.events.models import CalendarFeed, Event, Question, QuestionVote, Registration
from capacityhub.taxonomy.models import Method

from .matrix import API, EDITORS_ONLY, OWNER_OR_STAFF, Row, current_version, everyone_signed_in

EVERYONE = everyone_signed_in()

TRACKED = [
    Event,
    Event.capacities.through,
    Event.resources.through,
    Registration,
    Question,
    QuestionVote,
    CalendarFeed,
]


def _event(kind: str, host, *, past: bool = False, organization=None, capacities=()) -> Event:
    starts = timezone.now() + (timedelta(days=-2) if past else timedelta(days=7))
    event = Event.objects.create(
        kind=kind,
        title=f"Matrix {kind}{' (past)' if past else ''}",
        host=host,
        organization=organization,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        languages=["en"],
        seats=20,
        call_url="https://meet.example.org/matrix",
    )
    event.capacities.set(capacities)
    return event


def _register(event: Event, *users) -> None:
    for user in users:
        Registration.objects.create(
            event=event, user=user, status="confirmed", queued_at=timezone.now()
        )


def build_world(world) -> dict:
    users = world.users
    amina = world.need.requester.__class__.objects.get(username="amina")
    owner, other, manager = users["owner"], users["other"], manager_of(world)
    lua = world.offer.claim.capacity
    found = {
        "session_open": _event("session", owner, capacities=[lua]),
        "session_full": _event("session", owner, capacities=[lua]),
        "session_past": _event("session", owner, past=True, capacities=[lua]),
        "event_open": _event("workshop", manager, organization=world.organization),
        "event_full": _event("workshop", manager, organization=world.organization),
        "event_past": _event("workshop", manager, past=True, organization=world.organization),
    }
    _register(found["session_full"], *users.values(), amina)
    _register(found["event_full"], *users.values(), amina)
    _register(found["session_past"], other, amina)
    _register(found["event_past"], other, amina)
    # Amina's was marked by mistake, for the rows that unmark attendance.
    past = [found["session_past"], found["event_past"]]
    Registration.objects.filter(user=amina, event__in=past).update(attended=True)
    found["question"] = Question.objects.create(
        event=found["session_full"], author=amina, body="How do I start?"
    )
    Method.objects.get_or_create(
        code="on-site-technical-assistance", defaults={"labels": {"en": "On-site assistance"}}
    )
    return found


def manager_of(world):
    return world.users["manager"]


def _x(world, name: str) -> Event:
    return world.extra[name]


def _times(days: int = 9) -> dict:
    starts = timezone.now() + timedelta(days=days)
    return {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=1)).isoformat()}


def _api(name: str, suffix: str = ""):
    return lambda world: f"{API}/events/{_x(world, name).pk}{suffix}"


def _question_api(suffix: str):
    return lambda world: (
        f"{API}/events/{_x(world, 'session_full').pk}/questions/{world.extra['question'].pk}"
        f"{suffix}"
    )


API_ROWS = [
    Row(
        "POST /events",
        "post",
        lambda world: f"{API}/events",
        lambda world, user: {"kind": "session", "title": "Matrix session", **_times()},
        EVERYONE,
    ),
    Row(
        "PATCH /events/{event_id}",
        "patch",
        _api("session_open"),
        lambda world, user: {
            "title": "Changed",
            "version": current_version(_x(world, "session_open")),
        },
        OWNER_OR_STAFF,
    ),
    Row(
        "POST /events/{event_id}/registration",
        "post",
        _api("session_open", "/registration"),
        lambda world, user: {},
        EVERYONE,
    ),
    Row(
        "DELETE /events/{event_id}/registration",
        "delete",
        _api("session_full", "/registration"),
        lambda world, user: {},
        EVERYONE,
    ),
    Row(
        "POST /events/{event_id}/attendance",
        "post",
        _api("session_past", "/attendance"),
        lambda world, user: {"usernames": ["other"]},
        OWNER_OR_STAFF,
    ),
    Row(
        "POST /events/{event_id}/attendance/undo",
        "post",
        _api("session_past", "/attendance/undo"),
        lambda world, user: {"usernames": ["amina"]},
        OWNER_OR_STAFF,
    ),
    Row(
        "POST /events/{event_id}/cancellation",
        "post",
        _api("session_open", "/cancellation"),
        lambda world, user: {"reason": "The host is ill."},
        OWNER_OR_STAFF,
    ),
    Row(
        "POST /assistance-requests",
        "post",
        lambda world: f"{API}/assistance-requests",
        lambda world, user: {
            "organization": world.organization.slug,
            "title": "Circuit rider, please",
            "capacities": ["grant-writing"],
        },
        EDITORS_ONLY,
    ),
    Row(
        "POST /events/{event_id}/questions",
        "post",
        _api("session_full", "/questions"),
        lambda world, user: {"body": "Matrix question?"},
        EVERYONE,
    ),
    Row(
        "POST /events/{event_id}/questions/{question_id}/vote",
        "post",
        _question_api("/vote"),
        lambda world, user: {},
        EVERYONE,
    ),
    Row(
        "POST /events/{event_id}/questions/{question_id}/answered",
        "post",
        _question_api("/answered"),
        lambda world, user: {"answered": True},
        OWNER_OR_STAFF,
    ),
]


def _web(name: str, event: str | None = None, *more):
    def url(world) -> str:
        args = [_x(world, event).pk] if event else []
        return reverse(f"web:{name}", args=[*args, *(m(world) for m in more)])

    return url


def _form(world, event: Event | None = None, **extra) -> dict:
    starts = timezone.now() + timedelta(days=9)
    data = {
        "title": "Matrix form",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "time_zone": "UTC",
        "seats": "25",
        "online": "on",
        **extra,
    }
    if event is not None:
        event.refresh_from_db()
        data["version"] = str(event.version)
    return data


def _question_pk(world) -> int:
    return world.extra["question"].pk


WEB_ROWS = [
    Row(
        "web:session-create",
        "post",
        _web("session-create"),
        lambda world, user: _form(world),
        EVERYONE,
    ),
    Row(
        "web:session-edit",
        "post",
        _web("session-edit", "session_open"),
        lambda world, user: _form(world, _x(world, "session_open")),
        OWNER_OR_STAFF,
    ),
    Row(
        "web:session-register",
        "post",
        _web("session-register", "session_open"),
        lambda world, user: {},
        EVERYONE,
    ),
    Row(
        "web:session-cancel",
        "post",
        _web("session-cancel", "session_full"),
        lambda world, user: {},
        EVERYONE,
    ),
    Row(
        "web:session-attendance",
        "post",
        _web("session-attendance", "session_past"),
        lambda world, user: {"usernames": ["other"]},
        OWNER_OR_STAFF,
    ),
    Row(
        "web:session-unattend",
        "post",
        _web("session-unattend", "session_past"),
        lambda world, user: {"username": "amina"},
        OWNER_OR_STAFF,
    ),
    Row(
        "web:session-call-off",
        "post",
        _web("session-call-off", "session_open"),
        lambda world, user: {"reason": "The host is ill."},
        OWNER_OR_STAFF,
    ),
    Row(
        "web:session-question",
        "post",
        _web("session-question", "session_full"),
        lambda world, user: {"body": "Matrix question?"},
        EVERYONE,
    ),
    Row(
        "web:session-vote",
        "post",
        _web("session-vote", "session_full", _question_pk),
        lambda world, user: {},
        EVERYONE,
    ),
    Row(
        "web:session-answered",
        "post",
        _web("session-answered", "session_full", _question_pk),
        lambda world, user: {"answered": "1"},
        OWNER_OR_STAFF,
    ),
    Row(
        "web:event-create",
        "post",
        _web("event-create"),
        lambda world, user: _form(world, kind="workshop", organization=world.organization.slug),
        EDITORS_ONLY,
    ),
    Row(
        "web:event-edit",
        "post",
        _web("event-edit", "event_open"),
        lambda world, user: _form(world, _x(world, "event_open"), place="Kano"),
        EDITORS_ONLY,
    ),
    Row(
        "web:event-register",
        "post",
        _web("event-register", "event_open"),
        lambda world, user: {},
        EVERYONE,
    ),
    Row(
        "web:event-cancel",
        "post",
        _web("event-cancel", "event_full"),
        lambda world, user: {},
        EVERYONE,
    ),
    Row(
        "web:event-attendance",
        "post",
        _web("event-attendance", "event_past"),
        lambda world, user: {"usernames": ["other"]},
        EDITORS_ONLY,
    ),
    Row(
        "web:event-unattend",
        "post",
        _web("event-unattend", "event_past"),
        lambda world, user: {"username": "amina"},
        EDITORS_ONLY,
    ),
    Row(
        "web:event-call-off",
        "post",
        _web("event-call-off", "event_open"),
        lambda world, user: {"reason": "The venue closed."},
        EDITORS_ONLY,
    ),
    Row("web:calendar-reset", "post", _web("calendar-reset"), lambda world, user: {}, EVERYONE),
    Row(
        "web:assistance-request",
        "post",
        _web("assistance-request"),
        lambda world, user: {
            "organization": world.organization.slug,
            "title": "Circuit rider, please",
            "capacities": ["grant-writing"],
        },
        EDITORS_ONLY,
    ),
]

WEB_READ_ONLY = {
    "session-list",
    "session-detail",
    "session-ics",
    "event-list",
    "event-detail",
    "event-ics",
    "calendar-me",
    "calendar-feed",
}
# The arguments of the read-only pages above that take some, for
# test_read_only_pages_refuse_to_be_written_to (see the report: it needs to read these).
READ_ONLY_ARGS = {
    "session-detail": lambda world: [world.extra["session_open"].pk],
    "session-ics": lambda world: [world.extra["session_open"].pk],
    "event-detail": lambda world: [world.extra["event_open"].pk],
    "event-ics": lambda world: [world.extra["event_open"].pk],
    "calendar-feed": lambda world: ["no-such-token"],
}


def api_known(*, member, other, staff, organization) -> dict:
    """A session the fuzz member hosts (amina confirmed, with a question), a past one with
    amina confirmed, and an event of the member's organization."""
    session = _event("session", member)
    past = _event("session", member, past=True)
    event = _event("conference", member, organization=organization)
    _register(session, other)
    _register(past, other)
    question = Question.objects.create(event=session, author=other, body="Fuzz question?")
    return {
        "event_id": [session.pk, past.pk, event.pk],
        "question_id": [question.pk],
        "usernames": [[other.username]],
        "kind": ["session", "workshop"],
        "time_zone": ["UTC", "Africa/Lagos"],
    }
