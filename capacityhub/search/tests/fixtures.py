"""Fixtures of the search tests: a small indexed hub (a plugin of the root conftest)."""

import pytest

from capacityhub.community.models import Profile
from capacityhub.community.tests.factories import OrganizationFactory, UserFactory
from capacityhub.core.models import Visibility
from capacityhub.exchange.tests.factories_needs import NeedFactory
from capacityhub.search.indexing import reindex_all
from capacityhub.taxonomy.models import CapacityTranslation
from capacityhub.taxonomy.tests.factories import CapacityFactory


@pytest.fixture
def indexed(owner, other, staff, organization):
    """A small hub, indexed: capacities in two languages, the owner's profile with a
    members-only bio and a private Wikimedia username, an organization, needs."""
    fundraising = CapacityFactory(code="fundraising", label="Fundraising")
    CapacityTranslation.objects.create(
        capacity=fundraising, language="es", label="Recaudación de fondos", aliases=["colecta"]
    )
    organizing = CapacityFactory(code="event-organizing", label="Event organizing")
    Profile.objects.filter(user=owner).update(
        display_name="Amina Bello",
        bio="Teaches Lua templates <script>alert(1)</script> to newcomers.",
        bio_visibility=Visibility.MEMBERS,
        wikimedia_username="Zebrafinch",
        wikimedia_username_visibility=Visibility.PRIVATE,
    )
    OrganizationFactory(
        slug="wm-ar", name="Wikimedia Argentina", description="Organization of edit-a-thons."
    )
    NeedFactory(
        requester=owner, title="Help organize a fundraising photo walk", capacities=[organizing]
    )
    NeedFactory(
        requester=owner,
        title="Quiet budget question",
        visibility=Visibility.PRIVATE,
        capacities=[fundraising],
    )
    NeedFactory(
        requester=other,
        title="Members budget review",
        visibility=Visibility.MEMBERS,
        capacities=[fundraising],
    )
    reindex_all()
    return {"fundraising": fundraising, "organizing": organizing}


@pytest.fixture
def many_people(db):
    for n in range(30):
        UserFactory(username=f"walrus-{n}")
    reindex_all()
