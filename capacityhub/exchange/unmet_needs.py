"""The largest unmet needs on the capacity map: a ranked list readable on any screen.

Pure: works on rows in the map's depth-first order (anything with `depth`, `demand`,
`supply`). A broader capacity counts everything beneath it, so only the most specific rows
shown (those with no narrower row under them) are ranked, and nothing is counted twice.
Rows with fewer than `min_demand` open needs are left out: too few to call a gap.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Unmet:
    row: Any
    unmet: int  # open needs beyond the offers: demand − supply
    demand_share: float  # 0..1 of the largest demand in the list, for drawing bars
    supply_share: float


def _leaves(rows: Sequence[Any]) -> list[Any]:
    leaves = []
    for n, row in enumerate(rows):
        following = rows[n + 1] if n + 1 < len(rows) else None
        if following is None or following.depth <= row.depth:
            leaves.append(row)
    return leaves


def largest_unmet(rows: Sequence[Any], *, limit: int = 10, min_demand: int = 2) -> list[Unmet]:
    """The rows whose open needs most exceed their offers, largest first (ties: most needs)."""
    ranked = sorted(
        (row for row in _leaves(rows) if row.demand >= min_demand and row.demand > row.supply),
        key=lambda row: (-(row.demand - row.supply), -row.demand),
    )[:limit]
    scale = max((max(row.demand, row.supply) for row in ranked), default=0) or 1
    return [
        Unmet(
            row=row,
            unmet=row.demand - row.supply,
            demand_share=row.demand / scale,
            supply_share=row.supply / scale,
        )
        for row in ranked
    ]
