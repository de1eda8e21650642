"""Reads for a newcomer's first visit: the sign-up checklist and what the hub holds nearby.

The checklist is computed from the person's own data, never stored: languages → capacities →
a first need or offer → a first connection (finding people). "Near you" means the reader's
languages and region when their profile says them, else the page's language, else site-wide.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet

from capacityhub.community.models import CapacityClaim, Profile, ProfileLanguage
from capacityhub.core.regions import region_of

from ..models import Connection, Need, Offer
from .needs import ACTIVE, visible_needs, with_need_details
from .offers import visible_offers, with_offer_details

STEPS = ("languages", "capacities", "need_or_offer", "people")


@dataclass(frozen=True)
class Checklist:
    done: dict[str, bool]

    @property
    def steps(self) -> list[tuple[str, bool]]:
        return [(step, self.done[step]) for step in STEPS]

    @property
    def complete(self) -> bool:
        return all(self.done.values())

    @property
    def next_step(self) -> str | None:
        return next((step for step in STEPS if not self.done[step]), None)

    @property
    def done_count(self) -> int:
        return sum(self.done.values())


def first_steps(*, user) -> Checklist | None:
    """The four first steps and which are done, in one query; None for anonymous visitors."""
    if not getattr(user, "is_authenticated", False):
        return None
    profile = OuterRef("pk")
    row = (
        Profile.objects.filter(user_id=user.pk)
        .annotate(
            has_languages=Exists(ProfileLanguage.objects.filter(profile=profile)),
            has_capacities=Exists(CapacityClaim.objects.filter(profile=profile)),
            has_need=Exists(Need.objects.filter(requester_id=OuterRef("user_id"))),
            has_offer=Exists(Offer.objects.filter(claim__profile=profile)),
            has_connection=Exists(
                Connection.objects.filter(
                    Q(need__requester_id=OuterRef("user_id")) | Q(provider_id=OuterRef("user_id"))
                )
            ),
        )
        .values("has_languages", "has_capacities", "has_need", "has_offer", "has_connection")
        .first()
    ) or dict.fromkeys(("has_languages", "has_capacities", "has_need", "has_offer"), False)
    return Checklist(
        done={
            "languages": row["has_languages"],
            "capacities": row["has_capacities"],
            "need_or_offer": row["has_need"] or row["has_offer"],
            "people": row.get("has_connection", False),
        }
    )


@dataclass(frozen=True)
class Nearby:
    languages: list[str]
    region: str | None
    needs: list[Need] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    need_count: int = 0
    offer_count: int = 0

    @property
    def is_local(self) -> bool:
        return bool(self.languages or self.region)


def reader_place(*, user, fallback_language: str | None) -> tuple[list[str], str | None]:
    """The reader's languages (best first) and funding region, from their own profile."""
    if getattr(user, "is_authenticated", False):
        profile = Profile.objects.filter(user_id=user.pk).only("country").first()
        if profile is not None:
            rows = ProfileLanguage.objects.filter(profile=profile).values_list(
                "language", "proficiency"
            )
            # Native first, then the most fluent.
            codes = [code for code, level in sorted(rows, key=lambda r: (r[1] != 0, -r[1]))]
            if codes or profile.country:
                return codes, region_of(profile.country)
    return ([fallback_language] if fallback_language else []), None


def _near(languages: list[str], region: str | None) -> Q:
    near = Q(region=region) if region else Q(pk__in=[])
    for code in languages[:10]:
        # Stored as a JSON list of plain codes: the quoted code matches one element exactly.
        near |= Q(languages__icontains=f'"{code}"')
    return near


def nearby(*, viewer, languages: list[str], region: str | None, limit: int = 3) -> Nearby:
    """Open needs and active offers in the reader's languages or region (newest first), or
    the newest site-wide when they have none; a fixed number of queries."""
    needs: QuerySet[Need] = visible_needs(viewer).filter(status__in=ACTIVE)
    offers: QuerySet[Offer] = visible_offers(viewer)
    if languages or region:
        needs, offers = (
            needs.filter(_near(languages, region)),
            offers.filter(_near(languages, region)),
        )
    needs = needs.order_by("-created_at", "-id")
    offers = offers.order_by("-created_at", "-id")
    return Nearby(
        languages=languages,
        region=region,
        needs=list(with_need_details(needs)[:limit]),
        offers=list(with_offer_details(offers)[:limit]),
        need_count=needs.count(),
        offer_count=offers.count(),
    )
