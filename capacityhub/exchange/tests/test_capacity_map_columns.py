"""The map counted from matching's offer columns equals the map counted by its own query."""

import random

import numpy as np
import pytest

from capacityhub.community.models import OrganizationLanguage, ProfileLanguage
from capacityhub.community.tests.factories import OrganizationFactory, UserFactory
from capacityhub.exchange.capacity_map import aggregate
from capacityhub.exchange.capacity_map_columns import SupplyColumns, aggregate_columns
from capacityhub.exchange.selectors.capacity_map import (
    LEVELS,
    map_aggregate_compute,
    map_aggregate_query,
)
from capacityhub.taxonomy.tree import Tree

from .factories_map import map_need, map_offer

VISIBILITIES = ("public", "members", "private")
LANGUAGES = ("en", "fr", "ar", "pt", "")


def same(a, b) -> None:
    assert a.capacity_ids == b.capacity_ids
    assert (a.offers, a.needs, a.skipped_offers) == (b.offers, b.needs, b.skipped_offers)
    for view in ("region", "language"):
        assert a.matrix(view).columns == b.matrix(view).columns
        assert np.array_equal(a.matrix(view).supply, b.matrix(view).supply), view
        assert np.array_equal(a.matrix(view).demand, b.matrix(view).demand), view
    assert np.array_equal(a.supply_total, b.supply_total)
    assert np.array_equal(a.demand_total, b.demand_total)


def _community(rng: random.Random, taxonomy) -> None:
    capacities = list(taxonomy.values())
    organizations = [OrganizationFactory(region=rng.choice(["", "ssa", "sa"])) for _ in range(2)]
    for organization in organizations:
        for code in rng.sample(LANGUAGES[:4], rng.randint(0, 2)):
            OrganizationLanguage.objects.create(organization=organization, language=code)
    for n in range(12):
        user = UserFactory(is_active=rng.random() > 0.15)
        profile = user.profile
        profile.country = rng.choice(["NG", "FR", "BR", ""])
        profile.location_visibility = rng.choice(VISIBILITIES)
        profile.capacities_visibility = rng.choice(VISIBILITIES)
        profile.save()
        for code in rng.sample(LANGUAGES[:4], rng.randint(0, 2)):
            ProfileLanguage.objects.create(profile=profile, language=code, proficiency=3)
        for capacity in rng.sample(capacities, rng.randint(0, 3)):
            map_offer(
                capacity,
                holder=user,
                region=rng.choice(["", "", "ssa", "nwe", "nowhere"]),
                online=rng.random() < 0.5,
                languages=rng.choices(LANGUAGES, k=rng.randint(0, 3)),
                is_active=rng.random() > 0.1,
            )
    for organization in organizations:
        for capacity in rng.sample(capacities, 2):
            map_offer(
                capacity,
                organization=organization,
                region=rng.choice(["", "mena"]),
                online=rng.random() < 0.5,
                languages=rng.choices(LANGUAGES, k=rng.randint(0, 2)),
            )
    for _ in range(5):
        map_need(
            *rng.sample(capacities, rng.randint(1, 3)),
            region=rng.choice(["", "ssa", "esea"]),
            online=rng.random() < 0.5,
            languages=rng.choices(LANGUAGES, k=rng.randint(0, 2)),
            visibility=rng.choice(VISIBILITIES),
        )


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_map_from_the_columns_equals_the_map_from_its_own_query(taxonomy, seed):
    _community(random.Random(seed), taxonomy)

    for level in LEVELS:
        same(map_aggregate_compute(level=level), map_aggregate_query(level=level))


@pytest.mark.parametrize("seed", range(20))
def test_aggregate_columns_equals_aggregate_on_random_rows(seed):
    rng = random.Random(seed)
    tree = Tree.build([(1, None), (2, 1), (3, 1), (4, 2), (5, None)])
    regions = ("ssa", "nwe")
    codes = ["en", "fr", "", "ar"]
    rows = []
    for _ in range(rng.randint(0, 40)):
        names = rng.choices(range(len(codes)), k=rng.randint(0, 3))
        rows.append((rng.choice([1, 2, 3, 4, 5, 99]), rng.choice(["", "ssa", "nwe", "x"]),
                     rng.random() < 0.5, names))  # fmt: skip
    needs = [
        (rng.sample([1, 2, 3, 4, 5, 98], rng.randint(1, 3)), rng.choice(["", "ssa"]),
         rng.random() < 0.5, tuple(rng.choices(["en", "fr", "es", ""], k=rng.randint(0, 2))))
        for _ in range(rng.randint(0, 8))
    ]  # fmt: skip
    width = max([1, *(len(r[3]) for r in rows)])
    languages = np.full((len(rows), width), -1, dtype=np.int64)
    for i, row in enumerate(rows):
        languages[i, : len(row[3])] = row[3]
    supply = SupplyColumns(
        capacity=np.array([r[0] for r in rows], dtype=np.int64),
        region=np.array([regions.index(r[1]) if r[1] in regions else -1 for r in rows], np.int64),
        online=np.array([r[2] for r in rows], dtype=bool),
        languages=languages,
        language_codes=codes,
    )
    offers = [(c, region, online, tuple(codes[n] for n in names))
              for c, region, online, names in rows]  # fmt: skip

    same(
        aggregate_columns(tree=tree, supply=supply, needs=needs, regions=regions),
        aggregate(tree=tree, offers=offers, needs=needs, regions=regions),
    )
