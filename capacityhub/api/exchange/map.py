"""The capacity map: supply (active offers) against demand (open needs) per capacity × region
or capacity × language, with a gap score per cell, and its monthly snapshots.

Counts follow the caller's visibility: anonymous callers count public offers and needs,
members also members-only ones, staff everything. Figures are cached for five minutes.
"""

from datetime import datetime
from typing import Annotated, Literal

from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Query, Router, Schema
from pydantic import StringConstraints

from capacityhub.core.regions import REGIONS
from capacityhub.exchange.capacity_map import ONLINE
from capacityhub.exchange.selectors.capacity_map import (
    DEFAULT_DEPTH,
    MAX_DEPTH,
    capacity_map,
)
from capacityhub.exchange.selectors.map_snapshots import map_snapshot_list, map_snapshots
from capacityhub.presentation.capacity_map import capacity_map_dict

from ..core.language import content_language
from ..core.pagination import page_out, paginate
from ..core.schemas import (
    DETAIL_ERRORS,
    READ,
    READ_ERRORS,
    CapacityCode,
    LanguageCode,
    Page,
    PageQuery,
)

router = Router(tags=["map"])

MonthPath = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])$")]
# Lists in the query string are comma-separated ("region=sa,online"): one parameter each,
# constrained by a pattern, so a bad value is reported against the parameter's own name.
_REGION = "(" + "|".join([*REGIONS, ONLINE]) + ")"
RegionList = Annotated[
    str, StringConstraints(pattern=rf"^{_REGION}(,{_REGION}){{0,8}}$", max_length=120)
]
_LANGUAGE = r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{1,8}){0,2}"
LanguageList = Annotated[
    str, StringConstraints(pattern=rf"^{_LANGUAGE}(,{_LANGUAGE}){{0,49}}$", max_length=650)
]
GAP = "(demand − supply) / (demand + supply + 1), from −1 (only offers) to 1 (only needs)."

# Schemas ---------------------------------------------------------------------------------------


class MapQuery(Schema):
    view: Literal["region", "language"] = Field(
        "region", description="Columns: the eight regions and `online`, or languages."
    )
    root: CapacityCode | None = Field(
        None, description="Capacity code to start from; the top of the tree when absent."
    )
    depth: int = Field(DEFAULT_DEPTH, ge=1, le=MAX_DEPTH, description="Levels of the tree shown.")
    region: RegionList | None = Field(
        None,
        description="Region columns to show in the region view, comma-separated: `sa,online`.",
    )
    language: LanguageList | None = Field(
        None,
        description="Language columns to show in the language view, comma-separated: `fr,ha`; "
        "the busiest 12 when absent.",
    )
    lang: LanguageCode | None = Field(None, description="Language of labels and names.")


class MapChangeOut(Schema):
    supply: int
    demand: int
    gap: float


class MapCellOut(Schema):
    column: str = Field(description="Region code, `online`, or language code.")
    supply: int = Field(description="Active offers.")
    demand: int = Field(description="Open needs.")
    gap: float = Field(description=GAP)
    change: MapChangeOut | None = Field(description="Now minus then; only in a comparison.")


class MapRowOut(Schema):
    capacity: str = Field(description="Capacity code.")
    label: str
    label_language: str
    depth: int = Field(description="0 for the top rows shown.")
    supply: int = Field(description="Distinct offers under this capacity, in any column.")
    demand: int = Field(description="Distinct needs under this capacity, in any column.")
    gap: float
    change: MapChangeOut | None
    cells: list[MapCellOut]


class MapColumnOut(Schema):
    key: str
    label: str


class MapOut(Schema):
    """Rows are capacities (each counting what lies beneath it), columns regions or languages."""

    view: str
    root: str | None
    depth: int
    computed_at: datetime
    compared_with: str | None = Field(description="YYYY-MM of the snapshot compared with.")
    offers: int = Field(description="Active offers counted in the whole tree.")
    needs: int = Field(description="Open needs counted in the whole tree.")
    columns: list[MapColumnOut]
    rows: list[MapRowOut]


class SnapshotOut(Schema):
    month: str = Field(description="YYYY-MM")
    taken_at: datetime


class SnapshotPage(Page[SnapshotOut]):
    pass


def _filters(query: MapQuery) -> dict:
    return {
        "view": query.view,
        "root": query.root,
        "depth": query.depth,
        "regions": query.region.split(",") if query.region else None,
        "languages": query.language.split(",") if query.language else None,
    }


# Operations ------------------------------------------------------------------------------------


@router.get("/map", response={200: MapOut, **READ_ERRORS}, **READ)
def get_capacity_map(request: HttpRequest, filters: Query[MapQuery]):
    """The capacity map now. An unknown `root` or language is a 422."""
    with translation.override(content_language(filters.lang)):
        return capacity_map_dict(capacity_map(viewer=request.user, **_filters(filters)))


@router.get("/map/snapshots", response={200: SnapshotPage, **READ_ERRORS}, **READ)
def list_map_snapshots(request: HttpRequest, filters: Query[PageQuery]):
    """Months with a stored snapshot of the map, newest first."""
    items, count = paginate(map_snapshot_list(), filters.page, filters.page_size)
    results = [{"month": s.month.strftime("%Y-%m"), "taken_at": s.created_at} for s in items]
    return page_out(request, results, count, filters.page, filters.page_size)


@router.get("/map/snapshots/{month}", response={200: MapOut, **DETAIL_ERRORS}, **READ)
def compare_capacity_map(request: HttpRequest, month: MonthPath, filters: Query[MapQuery]):
    """The map now, each cell with its change since the snapshot of `month` (YYYY-MM)."""
    first = datetime.strptime(month, "%Y-%m").date()
    with translation.override(content_language(filters.lang)):
        result = map_snapshots(viewer=request.user, month=first, **_filters(filters))
        return capacity_map_dict(result)
