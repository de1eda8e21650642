"""The map's supply side counted from matching's offer columns (one array entry per offer, in
every process already), instead of reading the offers again. Pure: no ORM.

Same counting rules as `capacity_map.aggregate` (which still counts the demand side, and is
the reference the tests compare this with): an offer counts under its capacity and every
ancestor; in its region's column and in ``online``; once per language it names.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from capacityhub.taxonomy.tree import Tree

from .capacity_map import ONLINE, CapacityAggregate, Matrix, NeedRow, aggregate


@dataclass(frozen=True)
class SupplyColumns:
    """The offers counted at one visibility level, one entry per offer."""

    capacity: np.ndarray  # capacity id
    region: np.ndarray  # position in the region columns; −1: none
    online: np.ndarray  # bool
    languages: np.ndarray  # (offers, width) language numbers; −1: an empty slot; repeats allowed
    language_codes: Sequence[str]  # language number → code ("" is never counted)


def _up(tree: Tree, ids: Sequence[int], index: dict[int, int]) -> np.ndarray:
    """(nodes, nodes): [d, a] = 1 when a is d or one of its ancestors. `up.T @ counts` rolls
    counts per capacity up the tree (an offer names one capacity, so nothing counts twice)."""
    up = np.zeros((len(ids), len(ids)), dtype=np.int64)
    for node in ids:
        d = index[node]
        up[d, d] = 1
        for above in tree.ancestors(node):
            if above in index:
                up[d, index[above]] = 1
    return up


def _nodes(capacity: np.ndarray, index: dict[int, int]) -> np.ndarray:
    """Node index per entry of `capacity` (−1: not in the tree)."""
    if not index:
        return np.full(len(capacity), -1, dtype=np.int64)
    known = np.array(sorted(index), dtype=np.int64)
    node = np.array([index[c] for c in known.tolist()], dtype=np.int64)
    at = np.minimum(np.searchsorted(known, capacity), len(known) - 1)
    return np.where(known[at] == capacity, node[at], -1)


def _distinct(languages: np.ndarray, codes: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(offer, language number) for each language an offer names, once each."""
    valid = languages >= 0
    empty = np.array([code == "" for code in codes] + [True], dtype=bool)
    valid &= ~empty[np.where(valid, languages, len(codes))]
    for j in range(1, languages.shape[1]):
        for k in range(j):
            valid[:, j] &= languages[:, j] != languages[:, k]
    offers, slots = np.nonzero(valid)
    return offers, languages[offers, slots].astype(np.int64)


def _need_languages(needs: Iterable[NeedRow], index: dict[int, int]) -> dict[str, int]:
    """How many counted needs name each language (for the order of the language columns)."""
    busy: dict[str, int] = {}
    for capacity_ids, _region, _online, languages in needs:
        if any(c in index for c in capacity_ids):
            for code in dict.fromkeys(languages or ()):
                if code:
                    busy[code] = busy.get(code, 0) + 1
    return busy


def aggregate_columns(
    *, tree: Tree, supply: SupplyColumns, needs: Sequence[NeedRow], regions: Sequence[str]
) -> CapacityAggregate:
    """What `capacity_map.aggregate` gives for the same offers and needs."""
    demand = aggregate(tree=tree, offers=(), needs=needs, regions=regions)
    ids, index = demand.capacity_ids, demand.index
    n, width = len(ids), len(regions) + 1
    up = _up(tree, ids, index)
    nodes = _nodes(np.asarray(supply.capacity, dtype=np.int64), index)
    keep = nodes >= 0
    node = nodes[keep]
    total = up.T @ np.bincount(node, minlength=n)
    region = np.asarray(supply.region, dtype=np.int64)[keep]
    has = region >= 0
    direct = np.bincount(node[has] * width + region[has], minlength=n * width).reshape(n, width)
    direct[:, -1] += np.bincount(node[np.asarray(supply.online, dtype=bool)[keep]], minlength=n)
    by_region = up.T @ direct

    codes = list(supply.language_codes)
    offers, numbers = _distinct(np.asarray(supply.languages)[keep], codes)
    spoken = np.bincount(node[offers] * len(codes) + numbers, minlength=n * len(codes))
    by_number = up.T @ spoken.reshape(n, len(codes)) if codes else np.zeros((n, 0), np.int64)
    offer_busy = np.bincount(numbers, minlength=len(codes))
    busy = _need_languages(needs, index)
    for number in np.flatnonzero(offer_busy).tolist():
        busy[codes[number]] = busy.get(codes[number], 0) + int(offer_busy[number])
    order = sorted(busy, key=lambda code: (-busy[code], code))
    number_of = {code: i for i, code in enumerate(codes)}
    wanted = demand.by_language
    at = {code: i for i, code in enumerate(wanted.columns)}
    supply_language = np.zeros((n, len(order)), dtype=np.int64)
    demand_language = np.zeros((n, len(order)), dtype=np.int64)
    for column, code in enumerate(order):
        if code in number_of and offer_busy[number_of[code]]:
            supply_language[:, column] = by_number[:, number_of[code]]
        if code in at:
            demand_language[:, column] = wanted.demand[:, at[code]]
    return CapacityAggregate(
        capacity_ids=ids,
        by_region=Matrix((*regions, ONLINE), by_region.astype(np.int64), demand.by_region.demand),
        by_language=Matrix(tuple(order), supply_language, demand_language),
        supply_total=total.astype(np.int64),
        demand_total=demand.demand_total,
        offers=int(keep.sum()),
        needs=demand.needs,
        skipped_offers=int((~keep).sum()),
        skipped_needs=demand.skipped_needs,
        index=index,
    )
