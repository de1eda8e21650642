"""Demo content of the events app for `manage.py seed_demo` (deterministic for a seed).

Reads the demo people, organizations and capacities already in the database and writes, in
one transaction: upcoming live sessions and events in several languages (one full session
with a waitlist), past ones with attendance marked (and the evidence that follows), and a Q&A
board. Times are relative to now, rounded to the hour.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

DEMO_MEMBER = "demo-member"
SESSIONS = [
    ("Edit-a-thon office hours", ["en", "ha"], ["ar"], "edit-a-thon", "Africa/Lagos"),
    ("Introducción a Wikidata", ["es"], [], "wikidata", "America/Bogota"),
    ("Lua pour les modèles", ["fr"], ["en"], "lua-scripting", "Europe/Paris"),
    ("Grant writing clinic", ["en"], ["fr", "es"], "grant-writing", "UTC"),
    ("تنظيم مسابقات الصور", ["ar"], ["en"], "photo-contests", "Africa/Cairo"),
    ("Board governance Q&A", ["en", "pt"], [], "board-governance", "America/Sao_Paulo"),
]
EVENTS = [
    ("conference", "WikiIndaba regional conference", ["en", "fr"], "event-organizing", "Accra"),
    ("gathering", "Wikidata thematic gathering", ["es", "pt"], "wikidata", "Bogotá"),
    ("immersion", "Immersion visit: a GLAM partnership", ["en"], "photography", "Nairobi"),
    ("workshop", "Fundraising workshop", ["fr"], "fundraising", "Dakar"),
    ("cohort", "Grant writers cohort, meeting 3", ["en"], "grant-writing", ""),
    ("assistance", "Circuit rider visit: Lua templates", ["ha", "en"], "lua-scripting", "Kano"),
]


def _users():
    from capacityhub.community.models import User

    return list(User.objects.filter(is_active=True).order_by("id")[:80])


def _capacity_ids(codes) -> dict[str, int]:
    from capacityhub.taxonomy.models import Capacity

    return dict(Capacity.objects.filter(code__in=codes).values_list("code", "id"))


def _make_events(rng, users, organizations, capacity_ids, now) -> list:
    from capacityhub.events.models import Event

    events = []
    for n, (title, languages, interpreted, code, zone) in enumerate(SESSIONS):
        starts = now + timedelta(days=3 + 4 * n, hours=rng.randint(0, 8))
        events.append(
            (
                Event(
                    kind="session",
                    title=title,
                    host=rng.choice(users),
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=90),
                    time_zone=zone,
                    languages=languages,
                    interpretation_languages=interpreted,
                    seats=3 if n == 0 else rng.randint(15, 60),
                    call_url=f"https://meet.example.org/demo-session-{n}",
                    description="Bring your questions: the host answers the most voted ones first.",
                ),
                code,
            )
        )
    for n, (title, languages, interpreted, code, zone) in enumerate(SESSIONS[:3]):
        starts = now - timedelta(days=10 + 7 * n)
        events.append(
            (
                Event(
                    kind="session",
                    title=f"{title} (past)",
                    host=rng.choice(users),
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=1),
                    time_zone=zone,
                    languages=languages,
                    interpretation_languages=interpreted,
                    seats=40,
                    recording_url=f"https://video.example.org/demo-recording-{n}",
                ),
                code,
            )
        )
    for n, (kind, title, languages, code, place) in enumerate(EVENTS):
        organization = organizations[n % len(organizations)]
        starts = now + timedelta(days=10 + 9 * n)
        events.append(
            (
                Event(
                    kind=kind,
                    title=title,
                    host=rng.choice(users),
                    organization=organization,
                    starts_at=starts,
                    ends_at=starts + timedelta(days=1 if kind != "cohort" else 0, hours=3),
                    time_zone="UTC",
                    languages=languages,
                    online=not place,
                    place=place,
                    region=organization.region if place else "",
                    seats=rng.randint(20, 120),
                    registration_deadline=starts - timedelta(days=2),
                ),
                code,
            )
        )
    return events


@transaction.atomic
def _write(seed: int) -> str:
    from capacityhub.community.models import Organization
    from capacityhub.events.models import Event, Registration
    from capacityhub.events.services.registrations import attendance_mark

    rng = random.Random(f"events-{seed}")
    users = _users()
    organizations = list(Organization.objects.order_by("id")[:12])
    if len(users) < 10 or not organizations:
        return "events: skipped (no demo community)."
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    codes = {code for *_rest, code, _z in SESSIONS} | {e[3] for e in EVENTS}
    capacity_ids = _capacity_ids(codes)
    planned = _make_events(rng, users, organizations, capacity_ids, now)
    events = Event.objects.bulk_create([event for event, _code in planned])
    Event.capacities.through.objects.bulk_create(
        Event.capacities.through(event_id=event.pk, capacity_id=capacity_ids[code])
        for event, (_e, code) in zip(events, planned, strict=True)
        if code in capacity_ids
    )
    registrations = []
    member = next((u for u in users if u.username == DEMO_MEMBER), None)
    for index, event in enumerate(events):
        people = rng.sample([u for u in users if u.pk != event.host_id], min(len(users) - 1, 8))
        # The demo member has a seat at the first (full) session and the first event.
        wanted = member is not None and member.pk != event.host_id
        if wanted and index in (0, len(SESSIONS) + 3) and member not in people:
            people[0] = member
        for rank, person in enumerate(people):
            confirmed = rank < event.seats
            registrations.append(
                Registration(
                    event=event,
                    user=person,
                    queued_at=now - timedelta(days=20, minutes=-rank),
                    status="confirmed" if confirmed else "waitlisted",
                )
            )
    Registration.objects.bulk_create(registrations)
    staff = next((u for u in users if u.is_staff), None)
    past = [e for e in events if e.starts_at < now]
    for event in past:
        attendees = list(
            Registration.objects.filter(event=event, status="confirmed").values_list(
                "user__username", flat=True
            )[:5]
        )
        attendance_mark(actor=staff or event.host, event=event, usernames=attendees)
    _questions(rng, events[0], users)
    waiting = sum(r.status == "waitlisted" for r in registrations)
    return (
        f"events: {len(events)} sessions and events ({len(past)} past), "
        f"{len(registrations)} registrations ({waiting} on a waitlist)."
    )


def _questions(rng, event, users) -> None:
    from capacityhub.events.models import Question, QuestionVote, Registration

    askers = list(
        Registration.objects.filter(event=event, status="confirmed").values_list("user", flat=True)
    )
    bodies = ["How do we find a venue with good internet?", "Can newcomers edit on phones?"]
    for author_id, body in zip(askers, bodies, strict=False):
        question = Question.objects.create(event=event, author_id=author_id, body=body)
        QuestionVote.objects.bulk_create(
            QuestionVote(question=question, voter_id=voter)
            for voter in askers
            if voter != author_id and rng.random() < 0.7
        )


def write_demo(*, seed: int) -> str:
    """Write the demo content; return a one-line summary for the command's output."""
    return _write(seed)
