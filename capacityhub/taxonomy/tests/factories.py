import factory

from capacityhub.taxonomy.models import Capacity, CapacityTranslation


class CapacityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Capacity
        django_get_or_create = ["code"]
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"capacity-{n}")
    parent = None

    @factory.post_generation
    def label(self, create, extracted, **kwargs):
        if create:
            CapacityTranslation.objects.get_or_create(
                capacity=self, language="en", defaults={"label": extracted or self.code.title()}
            )
