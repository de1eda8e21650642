"""Reads of the capacity map: supply (active offers) against demand (open needs).

Visibility: the map is computed per *visibility level* — public (anonymous), members (signed
in), private (staff) — never per person, so it can be cached and shared:
- a person's offer counts only if their capacities are visible at that level (organizations'
  offers are public); an inactive account's offers never count;
- a need counts only if its own visibility is within the level. A member's own private needs
  are visible to them elsewhere, but are left off their map so that the map stays the same for
  every member (and cacheable); staff see everything.

Cost: three queries (offers, needs with their capacities, and the tree / labels when their own
cache is cold), whatever the number of rows; the counted result is cached for five minutes per
level (see `CACHE_SECONDS`). Every filter — root, depth, view, regions, languages — is applied
to that cached result, so each (level, filters) pair is at most five minutes old and costs no
query after the first.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from capacityhub.community.models import Relation
from capacityhub.community.visibility import shared_levels
from capacityhub.core.languages import is_language, language_name
from capacityhub.core.models import Visibility
from capacityhub.core.regions import REGIONS, region_name, region_of
from capacityhub.exchange.capacity_map import (
    LANGUAGE_VIEW,
    ONLINE,
    REGION_VIEW,
    VIEWS,
    CapacityAggregate,
    aggregate,
    gap,
)
from capacityhub.exchange.capacity_map_columns import aggregate_columns
from capacityhub.exchange.models import Need, Offer
from capacityhub.exchange.selectors.capacity_map_supply import supply_columns
from capacityhub.taxonomy.selectors import capacity_code_map, capacity_labels, taxonomy_tree
from capacityhub.taxonomy.tree import Tree

CACHE_SECONDS = 300
CACHE_KEY = "exchange:capacity-map:{level}"
MAX_DEPTH = 6
DEFAULT_DEPTH = 2
DEFAULT_LANGUAGE_COLUMNS = 12
LEVELS = (Visibility.PUBLIC, Visibility.MEMBERS, Visibility.PRIVATE)
SNAPSHOT_FORMAT = 1


@dataclass(frozen=True)
class MapChange:
    """How a cell changed since a snapshot: now minus then."""

    supply: int
    demand: int
    gap: float


@dataclass(frozen=True)
class MapCell:
    supply: int
    demand: int
    gap: float
    change: MapChange | None = None


@dataclass(frozen=True)
class MapColumn:
    key: str  # region code, "online", or a language code
    label: str


@dataclass(frozen=True)
class MapRow:
    capacity_id: int
    code: str
    label: str
    label_language: str
    depth: int  # 0 for the top rows shown
    supply: int  # distinct offers under this capacity, whatever their region or language
    demand: int
    gap: float
    cells: tuple[MapCell, ...]
    change: MapChange | None = None


@dataclass(frozen=True)
class CapacityMap:
    view: str
    root: str | None
    depth: int
    level: str  # the visibility level it was computed for
    columns: tuple[MapColumn, ...]
    rows: tuple[MapRow, ...]
    offers: int  # offers and needs counted at this level, in the whole tree
    needs: int
    computed_at: datetime
    compared_with: date | None = None

    @property
    def cells(self) -> tuple[tuple[MapCell, ...], ...]:
        return tuple(row.cells for row in self.rows)


def viewer_level(viewer) -> str:
    """The widest visibility level `viewer` sees on other people's things."""
    levels = set(shared_levels(viewer))
    return next(level for level in reversed(LEVELS) if level in levels)


# Reading the database --------------------------------------------------------------------------


def _levels_up_to(level: str) -> list[str]:
    return list(LEVELS[: LEVELS.index(level) + 1])


def _fetch(queryset) -> list[tuple]:
    """The rows of a values_list queryset, run as its own SQL on a plain cursor.

    Skipping Django's per-row converters halves the map's cost from scratch: decoding 30,000
    `languages` JSON lists one by one was most of it. `_languages` decodes each distinct JSON
    text once instead (a few dozen texts for tens of thousands of rows)."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class _Languages(dict):
    """Raw `languages` column value → tuple of codes, memoised per distinct value."""

    def __missing__(self, raw) -> tuple[str, ...]:
        try:
            value = json.loads(raw) if isinstance(raw, str) else raw
        except ValueError:
            value = None
        codes = tuple(c for c in value if isinstance(c, str)) if isinstance(value, list) else ()
        self[raw] = codes
        return codes


def offer_rows(levels: list[str]) -> list[tuple[int, str, bool, tuple[str, ...]]]:
    """(capacity, region, online, languages) of the offers counted at `levels`. The region
    follows matching's rule: the offer's own, else the person's country's region where their
    location may be seen at these levels, else an organization's region."""
    visible = Q(claim__organization__isnull=False) | Q(
        claim__profile__capacities_visibility__in=levels, claim__profile__user__is_active=True
    )
    rows = (
        Offer.objects.filter(visible, is_active=True, claim__relation=Relation.OFFERS)
        .order_by()
        .values_list(
            "claim__capacity_id", "region", "online", "languages", "claim__profile__country",
            "claim__profile__location_visibility", "claim__organization__region",
        )
    )  # fmt: skip
    languages = _Languages()
    places = _Places(levels)
    return [
        (capacity_id, region or places[(country, shown, org_region)], bool(online),
         languages[_hashable(raw)])
        for capacity_id, region, online, raw, country, shown, org_region in _fetch(rows)
    ]  # fmt: skip


class _Places(dict):
    """(country, who may see the location, organization's region) → region, memoised."""

    def __init__(self, levels: list[str]):
        super().__init__()
        self.levels = set(levels)

    def __missing__(self, key) -> str:
        country, shown, org_region = key
        found = org_region or (region_of(country) if shown in self.levels else "") or ""
        self[key] = found
        return found


def _hashable(raw):
    # SQLite gives JSON as text; PostgreSQL's driver gives it decoded (a list).
    return tuple(raw) if isinstance(raw, list) else raw


def need_rows(levels: list[str]):
    """[(capacity ids, region, online, languages)] from one query over need × capacity."""
    today = timezone.localdate()
    rows = (
        Need.objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today),
            status__in=[Need.Status.OPEN, Need.Status.IN_PROGRESS],
            visibility__in=levels,
        )
        .order_by()
        .values_list("id", "capacities", "region", "online", "languages")
    )
    languages = _Languages()
    needs: dict[int, tuple[list[int], str, bool, tuple[str, ...]]] = {}
    for need_id, capacity_id, region, online, raw in _fetch(rows):
        if capacity_id is None:
            continue
        need = needs.get(need_id)
        if need is None:
            needs[need_id] = ([capacity_id], region, bool(online), languages[_hashable(raw)])
        else:
            need[0].append(capacity_id)
    return list(needs.values())


def map_aggregate_compute(*, level: str, tree: Tree | None = None) -> CapacityAggregate:
    """The counts at one visibility level (no cache): offers from matching's columns, needs
    from one query."""
    return aggregate_columns(
        tree=tree or taxonomy_tree(),
        supply=supply_columns(level),
        needs=need_rows(_levels_up_to(level)),
        regions=tuple(REGIONS),
    )


def map_aggregate_query(*, level: str, tree: Tree | None = None) -> CapacityAggregate:
    """The same counts with the offers read by their own query (the reference in tests)."""
    levels = _levels_up_to(level)
    return aggregate(
        tree=tree or taxonomy_tree(),
        offers=offer_rows(levels),
        needs=need_rows(levels),
        regions=tuple(REGIONS),
    )


def map_aggregate(*, level: str) -> tuple[CapacityAggregate, datetime]:
    key = CACHE_KEY.format(level=level)
    cached = cache.get(key)
    if cached is None:
        cached = (map_aggregate_compute(level=level), timezone.now())
        cache.set(key, cached, CACHE_SECONDS)
    return cached


def map_languages(*, viewer) -> tuple[str, ...]:
    """Languages with at least one offer or need the viewer may count, busiest first."""
    counts, _computed_at = map_aggregate(level=viewer_level(viewer))
    return counts.by_language.columns


def map_cache_clear() -> None:
    cache.delete_many([CACHE_KEY.format(level=level) for level in LEVELS])


# Shaping: rows, columns, cells -----------------------------------------------------------------


def _root_id(root: str | None) -> int | None:
    if not root:
        return None
    capacity_id = capacity_code_map().get(root)
    if capacity_id is None or capacity_id not in taxonomy_tree().parent:
        raise ValidationError({"root": _("Unknown capacity “%s”.") % root})
    return capacity_id


def _row_ids(tree: Tree, root_id: int | None, depth: int) -> list[tuple[int, int]]:
    """(capacity id, depth) in display order: `depth` levels from the root (or the top)."""
    found: list[tuple[int, int]] = []
    stack = [(node, 0) for node in reversed([root_id] if root_id else tree.roots())]
    while stack:
        node, level = stack.pop()
        found.append((node, level))
        if level + 1 < depth:
            stack.extend((child, level + 1) for child in reversed(tree.children.get(node, ())))
    return found


def _column_keys(view: str, present: tuple[str, ...], regions, languages) -> list[str]:
    if view == REGION_VIEW:
        keys = [*REGIONS, ONLINE]
        if regions:
            unknown = [r for r in regions if r not in keys]
            if unknown:
                raise ValidationError({"region": _("Unknown region “%s”.") % unknown[0]})
            keys = [key for key in keys if key in set(regions)]
        return keys
    if languages:
        unknown = [code for code in languages if not is_language(code)]
        if unknown:
            raise ValidationError({"language": _("Unknown language “%s”.") % unknown[0]})
        return list(dict.fromkeys(languages))
    return list(present[:DEFAULT_LANGUAGE_COLUMNS])


def _column_label(view: str, key: str, language: str) -> str:
    if view == LANGUAGE_VIEW:
        return language_name(key, language)
    return _("Online") if key == ONLINE else region_name(key)


def _check(view: str, depth: int) -> None:
    if view not in VIEWS:
        raise ValidationError({"view": _("Choose “region” or “language”.")})
    if not 1 <= depth <= MAX_DEPTH:
        raise ValidationError(
            {"depth": _("Depth must be between 1 and %(most)d.") % {"most": MAX_DEPTH}}
        )


def capacity_map(
    *,
    viewer,
    root: str | None = None,
    depth: int = DEFAULT_DEPTH,
    view: str = REGION_VIEW,
    regions=None,
    languages=None,
) -> CapacityMap:
    """The map as `viewer` may see it: rows from `root` (a capacity code; None = the top of
    the tree) down `depth` levels, one column per region (+ online) or per language."""
    _check(view, depth)
    level = viewer_level(viewer)
    counts, computed_at = map_aggregate(level=level)
    root_id = _root_id(root)
    matrix = counts.matrix(view)
    keys = _column_keys(view, matrix.columns, regions, languages)
    positions = {key: i for i, key in enumerate(matrix.columns)}
    language = (get_language() or "en").split("-")[0]
    labels, codes = capacity_labels(language), codes_by_id()
    rows = []
    for capacity_id, row_depth in _row_ids(taxonomy_tree(), root_id, depth):
        rows.append(_row(counts, matrix, capacity_id, row_depth, keys, positions, labels, codes))
    return CapacityMap(
        view=view,
        root=root or None,
        depth=depth,
        level=level,
        columns=tuple(MapColumn(key, _column_label(view, key, language)) for key in keys),
        rows=tuple(rows),
        offers=counts.offers,
        needs=counts.needs,
        computed_at=computed_at,
    )


def codes_by_id() -> dict[int, str]:
    return {cid: code for code, cid in capacity_code_map().items()}


def _row(counts, matrix, capacity_id, depth, keys, positions, labels, codes) -> MapRow:
    node = counts.index.get(capacity_id)  # None: a capacity added since the counts were made
    cells = []
    for key in keys:
        column = positions.get(key)
        if node is None or column is None:
            supply = demand = 0
        else:
            supply, demand = int(matrix.supply[node, column]), int(matrix.demand[node, column])
        cells.append(MapCell(supply, demand, gap(demand, supply)))
    supply = 0 if node is None else int(counts.supply_total[node])
    demand = 0 if node is None else int(counts.demand_total[node])
    label = labels.get(capacity_id)
    code = codes.get(capacity_id, str(capacity_id))
    return MapRow(
        capacity_id=capacity_id,
        code=code,
        label=label.label if label else code,
        label_language=label.language if label else "en",
        depth=depth,
        supply=supply,
        demand=demand,
        gap=gap(demand, supply),
        cells=tuple(cells),
    )
