"""Factories for sessions, events and registrations."""

from datetime import timedelta

import factory
from django.utils import timezone

from capacityhub.community.tests.factories import UserFactory
from capacityhub.events.models import Event, Question, Registration


class EventFactory(factory.django.DjangoModelFactory):
    """A live session next week, an hour long; pass `capacities=[...]` to target some."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = Event.Kind.SESSION
    title = factory.Sequence(lambda n: f"Session {n}")
    description = "Bring your questions."
    host = factory.SubFactory(UserFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + timedelta(hours=1))
    time_zone = "Africa/Lagos"
    online = True
    languages = factory.LazyFunction(lambda: ["en"])
    seats = 10
    call_url = "https://meet.example.org/room-1"

    @factory.post_generation
    def capacities(self, create, extracted, **kwargs):
        if create and extracted:
            self.capacities.set(extracted)


class PastEventFactory(EventFactory):
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))


def registered(event: Event, user, status=Registration.Status.CONFIRMED) -> Registration:
    return Registration.objects.create(
        event=event, user=user, status=status, queued_at=timezone.now()
    )


def question_on(event: Event, author, body: str = "How do I start?") -> Question:
    return Question.objects.create(event=event, author=author, body=body)


__all__ = ["EventFactory", "PastEventFactory", "UserFactory", "question_on", "registered"]
