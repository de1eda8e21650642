"""The knowledge demo (`knowledge/demo.py`): deterministic, multilingual, within the rules."""

from datetime import date

import pytest

from capacityhub.demo.community import build_community
from capacityhub.demo.community_io import write_community
from capacityhub.knowledge.demo import write_demo
from capacityhub.knowledge.models import Endorsement, Resource, ResourceUse
from capacityhub.taxonomy.tests.factories import CapacityFactory

pytestmark = pytest.mark.django_db
CODES = ["edit-a-thon", "event-organizing", "photo-contests", "grant-writing", "wikidata"]


@pytest.fixture
def demo_community(db):
    for code in CODES:
        CapacityFactory(code=code)
    write_community(build_community(people=20, organizations=3, capacity_codes=CODES))


def fingerprint():
    return list(
        Resource.objects.order_by("pk").values_list(
            "title", "language", "created_by__username", "original__title", "relation"
        )
    )


def test_the_demo_writes_about_forty_multilingual_resources_once(demo_community):
    summary = write_demo(seed=7, today=date(2030, 3, 1))

    assert "resources" in summary
    assert 35 <= Resource.objects.count() <= 45
    assert {"en", "es", "fr", "pt", "ar", "ha", "sw"} <= set(
        Resource.objects.values_list("language", flat=True)
    )
    assert Resource.objects.filter(relation="translation").exists()
    assert Resource.objects.filter(relation="adaptation").exists()
    assert Resource.objects.filter(kind="learning_pattern").count() == 4
    assert ResourceUse.objects.exists() and Endorsement.objects.exists()
    assert all(r.capacities.exists() for r in Resource.objects.all())
    assert write_demo(seed=7) == "knowledge: demo resources already there."


def test_the_demo_is_deterministic_for_a_seed(demo_community):
    write_demo(seed=7, today=date(2030, 3, 1))
    first = fingerprint()
    Resource.objects.all().delete()

    write_demo(seed=7, today=date(2030, 3, 1))

    assert fingerprint() == first
