"""Factories for the connection tests. Needs and offers are built directly with the models,
so these tests do not depend on the need and offer services."""

import factory

from capacityhub.community.models import CapacityClaim, Relation
from capacityhub.community.tests.factories import UserFactory
from capacityhub.exchange.models import Availability, Connection, Message, Need, Offer
from capacityhub.taxonomy.tests.factories import CapacityFactory


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need
        skip_postgeneration_save = True

    requester = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Help with grant reports {n}")
    description = "We need to learn how to report on a grant."
    languages = factory.LazyFunction(lambda: ["en"])

    @factory.post_generation
    def capacities(self, create, extracted, **kwargs):
        if create:
            self.capacities.set(extracted or [CapacityFactory(code="grant-reporting")])


def offer_for(user=None, *, organization=None, capacity, level: int = 4, **fields) -> Offer:
    """An active offer of `capacity` by a person (who then also knows it) or an organization."""
    holder = {"organization": organization} if organization else {"profile": user.profile}
    if organization is None:
        CapacityClaim.objects.get_or_create(
            **holder, capacity=capacity, relation=Relation.KNOWS, defaults={"level": level}
        )
    claim, _created = CapacityClaim.objects.get_or_create(
        **holder, capacity=capacity, relation=Relation.OFFERS, defaults={"level": level}
    )
    return Offer.objects.create(claim=claim, **fields)


def availability_for(user=None, *, organization=None, **fields) -> Availability:
    holder = {"organization": organization} if organization else {"profile": user.profile}
    availability, _created = Availability.objects.update_or_create(**holder, defaults=fields)
    return availability


class ConnectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Connection

    need = factory.SubFactory(NeedFactory)
    provider = factory.SubFactory(UserFactory)
    status = Connection.Status.INVITED


def connect(need, provider=None, *, organization=None, status="invited", **fields) -> Connection:
    """A connection on `need` with a first message from the requester."""
    connection = Connection.objects.create(
        need=need,
        provider=provider,
        provider_organization=organization,
        status=status,
        **fields,
    )
    Message.objects.create(connection=connection, sender=need.requester, body="Can you help?")
    return connection
