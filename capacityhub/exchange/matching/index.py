"""The provider index: every active offer as NumPy columns (`columns.py`), ranked for any
number of needs. The score is defined one value at a time in `scoring.py`; this computes the
same for hundreds of thousands of rows at once.

Only the rows whose capacity is in the need's tree are scored (a gather and a compare over
all rows, then the rest on that subset). The best provider of equal scores is the one with the
smallest provider key, and a provider's best offer of equal scores the one with the smallest
offer id: the order of the rows never matters, so a provider's offers can be replaced in place
(`replace_provider_rows`) and give the same result as a build from scratch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from capacityhub.taxonomy.tree import Tree

from .columns import NO_TIME_ZONE, OfferColumns, columns_from_rows, provider_code, provider_key
from .explanation import offer_parts
from .scoring import (
    NOT_A_MATCH,
    PRIVATE,
    UNKNOWN_OVERLAP,
    WEIGHTS,
    Match,
    NeedSpec,
    OfferRow,
    ProviderKey,
    closeness,
    languages_vector,
    level_vector,
    overlap_vector,
    place_vector,
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
    """The offers' columns and the taxonomy they are ranked in. Closeness vectors (indexed by
    capacity id) are memoised per set of capacities asked for."""

    def __init__(self, rows: Iterable[OfferRow] = (), tree: Tree | None = None):
        self.tree = tree
        self.columns = OfferColumns()
        rows = sorted(rows, key=lambda r: (r.provider, r.offer_id))
        if rows:
            self.columns.replace((), columns_from_rows(rows, self.columns))
        self._closeness_memo: dict[tuple[int, ...], tuple[np.ndarray, np.ndarray]] = {}

    @classmethod
    def from_columns(cls, columns: OfferColumns, tree: Tree) -> ProviderIndex:
        index = cls((), tree)
        index.columns = columns
        return index

    def __len__(self) -> int:
        return self.columns.live

    @property
    def providers(self) -> list[ProviderKey]:
        codes = np.unique(self.columns.pkey[self.columns.alive])
        return [provider_key(code) for code in codes]

    # Changes --------------------------------------------------------------------------------------

    def replace_provider_rows(self, providers: Iterable[ProviderKey], rows: Sequence[OfferRow]):
        """Every offer of `providers` replaced by `rows` (theirs, as now): in place."""
        codes = [provider_code(key) for key in providers]
        self.replace_columns(codes, columns_from_rows(rows, self.columns) if rows else {})

    def replace_columns(self, codes: Sequence[int], new: Mapping[str, np.ndarray]) -> None:
        self.columns.replace(codes, new)
        if len(self.columns) > 1024 and self.columns.live < len(self.columns) * 3 // 4:
            self.columns.compact()
        self._closeness_memo.clear()

    def with_activity(
        self, active: Mapping[ProviderKey, int], feedback: Mapping[ProviderKey, tuple[float, int]]
    ) -> ProviderIndex:
        """A copy with these connection counts and feedback (per provider; others: none)."""
        copy = ProviderIndex.from_columns(self.columns.copy(), self.tree)
        columns = copy.columns
        everyone = np.arange(len(columns))
        columns.set_activity(everyone, 0, 0.0, 0)
        for key in {*active, *feedback}:
            rows = np.flatnonzero(columns.pkey == provider_code(key))
            total, count = feedback.get(key, (0.0, 0))
            columns.set_activity(rows, active.get(key, 0), total, count)
        return copy

    # Ranking --------------------------------------------------------------------------------------

    def closeness_for(self, capacity_ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """Indexed by capacity id: closeness to the nearest capacity asked for, and which."""
        key = tuple(sorted(set(capacity_ids)))
        if key not in self._closeness_memo:
            if len(self._closeness_memo) > 512:
                self._closeness_memo.clear()
            present = np.unique(self.columns.capacity)
            size = int(max(present.max(initial=0), max(key, default=0))) + 1
            values, nearest = np.zeros(size), np.full(size, -1, dtype=np.int64)
            values[present], nearest[present] = _closeness_vector(self.tree, present.tolist(), key)
            self._closeness_memo[key] = values, nearest
        return self._closeness_memo[key]

    def candidates(self, need: NeedSpec, viewer_tier: int = PRIVATE) -> np.ndarray:
        """Live rows in the tree of a capacity the need asks for, of providers who take more,
        whose capacities the viewer may see."""
        c = self.columns
        close, _nearest = self.closeness_for(need.capacity_ids)
        open_ = c.alive & ~c.closed & (c.capacities_tier <= viewer_tier)
        return np.flatnonzero((close.take(c.capacity) > 0) & open_)

    def components(self, need: NeedSpec, viewer_tier: int, rows: np.ndarray):
        """Every component for `rows` (candidates), and which of them are not a match."""
        c = self.columns
        n = len(rows)
        close = self.closeness_for(need.capacity_ids)[0][c.capacity.take(rows, axis=0)]
        best, total = np.zeros(n), np.zeros(n)
        if need.languages:
            sees = (c.languages_tier.take(rows, axis=0) <= viewer_tier)[:, None]
            lang = c.lang.take(rows, axis=0)
            weight = np.where(
                sees, c.full_weight.take(rows, axis=0), c.public_weight.take(rows, axis=0)
            )
            for code in dict.fromkeys(need.languages):
                number = c.languages.get(code)
                if number >= 0:
                    w = sum(
                        np.where(lang[:, s] == number, weight[:, s], 0.0)
                        for s in range(lang.shape[1])
                    )
                    best, total = np.maximum(best, w), total + w
        sees_location = c.location_tier.take(rows, axis=0) <= viewer_tier
        region = np.where(
            sees_location, c.region.take(rows, axis=0), c.public_region.take(rows, axis=0)
        )
        same = region == c.regions.get(need.region) if need.region else np.zeros(n, bool)
        quarters = np.where(sees_location, c.quarters.take(rows, axis=0), NO_TIME_ZONE)
        values = {
            "closeness": close,
            "level": _level_table(need.desired_level)[c.level.take(rows, axis=0)],
            "language": languages_vector(best, total) if need.languages else np.full(n, 0.5),
            "place": place_vector(
                same, need.online & c.online.take(rows, axis=0), _overlap(quarters, need)
            ),
            "load": c.load.take(rows, axis=0),
            "feedback": c.feedback.take(rows, axis=0),
        }  # fmt: skip
        excluded = c.closed.take(rows, axis=0) | (
            c.capacities_tier.take(rows, axis=0) > viewer_tier
        )
        if need.excluded:
            codes = np.array([provider_code(key) for key in need.excluded], dtype=np.int64)
            excluded |= np.isin(c.pkey.take(rows, axis=0), codes)
        if need.languages:
            excluded |= best <= 0
        return values, excluded

    def scores(self, need: NeedSpec, viewer_tier: int = PRIVATE) -> tuple[np.ndarray, dict]:
        """Per row (all of them, dead ones too): the score (NOT_A_MATCH when excluded) and
        the components (zero outside the need's tree)."""
        n = len(self.columns)
        score = np.full(n, NOT_A_MATCH)
        values = {name: np.zeros(n) for name in WEIGHTS}
        rows = self.candidates(need, viewer_tier) if need.capacity_ids else np.zeros(0, int)
        if len(rows):
            subset, excluded = self.components(need, viewer_tier, rows)
            for name in WEIGHTS:
                values[name][rows] = subset[name]
            total = sum(WEIGHTS[name] * subset[name] for name in WEIGHTS)
            score[rows] = np.where(excluded, NOT_A_MATCH, total)
        return score, values

    def best_rows(self, need: NeedSpec, k: int, viewer_tier: int = PRIVATE):
        """The best row of each of the k best providers, best first; their scores and
        components. Scores the close rows first (closeness ≥ CLOSE_FIRST): the k-th best
        provider's score among them is a floor, and a row whose closeness cannot reach it
        even with every other component at 1 is never scored."""
        rows = self.candidates(need, viewer_tier)
        close = self.closeness_for(need.capacity_ids)[0].take(self.columns.capacity.take(rows))
        bound = WEIGHTS["closeness"] * close + (1 - WEIGHTS["closeness"]) + BOUND_SLACK
        near = close >= CLOSE_FIRST
        if near.sum() < len(rows):
            floor = self._best_of(need, k, viewer_tier, rows[near])[1]
            if len(floor) == k:
                rows = rows[bound >= floor[-1]]
        return self._best_of(need, k, viewer_tier, rows)

    def _best_of(self, need: NeedSpec, k: int, viewer_tier: int, rows: np.ndarray):
        values, excluded = self.components(need, viewer_tier, rows)
        score = sum(WEIGHTS[name] * values[name] for name in WEIGHTS)
        kept = np.flatnonzero(~excluded)
        chosen = kept[_top_per_provider(self.columns, rows[kept], score[kept], k)]
        return rows[chosen], score[chosen], {name: v[chosen] for name, v in values.items()}

    def rank(self, need: NeedSpec, *, k: int = 20, viewer_tier: int = PRIVATE) -> list[Match]:
        if not self.columns.live or not need.capacity_ids or k <= 0:
            return []
        rows, score, values = self.best_rows(need, k, viewer_tier)
        _close, nearest = self.closeness_for(need.capacity_ids)
        matches = []
        for j, row in enumerate(rows.tolist()):
            offer = self.columns.offer_row(row).seen_at(viewer_tier)
            matches.append(
                Match(
                    provider=offer.provider,
                    offer_id=offer.offer_id,
                    capacity_id=offer.capacity_id,
                    score=float(score[j]),
                    components={name: float(values[name][j]) for name in WEIGHTS},
                    parts=offer_parts(need, offer, int(nearest[offer.capacity_id]), self.tree),
                    languages=tuple(code for code, _proficiency in offer.languages),
                )
            )
        return matches


LEVELS = np.arange(8, dtype=np.float64)
CLOSE_FIRST = closeness(1)  # the capacity asked for, its parent and its children
BOUND_SLACK = 1e-9  # rounding: a row tied with the floor is scored
QUARTERS = np.arange(-64, 65)  # UTC offsets from −16 to +16 hours, in quarter hours


def _level_table(wanted: int) -> np.ndarray:
    return level_vector(LEVELS, wanted)


def _overlap(quarters: np.ndarray, need: NeedSpec) -> np.ndarray:
    """Time zone overlap by table: computed once per possible offset, then gathered."""
    if need.utc_offset is None:
        return overlap_vector(np.zeros(len(quarters)), None)
    table = np.r_[overlap_vector(QUARTERS / 4, need.utc_offset), UNKNOWN_OVERLAP]
    known = (quarters >= QUARTERS[0]) & (quarters <= QUARTERS[-1])
    return table[np.where(known, quarters - QUARTERS[0], len(QUARTERS))]


def _top_per_provider(columns: OfferColumns, rows, score: np.ndarray, k: int) -> np.ndarray:
    """Positions (into `rows`) of the best row of each of the k best providers, best first:
    ties by provider key, then offer id. Looks at the best few rows first and widens only when
    they hold fewer than k providers; every row tied at the threshold is looked at."""
    wanted = min(len(score), 4 * k)
    while True:
        if wanted < len(score):
            threshold = np.partition(score, len(score) - wanted)[len(score) - wanted]
            positions = np.flatnonzero(score >= threshold)
        else:
            positions = np.arange(len(score))
        pkey = columns.pkey[rows[positions]]
        order = np.lexsort((columns.offer_id[rows[positions]], pkey, -score[positions]))
        positions, pkey = positions[order], pkey[order]
        _unique, first = np.unique(pkey, return_index=True)
        if len(first) >= k or len(positions) == len(score):
            return positions[np.sort(first)][:k]
        wanted *= 4
