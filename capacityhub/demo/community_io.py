"""The demo community written to the database: a plan (community.py) with a handful of
`bulk_create` calls in one transaction, fast enough for `make run` (hundreds of people) and
for benchmarks (10,000). bulk_create sends no signals, so profiles are created here."""

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

from .plans import DEMO_PASSWORD, DemoPlan, OrganizationPlan, PersonPlan


def write_community(plan: DemoPlan, *, password: str = DEMO_PASSWORD) -> dict[str, int]:
    """Write the plan with bulk inserts in one transaction. Returns row counts."""
    codes = {code for p in plan.people for code, _r, _l in p.claims}
    codes |= {code for o in plan.organizations for code, _r, _l in o.claims}
    with transaction.atomic():
        capacity_ids = dict(
            Capacity.objects.filter(code__in=sorted(codes)).values_list("code", "id")
        )
        user_ids = _write_users(plan.people, password)
        profile_ids = _write_profiles(plan.people, user_ids)
        ProfileLanguage.objects.bulk_create(
            ProfileLanguage(profile_id=profile_ids[p.username], language=code, proficiency=level)
            for p in plan.people
            for code, level in p.languages
        )
        organization_ids = _write_organizations(plan.organizations)
        claims = _person_claims(plan.people, profile_ids, capacity_ids)
        claims += _organization_claims(plan.organizations, organization_ids, capacity_ids)
        CapacityClaim.objects.bulk_create(claims, batch_size=2000)
        Membership.objects.bulk_create(
            Membership(organization_id=organization_ids[o.slug], user_id=user_ids[name], role=role)
            for o in plan.organizations
            for name, role in o.members
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


def _write_users(people: tuple[PersonPlan, ...], password: str) -> dict[str, int]:
    """{username: user id}. The demo accounts share one hash; generated people cannot log in."""
    account_hash, unusable = make_password(password), make_password(None)
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
        for p in people
    )
    if any(user.pk is None for user in users):  # databases that return no ids
        ids = dict(User.objects.filter(is_demo=True).values_list("username", "id").iterator())
        for user in users:
            user.pk = ids[user.username]
    return {user.username: user.pk for user in users}


def _write_profiles(people: tuple[PersonPlan, ...], user_ids: dict[str, int]) -> dict[str, int]:
    """{username: profile id}."""
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
        for p in people
    )
    if any(profile.pk is None for profile in profiles):
        ids = dict(
            Profile.objects.filter(user_id__in=list(user_ids.values())).values_list("user_id", "id")
        )
        for profile in profiles:
            profile.pk = ids[profile.user_id]
    return {p.username: profile.pk for p, profile in zip(people, profiles, strict=True)}


def _write_organizations(organizations: tuple[OrganizationPlan, ...]) -> dict[str, int]:
    """{slug: organization id}, with the organizations' languages."""
    rows = Organization.objects.bulk_create(
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
        for o in organizations
    )
    if any(row.pk is None for row in rows):
        ids = dict(
            Organization.objects.filter(slug__in=[o.slug for o in organizations])
            .values_list("slug", "id")
        )  # fmt: skip
        for row in rows:
            row.pk = ids[row.slug]
    OrganizationLanguage.objects.bulk_create(
        OrganizationLanguage(organization_id=row.pk, language=code)
        for o, row in zip(organizations, rows, strict=True)
        for code in o.languages
    )
    return {row.slug: row.pk for row in rows}


def _person_claims(people, profile_ids, capacity_ids) -> list[CapacityClaim]:
    return [
        CapacityClaim(
            profile_id=profile_ids[p.username],
            capacity_id=capacity_ids[code],
            relation=relation,
            level=level,
        )
        for p in people
        for code, relation, level in p.claims
        if code in capacity_ids
    ]


def _organization_claims(organizations, organization_ids, capacity_ids) -> list[CapacityClaim]:
    return [
        CapacityClaim(
            organization_id=organization_ids[o.slug],
            capacity_id=capacity_ids[code],
            relation=relation,
            level=level,
        )
        for o in organizations
        for code, relation, level in o.claims
        if code in capacity_ids
    ]
