"""The matching indexes, built from the database and kept in a process-local memo.

The provider index (every active offer as NumPy columns, `exchange/matching.py`) and the
open-needs index are built from a handful of queries. Two version tokens in Django's cache say
when to rebuild: the *index* token (offers, claims, availability, profiles, languages,
memberships, needs) and the *activity* token (connections and feedback, which change far more
often and only touch two columns). Saves and deletes of those models bump them (the signal
handlers at the end: the memo lives here, so whatever it caches is watched from the moment it
exists); code that writes them with `QuerySet.update()` or `bulk_create()` must call
`matching_index_changed()` itself. The memo is re-checked at most once a second and rebuilt at
least every MAX_AGE_SECONDS whatever happens.
"""

import time
import uuid
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from capacityhub.community.models import (
    CapacityClaim,
    Membership,
    Organization,
    OrganizationLanguage,
    Profile,
    ProfileLanguage,
    Relation,
)
from capacityhub.core.models import Visibility
from capacityhub.core.regions import region_of
from capacityhub.taxonomy.selectors import taxonomy_tree

from .. import matching
from ..matching import ORGANIZATION, PERSON, NeedIndex, NeedRow, OfferRow
from ..models import Availability, Connection, Feedback, Need, Offer

T = TypeVar("T")

INDEX_KEY = "exchange:matching:index"
ACTIVITY_KEY = "exchange:matching:activity"
VERSION_CHECK_SECONDS = 1.0
MAX_AGE_SECONDS = 300

# A language the offer names but the profile does not: assume a working knowledge.
OFFER_LANGUAGE_PROFICIENCY = 3
# An organization works in its languages as fully as a native speaker.
ORGANIZATION_PROFICIENCY = 0
TIERS = {Visibility.PUBLIC: matching.PUBLIC, Visibility.MEMBERS: matching.MEMBERS}
TIERS[Visibility.PRIVATE] = matching.PRIVATE


# The memo -----------------------------------------------------------------------------------------


def _tokens() -> dict[str, str]:
    tokens = cache.get_many([INDEX_KEY, ACTIVITY_KEY])
    for key in (INDEX_KEY, ACTIVITY_KEY):
        if key not in tokens:
            cache.add(key, uuid.uuid4().hex, None)
            tokens[key] = cache.get(key)
    return tokens


class _Memo:
    """Process-local values stamped with the tokens they were built under."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.tokens: dict[str, str] = {}
        self.checked_at = float("-inf")
        self.values: dict[str, tuple[float, tuple, object]] = {}

    def forget(self, name: str) -> None:
        self.values.pop(name, None)

    def get(self, name: str, depends_on: tuple[str, ...], build: Callable[[], T]) -> T:
        now = time.monotonic()
        if now - self.checked_at > VERSION_CHECK_SECONDS:
            self.tokens, self.checked_at = _tokens(), now
        stamp = tuple(self.tokens.get(key) for key in depends_on)
        hit = self.values.get(name)
        if hit is not None and hit[1] == stamp and now - hit[0] < MAX_AGE_SECONDS:
            return hit[2]
        value = build()
        self.values[name] = (now, stamp, value)
        return value


_memo = _Memo()


def matching_index_changed(*, activity_only: bool = False) -> None:
    """Rebuild the indexes (call on commit after writing offers, claims, availability,
    profiles, languages or needs in bulk; `activity_only` after connections or feedback)."""
    for key in (ACTIVITY_KEY,) if activity_only else (INDEX_KEY, ACTIVITY_KEY):
        cache.set(key, uuid.uuid4().hex, None)
    _forget(activity_only)


def _forget(activity_only: bool) -> None:
    if activity_only:
        _memo.forget("providers")  # the offers stay; only their activity columns are redone
    else:
        _memo.clear()


def matching_cache_clear() -> None:
    """Forget process-local copies (tests and benchmarks)."""
    _memo.clear()


# Building the indexes -----------------------------------------------------------------------------


@lru_cache(maxsize=2048)
def _offset_hours(name: str, day: date) -> float | None:
    """The UTC offset of a time zone today, in hours (DST included); None if unknown."""
    try:
        offset = datetime.now(ZoneInfo(name)).utcoffset() if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return None if offset is None else offset.total_seconds() / 3600


def offset_of(time_zone: str | None, today: date | None = None) -> float | None:
    return _offset_hours(time_zone or "", today or timezone.localdate())


OFFER_FIELDS = [
    "id",
    "claim__profile_id",
    "claim__organization_id",
    "claim__capacity_id",
    "claim__level",
    "languages",
    "online",
    "region",
    "claim__profile__country",
    "claim__profile__time_zone",
    "claim__profile__capacities_visibility",
    "claim__profile__languages_visibility",
    "claim__profile__location_visibility",
    "claim__organization__region",
]


def _offers_to_index():
    return Offer.objects.filter(is_active=True, claim__relation=Relation.OFFERS).filter(
        Q(claim__organization__isnull=False) | Q(claim__profile__user__is_active=True)
    )


def offer_rows(offers) -> list[OfferRow]:
    """OfferRows for a queryset of offers, in five queries however many there are."""
    records = list(offers.values_list(*OFFER_FIELDS))
    spoken: dict[int, dict[str, int]] = {}
    for profile_id, code, level in ProfileLanguage.objects.filter(
        profile_id__in=offers.values("claim__profile_id")
    ).values_list("profile_id", "language", "proficiency"):
        spoken.setdefault(profile_id, {})[code] = level
    works_in: dict[int, list[str]] = {}
    for organization_id, code in OrganizationLanguage.objects.filter(
        organization_id__in=offers.values("claim__organization_id")
    ).values_list("organization_id", "language"):
        works_in.setdefault(organization_id, []).append(code)
    today = timezone.localdate()
    availability = {}
    holders = Q(profile_id__in=offers.values("claim__profile_id")) | Q(
        organization_id__in=offers.values("claim__organization_id")
    )
    for profile_id, organization_id, most, away_until in Availability.objects.filter(
        holders
    ).values_list("profile_id", "organization_id", "max_connections", "away_until"):
        key = (PERSON, profile_id) if profile_id else (ORGANIZATION, organization_id)
        availability[key] = (most, away_until is not None and away_until >= today)
    default = (Availability._meta.get_field("max_connections").default, False)
    return [_offer_row(r, spoken, works_in, availability, default, today) for r in records]


def _offer_row(record, spoken, works_in, availability, default, today) -> OfferRow:
    offer_id, profile_id, organization_id, capacity_id, level = record[:5]
    languages, online, region, country, time_zone = record[5:10]
    capacities_vis, languages_vis, location_vis, org_region = record[10:]
    languages = [code for code in (languages or []) if isinstance(code, str)]
    if profile_id is None:
        provider = (ORGANIZATION, organization_id)
        codes = languages or works_in.get(organization_id, [])
        both = tuple((code, ORGANIZATION_PROFICIENCY) for code in codes)
        most, away = availability.get(provider, default)
        return OfferRow(
            offer_id=offer_id, provider=provider, capacity_id=capacity_id, level=level,
            languages=both, public_languages=both, region=region or org_region or "",
            public_region=region or org_region or "", online=online,
            max_connections=most, away=away,
        )  # fmt: skip
    provider = (PERSON, profile_id)
    profile_languages = spoken.get(profile_id, {})
    if languages:
        full = tuple((c, profile_languages.get(c, OFFER_LANGUAGE_PROFICIENCY)) for c in languages)
        public = tuple((c, OFFER_LANGUAGE_PROFICIENCY) for c in languages)
    else:
        full, public = tuple(sorted(profile_languages.items())), ()
    most, away = availability.get(provider, default)
    return OfferRow(
        offer_id=offer_id, provider=provider, capacity_id=capacity_id, level=level,
        languages=full, public_languages=public, languages_tier=TIERS.get(languages_vis, 2),
        region=region or region_of(country) or "", public_region=region or "",
        utc_offset=offset_of(time_zone, today), location_tier=TIERS.get(location_vis, 2),
        capacities_tier=TIERS.get(capacities_vis, 2), online=online,
        max_connections=most, away=away,
    )  # fmt: skip


def _provider_activity() -> tuple[dict, dict]:
    """Accepted connections per provider (the load that counts against "most at once", as
    when inviting) and the feedback left about providers by the requesting side."""
    active = {}
    rows = (
        Connection.objects.filter(status=Connection.Status.ACCEPTED)
        .values_list("provider__profile__id", "provider_organization_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for profile_id, organization_id, n in rows:
        active[(PERSON, profile_id) if profile_id else (ORGANIZATION, organization_id)] = n
    requester_side = Q(author_id=F("connection__need__requester_id")) | Exists(
        Membership.objects.filter(
            organization_id=OuterRef("connection__need__organization_id"),
            user_id=OuterRef("author_id"),
            role=Membership.Role.MANAGER,
        )
    )
    feedback = {}
    rows = (
        Feedback.objects.filter(requester_side)
        .values_list("connection__provider__profile__id", "connection__provider_organization_id")
        .annotate(total=Sum("rating"), n=Count("id"))
        .order_by()
    )
    for profile_id, organization_id, total, n in rows:
        key = (PERSON, profile_id) if profile_id else (ORGANIZATION, organization_id)
        feedback[key] = (float(total), n)
    return active, feedback


def provider_index() -> matching.ProviderIndex:
    def build_offers():
        return matching.ProviderIndex(offer_rows(_offers_to_index()), taxonomy_tree())

    def build():
        offers = _memo.get("offers", (INDEX_KEY,), build_offers)
        return offers.with_activity(*_provider_activity())

    return _memo.get("providers", (INDEX_KEY, ACTIVITY_KEY), build)


def _need_rows() -> list[NeedRow]:
    needs = Need.objects.filter(status=Need.Status.OPEN, requester__is_active=True)
    today = timezone.localdate()
    records = needs.values_list(
        "id", "desired_level", "languages", "online", "region", "visibility", "organization_id",
        "requester__profile__id", "requester__profile__time_zone",
        "requester__profile__location_visibility",
    )  # fmt: skip
    capacities: dict[int, list[int]] = {}
    for need_id, capacity_id in Need.capacities.through.objects.filter(need__in=needs).values_list(
        "need_id", "capacity_id"
    ):
        capacities.setdefault(need_id, []).append(capacity_id)
    managers: dict[int, list[int]] = {}
    for organization_id, profile_id in Membership.objects.filter(
        role=Membership.Role.MANAGER, organization_id__in=needs.values("organization_id")
    ).values_list("organization_id", "user__profile__id"):
        managers.setdefault(organization_id, []).append(profile_id)
    rows = []
    for (need_id, level, languages, online, region, visibility, organization_id,
         profile_id, time_zone, location_vis) in records:  # fmt: skip
        owners = {(PERSON, profile_id)} if profile_id else set()
        if organization_id:
            owners |= {(ORGANIZATION, organization_id)}
            owners |= {(PERSON, p) for p in managers.get(organization_id, []) if p}
        rows.append(
            NeedRow(
                need_id=need_id,
                capacity_ids=tuple(capacities.get(need_id, ())),
                desired_level=level,
                languages=tuple(c for c in (languages or []) if isinstance(c, str)),
                online=online,
                region=region or "",
                utc_offset=offset_of(time_zone, today),
                location_tier=TIERS.get(location_vis, 2),
                visibility_tier=TIERS.get(visibility, 2),
                owners=frozenset(owners),
            )  # fmt: skip
        )
    return rows


def need_index() -> NeedIndex:
    return _memo.get("needs", (INDEX_KEY,), lambda: NeedIndex(_need_rows(), taxonomy_tree()))


# Keeping the memo true ----------------------------------------------------------------------------


def _changed(activity_only: bool) -> None:
    _forget(activity_only)  # this process at once, the others when the transaction commits
    transaction.on_commit(lambda: matching_index_changed(activity_only=activity_only))


def _index_changed(sender, **kwargs) -> None:
    _changed(activity_only=False)


def _activity_changed(sender, **kwargs) -> None:
    _changed(activity_only=True)


for _model in (
    Offer, CapacityClaim, Availability, Profile, ProfileLanguage, Organization,
    OrganizationLanguage, Membership, Need,
):  # fmt: skip
    post_save.connect(_index_changed, sender=_model, dispatch_uid=f"matching-{_model.__name__}")
    post_delete.connect(_index_changed, sender=_model, dispatch_uid=f"matching-d-{_model.__name__}")
for _model in (Connection, Feedback):
    post_save.connect(_activity_changed, sender=_model, dispatch_uid=f"matching-{_model.__name__}")
    post_delete.connect(
        _activity_changed, sender=_model, dispatch_uid=f"matching-d-{_model.__name__}"
    )
m2m_changed.connect(_index_changed, sender=Need.capacities.through, dispatch_uid="matching-nc")
