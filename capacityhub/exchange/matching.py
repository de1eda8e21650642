"""Matching: who could help with a need, and which open needs an offer could answer.

Pure: plain data in, plain data out; no database. The selectors
(`exchange/selectors/matching.py`) turn rows into `OfferRow`/`NeedRow`, cache the indexes and
render the explanations.

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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from capacityhub.taxonomy.tree import Tree

ProviderKey = tuple[str, int]  # ("p", profile id) or ("o", organization id)
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


# Explanations.


def capacity_part(offered: int, needed: int, tree: Tree, *, reverse: bool = False) -> Part:
    """Why the capacities fit, from the provider's side ("offers …") or the need's ("needs …")."""
    prefix = "needs" if reverse else "offers"
    mine, theirs = (needed, offered) if reverse else (offered, needed)
    if offered == needed:
        return f"{prefix}_capacity", {"capacity": mine}
    if theirs in tree.ancestors(mine):
        return f"{prefix}_capacity_part_of", {"capacity": mine, "ancestor": theirs}
    if mine in tree.ancestors(theirs):
        return f"{prefix}_broader_capacity", {"capacity": mine, "narrower": theirs}
    return f"{prefix}_related_capacity", {"capacity": mine, "related": theirs}


def language_part(asked: Sequence[str], spoken: Mapping[str, int]) -> Part | None:
    shared = [c for c in asked if c in spoken]
    if not shared:
        return None
    best = max(shared, key=lambda c: PROFICIENCY_WEIGHT[spoken[c]])
    if spoken[best] == 0:
        return "speaks_natively", {"language": best}
    return "speaks_language", {"language": best, "proficiency": spoken[best]}


def place_parts(need_region, need_online, need_offset, region, online, offset) -> list[Part]:
    if need_region and need_region == region:
        return [("same_region", {"region": region})]
    parts: list[Part] = [("online", {})] if need_online and online else []
    apart = hours_apart(need_offset, offset)
    if apart is not None:
        parts.append(("time_zone_overlap", {"hours": round(apart)}))
    return parts


def offer_parts(need: NeedSpec, offer: OfferRow, nearest: int, tree: Tree) -> tuple[Part, ...]:
    parts = [capacity_part(offer.capacity_id, nearest, tree)]
    if offer.level < need.desired_level:
        parts.append(("level_below", {"level": offer.level, "wanted": need.desired_level}))
    language = language_part(need.languages, dict(offer.languages))
    parts += [language] if language else []
    parts += place_parts(
        need.region, need.online, need.utc_offset, offer.region, offer.online, offer.utc_offset
    )
    free = offer.max_connections - offer.active_connections
    parts.append(("has_capacity_for_more", {"free": free, "most": offer.max_connections}))
    if offer.feedback_count:
        mean = offer.feedback_sum / offer.feedback_count
        if mean >= 4:
            parts.append(("well_rated", {"rating": round(mean, 1), "count": offer.feedback_count}))
    return tuple(parts)


# Vectorised scoring.


def _vocabulary(values: Iterable) -> dict:
    return {value: i for i, value in enumerate(sorted(set(values)))}


def _closeness_vector(
    tree: Tree, capacities: Sequence[int], targets: Sequence[int]
) -> tuple[np.ndarray, np.ndarray]:
    """For each capacity: its closeness to the nearest target and that target (−1: none)."""
    values = np.zeros(len(capacities))
    nearest = np.full(len(capacities), -1, dtype=np.int64)
    for i, capacity in enumerate(capacities):
        for target in targets:
            distance = tree.distance(capacity, target)
            if distance is not None and closeness(distance) > values[i]:
                values[i], nearest[i] = closeness(distance), target
    return values, nearest


def _overlap(offsets: np.ndarray, other: float | None) -> np.ndarray:
    if other is None:
        return np.full(offsets.shape, UNKNOWN_OVERLAP)
    difference = np.abs(offsets - other) % 24
    apart = np.minimum(difference, 24 - difference)
    return np.where(np.isnan(apart), UNKNOWN_OVERLAP, np.clip(1 - apart / 12, 0, 1))


def _level(levels: np.ndarray, wanted) -> np.ndarray:
    return np.where(levels >= wanted, 1.0, np.clip(1 - 0.25 * (wanted - levels), 0, 1))


def _place(same, online, overlap) -> np.ndarray:
    return np.where(same, 1.0, np.where(online, 0.6 + 0.4 * overlap, 0.5 * overlap))


def _languages(best: np.ndarray, total: np.ndarray) -> np.ndarray:
    return np.minimum(1.0, best + OTHER_LANGUAGE_SHARE * (total - best))


def _top(scores: np.ndarray, k: int) -> np.ndarray:
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


class ProviderIndex:
    """Every active offer as columns, rows sorted by (provider, offer id), built once and
    queried for any number of needs. Closeness vectors are memoised per set of capacities."""

    def __init__(self, rows: Iterable[OfferRow], tree: Tree):
        self.tree = tree
        self.rows = sorted(rows, key=lambda r: (r.provider, r.offer_id))
        rows = self.rows
        self.providers = sorted({r.provider for r in rows})
        self.provider_index = {key: i for i, key in enumerate(self.providers)}
        self.owner = np.array([self.provider_index[r.provider] for r in rows], dtype=np.int64)
        self.starts = np.flatnonzero(np.r_[True, np.diff(self.owner) != 0]) if rows else self.owner
        self.capacity_ids = sorted({r.capacity_id for r in rows})
        capacity_index = {c: i for i, c in enumerate(self.capacity_ids)}
        self.capacity = np.array([capacity_index[r.capacity_id] for r in rows], dtype=np.int64)
        self.level = np.array([r.level for r in rows], dtype=np.float64)
        self.regions = _vocabulary(
            ["", *(r.region for r in rows), *(r.public_region for r in rows)]
        )
        self.region = np.array([self.regions[r.region] for r in rows], dtype=np.int64)
        self.public_region = np.array([self.regions[r.public_region] for r in rows], dtype=np.int64)
        self.offset = np.array([np.nan if r.utc_offset is None else r.utc_offset for r in rows])
        self.online = np.array([r.online for r in rows], dtype=bool)
        self.capacities_tier = np.array([r.capacities_tier for r in rows], dtype=np.int64)
        self.languages_tier = np.array([r.languages_tier for r in rows], dtype=np.int64)
        self.location_tier = np.array([r.location_tier for r in rows], dtype=np.int64)
        self._set_activity(rows)
        self.spoken = self._language_columns(rows)
        self._closeness_memo: dict[tuple[int, ...], tuple[np.ndarray, np.ndarray]] = {}

    def _set_activity(self, rows: Sequence[OfferRow]) -> None:
        self.active = np.array([r.active_connections for r in rows], dtype=np.float64)
        self.most = np.maximum(1, np.array([r.max_connections for r in rows], dtype=np.float64))
        self.away = np.array([r.away for r in rows], dtype=bool)
        self.feedback_sum = np.array([r.feedback_sum for r in rows], dtype=np.float64)
        self.feedback_count = np.array([r.feedback_count for r in rows], dtype=np.float64)
        self.feedback = feedback_fit(self.feedback_sum, self.feedback_count)

    @staticmethod
    def _language_columns(rows: Sequence[OfferRow]) -> dict[str, tuple[np.ndarray, ...]]:
        """language → (rows that speak it, weight seen in full, weight seen from below)."""
        found: dict[str, dict[int, list[float]]] = {}
        for i, row in enumerate(rows):
            for slot, spoken in enumerate((row.languages, row.public_languages)):
                for code, proficiency in spoken:
                    weights = found.setdefault(code, {}).setdefault(i, [0.0, 0.0])
                    weights[slot] = max(weights[slot], PROFICIENCY_WEIGHT[proficiency])
        columns = {}
        for code, by_row in found.items():
            ids = np.fromiter(by_row, dtype=np.int64, count=len(by_row))
            weights = np.array(list(by_row.values()), dtype=np.float64).reshape(-1, 2)
            columns[code] = (ids, weights[:, 0], weights[:, 1])
        return columns

    def with_activity(
        self, active: Mapping[ProviderKey, int], feedback: Mapping[ProviderKey, tuple[float, int]]
    ) -> ProviderIndex:
        """A copy with current connection counts and feedback (per provider): these change
        far more often than offers, and recomputing three columns is cheap."""
        copy = object.__new__(ProviderIndex)
        copy.__dict__.update(self.__dict__)
        per_provider = np.array(
            [(active.get(key, 0), *feedback.get(key, (0.0, 0))) for key in self.providers],
            dtype=np.float64,
        ).reshape(-1, 3)
        copy.active, copy.feedback_sum, copy.feedback_count = per_provider[self.owner].T
        copy.feedback = feedback_fit(copy.feedback_sum, copy.feedback_count)
        return copy

    def offer_at(self, row: int, viewer_tier: int) -> OfferRow:
        """One row as plain data, with the current activity, as a viewer of the tier sees it."""
        return replace(
            self.rows[row],
            active_connections=int(self.active[row]),
            feedback_sum=float(self.feedback_sum[row]),
            feedback_count=int(self.feedback_count[row]),
        ).seen_at(viewer_tier)

    def closeness_for(self, capacity_ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        key = tuple(sorted(set(capacity_ids)))
        if key not in self._closeness_memo:
            if len(self._closeness_memo) > 512:
                self._closeness_memo.clear()
            self._closeness_memo[key] = _closeness_vector(self.tree, self.capacity_ids, key)
        return self._closeness_memo[key]

    def components(self, need: NeedSpec, viewer_tier: int) -> tuple[dict, np.ndarray]:
        """Every component for every row, and which rows are not a match."""
        n = len(self.rows)
        close, _nearest = self.closeness_for(need.capacity_ids)
        close = close[self.capacity]
        sees_languages = self.languages_tier <= viewer_tier
        best, total = np.zeros(n), np.zeros(n)
        for code in dict.fromkeys(need.languages):
            if code in self.spoken:
                ids, full, public = self.spoken[code]
                weight = np.where(sees_languages[ids], full, public)
                best[ids] = np.maximum(best[ids], weight)
                total[ids] += weight
        sees_location = self.location_tier <= viewer_tier
        region = np.where(sees_location, self.region, self.public_region)
        same = region == self.regions.get(need.region, -1) if need.region else np.zeros(n, bool)
        overlap = _overlap(np.where(sees_location, self.offset, np.nan), need.utc_offset)
        values = {
            "closeness": close,
            "level": _level(self.level, need.desired_level),
            "language": _languages(best, total) if need.languages else np.full(n, 0.5),
            "place": _place(same, need.online & self.online, overlap),
            "load": 1 - self.active / self.most,
            "feedback": self.feedback,
        }
        excluded_providers = np.zeros(len(self.providers), dtype=bool)
        for key in need.excluded:
            if key in self.provider_index:
                excluded_providers[self.provider_index[key]] = True
        excluded = (
            (close <= 0)
            | (self.away | (self.active >= self.most))
            | (self.capacities_tier > viewer_tier)
            | excluded_providers[self.owner]
        )
        if need.languages:
            excluded |= best <= 0
        return values, excluded

    def scores(self, need: NeedSpec, viewer_tier: int = PRIVATE) -> tuple[np.ndarray, dict]:
        """Per row: the score (NOT_A_MATCH when excluded) and the components."""
        values, excluded = self.components(need, viewer_tier)
        score = sum(WEIGHTS[name] * values[name] for name in WEIGHTS)
        return np.where(excluded, NOT_A_MATCH, score), values

    def rank(self, need: NeedSpec, *, k: int = 20, viewer_tier: int = PRIVATE) -> list[Match]:
        if not self.rows or not need.capacity_ids:
            return []
        score, values = self.scores(need, viewer_tier)
        per_provider = np.maximum.reduceat(score, self.starts)
        _close, nearest = self.closeness_for(need.capacity_ids)
        matches = []
        for provider in _top(per_provider, k):
            start = self.starts[provider]
            end = self.starts[provider + 1] if provider + 1 < len(self.starts) else len(score)
            row = start + int(np.argmax(score[start:end]))
            offer = self.offer_at(row, viewer_tier)
            target = int(nearest[self.capacity[row]])
            matches.append(
                Match(
                    provider=offer.provider,
                    offer_id=offer.offer_id,
                    capacity_id=offer.capacity_id,
                    score=float(score[row]),
                    components={name: float(values[name][row]) for name in WEIGHTS},
                    parts=offer_parts(need, offer, target, self.tree),
                )
            )
        return matches


def rank_providers(
    index: ProviderIndex, need: NeedSpec, *, k: int = 20, viewer_tier: int = PRIVATE
) -> list[Match]:
    """The k best providers for a need, best first."""
    return index.rank(need, k=k, viewer_tier=viewer_tier)


class NeedIndex:
    """Open needs as columns (the reverse view): capacities and languages as flat
    (need, value) entries, since a need has several of each."""

    def __init__(self, rows: Iterable[NeedRow], tree: Tree):
        self.tree = tree
        self.rows = sorted((r for r in rows if r.capacity_ids), key=lambda r: r.need_id)
        rows = self.rows
        self.capacity_ids = sorted({c for r in rows for c in r.capacity_ids})
        capacity_index = {c: i for i, c in enumerate(self.capacity_ids)}
        pairs = [(i, capacity_index[c]) for i, r in enumerate(rows) for c in set(r.capacity_ids)]
        self.capacity_need, self.capacity = (np.array(v, dtype=np.int64) for v in _columns(pairs))
        self.languages = _vocabulary(c for r in rows for c in r.languages)
        pairs = [(i, self.languages[c]) for i, r in enumerate(rows) for c in set(r.languages)]
        self.language_need, self.language = (np.array(v, dtype=np.int64) for v in _columns(pairs))
        self.asks_language = np.array([bool(r.languages) for r in rows], dtype=bool)
        self.level = np.array([r.desired_level for r in rows], dtype=np.float64)
        self.online = np.array([r.online for r in rows], dtype=bool)
        self.region = np.array([r.region for r in rows], dtype=object)
        self.offset = np.array([np.nan if r.utc_offset is None else r.utc_offset for r in rows])
        self.location_tier = np.array([r.location_tier for r in rows], dtype=np.int64)
        self.visibility_tier = np.array([r.visibility_tier for r in rows], dtype=np.int64)
        owned: dict[ProviderKey, list[int]] = {}
        for i, row in enumerate(rows):
            for key in row.owners:
                owned.setdefault(key, []).append(i)
        self.owned = {key: np.array(ids, dtype=np.int64) for key, ids in owned.items()}

    def components(self, offer: OfferRow, viewer_tier: int) -> tuple[dict, np.ndarray]:
        n = len(self.rows)
        by_capacity, _nearest = _closeness_vector(self.tree, self.capacity_ids, [offer.capacity_id])
        close = np.zeros(n)
        np.maximum.at(close, self.capacity_need, by_capacity[self.capacity])
        weight_of = np.zeros(len(self.languages) + 1)
        for code, proficiency in offer.languages:
            if code in self.languages:
                weight_of[self.languages[code]] = PROFICIENCY_WEIGHT[proficiency]
        weights = weight_of[self.language]
        best = np.zeros(n)
        np.maximum.at(best, self.language_need, weights)
        total = np.bincount(self.language_need, weights=weights, minlength=n)
        sees = self.location_tier <= viewer_tier
        overlap = _overlap(np.where(sees, self.offset, np.nan), offer.utc_offset)
        same = (self.region == offer.region) & (self.region != "")
        load = load_fit(offer.active_connections, offer.max_connections, offer.away) or 0.0
        values = {
            "closeness": close,
            "level": _level(np.float64(offer.level), self.level),
            "language": np.where(self.asks_language, _languages(best, total), NO_LANGUAGE_ASKED),
            "place": _place(same, self.online & offer.online, overlap),
            "load": np.full(n, load),
            "feedback": np.full(n, feedback_fit(offer.feedback_sum, offer.feedback_count)),
        }
        excluded = (close <= 0) | (self.asks_language & (best <= 0))
        excluded |= self.visibility_tier > viewer_tier
        if offer.provider in self.owned:
            excluded[self.owned[offer.provider]] = True
        return values, excluded

    def rank(self, offer: OfferRow, *, k: int = 20, viewer_tier: int = PRIVATE) -> list[NeedMatch]:
        if not self.rows:
            return []
        values, excluded = self.components(offer, viewer_tier)
        score = np.where(excluded, NOT_A_MATCH, sum(WEIGHTS[n] * values[n] for n in WEIGHTS))
        return [self._match(int(i), offer, score, values, viewer_tier) for i in _top(score, k)]

    def _match(self, i, offer, score, values, viewer_tier) -> NeedMatch:
        need = self.rows[i]
        needed = max(
            need.capacity_ids,
            key=lambda c: (closeness(self.tree.distance(offer.capacity_id, c)), -c),
        )
        offset = need.utc_offset if need.location_tier <= viewer_tier else None
        parts = [capacity_part(offer.capacity_id, needed, self.tree, reverse=True)]
        if offer.level < need.desired_level:
            parts.append(("level_below", {"level": offer.level, "wanted": need.desired_level}))
        language = language_part(need.languages, dict(offer.languages))
        parts += [language] if language else []
        parts += place_parts(
            need.region, need.online, offset, offer.region, offer.online, offer.utc_offset
        )
        return NeedMatch(
            need_id=need.need_id,
            score=float(score[i]),
            components={name: float(values[name][i]) for name in WEIGHTS},
            parts=tuple(parts),
        )


def _columns(pairs: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    return ([a for a, _b in pairs], [b for _a, b in pairs])


def needs_for_offer(
    index: NeedIndex, offer: OfferRow, *, k: int = 20, viewer_tier: int = PRIVATE
) -> list[NeedMatch]:
    """The k open needs an offer answers best. The offer's own load and feedback count the
    same for every need, so they shift scores but never the order; an away or full provider
    still sees the needs (with load 0) rather than an empty list."""
    return index.rank(offer, k=k, viewer_tier=viewer_tier)
