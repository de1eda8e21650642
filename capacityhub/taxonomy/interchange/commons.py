"""Wikimedia Commons tabular data (.tab JSON), the format CapX publishes its capacities in.

Rows are keyed by the file's numeric `id`; a row becomes the capacity `capx-<id>`, so
importing the same list again updates the same capacities.
"""

import json
import re
from collections.abc import Collection, Mapping
from typing import Any

from django.utils.translation import gettext as _

from capacityhub.core.languages import is_language

from .records import (
    CapacityRecord,
    FieldNames,
    InterchangeError,
    MethodRecord,
    load_json,
    optional_text,
    text_map,
    validate_capacities,
)

CODE_PREFIX = "capx-"
TAB_FIELDS = FieldNames(
    code="id",
    qid="wikidata_item",
    labels="name",
    descriptions="description",
    aliases="name",
)
_COLUMN_TYPES = {
    "id": "number",
    "name": "localized",
    "description": "localized",
    "wikidata_item": "string",
    "parent": "number",
}
_WIKIDATA_URL = re.compile(r"^(?:https?://(?:www\.)?wikidata\.org/(?:wiki|entity)/)?(Q\d+)$")


def _columns(document: Any) -> dict[str, int]:
    """{column name: position} for the columns the hub reads; checks their types."""
    if not isinstance(document, dict):
        raise InterchangeError(_("the file must hold a JSON object."))
    schema = document.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(fields, list) or not all(isinstance(f, dict) for f in fields):
        raise InterchangeError(_("expected a list of column definitions."), field="schema.fields")
    columns = {f.get("name"): i for i, f in enumerate(fields)}
    for name, kind in _COLUMN_TYPES.items():
        if name in columns and fields[columns[name]].get("type") != kind:
            message = _("the column “%(name)s” must have the type “%(type)s”.")
            raise InterchangeError(message % {"name": name, "type": kind}, field="schema.fields")
    for name in ("id", "name"):
        if name not in columns:
            message = _("the column “%s” is required.") % name
            raise InterchangeError(message, field="schema.fields")
    return {name: columns[name] for name in _COLUMN_TYPES if name in columns}


def _number(value: Any, *, row: int, field_name: str) -> int | None:
    if value is None and field_name != "id":
        return None
    integral = isinstance(value, float) and value.is_integer()
    if isinstance(value, bool) or not (isinstance(value, int) or integral) or value < 0:
        message = _("expected a whole number.")
        raise InterchangeError(message, row=row, field=field_name)
    return int(value)


def _hub_texts(texts: dict[str, str]) -> dict[str, str]:
    """Keep the languages the hub stores; a variant (pt-br) stands in for its base (pt)."""
    kept: dict[str, str] = {}
    for language, text in texts.items():
        code = language.lower()
        if is_language(code):
            kept[code] = text
    for language, text in texts.items():
        base = language.lower().split("-")[0]
        if base not in kept and is_language(base):
            kept[base] = text
    return kept


def _qid(value: Any, row: int) -> str:
    text = optional_text(value, row=row, field_name="wikidata_item")
    match = _WIKIDATA_URL.match(text)
    return match.group(1) if match else text


def _row_record(cells: Any, row: int, columns: dict[str, int], width: int) -> tuple:
    """(record without parent, parent id or None) for one data row."""
    if not isinstance(cells, list) or len(cells) != width:
        message = _("a row must be a list of %d cells, one per column.") % width
        raise InterchangeError(message, row=row)

    def cell(name: str) -> Any:
        return cells[columns[name]] if name in columns else None

    labels = _hub_texts(text_map(cell("name"), row=row, field_name="name"))
    descriptions = _hub_texts(text_map(cell("description"), row=row, field_name="description"))
    record = CapacityRecord(
        code=f"{CODE_PREFIX}{_number(cell('id'), row=row, field_name='id')}",
        wikidata_qid=_qid(cell("wikidata_item"), row),
        labels=labels,
        descriptions={k: v for k, v in descriptions.items() if k in labels},
    )
    return record, _number(cell("parent"), row=row, field_name="parent")


def parse_commons_tab(
    text: str,
    known_codes: Collection[str],
    default_parent: str | None = None,
    *,
    current_parents: Mapping[str, str | None] | None = None,
) -> tuple[list[CapacityRecord], list[MethodRecord]]:
    """Rows without a parent keep their current place (`current_parents`, code → parent
    code) when the capacity already exists, else go under `default_parent`."""
    document = load_json(text)
    columns = _columns(document)
    data = document.get("data")
    if not isinstance(data, list):
        raise InterchangeError(_("expected a list of rows."), field="data")
    if default_parent is not None and default_parent not in known_codes:
        message = _("the default parent “%s” does not exist.") % default_parent
        raise InterchangeError(message, field="parent")
    width = len(document["schema"]["fields"])
    current = current_parents or {}
    records = []
    for row, cells in enumerate(data, 1):
        record, parent_id = _row_record(cells, row, columns, width)
        if parent_id is not None:
            record.parent = f"{CODE_PREFIX}{parent_id}"
        else:
            record.parent = current.get(record.code, default_parent)
        records.append(record)
    return validate_capacities(records, range(1, len(records) + 1), known_codes, TAB_FIELDS), []


def _tab_ids(capacities: list[CapacityRecord]) -> dict[str, int]:
    """`capx-N` keeps N so CapX rows stay themselves; others take free numbers in order."""
    ids: dict[str, int] = {}
    for record in capacities:
        number = record.code.removeprefix(CODE_PREFIX)
        if record.code.startswith(CODE_PREFIX) and number.isdigit():
            ids.setdefault(record.code, int(number))
    taken, next_id = set(ids.values()), 1
    for record in capacities:
        if record.code not in ids:
            while next_id in taken:
                next_id += 1
            ids[record.code] = next_id
            taken.add(next_id)
    return ids


def _field(name: str, title: str) -> dict[str, Any]:
    return {"name": name, "type": _COLUMN_TYPES[name], "title": {"en": title}}


def to_commons_tab(capacities: list[CapacityRecord]) -> str:
    ids = _tab_ids(capacities)
    document = {
        "license": "CC0-1.0",
        "description": {"en": "Capacity taxonomy exported from Capacity Hub."},
        "sources": "Capacity Hub",
        "schema": {
            "fields": [
                _field("id", "Identifier"),
                _field("name", "Name"),
                _field("description", "Description"),
                _field("wikidata_item", "Wikidata item"),
                _field("parent", "Parent identifier"),
            ]
        },
        "data": [
            [
                ids[record.code],
                record.labels or None,
                record.descriptions or None,
                record.wikidata_qid or None,
                ids.get(record.parent) if record.parent else None,
            ]
            for record in capacities
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
