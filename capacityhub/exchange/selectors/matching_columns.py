"""The offers as matching reads them, from the database: as `OfferRow`s for a few offers
(`offer_rows`, through the ORM), and as NumPy columns for all of them (`all_offer_columns`,
straight from raw cursors, with nothing kept per offer but array entries).

Location rule (also the capacity map's): an offer's region is its own, else, for a person, the
region of their country (seen only where their location is), for an organization its region.
"""

import json
from dataclasses import replace
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.utils import timezone

from capacityhub.community.models import (
    Membership,
    OrganizationLanguage,
    ProfileLanguage,
    Relation,
)
from capacityhub.core.models import Visibility
from capacityhub.core.regions import region_of

from .. import matching
from ..matching import ORGANIZATION, PERSON, OfferRow
from ..matching.columns import KIND_SHIFT
from ..models import Availability, Connection, Feedback, Offer

# A language the offer names but the profile does not: assume a working knowledge.
OFFER_LANGUAGE_PROFICIENCY = 3
# An organization works in its languages as fully as a native speaker.
ORGANIZATION_PROFICIENCY = 0
TIERS = {Visibility.PUBLIC: matching.PUBLIC, Visibility.MEMBERS: matching.MEMBERS}
TIERS[Visibility.PRIVATE] = matching.PRIVATE


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


def offers_to_index():
    return Offer.objects.filter(is_active=True, claim__relation=Relation.OFFERS).filter(
        Q(claim__organization__isnull=False) | Q(claim__profile__user__is_active=True)
    )


def fetch(queryset) -> list[tuple]:
    """A values_list queryset's rows from a plain cursor (no per-row converters)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class Decoded(dict):
    """Raw `languages` JSON → tuple of codes, decoded once per distinct value."""

    def __missing__(self, raw) -> tuple[str, ...]:
        try:
            value = json.loads(raw) if isinstance(raw, str) else raw
        except ValueError:
            value = None
        codes = tuple(c for c in value if isinstance(c, str)) if isinstance(value, list) else ()
        self[raw] = codes
        return codes

    def of(self, raw) -> tuple[str, ...]:
        # SQLite gives JSON as text; PostgreSQL's driver gives it decoded (a list).
        return self[tuple(raw) if isinstance(raw, list) else raw]


# A few offers as OfferRows (the ORM; deltas and one offer's open needs) -------------------------

OFFER_FIELDS = [
    "id", "claim__profile_id", "claim__organization_id", "claim__capacity_id", "claim__level",
    "languages", "online", "region", "claim__profile__country", "claim__profile__time_zone",
    "claim__profile__capacities_visibility", "claim__profile__languages_visibility",
    "claim__profile__location_visibility", "claim__organization__region",
]  # fmt: skip


def offer_rows(offers, *, activity: bool = False) -> list[OfferRow]:
    """OfferRows for a queryset of offers, in five queries however many there are (seven with
    their providers' current `activity`)."""
    records = list(offers.values_list(*OFFER_FIELDS))
    profiles = {r[1] for r in records if r[1]}
    organizations = {r[2] for r in records if r[2]}
    spoken: dict[int, dict[str, int]] = {}
    for profile_id, code, level in ProfileLanguage.objects.filter(
        profile_id__in=profiles
    ).values_list("profile_id", "language", "proficiency"):
        spoken.setdefault(profile_id, {})[code] = level
    works_in: dict[int, list[str]] = {}
    for organization_id, code in OrganizationLanguage.objects.filter(
        organization_id__in=organizations
    ).values_list("organization_id", "language"):
        works_in.setdefault(organization_id, []).append(code)
    today = timezone.localdate()
    availability = {}
    holders = Q(profile_id__in=profiles) | Q(organization_id__in=organizations)
    for profile_id, organization_id, most, away_until in Availability.objects.filter(
        holders
    ).values_list("profile_id", "organization_id", "max_connections", "away_until"):
        key = (PERSON, profile_id) if profile_id else (ORGANIZATION, organization_id)
        availability[key] = (most, away_until is not None and away_until >= today)
    default = (Availability._meta.get_field("max_connections").default, False)
    rows = [_offer_row(r, spoken, works_in, availability, default, today) for r in records]
    if activity and rows:
        active, feedback = provider_activity(profiles, organizations)
        rows = [_with_activity(row, active, feedback) for row in rows]
    return rows


def _with_activity(row: OfferRow, active, feedback) -> OfferRow:
    total, count = feedback.get(row.provider, (0.0, 0))
    return replace(
        row,
        active_connections=active.get(row.provider, 0),
        feedback_sum=total,
        feedback_count=count,
    )


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


def provider_activity(profiles=None, organizations=None) -> tuple[dict, dict]:
    """Accepted connections per provider (the load that counts against "most at once", as
    when inviting) and the feedback left about providers by the requesting side; of the
    given providers only, when given."""
    connections_ = Connection.objects.filter(status=Connection.Status.ACCEPTED)
    feedback_ = Feedback.objects.all()
    if profiles is not None or organizations is not None:
        connections_ = connections_.filter(
            Q(provider__profile__id__in=profiles or ())
            | Q(provider_organization_id__in=organizations or ())
        )
        feedback_ = feedback_.filter(
            Q(connection__provider__profile__id__in=profiles or ())
            | Q(connection__provider_organization_id__in=organizations or ())
        )
    active = {}
    rows = (
        connections_.values_list("provider__profile__id", "provider_organization_id")
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
        feedback_.filter(requester_side)
        .values_list("connection__provider__profile__id", "connection__provider_organization_id")
        .annotate(total=Sum("rating"), n=Count("id"))
        .order_by()
    )
    for profile_id, organization_id, total, n in rows:
        key = (PERSON, profile_id) if profile_id else (ORGANIZATION, organization_id)
        feedback[key] = (float(total), n)
    return active, feedback


def provider_codes_to_filter(codes) -> tuple[list[int], list[int]]:
    """Provider codes → (profile ids, organization ids)."""
    people = [c - KIND_SHIFT for c in codes if c >= KIND_SHIFT]
    return people, [c for c in codes if c < KIND_SHIFT]


def np_int(values, dtype=np.int64) -> np.ndarray:
    return np.fromiter(values, dtype=dtype)
