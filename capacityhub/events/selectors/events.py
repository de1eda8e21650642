"""Reads of sessions and events. They are public; what is not: the call link (confirmed
registrants, hosts, organizers, staff), who registered (hosts, organizers, staff), and a
person's history (follows their capacities_visibility, see `history_for_profile`)."""

from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from capacityhub.taxonomy.selectors import capacity_descendant_ids

from ..models import CalendarFeed, Event, Question, QuestionVote, Registration
from ..services.events import event_can_edit

Kind = Event.Kind
Status = Registration.Status
SECTIONS = {"session": [Kind.SESSION], "event": [k for k in Kind.values if k != Kind.SESSION]}
WHEN = ("upcoming", "past", "all")
SORTS = {
    "soonest": ["starts_at", "id"],
    "latest": ["-starts_at", "-id"],
    "title": ["title", "id"],
}


def with_details(events: QuerySet[Event]) -> QuerySet[Event]:
    """What a card shows, in a fixed number of queries whatever the page size."""
    return (
        events.select_related("host__profile", "organization")
        .prefetch_related("capacities")
        .annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED))
        )
    )


def event_list(
    *,
    section: str | None = None,
    when: str = "upcoming",
    kind: str | None = None,
    language: str | None = None,
    capacity_id: int | None = None,
    region: str | None = None,
    organization_id: int | None = None,
    online: bool | None = None,
    q: str | None = None,
    sort: str | None = None,
    now: datetime | None = None,
) -> QuerySet[Event]:
    """Sessions or events, filtered. `language` is the "language space": held in it or
    interpreted into it. A capacity matches the capacities beneath it too."""
    events = Event.objects.all()
    now = now or timezone.now()
    if section in SECTIONS:
        events = events.filter(kind__in=SECTIONS[section])
    if kind:
        events = events.filter(kind=kind)
    if when == "upcoming":
        # A cancelled one is no longer coming up; it stays under "past" and "all".
        events = events.filter(ends_at__gt=now, cancelled_at__isnull=True)
    elif when == "past":
        events = events.filter(ends_at__lte=now)
    if language:
        quoted = f'"{language}"'
        events = events.filter(
            Q(languages__icontains=quoted) | Q(interpretation_languages__icontains=quoted)
        )
    if capacity_id is not None:
        ids = capacity_descendant_ids(capacity_id) or [capacity_id]
        through = Event.capacities.through.objects.filter(capacity_id__in=[capacity_id, *ids])
        events = events.filter(id__in=through.values("event_id"))
    if region:
        events = events.filter(region=region)
    if organization_id is not None:
        events = events.filter(organization_id=organization_id)
    if online is not None:
        events = events.filter(online=online)
    if q:
        events = events.filter(Q(title__icontains=q) | Q(description__icontains=q))
    default = "latest" if when == "past" else "soonest"
    return events.order_by(*SORTS.get(sort or default, SORTS[default]))


def event_get(*, pk: int, section: str | None = None) -> Event:
    """One session or event; Event.DoesNotExist when there is none (in that section)."""
    events = with_details(Event.objects.all()).prefetch_related("resources")
    if section in SECTIONS:
        events = events.filter(kind__in=SECTIONS[section])
    return events.get(pk=pk)


def registration_of(*, event: Event, user) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Registration.objects.filter(event=event, user=user).first()


def can_see_call(*, event: Event, user, registration: Registration | None) -> bool:
    confirmed = registration is not None and registration.status == Status.CONFIRMED
    return confirmed or event_can_edit(event=event, user=user)


def waitlist_position(registration: Registration | None) -> int | None:
    if registration is None or registration.status != Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=Status.WAITLISTED
    ).filter(
        Q(queued_at__lt=registration.queued_at)
        | Q(queued_at=registration.queued_at, id__lt=registration.pk)
    )
    return ahead.count() + 1


def registrations_for_hosts(*, event: Event, viewer) -> QuerySet[Registration]:
    """Who registered, for its hosts, organizers and staff only (nobody else: empty)."""
    if not event_can_edit(event=event, user=viewer):
        return Registration.objects.none()
    return (
        event.registrations.exclude(status=Status.CANCELLED)
        .select_related("user__profile")
        .order_by("status", "queued_at", "id")
    )


def questions_for(*, event: Event, viewer) -> QuerySet[Question]:
    """The Q&A board: open questions first, most voted first."""
    questions = event.questions.select_related("author__profile").annotate(
        vote_count=Count("votes")
    )
    if getattr(viewer, "is_authenticated", False):
        mine = QuestionVote.objects.filter(question=OuterRef("pk"), voter=viewer)
        questions = questions.annotate(voted=Exists(mine))
    return questions.order_by("answered", "-vote_count", "created_at", "id")


def question_get(*, event: Event, pk: int) -> Question:
    return Question.objects.select_related("event").get(event=event, pk=pk)


def registrations_of_user(*, user, include_past: bool = True) -> QuerySet[Registration]:
    """A person's own current registrations (confirmed or waitlisted), soonest first."""
    if not getattr(user, "is_authenticated", False):
        return Registration.objects.none()
    registrations = Registration.objects.filter(
        user=user, status__in=[Status.CONFIRMED, Status.WAITLISTED]
    )
    if not include_past:
        registrations = registrations.filter(event__ends_at__gt=timezone.now())
    return registrations.select_related("event").order_by("event__starts_at", "event_id")


def calendar_events_of(user) -> list[tuple[Event, bool]]:
    """What a person's feed holds: everything they registered for or host, bounded; with
    whether the call link may be shown (a confirmed seat, or their own event)."""
    registrations = Registration.objects.filter(
        user=user, status__in=[Status.CONFIRMED, Status.WAITLISTED]
    )
    confirmed = set(
        registrations.filter(status=Status.CONFIRMED).values_list("event_id", flat=True)
    )
    events = Event.objects.filter(Q(id__in=registrations.values("event_id")) | Q(host=user))
    return [
        (event, event.pk in confirmed or event.host_id == user.pk)
        for event in events.order_by("-starts_at", "-id")[:500]
    ]


def upcoming_events(*, limit: int = 5) -> list[Event]:
    return list(with_details(event_list(when="upcoming"))[:limit])


def history_for_profile(*, user_id: int, limit: int = 20) -> list[tuple[Event, str]]:
    """What a person attended or hosted, latest first: [(event, "attended" | "hosted")]."""
    attended = Registration.objects.filter(user_id=user_id, attended=True).values("event_id")
    events = (
        Event.objects.filter(Q(id__in=attended) | Q(host_id=user_id), starts_at__lte=timezone.now())
        .filter(cancelled_at__isnull=True)
        .select_related("organization")
        .order_by("-starts_at", "-id")[:limit]
    )
    return [(event, "hosted" if event.host_id == user_id else "attended") for event in events]


def hosted_by_organization(*, organization_id: int, limit: int = 10) -> list[Event]:
    return list(
        Event.objects.filter(organization_id=organization_id, cancelled_at__isnull=True).order_by(
            "-starts_at", "-id"
        )[:limit]
    )


def calendar_feed_of(*, user) -> CalendarFeed | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return CalendarFeed.objects.filter(user=user).first()
