"""A deterministic demo community: plausible people and organizations in all eight regions.

`build_community()` is pure: from a seed, the capacity codes and the country → region mapping it
returns plain dataclasses (no database). The same arguments give byte-identical plans
(`plans.plan_json()`). `community_io.write_community()` writes a plan to the database.

Only `python manage.py seed_demo` (development) and `benchmarks/` use this package: the demo
accounts it creates must never exist in production.
"""

import random
from collections.abc import Iterable

from .accounts import plan_accounts
from .countries import COUNTRIES, REGION_ORDER, REGION_WEIGHTS, Country
from .naming import Namer, Unique, weighted
from .organizations import plan_organizations
from .people import plan_person
from .plans import DEMO_ACCOUNTS, DemoPlan, PersonPlan


def build_community(
    seed: int = 2030,
    people: int = 320,
    organizations: int = 44,
    capacity_codes: Iterable[str] = (),
    country_regions: dict[str, str] | None = None,
    *,
    accounts: bool = True,
    reserved_usernames: Iterable[str] = (),
    reserved_slugs: Iterable[str] = (),
) -> DemoPlan:
    """A deterministic demo community. `country_regions` (e.g. core.regions.country_regions())
    overrides the built-in region of a country; `reserved_*` are names already in use."""
    rng = random.Random(seed)
    namer = Namer(seed)
    codes = sorted(set(capacity_codes))
    mapping = {k.upper(): v for k, v in (country_regions or {}).items()}
    by_region: dict[str, list[Country]] = {region: [] for region in REGION_ORDER}
    for country in COUNTRIES:
        by_region.setdefault(mapping.get(country.code, country.region), []).append(country)
    regions = [region for region in REGION_ORDER if by_region.get(region)]
    usernames = Unique([*reserved_usernames, *DEMO_ACCOUNTS])

    plans: list[PersonPlan] = []
    for index in range(people):
        # the first people cover every region once, then regions by weight
        region = (
            regions[index]
            if index < len(regions)
            else weighted(rng, regions, [REGION_WEIGHTS.get(r, 5) for r in regions])
        )
        countries = by_region[region]
        country = weighted(rng, countries, [c.weight for c in countries])
        plans.append(
            plan_person(rng, namer, usernames, codes, country, region, mapping=mapping, index=index)
        )

    orgs = plan_organizations(rng, organizations, plans, codes, by_region, regions, reserved_slugs)
    if accounts:
        extra_people, orgs = plan_accounts(rng, codes, orgs, mapping)
        plans += extra_people
    return DemoPlan(
        seed=seed, people=tuple(plans), organizations=tuple(orgs), capacity_codes=tuple(codes)
    )
