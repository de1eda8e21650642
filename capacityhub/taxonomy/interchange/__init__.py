"""Taxonomy interchange: parse and write the formats capacities travel in. Pure, no database.

Formats: the project's JSON and CSV (`project`), SKOS in Turtle (`skos`), and Wikimedia
Commons tabular data (`commons`). Every parser returns `(capacities, methods)` with the
capacities parents-first, or raises `InterchangeError` naming the row and field at fault.
"""

from dataclasses import dataclass

from .commons import parse_commons_tab, to_commons_tab
from .project import csv_languages, parse_csv, parse_json, to_csv, to_json
from .records import CapacityRecord, InterchangeError, MethodRecord
from .skos import parse_skos, to_skos


@dataclass(frozen=True)
class Format:
    name: str
    content_type: str
    extension: str


FORMATS = {
    "json": Format("JSON", "application/json", "json"),
    "csv": Format("CSV", "text/csv", "csv"),
    "skos": Format("SKOS (Turtle)", "text/turtle", "ttl"),
    "tab": Format("Wikimedia Commons tabular data", "application/json", "tab.json"),
}


def serialise(
    fmt: str,
    capacities: list[CapacityRecord],
    methods: list[MethodRecord],
    *,
    base_uri: str = "https://capacityhub.example/capacity/",
) -> str:
    """The file text in format `fmt` (a key of FORMATS). CSV and tab carry no methods."""
    if fmt == "json":
        return to_json(capacities, methods)
    if fmt == "csv":
        return to_csv(capacities, csv_languages(capacities))
    if fmt == "skos":
        return to_skos(capacities, base_uri)
    if fmt == "tab":
        return to_commons_tab(capacities)
    raise ValueError(f"unknown format {fmt!r}")


__all__ = [
    "FORMATS",
    "CapacityRecord",
    "Format",
    "InterchangeError",
    "MethodRecord",
    "parse_commons_tab",
    "parse_csv",
    "parse_json",
    "parse_skos",
    "serialise",
    "to_commons_tab",
    "to_csv",
    "to_json",
    "to_skos",
]
