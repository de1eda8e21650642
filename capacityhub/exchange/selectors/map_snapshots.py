"""Monthly snapshots of the capacity map, and the current map compared with one of them."""

from dataclasses import replace
from datetime import date, datetime

from capacityhub.exchange.capacity_map import VIEWS, CapacityAggregate, gap
from capacityhub.exchange.models import MapSnapshot

from .capacity_map import (
    DEFAULT_DEPTH,
    REGION_VIEW,
    SNAPSHOT_FORMAT,
    CapacityMap,
    MapChange,
    capacity_map,
    codes_by_id,
)


def snapshot_data(counts_by_level: dict[str, CapacityAggregate], taken_at: datetime) -> dict:
    """What a MapSnapshot stores: per level and view, the non-zero cells keyed by capacity
    code and column key, so a snapshot still reads after capacities are added or moved."""
    codes = codes_by_id()
    levels = {}
    for level, counts in counts_by_level.items():
        views = {}
        for view in VIEWS:
            matrix = counts.matrix(view)
            rows = {}
            for node, capacity_id in enumerate(counts.capacity_ids):
                total = [int(counts.supply_total[node]), int(counts.demand_total[node])]
                if capacity_id not in codes or total == [0, 0]:
                    continue
                cells = {
                    key: [int(matrix.supply[node, i]), int(matrix.demand[node, i])]
                    for i, key in enumerate(matrix.columns)
                    if matrix.supply[node, i] or matrix.demand[node, i]
                }
                rows[codes[capacity_id]] = {"total": total, "cells": cells}
            views[view] = rows
        levels[level] = {"offers": counts.offers, "needs": counts.needs, "views": views}
    return {"format": SNAPSHOT_FORMAT, "taken_at": taken_at.isoformat(), "levels": levels}


def map_snapshot_months() -> list[date]:
    """Months with a snapshot, newest first."""
    return list(MapSnapshot.objects.values_list("month", flat=True))


def map_snapshot_list():
    """Snapshots newest first, without their (large) data."""
    return MapSnapshot.objects.defer("data").order_by("-month")


def map_snapshot_get(*, month: date) -> MapSnapshot:
    return MapSnapshot.objects.get(month=month.replace(day=1))


def _difference(now_supply: int, now_demand: int, then) -> MapChange:
    then_supply, then_demand = then or (0, 0)
    return MapChange(
        supply=now_supply - then_supply,
        demand=now_demand - then_demand,
        gap=gap(now_demand, now_supply) - gap(then_demand, then_supply),
    )


def map_snapshots(
    *,
    viewer,
    month: date,
    root: str | None = None,
    depth: int = DEFAULT_DEPTH,
    view: str = REGION_VIEW,
    regions=None,
    languages=None,
) -> CapacityMap:
    """The current map, each cell and row with its change since the snapshot of `month`
    (at the viewer's visibility level). Raises MapSnapshot.DoesNotExist for a missing month."""
    current = capacity_map(
        viewer=viewer, root=root, depth=depth, view=view, regions=regions, languages=languages
    )
    snapshot = map_snapshot_get(month=month)
    then = snapshot.data.get("levels", {}).get(current.level, {}).get("views", {}).get(view, {})
    rows = []
    for row in current.rows:
        old = then.get(row.code, {})
        old_cells = old.get("cells", {})
        cells = tuple(
            replace(cell, change=_difference(cell.supply, cell.demand, old_cells.get(column.key)))
            for column, cell in zip(current.columns, row.cells, strict=True)
        )
        change = _difference(row.supply, row.demand, old.get("total"))
        rows.append(replace(row, cells=cells, change=change))
    return replace(current, rows=tuple(rows), compared_with=snapshot.month)
