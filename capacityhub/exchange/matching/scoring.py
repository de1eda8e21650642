"""Matching scores: who could help with a need, and which open needs an offer could answer.

Pure: plain data in, plain data out; no database.

A match's score is a weighted sum of six components, each in [0, 1] (WEIGHTS below):

closeness (0.40)  taxonomy closeness between the offered capacity and the nearest capacity the
                  need asks for, by edges through their lowest common ancestor: the same
                  capacity 1.0, parent or child 0.7, sibling (or grandparent) 0.5, further
                  0.5·0.6^(d−2). Capacities in different trees: not a match.
level (0.15)      offered ≥ wanted → 1, else 1 − 0.25 per level short (never below 0).
language (0.15)   over the need's acceptable languages the provider speaks, weighted by
                  proficiency (PROFICIENCY_WEIGHT): the best + 0.1 × the others, at most 1.
                  The need lists languages and the provider speaks none of them: not a match.
                  The need lists none: 0.5, whoever the provider is.
place (0.10)      same region 1; otherwise, when both sides accept online, 0.6 + 0.4 × overlap;
                  otherwise 0.5 × overlap. overlap = max(0, 1 − |Δ UTC offset| / 12), the
                  difference taken round the clock (UTC−11 and UTC+12 are one hour apart);
                  0.5 when either offset is unknown.
load (0.10)       1 − active connections / most connections at once, so requests spread out.
                  Away, or at capacity: not a match.
feedback (0.10)   the Bayesian mean rating (Σ ratings + 3 × 3.5) / (count + 3), mapped from
                  1..5 to 0..1: nobody starts at zero, and one rating moves little.

Closeness dominates: a provider of exactly the capacity asked for outranks one of a sibling
capacity unless the sibling's provider is much better on everything else.

Each provider (person or organization) appears once, with their best-scoring offer; ties are
broken by provider key, so the order is deterministic. Data a viewer may not see (a person's
languages or location shown to members only, say) is replaced by what the viewer may see
(`OfferRow.seen_at`), so neither the ranking nor the explanation reveals it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from capacityhub.taxonomy.tree import Tree

# Who provides an offer, as matching keys it: ("p", profile id) or ("o", organization id).
# (Connections key the two sides of a connection by user id instead: `PartyKey`.)
ProviderKey = tuple[str, int]
PERSON, ORGANIZATION = "p", "o"
# Visibility tiers: a viewer of tier t sees data of tier ≤ t (anonymous 0, member 1, staff 2).
PUBLIC, MEMBERS, PRIVATE = 0, 1, 2

WEIGHTS: dict[str, float] = {
    "closeness": 0.40,
    "level": 0.15,
    "language": 0.15,
    "place": 0.10,
    "load": 0.10,
    "feedback": 0.10,
}
# Proficiency 0 = native, 1..5 = beginner..fluent (community.ProfileLanguage).
PROFICIENCY_WEIGHT = {0: 1.0, 5: 0.95, 4: 0.85, 3: 0.65, 2: 0.4, 1: 0.2}
OTHER_LANGUAGE_SHARE = 0.1
NO_LANGUAGE_ASKED = 0.5
UNKNOWN_OVERLAP = 0.5
FEEDBACK_PRIOR_COUNT, FEEDBACK_PRIOR_MEAN = 3, 3.5
NOT_A_MATCH = -1.0
Part = tuple[str, dict]  # (message id, parameters): the web/API layer renders it translated


# The components, one value at a time: the definition the vectorised code is tested against.


def closeness(distance: int | None) -> float:
    if distance is None:
        return 0.0
    return {0: 1.0, 1: 0.7, 2: 0.5}.get(distance, 0.5 * 0.6 ** (distance - 2))


def level_fit(offered: int, wanted: int) -> float:
    return 1.0 if offered >= wanted else max(0.0, 1.0 - 0.25 * (wanted - offered))


def language_fit(asked: Sequence[str], spoken: Mapping[str, int]) -> float | None:
    """None when the need asks for languages and none is spoken."""
    if not asked:
        return NO_LANGUAGE_ASKED
    weights = sorted(
        (PROFICIENCY_WEIGHT[spoken[c]] for c in set(asked) if c in spoken), reverse=True
    )
    if not weights:
        return None
    return min(1.0, weights[0] + OTHER_LANGUAGE_SHARE * sum(weights[1:]))


def hours_apart(a: float | None, b: float | None) -> float | None:
    if a is None or b is None:
        return None
    difference = abs(a - b) % 24
    return min(difference, 24 - difference)


def tz_overlap(a: float | None, b: float | None) -> float:
    apart = hours_apart(a, b)
    return UNKNOWN_OVERLAP if apart is None else max(0.0, 1.0 - apart / 12)


def place_fit(
    *, need_region: str, need_online: bool, need_offset: float | None,
    offer_region: str, offer_online: bool, offer_offset: float | None,
) -> float:  # fmt: skip
    if need_region and need_region == offer_region:
        return 1.0
    overlap = tz_overlap(need_offset, offer_offset)
    return 0.6 + 0.4 * overlap if need_online and offer_online else 0.5 * overlap


def load_fit(active: int, most: int, away: bool) -> float | None:
    """None when away or at capacity."""
    if away or active >= most:
        return None
    return 1.0 - active / most


def feedback_fit(total: float, count: int) -> float:
    mean = (total + FEEDBACK_PRIOR_COUNT * FEEDBACK_PRIOR_MEAN) / (count + FEEDBACK_PRIOR_COUNT)
    return (mean - 1.0) / 4.0


def weighted(components: Mapping[str, float]) -> float:
    return sum(WEIGHTS[name] * components[name] for name in WEIGHTS)


# Plain data in and out.


@dataclass(frozen=True)
class NeedSpec:
    capacity_ids: tuple[int, ...]
    desired_level: int = 3
    languages: tuple[str, ...] = ()
    online: bool = True
    region: str = ""
    utc_offset: float | None = None  # the requester's, when the viewer may see it
    excluded: frozenset[ProviderKey] = frozenset()


@dataclass(frozen=True)
class OfferRow:
    """One active offer with what matching needs of its provider. `public_*` is what a viewer
    below the tier sees instead (the offer's own languages and region, without the profile's)."""

    offer_id: int
    provider: ProviderKey
    capacity_id: int
    level: int
    languages: tuple[tuple[str, int], ...] = ()  # (code, proficiency)
    region: str = ""
    utc_offset: float | None = None
    online: bool = True
    active_connections: int = 0
    max_connections: int = 2
    away: bool = False
    feedback_sum: float = 0.0
    feedback_count: int = 0
    capacities_tier: int = PUBLIC
    languages_tier: int = PUBLIC
    public_languages: tuple[tuple[str, int], ...] = ()
    location_tier: int = PUBLIC
    public_region: str = ""

    def seen_at(self, tier: int) -> OfferRow:
        row = self
        if row.languages_tier > tier:
            row = replace(row, languages=row.public_languages, languages_tier=PUBLIC)
        if row.location_tier > tier:
            row = replace(row, region=row.public_region, utc_offset=None, location_tier=PUBLIC)
        return row


@dataclass(frozen=True)
class NeedRow:
    """One open need. `owners` are the providers who may not answer it: the requester, and
    for an organization's need the organization and its managers."""

    need_id: int
    capacity_ids: tuple[int, ...]
    desired_level: int = 3
    languages: tuple[str, ...] = ()
    online: bool = True
    region: str = ""
    utc_offset: float | None = None  # the requester's
    location_tier: int = PUBLIC  # who may see the requester's location
    visibility_tier: int = PUBLIC
    owners: frozenset[ProviderKey] = frozenset()


@dataclass(frozen=True)
class Match:
    provider: ProviderKey
    offer_id: int
    capacity_id: int
    score: float
    components: dict[str, float]
    parts: tuple[Part, ...] = field(default=())
    languages: tuple[str, ...] = ()  # what the provider works in, as the viewer may see it


@dataclass(frozen=True)
class NeedMatch:
    need_id: int
    score: float
    components: dict[str, float]
    parts: tuple[Part, ...] = field(default=())


def score_offer(need: NeedSpec, offer: OfferRow, tree: Tree) -> tuple[float, dict] | None:
    """The score of one offer for one need, one value at a time (None: not a match). The
    reference definition; `ProviderIndex` computes the same for thousands at once."""
    distances = [tree.distance(offer.capacity_id, c) for c in need.capacity_ids]
    known = [d for d in distances if d is not None]
    language = language_fit(need.languages, dict(offer.languages))
    load = load_fit(offer.active_connections, offer.max_connections, offer.away)
    if offer.provider in need.excluded or not known or language is None or load is None:
        return None
    components = {
        "closeness": closeness(min(known)),
        "level": level_fit(offer.level, need.desired_level),
        "language": language,
        "place": place_fit(
            need_region=need.region,
            need_online=need.online,
            need_offset=need.utc_offset,
            offer_region=offer.region,
            offer_online=offer.online,
            offer_offset=offer.utc_offset,
        ),  # fmt: skip
        "load": load,
        "feedback": feedback_fit(offer.feedback_sum, offer.feedback_count),
    }
    return weighted(components), components


# Vectorised components (the index computes them for every row at once).


def overlap_vector(offsets: np.ndarray, other: float | None) -> np.ndarray:
    if other is None:
        return np.full(offsets.shape, UNKNOWN_OVERLAP)
    difference = np.abs(offsets - other) % 24
    apart = np.minimum(difference, 24 - difference)
    return np.where(np.isnan(apart), UNKNOWN_OVERLAP, np.clip(1 - apart / 12, 0, 1))


def level_vector(levels: np.ndarray, wanted) -> np.ndarray:
    return np.where(levels >= wanted, 1.0, np.clip(1 - 0.25 * (wanted - levels), 0, 1))


def place_vector(same, online, overlap) -> np.ndarray:
    return np.where(same, 1.0, np.where(online, 0.6 + 0.4 * overlap, 0.5 * overlap))


def languages_vector(best: np.ndarray, total: np.ndarray) -> np.ndarray:
    return np.minimum(1.0, best + OTHER_LANGUAGE_SHARE * (total - best))


def top_indices(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k best scores (≥ 0), best first, ties by index (rows are kept in key
    order, so ties go by key). argpartition finds the threshold; every tie at it is kept
    before the stable final sort, so which of equal scores is chosen never depends on it."""
    candidates = np.flatnonzero(scores >= 0)
    if k <= 0 or not len(candidates):
        return candidates[:0]
    if len(candidates) > k:
        kth = np.argpartition(-scores[candidates], k - 1)[:k]
        candidates = candidates[scores[candidates] >= scores[candidates[kth]].min()]
    return candidates[np.lexsort((candidates, -scores[candidates]))][:k]
