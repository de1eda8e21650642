"""Matches for a need, and open needs for an offer, as one viewer may see them.

The ranking is `exchange/matching.py` over the cached indexes of `matching_index.py`. A stale
index can only rank slightly wrongly, never show too much: the matches finally shown are
re-read (offer still active, person still active and showing their capacities to this viewer,
need still visible and open). Views carry why a match fits as message ids (`parts`) and a
label key (`quality`); `capacityhub/presentation/matching.py` puts them into words.
"""

from dataclasses import dataclass, field, replace
from itertools import islice

from django.utils.translation import get_language

from capacityhub.community.models import (
    Membership,
    Organization,
    Profile,
    User,
)
from capacityhub.community.visibility import ProfileView, visible_levels
from capacityhub.core.models import Visibility

from .. import matching
from ..matching import ORGANIZATION, PERSON, NeedSpec, OfferRow, Part
from ..models import Need, Offer
from .matching_index import (  # noqa: F401  (re-exported: the one place callers import from)
    matching_cache_clear,
    matching_index_changed,
    need_index,
    offer_rows,
    offset_of,
    provider_index,
    rank_offers,
)
from .needs import visible_needs

MAX_LIMIT = 50


# What one viewer may see --------------------------------------------------------------------------


def viewer_tier(viewer) -> int:
    if not getattr(viewer, "is_authenticated", False) or not viewer.is_active:
        return matching.PUBLIC
    return matching.PRIVATE if viewer.is_staff else matching.MEMBERS


def need_for_matching(*, viewer, pk: int) -> Need:
    """A need the viewer may see, with what matching reads of it; Need.DoesNotExist if none.
    Its capacities are read as ids only (two light queries, no Capacity objects)."""
    need = visible_needs(viewer).select_related("requester__profile").get(pk=pk)
    _capacity_ids(need)
    return need


def _capacity_ids(need: Need) -> tuple[int, ...]:
    """The need's capacity ids: from its prefetched capacities, or read once and kept on it."""
    if hasattr(need, "_matching_capacity_ids"):
        return need._matching_capacity_ids
    prefetched = getattr(need, "_prefetched_objects_cache", {}).get("capacities")
    if prefetched is not None:
        ids = tuple(c.pk for c in prefetched)
    else:
        through = Need.capacities.through.objects.filter(need_id=need.pk).order_by("pk")
        ids = tuple(through.values_list("capacity_id", flat=True))
    need._matching_capacity_ids = ids
    return ids


def need_spec(need: Need, viewer) -> NeedSpec:
    """The need as matching sees it. The requester's time zone counts only if the viewer may
    see it; the requester, and for an organization's need the organization and its managers,
    are left out."""
    if Need.requester.is_cached(need):  # selected with the need: no query
        requester = getattr(need.requester, "profile", None)
    else:
        requester = Profile.objects.filter(user_id=need.requester_id).first()
    excluded = {(PERSON, requester.pk)} if requester else set()
    offset = None
    if requester and requester.location_visibility in visible_levels(viewer, need.requester_id):
        offset = offset_of(requester.time_zone)
    if need.organization_id:
        excluded.add((ORGANIZATION, need.organization_id))
        managers = Profile.objects.filter(
            user__memberships__organization_id=need.organization_id,
            user__memberships__role=Membership.Role.MANAGER,
        ).values_list("id", flat=True)
        excluded |= {(PERSON, profile_id) for profile_id in managers}
    return NeedSpec(
        capacity_ids=_capacity_ids(need),
        desired_level=need.desired_level,
        languages=tuple(c for c in (need.languages or []) if isinstance(c, str)),
        online=need.online,
        region=need.region or "",
        utc_offset=offset,
        excluded=frozenset(excluded),
    )


@dataclass
class MatchView:
    """One provider matched to a need, as one viewer may see it."""

    kind: str  # "person" or "organization"
    name: str
    offer_id: int
    capacity_id: int
    score: float
    quality: str  # matching.quality(): strong, good, close or related
    parts: tuple[Part, ...]  # why it fits: the delivery layers put it into words
    components: dict[str, float] = field(default_factory=dict)
    username: str | None = None
    slug: str | None = None
    person: ProfileView | None = None
    languages: tuple[str, ...] = ()  # what the provider works in, as the viewer may see it

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def url(self) -> str:
        """The provider's page, worked out when a page shows it (the API does not)."""
        if self.kind == "organization":
            return Organization(slug=self.slug).get_absolute_url()
        return User(username=self.username).get_absolute_url()


@dataclass
class NeedMatchView:
    need_id: int
    title: str
    organization: str | None
    score: float
    quality: str
    parts: tuple[Part, ...]
    components: dict[str, float] = field(default_factory=dict)

    @property
    def percent(self) -> int:
        return round(self.score * 100)


# The two views ------------------------------------------------------------------------------------


def _clamp(limit: int) -> int:
    return max(1, min(int(limit), MAX_LIMIT))


def _margin(limit: int) -> int:
    """Candidates ranked beyond those shown, so that re-checking (an offer withdrawn since the
    index was built, say) can drop a few and still fill the list."""
    return limit + 5 + limit // 4


def _people(ids: list[int], viewer) -> dict[int, ProfileView]:
    """The candidates shown, in one query and only what a match shows (name, username), of
    those who still show their capacities to `viewer` (the index may be a little stale)."""
    rows = (
        Profile.objects.filter(id__in=ids, user__is_active=True)
        .order_by()
        .values_list("id", "user_id", "user__username", "display_name", "capacities_visibility")
    )
    return {
        pk: ProfileView(
            id=pk, username=username, display_name=name, is_self=getattr(viewer, "pk", 0) == user
        )
        for pk, user, username, name, shown in rows
        if shown in visible_levels(viewer, user)
    }


def matches_for_need(*, need: Need, viewer, limit: int = 20) -> list[MatchView]:
    """The best people and organizations to help with `need`, best first, as `viewer` may
    see them. Call only with a need the viewer may see (needs selectors). A fixed number of
    queries whatever the limit; none for the index when it is cached."""
    if not need.is_active:
        return []
    return _matches(need_spec(need, viewer), viewer, _clamp(limit))


def exact_matches_in_other_languages(
    *, need: Need, viewer, shown: list[MatchView], limit: int = 5
) -> list[MatchView]:
    """When nobody offers exactly what the need asks for in its languages, those who offer it
    exactly in other languages ("if you can work in …"); else nothing."""
    if not need.is_active or not need.languages:
        return []
    if any(matching.fit(m.components["closeness"]) == matching.EXACT for m in shown):
        return []
    spec = need_spec(need, viewer)
    anywhere = _matches(replace(spec, languages=()), viewer, _clamp(limit) * 4)
    exact = (m for m in anywhere if matching.fit(m.components["closeness"]) == matching.EXACT)
    return list(islice(exact, _clamp(limit)))


def _matches(spec: NeedSpec, viewer, limit: int) -> list[MatchView]:
    """Two queries for the candidates (their offers still active, the people), one more when
    organizations are among them."""
    ranked = rank_offers(spec, k=_margin(limit), viewer_tier=viewer_tier(viewer))
    live = Offer.objects.filter(id__in=[m.offer_id for m in ranked], is_active=True)
    live = set(live.values_list("id", flat=True))
    ranked = [m for m in ranked if m.offer_id in live]
    people = _people([m.provider[1] for m in ranked if m.provider[0] == PERSON], viewer)
    organization_ids = [m.provider[1] for m in ranked if m.provider[0] == ORGANIZATION]
    organizations = Organization.objects.filter(id__in=organization_ids) if organization_ids else []
    organizations = {o.pk: o for o in organizations}
    views = (_match_view(m, people, organizations) for m in ranked)
    return list(islice((view for view in views if view is not None), limit))


def _match_view(match, people, organizations) -> MatchView | None:
    common = {
        "offer_id": match.offer_id,
        "capacity_id": match.capacity_id,
        "score": round(match.score, 4),
        "quality": matching.quality(match.components["closeness"], match.score),
        "parts": match.parts,
        "components": {k: round(v, 4) for k, v in match.components.items()},
        "languages": match.languages,
    }
    kind, pk = match.provider
    if kind == ORGANIZATION:
        organization = organizations.get(pk)
        if organization is None:
            return None
        return MatchView(
            kind="organization", name=organization.localized_name(get_language()),
            slug=organization.slug, **common,
        )  # fmt: skip
    view = people.get(pk)
    if view is None:  # gone, or no longer showing their capacities to this viewer
        return None
    return MatchView(
        kind="person", name=view.display_name, username=view.username, person=view, **common
    )


def _offer_seen_by(offer: Offer, viewer) -> OfferRow | None:
    rows = offer_rows(Offer.objects.filter(pk=offer.pk))
    if not rows:
        return None
    row = rows[0]
    if row.provider[0] == PERSON:
        owner_id = offer.claim.profile.user_id
        levels = visible_levels(viewer, owner_id)
        sees_all = Visibility.PRIVATE in levels
        return row.seen_at(matching.PRIVATE if sees_all else viewer_tier(viewer))
    return row


def open_needs_for_offer(*, offer: Offer, viewer, limit: int = 20) -> list[NeedMatchView]:
    """Open needs, visible to `viewer`, that `offer` could answer, best first. Call only with
    an offer the viewer may see (offers selectors)."""
    limit = _clamp(limit)
    row = _offer_seen_by(offer, viewer)
    if row is None:
        return []
    ranked = need_index().rank(row, k=_margin(limit), viewer_tier=viewer_tier(viewer))
    needs = visible_needs(viewer).filter(
        id__in=[m.need_id for m in ranked], status=Need.Status.OPEN
    )
    needs = {n.pk: n for n in needs.select_related("organization")}
    views = []
    for match in ranked:
        need = needs.get(match.need_id)
        if need is None or len(views) == limit:
            continue
        organization = need.organization
        views.append(
            NeedMatchView(
                need_id=need.pk,
                title=need.title,
                organization=organization.localized_name(get_language()) if organization else None,
                score=round(match.score, 4),
                quality=matching.quality(match.components["closeness"], match.score),
                parts=tuple(_as_need_parts(match.parts)),
                components={k: round(v, 4) for k, v in match.components.items()},
            )
        )
    return views


def _as_need_parts(parts):
    """Languages read from the need's side: "in French" rather than "speaks French"."""
    for message, params in parts:
        if message in {"speaks_natively", "speaks_language"}:
            yield "accepts_language", {"language": params["language"]}
        else:
            yield message, params
