"""The indexes: every active offer (`ProviderIndex`) or every open need (`NeedIndex`) as NumPy
columns, built once and ranked for any number of needs or offers. The score is defined one value
at a time in `scoring.py`; these compute the same for thousands of rows at once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

import numpy as np

from capacityhub.taxonomy.tree import Tree

from .explanation import capacity_part, language_part, offer_parts, place_parts
from .scoring import (
    NO_LANGUAGE_ASKED,
    NOT_A_MATCH,
    PRIVATE,
    PROFICIENCY_WEIGHT,
    WEIGHTS,
    Match,
    NeedMatch,
    NeedRow,
    NeedSpec,
    OfferRow,
    ProviderKey,
    closeness,
    feedback_fit,
    languages_vector,
    level_vector,
    load_fit,
    overlap_vector,
    place_vector,
    top_indices,
)


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
        overlap = overlap_vector(np.where(sees_location, self.offset, np.nan), need.utc_offset)
        values = {
            "closeness": close,
            "level": level_vector(self.level, need.desired_level),
            "language": languages_vector(best, total) if need.languages else np.full(n, 0.5),
            "place": place_vector(same, need.online & self.online, overlap),
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
        for provider in top_indices(per_provider, k):
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
                    languages=tuple(code for code, _proficiency in offer.languages),
                )
            )
        return matches


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
        overlap = overlap_vector(np.where(sees, self.offset, np.nan), offer.utc_offset)
        same = (self.region == offer.region) & (self.region != "")
        load = load_fit(offer.active_connections, offer.max_connections, offer.away) or 0.0
        values = {
            "closeness": close,
            "level": level_vector(np.float64(offer.level), self.level),
            "language": np.where(
                self.asks_language, languages_vector(best, total), NO_LANGUAGE_ASKED
            ),
            "place": place_vector(same, self.online & offer.online, overlap),
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
        return [
            self._match(int(i), offer, score, values, viewer_tier) for i in top_indices(score, k)
        ]

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
