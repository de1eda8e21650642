"""Domain code links to an object through `get_absolute_url()`: every such URL opens the
object's own page."""

import pytest
from django.utils import timezone

from capacityhub.events.models import Event
from capacityhub.events.tests.factories import EventFactory
from capacityhub.exchange.tests.factories_connections import connect
from capacityhub.exchange.tests.factories_needs import NeedFactory, offer_of
from capacityhub.knowledge.models import Resource
from capacityhub.knowledge.tests.factories import ResourceFactory
from capacityhub.learning.tests.factories import CourseFactory, enrol
from capacityhub.taxonomy.tests.factories import CapacityFactory

pytestmark = pytest.mark.django_db


def _objects(owner, other, organization):
    capacity = CapacityFactory(code="fundraising", label="Fundraising")
    need = NeedFactory(requester=owner, title="Help with a budget", capacities=[capacity])
    course = CourseFactory(title="Budgets 101")
    enrolment = enrol(owner, course)
    enrolment.completed_at, enrolment.certificate_code = timezone.now(), "c" * 32
    enrolment.save()
    return [
        (capacity, "Fundraising"),
        (owner, owner.profile.display_name or owner.username),
        (organization, organization.name),
        (need, need.title),
        (offer_of(owner, capacity), "Fundraising"),
        (connect(need, other), need.title),
        (ResourceFactory(title="A guide", status=Resource.Status.PUBLISHED), "A guide"),
        (course, course.title),
        (enrolment, course.title),
        (EventFactory(title="A live session"), "A live session"),
        (EventFactory(title="A regional event", kind=Event.Kind.WORKSHOP), "A regional event"),
    ]


def test_every_absolute_url_opens_the_objects_page(owner_client, owner, other, organization):
    for obj, shown in _objects(owner, other, organization):
        response = owner_client.get(obj.get_absolute_url())

        assert response.status_code == 200, type(obj).__name__
        assert shown in response.content.decode(), type(obj).__name__


def test_sessions_and_other_events_live_under_their_own_paths():
    assert Event(pk=7, kind=Event.Kind.SESSION).get_absolute_url() == "/sessions/7/"
    assert Event(pk=7, kind=Event.Kind.WORKSHOP).get_absolute_url() == "/events/7/"
