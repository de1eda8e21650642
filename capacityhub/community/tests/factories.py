import factory

from capacityhub.community.models import Membership, Organization, Profile, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "pass-word-1234")

    @factory.post_generation
    def profile(self, create, extracted, **kwargs):
        if create:
            self.save()
            Profile.objects.get_or_create(
                user=self, defaults={"display_name": self.username.title(), **kwargs}
            )


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Wikimedia Example {n}")
    kind = "user_group"
    region = "ssa"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER


def the_cast() -> dict:
    """The standard users of permission tests (see the root conftest): owner, other, staff,
    and manager of `organization`."""
    organization = OrganizationFactory(slug="wm-kano", name="Wikimedians of Kano", region="ssa")
    manager = UserFactory(username="manager")
    Membership.objects.create(organization=organization, user=manager, role=Membership.Role.MANAGER)
    return {
        "owner": UserFactory(username="owner"),
        "other": UserFactory(username="other"),
        "staff": UserFactory(username="staff", is_staff=True),
        "organization": organization,
        "manager": manager,
    }
