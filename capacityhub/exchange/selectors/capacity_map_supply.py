"""The map's supply side from matching's offer columns (`matching_index.read_offer_columns`):
the same offers, the same location rule (the offer's region, else the person's country's region
where their location may be seen), no second read of 300,000 offers.

Per row: counted at a level when the provider's capacities may be seen there (organizations'
always); the region seen in full or from below by the same tier; the languages the offer
itself names — for a person, the entries seen from below (`public` ≥ 0: matching fills those
from the offer's own list only); for an organization, its offers' own lists, read here (they
are few), since matching's rows fall back on the organization's languages.
"""

import numpy as np

from capacityhub.core.regions import REGIONS

from ..capacity_map_columns import SupplyColumns
from ..matching.columns import KIND_SHIFT
from ..models import Offer
from .matching_columns import TIERS, Decoded, fetch
from .matching_index import read_offer_columns


def supply_columns(level: str) -> SupplyColumns:
    own = _organization_offer_languages()
    return read_offer_columns(lambda columns: _gather(columns, TIERS[level], own))


def _organization_offer_languages() -> dict[int, tuple[str, ...]]:
    rows = Offer.objects.filter(is_active=True, claim__organization__isnull=False).exclude(
        languages=[]
    )
    decoded = Decoded()
    return {offer: decoded.of(raw) for offer, raw in fetch(rows.values_list("id", "languages"))}


def _gather(columns, tier: int, own: dict[int, tuple[str, ...]]) -> SupplyColumns:
    rows = np.flatnonzero(columns.alive & (columns.capacities_tier <= tier))
    seen = columns.location_tier[rows] <= tier
    number = np.where(seen, columns.region[rows], columns.public_region[rows])
    position = {code: i for i, code in enumerate(REGIONS)}
    column_of = np.array([position.get(v, -1) for v in columns.regions.values], dtype=np.int64)
    codes = list(columns.languages.values)
    languages = np.where(columns.public[rows] >= 0, columns.lang[rows], -1).astype(np.int64)
    organizations = np.flatnonzero(columns.pkey[rows] < KIND_SHIFT)
    if len(organizations):
        languages[organizations] = -1
        listed = {}
        for i in organizations.tolist():
            names = own.get(int(columns.offer_id[rows[i]]), ())
            if names:
                listed[i] = [_number(codes, name) for name in names]
        widest = max((len(v) for v in listed.values()), default=0)
        if widest > languages.shape[1]:
            pad = np.full((len(languages), widest - languages.shape[1]), -1, dtype=np.int64)
            languages = np.concatenate([languages, pad], axis=1)
        for i, numbers in listed.items():
            languages[i, : len(numbers)] = numbers
    return SupplyColumns(
        capacity=columns.capacity[rows].astype(np.int64),
        region=column_of[number],
        online=columns.online[rows].copy(),
        languages=languages,
        language_codes=codes,
    )


def _number(codes: list[str], name: str) -> int:
    """The language number of `name`, added to this (local) list when new."""
    if name not in codes:
        codes.append(name)
    return codes.index(name)
