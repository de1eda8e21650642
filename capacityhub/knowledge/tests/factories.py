import datetime

import factory

from capacityhub.community.tests.factories import UserFactory
from capacityhub.knowledge.models import Endorsement, Resource, ResourceReport, ResourceUse


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    kind = Resource.Kind.GUIDE
    title = factory.Sequence(lambda n: f"Guide number {n}")
    summary = "How to run a good edit-a-thon."
    body = "## Before\n\nBook a room."
    language = "en"
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def capacities(self, create, extracted, **kwargs):
        if create and extracted:
            self.capacities.set(extracted)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.set(extracted)


class LearningPatternFactory(ResourceFactory):
    kind = Resource.Kind.LEARNING_PATTERN
    body = ""
    problem = "Newcomers leave after their first edit."
    solution = "Pair each newcomer with a buddy."


class ResourceUseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourceUse

    resource = factory.SubFactory(ResourceFactory)
    user = factory.SubFactory(UserFactory)
    region = "ssa"
    language = "en"
    organization_kind = "user_group"
    audience_size = 12
    outcome = ResourceUse.Outcome.WORKED_WELL
    rating = 4
    used_on = factory.LazyFunction(lambda: datetime.date(2026, 1, 15))


class EndorsementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Endorsement

    resource = factory.SubFactory(LearningPatternFactory)
    user = factory.SubFactory(UserFactory)


class ResourceReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourceReport

    resource = factory.SubFactory(ResourceFactory)
    reporter = factory.SubFactory(UserFactory)
    reason = ResourceReport.Reason.BROKEN_LINK
    details = "The link answers 404."
