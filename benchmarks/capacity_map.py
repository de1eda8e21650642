"""The capacity map computed from scratch over 100,000 people, 20,000 offers, 10,000 needs.

Tops the benchmark database up (bulk inserts, fixed seed; whatever earlier modules already
wrote counts) to BENCH_MAP_PEOPLE people (default 100,000), BENCH_MAP_OFFERS active offers
(20,000) and BENCH_MAP_NEEDS open needs (10,000), then times:

- the pure aggregation (`exchange.capacity_map.aggregate`) over rows already in memory;
- the selector `capacity_map()` with its cache cleared: the database reads plus the
  aggregation plus shaping the rows, as anonymous (public level) and as staff (every level);
- GET /api/v1/map and the HTML page /map/, first with the map cache cleared each time, then
  served from the five-minute cache.

Target: ≤ 300 ms for the map from scratch.
"""

import os
import random
import time

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import Client

from capacityhub.community.models import CapacityClaim, Profile, Relation, User
from capacityhub.core.regions import REGIONS
from capacityhub.exchange.capacity_map import aggregate
from capacityhub.exchange.models import Need, Offer
from capacityhub.exchange.selectors.capacity_map import (
    capacity_map,
    map_cache_clear,
    need_rows,
    offer_rows,
)
from capacityhub.taxonomy.selectors import taxonomy_tree

from .common import Result, measure
from .matching import top_up_people

PEOPLE = int(os.environ.get("BENCH_MAP_PEOPLE", "100000"))
OFFERS = int(os.environ.get("BENCH_MAP_OFFERS", "20000"))
NEEDS = int(os.environ.get("BENCH_MAP_NEEDS", "10000"))
SEED = 4_2026
REGION_CODES = [*REGIONS, ""]
LANGUAGES = ["en", "fr", "es", "ar", "pt", "de", "hi", "sw", "ha", "id", "ru", "zh", "bn", "uk"]


# Seeding ------------------------------------------------------------------------------------------


def _languages(rng: random.Random) -> list[str]:
    return rng.sample(LANGUAGES, rng.choice([1, 1, 2, 2, 3]))


def _top_up_offers(rng: random.Random, capacity_ids: list[int]) -> int:
    """Offer rows on existing `offers` claims first, then new knows + offers claims."""
    wanted = OFFERS - Offer.objects.filter(is_active=True).count()
    if wanted <= 0:
        return 0
    claim_ids = list(
        CapacityClaim.objects.filter(relation=Relation.OFFERS, offer__isnull=True)
        .order_by("id")
        .values_list("id", flat=True)[:wanted]
    )
    if len(claim_ids) < wanted:
        taken = set(
            CapacityClaim.objects.filter(profile__isnull=False)
            .values_list("profile_id", "capacity_id", "relation")
            .order_by()
        )
        profile_ids = list(Profile.objects.values_list("id", flat=True))
        pairs: set[tuple[int, int]] = set()
        while len(claim_ids) + len(pairs) < wanted:
            pair = (rng.choice(profile_ids), rng.choice(capacity_ids))
            if (*pair, Relation.OFFERS) not in taken:
                pairs.add(pair)
        CapacityClaim.objects.bulk_create(
            (
                CapacityClaim(profile_id=p, capacity_id=c, relation=Relation.KNOWS, level=3)
                for p, c in sorted(pairs)
                if (p, c, Relation.KNOWS) not in taken
            ),
            batch_size=5000,
        )
        new = CapacityClaim.objects.bulk_create(
            (
                CapacityClaim(profile_id=p, capacity_id=c, relation=Relation.OFFERS, level=4)
                for p, c in sorted(pairs)
            ),
            batch_size=5000,
        )
        claim_ids += [claim.pk for claim in new]
    Offer.objects.bulk_create(
        (
            Offer(
                claim_id=claim_id,
                region=rng.choice(REGION_CODES),
                online=rng.random() < 0.6,
                languages=_languages(rng),
            )
            for claim_id in claim_ids
        ),
        batch_size=5000,
    )
    return len(claim_ids)


def _top_up_needs(rng: random.Random, capacity_ids: list[int]) -> int:
    open_statuses = [Need.Status.OPEN, Need.Status.IN_PROGRESS]
    wanted = NEEDS - Need.objects.filter(status__in=open_statuses).count()
    if wanted <= 0:
        return 0
    requesters = list(User.objects.values_list("id", flat=True)[:50000])
    needs = Need.objects.bulk_create(
        (
            Need(
                requester_id=rng.choice(requesters),
                title=f"Map bench need {i}",
                languages=_languages(rng),
                region=rng.choice(REGION_CODES),
                online=rng.random() < 0.7,
                visibility=rng.choice(["public"] * 8 + ["members", "private"]),
                status=rng.choice(open_statuses),
            )
            for i in range(wanted)
        ),
        batch_size=2000,
    )
    Need.capacities.through.objects.bulk_create(
        (
            Need.capacities.through(need_id=need.pk, capacity_id=c)
            for need in needs
            for c in rng.sample(capacity_ids, rng.choice([1, 1, 2, 3]))
        ),
        batch_size=5000,
    )
    return wanted


def seed() -> str:
    rng = random.Random(SEED)
    capacity_ids = list(taxonomy_tree().parent)
    started = time.perf_counter()
    with transaction.atomic():
        people = top_up_people(rng, PEOPLE)
        offers = _top_up_offers(rng, capacity_ids)
        needs = _top_up_needs(rng, capacity_ids)
    return (
        f"added {people:,} people, {offers:,} offers, {needs:,} needs in "
        f"{time.perf_counter() - started:.1f} s; now {Profile.objects.count():,} people, "
        f"{Offer.objects.filter(is_active=True).count():,} active offers, "
        f"{Need.objects.filter(status__in=['open', 'in_progress']).count():,} open needs, "
        f"{len(capacity_ids)} capacities"
    )


# Measuring ----------------------------------------------------------------------------------------


def run(context=None) -> list[Result]:
    notes = seed()
    print("  " + notes, flush=True)
    tree = taxonomy_tree()
    every_level = ["public", "members", "private"]
    offers = list(offer_rows(every_level))
    needs = list(need_rows(every_level))

    def pure():
        return aggregate(tree=tree, offers=offers, needs=needs, regions=tuple(REGIONS))

    counted = pure()
    results = [
        measure(
            "capacity map: pure aggregation (NumPy)",
            pure,
            note=f"{counted.offers:,} offers, {counted.needs:,} needs, rows in memory; {notes}",
        )
    ]
    staff = User.objects.filter(is_staff=True).first() or User(is_staff=True, is_active=True)
    for name, viewer in [("anonymous", AnonymousUser()), ("staff", staff)]:

        def from_scratch(viewer=viewer):
            map_cache_clear()
            return capacity_map(viewer=viewer, depth=2)

        result = from_scratch()
        results.append(
            measure(
                f"capacity map: selector from scratch ({name})",
                from_scratch,
                note=f"map cache cleared each call; {result.offers:,} offers, "
                f"{result.needs:,} needs visible",
            )
        )
    results += _http()
    return results


def _http() -> list[Result]:
    client = Client()
    results = []
    for name, url in [("GET /api/v1/map", "/api/v1/map"), ("GET /map/ (HTML)", "/map/")]:
        if client.get(url).status_code != 200:
            results.append(Result(name, note="not available"))
            continue

        def cold(url=url):
            map_cache_clear()
            assert client.get(url).status_code == 200

        def warm(url=url):
            assert client.get(url).status_code == 200

        results.append(measure(f"{name}, anonymous, from scratch", cold, note="cache cleared"))
        results.append(measure(f"{name}, anonymous, cached", warm, note="5-minute cache"))
    return results
