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


def standard_taxonomy() -> dict[str, Capacity]:
    """organizational ▸ fundraising ▸ {grant-writing, grant-reporting}; technology ▸ lua."""
    organizational = CapacityFactory(code="organizational", label="Organizational")
    fundraising = CapacityFactory(code="fundraising", parent=organizational, label="Fundraising")
    writing = CapacityFactory(code="grant-writing", parent=fundraising, label="Grant writing")
    reporting = CapacityFactory(code="grant-reporting", parent=fundraising, label="Grant reporting")
    technology = CapacityFactory(code="technology", label="Technology")
    lua = CapacityFactory(code="lua-scripting", parent=technology, label="Lua scripting")
    return {c.code: c for c in [organizational, fundraising, writing, reporting, technology, lua]}
