"""The capacity map as plain JSON-ready data: the API, the page's JSON download and its CSV
share one shape."""

from capacityhub.exchange.selectors.capacity_map import CapacityMap, MapChange


def capacity_map_dict(result: CapacityMap) -> dict:
    """The map as plain JSON-ready data (the API, the JSON download and the CSV share it)."""

    def change(value: MapChange | None):
        if value is None:
            return None
        return {"supply": value.supply, "demand": value.demand, "gap": round(value.gap, 4)}

    return {
        "view": result.view,
        "root": result.root,
        "depth": result.depth,
        "computed_at": result.computed_at.isoformat(),
        "compared_with": result.compared_with.strftime("%Y-%m") if result.compared_with else None,
        "offers": result.offers,
        "needs": result.needs,
        "columns": [{"key": c.key, "label": c.label} for c in result.columns],
        "rows": [
            {
                "capacity": row.code,
                "label": row.label,
                "label_language": row.label_language,
                "depth": row.depth,
                "supply": row.supply,
                "demand": row.demand,
                "gap": round(row.gap, 4),
                "change": change(row.change),
                "cells": [
                    {
                        "column": column.key,
                        "supply": cell.supply,
                        "demand": cell.demand,
                        "gap": round(cell.gap, 4),
                        "change": change(cell.change),
                    }
                    for column, cell in zip(result.columns, row.cells, strict=True)
                ],
            }
            for row in result.rows
        ],
    }
