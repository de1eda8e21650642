"""Reads of people and organizations. Every read applies visibility here, nowhere else."""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from capacityhub.core.permissions import require_member
from capacityhub.core.regions import countries_in, region_of
from capacityhub.taxonomy.selectors import capacity_descendant_ids

from .models import (
    ApiToken,
    CapacityClaim,
    Membership,
    Organization,
    Profile,
    ProfileLanguage,
    Relation,
    User,
)
from .visibility import ProfileView, shared_levels, visible_levels

SORTS = {"name": ["display_name", "id"], "-name": ["-display_name", "-id"], "new": ["-id"]}


def profile_list(
    *,
    viewer,
    capacity_id: int | None = None,
    relation: str | None = None,
    include_descendants: bool = True,
    language: str | None = None,
    region: str | None = None,
    country: str | None = None,
    organization_id: int | None = None,
    q: str | None = None,
    sort: str = "name",
) -> QuerySet[Profile]:
    """People the viewer may find. A filter only matches a field the viewer may see."""
    levels = shared_levels(viewer)
    profiles = Profile.objects.filter(user__is_active=True).select_related("user")
    if capacity_id is not None:
        ids = capacity_descendant_ids(capacity_id) if include_descendants else [capacity_id]
        claims = CapacityClaim.objects.filter(capacity_id__in=ids, profile__isnull=False)
        if relation:
            claims = claims.filter(relation=relation)
        profiles = profiles.filter(
            capacities_visibility__in=levels, id__in=claims.values("profile_id")
        )
    if language:
        speakers = ProfileLanguage.objects.filter(language=language).values("profile_id")
        profiles = profiles.filter(languages_visibility__in=levels, id__in=speakers)
    if region:
        profiles = profiles.filter(location_visibility__in=levels, country__in=countries_in(region))
    if country:
        profiles = profiles.filter(location_visibility__in=levels, country=country.upper())
    if organization_id is not None:
        members = Membership.objects.filter(organization_id=organization_id).values("user_id")
        profiles = profiles.filter(affiliations_visibility__in=levels, user_id__in=members)
    if q:
        profiles = profiles.filter(
            Q(display_name__icontains=q)
            | Q(user__username__icontains=q)
            | Q(wikimedia_username__icontains=q, wikimedia_username_visibility__in=levels)
        )
    return profiles.order_by(*SORTS.get(sort, SORTS["name"]))


def with_profile_details(profiles: QuerySet[Profile]) -> QuerySet[Profile]:
    """Prefetch what a profile card shows: a fixed number of queries whatever the page size."""
    return profiles.prefetch_related(
        "languages",
        Prefetch("claims", queryset=CapacityClaim.objects.order_by("-level", "capacity_id")),
        Prefetch(
            "user__memberships",
            queryset=Membership.objects.select_related("organization"),
        ),
    )


def profile_get(*, username: str) -> Profile:
    return with_profile_details(Profile.objects.select_related("user")).get(
        user__username=username, user__is_active=True
    )


def profile_view(profile: Profile, viewer) -> ProfileView:
    """What `viewer` may see of `profile`. Uses prefetched relations when present."""
    levels = visible_levels(viewer, profile.user_id)
    is_self = getattr(viewer, "pk", None) == profile.user_id
    view = ProfileView(
        id=profile.pk,
        username=profile.user.username,
        display_name=profile.display_name,
        is_self=is_self,
    )
    if is_self or getattr(viewer, "is_staff", False):
        view.email = profile.user.email
        view.visibility = {name: getattr(profile, f"{name}_visibility") for name in FIELD_GROUPS}
    if profile.wikimedia_username_visibility in levels:
        view.wikimedia_username = profile.wikimedia_username
    if profile.pronouns_visibility in levels:
        view.pronouns = profile.pronouns
    if profile.bio_visibility in levels:
        view.bio = profile.bio
    if profile.location_visibility in levels:
        view.country = profile.country or None
        view.region = region_of(profile.country)
        view.time_zone = profile.time_zone or None
    if profile.languages_visibility in levels:
        view.languages = [(pl.language, pl.proficiency) for pl in profile.languages.all()]
    if profile.affiliations_visibility in levels:
        view.affiliations = [
            {"slug": m.organization.slug, "name": m.organization.name, "role": m.role}
            for m in profile.user.memberships.all()
        ]
    if profile.capacities_visibility in levels:
        view.claims = {r: [] for r in Relation.values}
        for claim in profile.claims.all():
            view.claims[claim.relation].append((claim.capacity_id, claim.level))
    return view


FIELD_GROUPS = [
    "wikimedia_username",
    "pronouns",
    "bio",
    "location",
    "languages",
    "affiliations",
    "capacities",
]


def capacity_holders(*, viewer, capacity_id: int, relation: str, limit: int = 20):
    """People who offer / want exactly this capacity or one beneath it, visible to viewer."""
    return profile_list(viewer=viewer, capacity_id=capacity_id, relation=relation)[:limit]


def capacity_claim_counts(*, viewer) -> dict[int, dict[str, int]]:
    """{capacity id: {"offers": n, "wants": n}} in one aggregate query, cached for a minute
    per visibility level. Claims on profiles that hide their capacities from this viewer are
    not counted, so counts reveal nothing."""
    levels = sorted(shared_levels(viewer))
    key = "community:claim-counts:" + ",".join(levels)
    counts = cache.get(key)
    if counts is None:
        visible = Q(organization__isnull=False) | Q(
            profile__capacities_visibility__in=levels, profile__user__is_active=True
        )
        rows = (
            CapacityClaim.objects.filter(visible)
            .values("capacity_id")
            .annotate(
                offers=Count("id", filter=Q(relation=Relation.OFFERS)),
                wants=Count("id", filter=Q(relation=Relation.WANTS)),
            )
            .order_by()
        )
        counts = {row["capacity_id"]: row for row in rows}
        cache.set(key, counts, 60)
    return counts


def organization_list(
    *,
    kind: str | None = None,
    region: str | None = None,
    language: str | None = None,
    capacity_id: int | None = None,
    descendants: bool = True,
    relation: str | None = None,
    q: str | None = None,
) -> QuerySet[Organization]:
    organizations = Organization.objects.all()
    if kind:
        organizations = organizations.filter(kind=kind)
    if region:
        organizations = organizations.filter(region=region)
    if language:
        organizations = organizations.filter(languages__language=language)
    if capacity_id is not None:
        ids = capacity_descendant_ids(capacity_id) if descendants else [capacity_id]
        claims = CapacityClaim.objects.filter(capacity_id__in=ids, organization__isnull=False)
        if relation:
            claims = claims.filter(relation=relation)
        organizations = organizations.filter(id__in=claims.values("organization_id"))
    if q:
        organizations = organizations.filter(Q(name__icontains=q) | Q(slug__icontains=q))
    return organizations.distinct().order_by("name", "id")


def with_organization_details(organizations: QuerySet[Organization]) -> QuerySet[Organization]:
    return organizations.prefetch_related(
        "languages",
        Prefetch("claims", queryset=CapacityClaim.objects.order_by("-level", "capacity_id")),
    )


def organization_get(*, slug: str) -> Organization:
    return with_organization_details(Organization.objects.all()).get(slug=slug)


def organization_members(*, organization: Organization, viewer) -> list[Membership]:
    """Managers are always listed; other members only if they share their affiliations —
    except to the organization's own managers and staff, who see everyone they manage."""
    memberships = organization.memberships.select_related("user__profile").filter(
        user__is_active=True
    )
    if can_act_for(viewer, organization=organization):
        return list(memberships)
    levels = shared_levels(viewer)

    def shares(membership: Membership) -> bool:
        profile = getattr(membership.user, "profile", None)
        return profile is not None and profile.affiliations_visibility in levels

    return [
        m
        for m in memberships
        if m.role == Membership.Role.MANAGER
        or m.user_id == getattr(viewer, "pk", None)
        or shares(m)
    ]


def can_act_for(user, *, owner=None, organization=None, staff: bool = True) -> bool:
    """The one rule "the owner, the organization's managers, or staff" for every app.

    `owner` is the person who owns the thing (a User or its id), `organization` the
    organization it belongs to (an Organization or its id); either may be None. `staff=False`
    where staff may read but not act (the sides of a connection). At most one query."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if staff and user.is_staff:
        return True
    if owner is not None and getattr(owner, "pk", owner) == user.pk:
        return True
    organization_id = getattr(organization, "pk", organization)
    return (
        organization_id is not None
        and Membership.objects.filter(
            organization_id=organization_id, user=user, role=Membership.Role.MANAGER
        ).exists()
    )


def require_can_act_for(user, *, owner=None, organization=None, message: str = "") -> None:
    """can_act_for, or PermissionDenied: "sign in first" for anonymous callers, otherwise
    `message` (by default, that only the organization's managers and staff can)."""
    require_member(user)
    if not can_act_for(user, owner=owner, organization=organization):
        raise PermissionDenied(
            message or _("Only this organization's managers and staff can change it.")
        )


def organizations_managed_by(user) -> QuerySet[Organization]:
    if not getattr(user, "is_authenticated", False):
        return Organization.objects.none()
    return Organization.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.MANAGER
    )


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)
