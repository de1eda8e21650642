"""Events' part of a person's data (community.personal_data): registrations, questions and
votes, events they host, their calendar feed. Deleting the account gives up their seats and
waitlist places in events still to come (the waitlist moves up) and ends the calendar feed."""

from django.utils import timezone

from capacityhub.community.models import User
from capacityhub.community.personal_data import PersonalDataPart, register, when

from .models import CalendarFeed, Event, Question, QuestionVote, Registration
from .services.registrations import registration_cancel

HELD = (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)


def export_events(user: User) -> dict:
    registrations = Registration.objects.filter(user=user).select_related("event")
    return {
        "registrations": [
            {
                "event": r.event_id,
                "event_title": r.event.title,
                "starts_at": when(r.event.starts_at),
                "status": r.status,
                "attended": r.attended,
                "registered_at": when(r.created_at),
            }
            for r in registrations.order_by("created_at", "id")
        ],
        "questions": [
            {"event": q.event_id, "body": q.body, "answered": q.answered, "at": when(q.created_at)}
            for q in Question.objects.filter(author=user).order_by("created_at", "id")
        ],
        "question_votes": sorted(
            QuestionVote.objects.filter(voter=user).values_list("question_id", flat=True)
        ),
        "events_hosted": [
            {"id": e.pk, "title": e.title, "starts_at": when(e.starts_at)}
            for e in Event.objects.filter(host=user).order_by("starts_at", "id")
        ],
        "calendar_feed": CalendarFeed.objects.filter(user=user).exists(),
    }


def close_events(user: User) -> None:
    upcoming = Registration.objects.filter(
        user=user, status__in=HELD, event__ends_at__gt=timezone.now()
    ).select_related("event")
    for registration in upcoming:
        registration_cancel(actor=user, event=registration.event)
    CalendarFeed.objects.filter(user=user).delete()


def register_personal_data() -> None:
    register(PersonalDataPart(name="events", export=export_events, erase=close_events))
