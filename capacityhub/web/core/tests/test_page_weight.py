"""First-visit page weight (issue 12): home ≤ 100 KB, list pages ≤ 150 KB, gzip-compressed,
HTML plus every stylesheet, script and image it references. `make bench` records the figures."""

import pytest

from benchmarks import page_weight
from capacityhub.community.tests.factories import UserFactory
from capacityhub.exchange.models import Need


@pytest.fixture
def full_pages(taxonomy, organization):
    """Enough rows for full list pages: 60 people, each with a need."""
    capacity = taxonomy["fundraising"]
    for number in range(60):
        person = UserFactory(username=f"person{number}")
        need = Need.objects.create(
            requester=person,
            title=f"Help with a grant report, number {number}",
            description="We would like someone to read our draft report.",
            languages=["en", "fr"],
        )
        need.capacities.add(capacity)


def test_what_a_page_references_is_counted_once_and_compressed(db):
    page = page_weight.weigh("/")

    assert page.status == 200
    assert "/static/web/codex.css" in page.assets and "/static/web/hub.css" in page.assets
    assert 0 < page.html < page.total
    assert page.total == page.html + sum(page.assets.values())


@pytest.mark.parametrize(("name", "path"), page_weight.PAGES, ids=[n for n, _ in page_weight.PAGES])
def test_a_first_visit_stays_within_its_weight_budget(full_pages, name, path):
    page = page_weight.weigh(path)

    assert page.status == 200, path
    assert page.total <= page_weight.budget(name), f"{path}: {page.describe()}"
