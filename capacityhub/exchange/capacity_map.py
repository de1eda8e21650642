"""The capacity map as plain data: supply (active offers) against demand (open needs) per
capacity × region and per capacity × language, rolled up the capacity tree. Pure: no ORM.

Counting rules (what one number in a cell means):

- An *item* is one offer or one need. It counts **once** in a cell: a need naming both
  "grant writing" and "grant reporting" counts once under "fundraising" and once under
  "organizational", not twice.
- **Roll-up**: an item counts under each capacity it names and under every ancestor of it.
- **Region columns**: the eight funding regions plus ``online``. An item counts in its region's
  column (if it names one) and in ``online`` if it may happen online; so it may count in two
  columns of a row, and a row's cells do not add up to its total.
- **Language columns**: an item counts in the column of each language it accepts or offers.
- **Totals**: a row's total is the number of distinct items under that capacity, whichever
  columns they fall in (an item with no region that is not online still counts there).
  `offers` / `needs` are the number of items that reached at least one capacity of the tree.
- **Gap** per cell: ``(demand − supply) / (demand + supply + 1)``, strictly between −1 and 1.
  Positive: demand outruns supply; negative: supply outruns demand; 0: balanced (or empty).
  The "+1" keeps small numbers modest (1 need, 0 offers → 0.5, not 1) and makes an empty cell
  0. Adding an offer never raises a gap; adding a need never lowers one.

The heavy lifting is NumPy: items are expanded to (item, capacity) pairs, then to (item,
ancestor) pairs through a precomputed closure, de-duplicated, crossed with each item's
columns and counted with ``np.bincount`` — tens of milliseconds for 30,000 items.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain

import numpy as np

from capacityhub.taxonomy.tree import Tree

ONLINE = "online"
REGION_VIEW = "region"
LANGUAGE_VIEW = "language"
VIEWS = (REGION_VIEW, LANGUAGE_VIEW)

# (capacity id, region code or "", online, language codes)
OfferRow = tuple[int, str, bool, Sequence[str]]
# (capacity ids, region code or "", online, language codes)
NeedRow = tuple[Sequence[int], str, bool, Sequence[str]]


def gap(demand, supply):
    """(demand − supply) / (demand + supply + 1): works on numbers and on NumPy arrays."""
    demand = np.asarray(demand, dtype=np.float64)
    supply = np.asarray(supply, dtype=np.float64)
    result = (demand - supply) / (demand + supply + 1.0)
    return float(result) if result.ndim == 0 else result


@dataclass(frozen=True)
class Matrix:
    """Counts for one view: rows follow `CapacityAggregate.capacity_ids`, columns `columns`."""

    columns: tuple[str, ...]
    supply: np.ndarray  # int64, (capacities, columns)
    demand: np.ndarray

    def gaps(self) -> np.ndarray:
        return gap(self.demand, self.supply)


@dataclass(frozen=True)
class CapacityAggregate:
    capacity_ids: tuple[int, ...]
    by_region: Matrix
    by_language: Matrix
    supply_total: np.ndarray  # int64, (capacities,): distinct offers under each capacity
    demand_total: np.ndarray
    offers: int  # offers counted (their capacity is in the tree)
    needs: int
    skipped_offers: int = 0  # capacity unknown to the tree (e.g. deactivated)
    skipped_needs: int = 0
    index: dict[int, int] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not self.index:
            self.index.update({cid: i for i, cid in enumerate(self.capacity_ids)})

    def matrix(self, view: str) -> Matrix:
        return self.by_language if view == LANGUAGE_VIEW else self.by_region


# Sparse lists as (pointers, flat values) -------------------------------------------------------


def _csr(lists: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Row pointers and flat values of a list of int lists (compressed sparse rows)."""
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    pointers = np.zeros(len(lists) + 1, dtype=np.int64)
    np.cumsum(lengths, out=pointers[1:])
    flat = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=int(pointers[-1]))
    return pointers, flat


def _expand(pointers: np.ndarray, flat: np.ndarray, owners: np.ndarray):
    """For each position p of `owners`, every value of list `owners[p]`: (positions, values)."""
    starts = pointers[owners]
    lengths = pointers[owners + 1] - starts
    positions = np.repeat(np.arange(len(owners), dtype=np.int64), lengths)
    first = np.cumsum(lengths) - lengths
    offsets = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(first, lengths)
    return positions, flat[starts[positions] + offsets]


class _Signatures:
    """Distinct column lists ("signatures"): thousands of items share a few dozen of them, so
    each item keeps one small integer and the column lists are stored once."""

    def __init__(self) -> None:
        self.ids: dict[object, int] = {}
        # Id 0 is an unused empty list, so that every real id is truthy in the hot loop.
        self.columns: list[list[int]] = [[]]

    def get(self, key, columns) -> int:
        found = self.ids.get(key)
        if found is None:
            found = self.ids[key] = len(self.columns)
            self.columns.append(columns())
        return found

    def csr(self) -> tuple[np.ndarray, np.ndarray]:
        return _csr(self.columns)


class _Columns:
    """Turns an item's region, online flag and languages into signature ids."""

    def __init__(self, regions: Sequence[str]) -> None:
        self.region_index = {code: i for i, code in enumerate(regions)}
        self.online = len(regions)
        self.language_index: dict[str, int] = {}
        self.by_region = _Signatures()
        self.by_language = _Signatures()

    def region(self, region: str, online: bool) -> int:
        return self.by_region.get((region, online), lambda: self._regions(region, online))

    def _regions(self, region: str, online: bool) -> list[int]:
        found = self.region_index.get(region or "")
        columns = [] if found is None else [found]
        return [*columns, self.online] if online else columns

    def language(self, codes: Sequence[str]) -> int:
        key = tuple(codes or ())
        return self.by_language.get(key, lambda: self._languages(key))

    def _languages(self, codes: tuple[str, ...]) -> list[int]:
        index = self.language_index
        return [index.setdefault(code, len(index)) for code in dict.fromkeys(codes) if code]


@dataclass
class _Items:
    """Items reduced to node indices and signature ids, ready to count."""

    capacities: list = field(default_factory=list)  # one node index, or a list of them
    regions: list[int] = field(default_factory=list)
    languages: list[int] = field(default_factory=list)
    skipped: int = 0


# Counting --------------------------------------------------------------------------------------


def _closure(tree: Tree, ids: Sequence[int], index: dict[int, int]):
    """Each capacity with its ancestors, as node indices (CSR)."""
    return _csr(
        [[index[node], *(index[up] for up in tree.ancestors(node) if up in index)] for node in ids]
    )


def _item_nodes(items: _Items, closure, single: bool) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (item, node) pairs: every capacity an item names, and its ancestors."""
    if single:  # offers: one capacity each, so the pairs are distinct already
        named = np.fromiter(items.capacities, dtype=np.int64, count=len(items.capacities))
        return _expand(*closure, named)
    pointers, flat = _csr(items.capacities)
    owners = np.repeat(np.arange(len(items.capacities), dtype=np.int64), np.diff(pointers))
    positions, nodes = _expand(*closure, flat)
    item_ids = owners[positions]
    if len(flat) > len(items.capacities):  # some item names several capacities: drop repeats
        width = len(closure[0])
        keys = np.unique(item_ids * width + nodes)
        item_ids, nodes = keys // width, keys % width
    return item_ids, nodes


def _cells(item_ids, nodes, signature_of_item, signatures, shape) -> np.ndarray:
    owners = np.asarray(signature_of_item, dtype=np.int64)[item_ids]
    positions, columns = _expand(*signatures, owners)
    cells = np.bincount(nodes[positions] * shape[1] + columns, minlength=shape[0] * shape[1])
    return cells.reshape(shape).astype(np.int64)


def _count(items: _Items, closure, columns: "_Columns", shapes, single: bool):
    n_nodes, n_regions, n_languages = shapes
    if not items.capacities:
        return (
            np.zeros(n_nodes, dtype=np.int64),
            np.zeros((n_nodes, n_regions), dtype=np.int64),
            np.zeros((n_nodes, n_languages), dtype=np.int64),
        )
    item_ids, nodes = _item_nodes(items, closure, single)
    total = np.bincount(nodes, minlength=n_nodes).astype(np.int64)
    region_csr, language_csr = columns.by_region.csr(), columns.by_language.csr()
    by_region = _cells(item_ids, nodes, items.regions, region_csr, (n_nodes, n_regions))
    by_language = _cells(item_ids, nodes, items.languages, language_csr, (n_nodes, n_languages))
    return total, by_region, by_language


def _nodes(capacity_ids: Sequence[int], index: dict[int, int]) -> list[int]:
    if len(capacity_ids) == 1:
        node = index.get(capacity_ids[0])
        return [] if node is None else [node]
    return list(dict.fromkeys(index[c] for c in capacity_ids if c in index))


def _read(offers: Iterable[OfferRow], needs: Iterable[NeedRow], index, columns: _Columns):
    # The hot loop of the module: plain dict look-ups first, the slow path only for a
    # combination of region / languages not met before.
    supply, demand = _Items(), _Items()
    region_ids, language_ids = columns.by_region.ids, columns.by_language.ids
    for capacity_id, region, online, languages in offers:
        node = index.get(capacity_id)
        if node is None:
            supply.skipped += 1
            continue
        supply.capacities.append(node)
        key = languages if languages.__class__ is tuple else tuple(languages or ())
        supply.regions.append(region_ids.get((region, online)) or columns.region(region, online))
        supply.languages.append(language_ids.get(key) or columns.language(key))
    for capacity_ids, region, online, languages in needs:
        nodes = _nodes(capacity_ids, index)
        if not nodes:
            demand.skipped += 1
            continue
        demand.capacities.append(nodes)
        key = languages if languages.__class__ is tuple else tuple(languages or ())
        demand.regions.append(region_ids.get((region, online)) or columns.region(region, online))
        demand.languages.append(language_ids.get(key) or columns.language(key))
    return supply, demand


def aggregate(
    *,
    tree: Tree,
    offers: Iterable[OfferRow],
    needs: Iterable[NeedRow],
    regions: Sequence[str],
) -> CapacityAggregate:
    """Count supply and demand per capacity (rolled up) × region and × language.

    `regions` are the region codes of the region columns, in order; ``online`` is added as the
    last region column. Language columns are every language met, busiest first."""
    ids = tuple(tree.parent)
    index = {cid: i for i, cid in enumerate(ids)}
    closure = _closure(tree, ids, index)
    columns = _Columns(regions)
    supply, demand = _read(offers, needs, index, columns)
    shapes = (len(ids), len(regions) + 1, len(columns.language_index))
    supply_total, supply_region, supply_language = _count(supply, closure, columns, shapes, True)
    demand_total, demand_region, demand_language = _count(demand, closure, columns, shapes, False)
    order, languages = _language_order(columns, supply, demand)
    return CapacityAggregate(
        capacity_ids=ids,
        by_region=Matrix((*regions, ONLINE), supply_region, demand_region),
        by_language=Matrix(languages, supply_language[:, order], demand_language[:, order]),
        supply_total=supply_total,
        demand_total=demand_total,
        offers=len(supply.capacities),
        needs=len(demand.capacities),
        skipped_offers=supply.skipped,
        skipped_needs=demand.skipped,
        index=index,
    )


def _language_order(columns: _Columns, supply: _Items, demand: _Items):
    """Language columns busiest first (offers + needs that name them), then by code."""
    n_languages = len(columns.language_index)
    pointers, flat = columns.by_language.csr()
    n_signatures = len(pointers) - 1
    used = np.zeros(n_signatures, dtype=np.int64)
    for items in (supply, demand):
        if items.languages:
            used += np.bincount(items.languages, minlength=n_signatures)
    busy = np.bincount(flat, weights=np.repeat(used, np.diff(pointers)), minlength=n_languages)
    codes = list(columns.language_index)
    order = sorted(range(n_languages), key=lambda i: (-int(busy[i]), codes[i]))
    return np.asarray(order, dtype=np.int64), tuple(codes[i] for i in order)
