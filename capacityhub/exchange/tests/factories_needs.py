"""Factories for needs, offers and availability (the needs-and-offers slice)."""

import factory

from capacityhub.community.models import CapacityClaim, Profile, Relation
from capacityhub.community.tests.factories import UserFactory
from capacityhub.exchange.models import Availability, Need, Offer
from capacityhub.taxonomy.models import Method
from capacityhub.taxonomy.tests.factories import CapacityFactory


class NeedFactory(factory.django.DjangoModelFactory):
    """A public, open need of a person; pass `capacities=[...]` to set what it asks for."""

    class Meta:
        model = Need
        skip_postgeneration_save = True

    requester = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Help with something {n}")
    description = "We would like some help."
    desired_level = 3
    languages = factory.LazyFunction(lambda: ["en"])
    online = True
    region = "ssa"

    @factory.post_generation
    def capacities(self, create, extracted, **kwargs):
        if create:
            self.capacities.set(extracted or [CapacityFactory()])


class MethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Method
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"method-{n}")
    labels = factory.LazyAttribute(lambda m: {"en": m.code.replace("-", " ").title()})


def claim(holder, capacity, relation: str = Relation.KNOWS, level: int = 3) -> CapacityClaim:
    """A claim of a person (User or Profile) or organization on a capacity."""
    if hasattr(holder, "profile") and not isinstance(holder, Profile):
        holder = holder.profile
    field = "profile" if isinstance(holder, Profile) else "organization"
    return CapacityClaim.objects.update_or_create(
        **{field: holder}, capacity=capacity, relation=relation, defaults={"level": level}
    )[0]


def offer_of(holder, capacity, level: int = 3, **fields) -> Offer:
    """An active offer: a person's comes with the `knows` claim it requires."""
    if not hasattr(holder, "slug"):
        claim(holder, capacity, Relation.KNOWS, level)
    offers_claim = claim(holder, capacity, Relation.OFFERS, level)
    fields = {"languages": ["en"], "region": "ssa", **fields}
    return Offer.objects.create(claim=offers_claim, **fields)


def availability_of(holder, **fields) -> Availability:
    field = "organization" if hasattr(holder, "slug") else "profile"
    if field == "profile" and not isinstance(holder, Profile):
        holder = holder.profile
    return Availability.objects.create(**{field: holder}, **fields)
