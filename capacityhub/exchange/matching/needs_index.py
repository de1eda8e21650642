"""The open-needs index (the reverse view): which open needs an offer could answer."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from capacityhub.taxonomy.tree import Tree

from .explanation import capacity_part, language_part, place_parts
from .index import _closeness_vector, _vocabulary
from .scoring import (
    NO_LANGUAGE_ASKED,
    NOT_A_MATCH,
    PRIVATE,
    PROFICIENCY_WEIGHT,
    WEIGHTS,
    NeedMatch,
    NeedRow,
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
