"""Test data for matching, written straight to the models (the services are another slice's)."""

from capacityhub.community.models import (
    CapacityClaim,
    Organization,
    OrganizationLanguage,
    Profile,
    ProfileLanguage,
    Relation,
)
from capacityhub.community.tests.factories import UserFactory
from capacityhub.exchange.models import Availability, Need, Offer


def person(username: str, *, languages=(("fr", 0),), **profile_fields):
    """A user whose profile has `languages` ((code, proficiency), …) and `profile_fields`."""
    user = UserFactory(username=username)
    defaults = {"display_name": username.title(), "country": "NG", "time_zone": "Africa/Lagos"}
    Profile.objects.filter(user=user).update(**{**defaults, **profile_fields})
    user.profile.refresh_from_db()
    for code, proficiency in languages:
        ProfileLanguage.objects.create(profile=user.profile, language=code, proficiency=proficiency)
    return user


def offer(holder, capacity, *, level: int = 4, **fields) -> Offer:
    """An active offer of a person (User) or an Organization, with the claims behind it."""
    if isinstance(holder, Organization):
        owner = {"organization": holder}
    else:
        owner = {"profile": holder.profile}
        CapacityClaim.objects.get_or_create(
            **owner, capacity=capacity, relation=Relation.KNOWS, defaults={"level": level}
        )
    claim = CapacityClaim.objects.create(
        **owner, capacity=capacity, relation=Relation.OFFERS, level=level
    )
    return Offer.objects.create(claim=claim, **{"languages": [], "region": "", **fields})


def organization_languages(organization: Organization, *codes: str) -> None:
    for code in codes:
        OrganizationLanguage.objects.create(organization=organization, language=code)


def availability(holder, **fields) -> Availability:
    owner = (
        {"organization": holder}
        if isinstance(holder, Organization)
        else {"profile": holder.profile}
    )
    return Availability.objects.create(**owner, **fields)


def need(requester, capacities, **fields) -> Need:
    defaults = {"title": "Help with grant reporting", "languages": ["fr"], "region": "ssa"}
    created = Need.objects.create(requester=requester, **{**defaults, **fields})
    created.capacities.set(capacities)
    return created
