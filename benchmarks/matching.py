"""Matching: the top 20 providers for a need among 20,000 offers of 100,000 people.

Tops the benchmark database up to BENCH_MATCHING_PEOPLE people (default 100,000) and
BENCH_MATCHING_OFFERS offers (default 20,000) with bulk inserts (plain generated people, not
the demo's rich ones), plus availability, 2,000 open needs, accepted and completed
connections and feedback, so that load and feedback are not all zero. Then it times:

- building the provider index from the database (the cost after an invalidation);
- ranking the top 20 in-process on an index built from synthetic arrays, and on the one built
  from the database (NumPy only: what `ProviderIndex.rank` costs);
- `matches_for_need` in-process (the ranking plus the queries that load the 20 shown);
- GET /api/v1/needs/{id}/matches?limit=20 and the HTML page through the test Client;
- the reverse view, ranking open needs for one offer.

Targets: p95 ≤ 20 ms in-process, ≤ 60 ms over HTTP.
"""

import os
import random
import time
from contextlib import nullcontext
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve
from django.utils import timezone

from capacityhub.community.models import (
    CapacityClaim,
    Profile,
    ProfileLanguage,
    Relation,
    User,
)
from capacityhub.exchange import matching
from capacityhub.exchange.models import Availability, Connection, Feedback, Need, Offer
from capacityhub.exchange.selectors import matching_index
from capacityhub.exchange.selectors.matching import matches_for_need, need_spec
from capacityhub.taxonomy.selectors import taxonomy_tree

from .common import Result, count_queries, measure

PEOPLE = int(os.environ.get("BENCH_MATCHING_PEOPLE", "100000"))
OFFERS = int(os.environ.get("BENCH_MATCHING_OFFERS", "20000"))
NEEDS = 2000
TOP = 20
BUILD_RUNS = 5
SEED = 20261125
PLACES = [
    ("NG", "Africa/Lagos", "ha"),
    ("KE", "Africa/Nairobi", "sw"),
    ("GH", "Africa/Accra", "ak"),
    ("IN", "Asia/Kolkata", "hi"),
    ("BD", "Asia/Dhaka", "bn"),
    ("ID", "Asia/Jakarta", "id"),
    ("PH", "Asia/Manila", "tl"),
    ("BR", "America/Sao_Paulo", "pt"),
    ("MX", "America/Mexico_City", "es"),
    ("DE", "Europe/Berlin", "de"),
    ("FR", "Europe/Paris", "fr"),
    ("PL", "Europe/Warsaw", "pl"),
    ("UA", "Europe/Kyiv", "uk"),
    ("EG", "Africa/Cairo", "ar"),
    ("US", "America/New_York", "en"),
    ("CA", "America/Toronto", "fr"),
]
LANGUAGES = ["en", "fr", "es", "ar", "pt", "de", "hi", "sw", "ha", "id", "ru", "zh"]


# Seeding ------------------------------------------------------------------------------------------


def top_up_people(rng: random.Random, total: int = PEOPLE) -> int:
    """Bulk-add people (country, time zone, languages, mixed visibility) up to `total`."""
    missing = total - Profile.objects.count()
    if missing <= 0:
        return 0
    unusable = make_password(None)
    start = User.objects.count()
    users = User.objects.bulk_create(
        (
            User(username=f"bench-{start + i}", password=unusable, is_demo=True)
            for i in range(missing)
        ),
        batch_size=5000,
    )
    places = [rng.choice(PLACES) for _ in users]
    levels = ["public"] * 8 + ["members"] * 2
    profiles = Profile.objects.bulk_create(
        (
            Profile(
                user_id=user.pk,
                display_name=f"Bench Person {start + i}",
                country=place[0],
                time_zone=place[1],
                capacities_visibility=rng.choice(levels),
                languages_visibility=rng.choice(levels),
                location_visibility=rng.choice(levels),
            )
            for i, (user, place) in enumerate(zip(users, places, strict=True))
        ),
        batch_size=5000,
    )
    languages = []
    for profile, place in zip(profiles, places, strict=True):
        spoken = {place[2]: 0}
        if rng.random() < 0.7:
            spoken.setdefault("en", rng.randint(2, 5))
        if rng.random() < 0.25:
            spoken.setdefault(rng.choice(LANGUAGES), rng.randint(1, 4))
        languages += [
            ProfileLanguage(profile_id=profile.pk, language=c, proficiency=p)
            for c, p in spoken.items()
        ]
    ProfileLanguage.objects.bulk_create(languages, batch_size=10000)
    return missing


def _top_up_offers(rng: random.Random, capacity_ids: list[int]) -> int:
    """Offer rows for existing `offers` claims, then new knows+offers claims as needed."""
    claims = CapacityClaim.objects.filter(relation=Relation.OFFERS, offer__isnull=True)
    wanted = OFFERS - Offer.objects.count()
    claim_ids = list(claims.order_by("id").values_list("id", flat=True)[: max(0, wanted)])
    if len(claim_ids) < wanted:
        taken = set(
            CapacityClaim.objects.filter(relation=Relation.OFFERS).values_list(
                "profile_id", "capacity_id"
            )
        )
        known = set(
            CapacityClaim.objects.filter(relation=Relation.KNOWS).values_list(
                "profile_id", "capacity_id"
            )
        )
        profile_ids = list(
            Profile.objects.filter(user__username__startswith="bench-").values_list("id", flat=True)
        )
        pairs: set[tuple[int, int]] = set()
        while len(claim_ids) + len(pairs) < wanted:
            pair = (rng.choice(profile_ids), rng.choice(capacity_ids))
            if pair not in taken:
                pairs.add(pair)
        levels = {pair: rng.randint(2, 5) for pair in pairs}
        CapacityClaim.objects.bulk_create(
            (
                CapacityClaim(
                    profile_id=p, capacity_id=c, relation=Relation.KNOWS, level=levels[p, c]
                )
                for p, c in pairs
                if (p, c) not in known
            ),
            batch_size=5000,
        )
        new = CapacityClaim.objects.bulk_create(
            (
                CapacityClaim(
                    profile_id=p, capacity_id=c, relation=Relation.OFFERS, level=levels[p, c]
                )
                for p, c in sorted(pairs)
            ),
            batch_size=5000,
        )
        claim_ids += [claim.pk for claim in new]
    Offer.objects.bulk_create(
        (
            Offer(
                claim_id=claim_id,
                languages=rng.sample(LANGUAGES, rng.randint(1, 2)) if rng.random() < 0.3 else [],
                online=rng.random() < 0.85,
            )
            for claim_id in claim_ids
        ),
        batch_size=5000,
    )
    return len(claim_ids)


def _availability_needs_connections(rng: random.Random, capacity_ids: list[int]) -> dict:
    providers = list(
        Offer.objects.filter(claim__profile__isnull=False)
        .values_list("claim__profile_id", "claim__profile__user_id")
        .order_by()
        .distinct()
    )
    today = timezone.localdate()
    Availability.objects.bulk_create(
        (
            Availability(
                profile_id=profile_id,
                max_connections=rng.randint(1, 5),
                away_until=today + timedelta(days=10) if rng.random() < 0.05 else None,
            )
            for profile_id, _user_id in rng.sample(providers, len(providers) * 3 // 10)
        ),
        batch_size=5000,
    )
    requesters = list(
        User.objects.filter(username__startswith="bench-").values_list("id", flat=True)[:20000]
    )
    needs = Need.objects.bulk_create(
        (
            Need(
                requester_id=rng.choice(requesters),
                title=f"Bench need {i}",
                languages=rng.sample(LANGUAGES[:6], rng.randint(1, 2)),
                region=rng.choice(["", "ssa", "sa", "lac", "nwe", "esea"]),
                desired_level=rng.randint(2, 4),
                online=rng.random() < 0.8,
            )
            for i in range(NEEDS)
        ),
        batch_size=2000,
    )
    Need.capacities.through.objects.bulk_create(
        Need.capacities.through(need_id=need.pk, capacity_id=c)
        for need in needs
        for c in rng.sample(capacity_ids, rng.randint(1, 2))
    )
    pairs = {(rng.choice(needs).pk, rng.choice(providers)[1]) for _ in range(5000)}
    now = timezone.now()
    connections = Connection.objects.bulk_create(
        Connection(
            need_id=need_id,
            provider_id=user_id,
            status="accepted" if i % 5 < 3 else "completed",
            completed_at=None if i % 5 < 3 else now,
        )
        for i, (need_id, user_id) in enumerate(sorted(pairs))
    )
    requester_of = dict(Need.objects.values_list("id", "requester_id"))
    Feedback.objects.bulk_create(
        Feedback(connection_id=c.pk, author_id=requester_of[c.need_id], rating=rng.randint(2, 5))
        for c in connections
        if c.status == "completed"
    )
    return {"needs": len(needs), "connections": len(connections)}


def seed() -> str:
    rng = random.Random(SEED)
    capacity_ids = list(taxonomy_tree().parent)
    started = time.perf_counter()
    with transaction.atomic():
        people = top_up_people(rng)
        offers = _top_up_offers(rng, capacity_ids)
        extra = _availability_needs_connections(rng, capacity_ids)
    matching_index.matching_index_changed()
    return (
        f"seeded {people:,} more people, {offers:,} offers, {extra['needs']:,} needs, "
        f"{extra['connections']:,} connections in {time.perf_counter() - started:.1f} s; "
        f"now {Profile.objects.count():,} people, {Offer.objects.count():,} offers"
    )


# Measuring ----------------------------------------------------------------------------------------


def synthetic_index(tree, n: int = OFFERS) -> matching.ProviderIndex:
    """20,000 offers from plain arrays: the in-process figure without the database."""
    rng = random.Random(SEED)
    capacity_ids = list(tree.parent)
    regions = ["ssa", "sa", "lac", "nwe", "esea", "cee", "mena", "na"]
    rows = []
    for i in range(n):
        spoken = {rng.choice(LANGUAGES): 0}
        if rng.random() < 0.7:
            spoken.setdefault("en", rng.randint(2, 5))
        most = rng.randint(1, 5)
        rows.append(
            matching.OfferRow(
                offer_id=i + 1,
                provider=("p", 1 + rng.randrange(n * 4 // 5)),
                capacity_id=rng.choice(capacity_ids),
                level=rng.randint(2, 5),
                languages=tuple(spoken.items()),
                region=rng.choice(regions),
                utc_offset=float(rng.randint(-8, 10)),
                online=rng.random() < 0.85,
                max_connections=most,
                active_connections=rng.randint(0, most),
                away=rng.random() < 0.03,
                feedback_sum=rng.randint(0, 20) * 1.0,
                feedback_count=rng.randint(0, 5),
            )
        )
    return matching.ProviderIndex(rows, tree)


def _build_result(name: str, build, note: str) -> Result:
    queries = count_queries(build)
    samples = []
    for _ in range(BUILD_RUNS):
        started = time.perf_counter()
        build()
        samples.append((time.perf_counter() - started) * 1000)
    return Result(name, samples, queries, note)


def _specs(needs) -> list[matching.NeedSpec]:
    return [need_spec(need, need.requester) for need in needs]


def _api_client_and_urlconf(url: str):
    """The API route, or (until it is registered) the matching tests' URLconf that serves it."""
    try:
        resolve(url.split("?")[0])
        return None
    except Resolver404:
        return "capacityhub.exchange.tests.urls_matching"


def run(context=None) -> list[Result]:
    notes = seed()
    print("  " + notes, flush=True)
    tree = taxonomy_tree()
    results = []

    def build():
        return matching_index._build()

    results.append(_build_result("matching index build from the DB", build, notes))
    built = synthetic_index(tree)
    needs = list(
        Need.objects.filter(title__startswith="Bench need")
        .select_related("requester__profile")
        .prefetch_related("capacities")[:50]
    )
    specs = _specs(needs)
    cycle = iter(range(10**9))

    def rank_synthetic():
        return built.rank(specs[next(cycle) % len(specs)], k=TOP, viewer_tier=matching.MEMBERS)

    results.append(
        measure(
            "rank top 20, in-process (synthetic 20,000 offers)",
            rank_synthetic,
            note=f"{len(built):,} offers, {len(built.providers):,} providers, 50 needs",
        )
    )
    db_index = matching_index.provider_index()

    def rank_db():
        return db_index.rank(specs[next(cycle) % len(specs)], k=TOP, viewer_tier=matching.MEMBERS)

    results.append(
        measure(
            "rank top 20, in-process (index from the DB)",
            rank_db,
            note=f"{len(db_index):,} offers, {len(db_index.providers):,} providers",
        )
    )

    def selector():
        need = needs[next(cycle) % len(needs)]
        return matches_for_need(need=need, viewer=need.requester, limit=TOP)

    results.append(
        measure("matches_for_need, in-process (top 20 + display)", selector, note="index cached")
    )
    results += _http(needs[0])
    results.append(_reverse_view(tree))
    return results


def _http(need) -> list[Result]:
    client = Client()
    api_url = f"/api/v1/needs/{need.pk}/matches?limit={TOP}"
    page_url = f"/needs/{need.pk}/matches/"
    urlconf = _api_client_and_urlconf(api_url)
    note = "anonymous, public need" + (
        " (tests URLconf: route not registered yet)" if urlconf else ""
    )
    results = []
    with override_settings(ROOT_URLCONF=urlconf) if urlconf else nullcontext():
        for name, url in [
            ("GET /api/v1/needs/{id}/matches?limit=20", api_url),
            ("GET /needs/{id}/matches/ (HTML)", page_url),
        ]:
            response = client.get(url)
            if response.status_code != 200:
                results.append(Result(name, note=f"not available (HTTP {response.status_code})"))
                continue

            def work(url=url):
                assert client.get(url).status_code == 200

            results.append(measure(name, work, note=note))
    return results


def _reverse_view(tree) -> Result:
    index = matching_index.need_index()
    first = Offer.objects.filter(is_active=True).order_by("id").values_list("id", flat=True)[0]
    offer = matching_index.offer_rows(Offer.objects.filter(pk=first))[0]

    def work():
        return index.rank(offer, k=TOP, viewer_tier=matching.MEMBERS)

    return measure(
        "needs for an offer, in-process (rank 20 open needs)",
        work,
        note=f"{len(index.rows):,} open needs",
    )
