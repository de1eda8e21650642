"""A deterministic demo community: plausible people and organizations in all eight regions.

`build_community()` is pure: from a seed, the capacity codes and the country → region mapping it
returns plain dataclasses (no database). The same arguments give byte-identical plans
(`plans.plan_json()`). `write_community()` writes a plan with a handful of `bulk_create` calls in
one transaction, fast enough for `make run` (hundreds of people) and for benchmarks (10,000).

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
from .plans import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoPlan, PersonPlan


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


def write_community(plan: DemoPlan, *, password: str = DEMO_PASSWORD) -> dict[str, int]:
    """Write the plan with bulk inserts in one transaction. Returns row counts.

    bulk_create sends no signals, so profiles are created here explicitly."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from capacityhub.community.models import (
        CapacityClaim,
        Membership,
        Organization,
        OrganizationLanguage,
        Profile,
        ProfileLanguage,
        User,
    )
    from capacityhub.taxonomy.models import Capacity

    account_hash = make_password(password)  # hashed once, shared by the demo accounts
    unusable = make_password(None)  # generated people cannot log in
    codes = {code for p in plan.people for code, _r, _l in p.claims}
    codes |= {code for o in plan.organizations for code, _r, _l in o.claims}

    with transaction.atomic():
        capacity_ids = dict(
            Capacity.objects.filter(code__in=sorted(codes)).values_list("code", "id")
        )
        users = User.objects.bulk_create(
            User(
                username=p.username,
                email=p.email,
                first_name=p.first_name,
                last_name=p.last_name,
                password=account_hash if p.is_account else unusable,
                is_staff=p.is_staff,
                is_superuser=p.is_superuser,
                is_demo=True,
            )
            for p in plan.people
        )
        if any(user.pk is None for user in users):  # databases that return no ids
            ids = dict(User.objects.filter(is_demo=True).values_list("username", "id").iterator())
            for user in users:
                user.pk = ids[user.username]
        user_ids = {user.username: user.pk for user in users}

        profiles = Profile.objects.bulk_create(
            Profile(
                user_id=user_ids[p.username],
                display_name=p.display_name,
                wikimedia_username=p.wikimedia_username,
                pronouns=p.pronouns,
                bio=p.bio,
                country=p.country,
                time_zone=p.time_zone,
                **{f"{group}_visibility": level for group, level in p.visibility.items()},
            )
            for p in plan.people
        )
        if any(profile.pk is None for profile in profiles):
            ids = dict(
                Profile.objects.filter(user_id__in=list(user_ids.values())).values_list(
                    "user_id", "id"
                )
            )
            for profile in profiles:
                profile.pk = ids[profile.user_id]
        profile_ids = {
            p.username: profile.pk for p, profile in zip(plan.people, profiles, strict=True)
        }

        ProfileLanguage.objects.bulk_create(
            ProfileLanguage(profile_id=profile_ids[p.username], language=code, proficiency=level)
            for p in plan.people
            for code, level in p.languages
        )
        claims = [
            CapacityClaim(
                profile_id=profile_ids[p.username],
                capacity_id=capacity_ids[code],
                relation=relation,
                level=level,
            )
            for p in plan.people
            for code, relation, level in p.claims
            if code in capacity_ids
        ]

        organizations = Organization.objects.bulk_create(
            Organization(
                slug=o.slug,
                kind=o.kind,
                name=o.name,
                names=o.names,
                description=o.description,
                countries=list(o.countries),
                region=o.region,
                website=o.website,
            )
            for o in plan.organizations
        )
        if any(org.pk is None for org in organizations):
            ids = dict(
                Organization.objects.filter(slug__in=[o.slug for o in plan.organizations])
                .values_list("slug", "id")
            )  # fmt: skip
            for org in organizations:
                org.pk = ids[org.slug]
        OrganizationLanguage.objects.bulk_create(
            OrganizationLanguage(organization_id=org.pk, language=code)
            for o, org in zip(plan.organizations, organizations, strict=True)
            for code in o.languages
        )
        claims += [
            CapacityClaim(
                organization_id=org.pk,
                capacity_id=capacity_ids[code],
                relation=relation,
                level=level,
            )
            for o, org in zip(plan.organizations, organizations, strict=True)
            for code, relation, level in o.claims
            if code in capacity_ids
        ]
        CapacityClaim.objects.bulk_create(claims, batch_size=2000)
        Membership.objects.bulk_create(
            Membership(organization_id=org.pk, user_id=user_ids[username], role=role)
            for o, org in zip(plan.organizations, organizations, strict=True)
            for username, role in o.members
        )
        EmailAddress.objects.bulk_create(
            EmailAddress(user_id=user_ids[p.username], email=p.email, verified=True, primary=True)
            for p in plan.people
            if p.is_account
        )
    return {
        "people": len(plan.people),
        "organizations": len(plan.organizations),
        "claims": len(claims),
        "memberships": sum(len(o.members) for o in plan.organizations),
        "languages": len(plan.languages),
        "regions": len(plan.regions),
    }
