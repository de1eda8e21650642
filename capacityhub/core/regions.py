"""The eight Wikimedia funding regions and the country → region mapping (data/regions.csv)."""

import csv
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

REGIONS: dict[str, str] = {
    "cee": _("Central & Eastern Europe and Central Asia"),
    "esea": _("East, Southeast Asia and the Pacific"),
    "lac": _("Latin America and the Caribbean"),
    "mena": _("Middle East and North Africa"),
    "na": _("North America"),
    "nwe": _("Northern and Western Europe"),
    "sa": _("South Asia"),
    "ssa": _("Sub-Saharan Africa"),
}
REGION_CHOICES = list(REGIONS.items())
DATA_FILE = Path(__file__).parent / "data" / "regions.csv"


@cache
def country_regions() -> dict[str, str]:
    with DATA_FILE.open(encoding="utf-8") as handle:
        return {row["country"]: row["region"] for row in csv.DictReader(handle)}


def region_of(country: str | None) -> str | None:
    return country_regions().get((country or "").upper())


@cache
def countries_in(region: str) -> tuple[str, ...]:
    return tuple(sorted(c for c, r in country_regions().items() if r == region))


def region_name(code: str | None) -> str:
    return str(REGIONS.get(code or "", ""))
