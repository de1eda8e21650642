"""What the demo exchange is built from, read from the database: the demo people and
organizations (`Holder`) with their languages, managers and capacity claims; capacity labels
and codes; methods and the capacities they are linked to."""

from dataclasses import dataclass, field

from django.db.models import Q

from capacityhub.community.models import (
    CapacityClaim,
    Membership,
    Organization,
    OrganizationLanguage,
    Profile,
    ProfileLanguage,
    Relation,
)
from capacityhub.core.regions import region_of
from capacityhub.taxonomy.models import Capacity, CapacityTranslation, Method


@dataclass
class Holder:
    """A demo person (profile) or organization, with what the exchange needs of it."""

    kind: str  # "person" or "organization"
    pk: int  # profile id or organization id
    key: str  # username or slug: the order everything is chosen in
    name: str
    region: str
    languages: list[str] = field(default_factory=list)  # best first
    knows: set[int] = field(default_factory=set)
    offers: list[tuple[int, int]] = field(default_factory=list)  # (claim id, capacity id)
    wants: list[int] = field(default_factory=list)  # capacity ids
    user_id: int | None = None  # a person's user; an organization's first manager
    managers: list[int] = field(default_factory=list)  # user ids (organizations)
    org_kind: str = ""


def read_community(organization_slugs=None):
    people: dict[int, Holder] = {}
    for pk, user_id, username, name, country in (
        Profile.objects.filter(user__is_demo=True, user__is_active=True)
        .order_by("user__username")
        .values_list("id", "user_id", "user__username", "display_name", "country")
    ):
        region = region_of(country) or ""
        people[pk] = Holder("person", pk, username, name, region, user_id=user_id)
    spoken: dict[int, list[tuple[int, str]]] = {}
    for profile_id, code, level in ProfileLanguage.objects.filter(
        profile__user__is_demo=True, profile__user__is_active=True
    ).values_list("profile_id", "language", "proficiency"):
        # native (0) first, then the most fluent (5) to the least (1)
        spoken.setdefault(profile_id, []).append((0 if level == 0 else 6 - level, code))
    for pk, rows in spoken.items():
        people[pk].languages = [code for _rank, code in sorted(rows)]

    organizations_qs = Organization.objects.all()
    if organization_slugs is not None:
        organizations_qs = organizations_qs.filter(slug__in=list(organization_slugs))
    else:
        organizations_qs = organizations_qs.filter(memberships__user__is_demo=True).distinct()
    organizations: dict[int, Holder] = {}
    for pk, slug, name, region, kind in organizations_qs.order_by("slug").values_list(
        "id", "slug", "name", "region", "kind"
    ):
        organizations[pk] = Holder("organization", pk, slug, name, region or "", org_kind=kind)
    for org_id, code in (
        OrganizationLanguage.objects.filter(organization_id__in=list(organizations))
        .order_by("organization_id", "language")
        .values_list("organization_id", "language")
    ):
        organizations[org_id].languages.append(code)
    for org_id, user_id in (
        Membership.objects.filter(
            organization_id__in=list(organizations),
            role=Membership.Role.MANAGER,
            user__is_active=True,
        )
        .order_by("user__username")
        .values_list("organization_id", "user_id")
    ):
        organizations[org_id].managers.append(user_id)
    for holder in organizations.values():
        holder.user_id = holder.managers[0] if holder.managers else None

    holders = Q(profile__user__is_demo=True, profile__user__is_active=True)
    holders |= Q(organization_id__in=list(organizations))
    rows = (
        CapacityClaim.objects.filter(holders, capacity__is_active=True)
        .order_by("id")
        .values_list("id", "profile_id", "organization_id", "capacity_id", "relation")
    )
    for claim_id, profile_id, org_id, capacity_id, relation in rows:
        holder = people.get(profile_id) if profile_id else organizations.get(org_id)
        if holder is None:
            continue
        if relation == Relation.KNOWS:
            holder.knows.add(capacity_id)
        elif relation == Relation.OFFERS:
            holder.offers.append((claim_id, capacity_id))
        elif relation == Relation.WANTS:
            holder.wants.append(capacity_id)
    return list(people.values()), list(organizations.values())


def read_capacity_labels() -> tuple[dict[int, str], dict[int, str]]:
    """English labels (falling back to the code) and codes of every capacity."""
    codes = dict(Capacity.objects.values_list("id", "code"))
    labels = {pk: code.replace("-", " ").capitalize() for pk, code in codes.items()}
    labels |= dict(
        CapacityTranslation.objects.filter(language="en").values_list("capacity_id", "label")
    )
    return labels, codes


def read_methods() -> tuple[list[int], dict[int, list[int]], dict[str, int]]:
    ids = dict(Method.objects.order_by("code").values_list("code", "id"))
    linked: dict[int, list[int]] = {}
    for method_id, capacity_id in Method.capacities.through.objects.order_by(
        "capacity_id", "method_id"
    ).values_list("method_id", "capacity_id"):
        linked.setdefault(capacity_id, []).append(method_id)
    return sorted(ids.values()), linked, ids
