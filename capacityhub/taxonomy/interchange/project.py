"""The project's own formats: JSON (capacities and methods) and CSV (capacities only)."""

import csv
import io
import json
from collections.abc import Collection
from typing import Any

from django.utils.translation import gettext as _

from capacityhub.core.csv import restore_cell, write_csv

from .records import (
    CapacityRecord,
    FieldNames,
    InterchangeError,
    MethodRecord,
    check_language,
    load_json,
    optional_text,
    text_map,
    validate_capacities,
    validate_methods,
)

JSON_FORMAT = "capacityhub-taxonomy"
JSON_VERSION = 1
ALIAS_SEPARATOR = " | "
CSV_FIELDS = FieldNames(
    labels="label_{lang}", descriptions="description_{lang}", aliases="aliases_{lang}"
)


# JSON ------------------------------------------------------------------------------------


def _json_list(document: dict, key: str, *, required: bool) -> list:
    if key not in document and not required:
        return []
    value = document.get(key)
    if not isinstance(value, list):
        raise InterchangeError(_("expected a list."), field=key)
    return value


def _check_json_header(document: Any) -> None:
    if not isinstance(document, dict):
        raise InterchangeError(_("the file must hold a JSON object."))
    if document.get("format", JSON_FORMAT) != JSON_FORMAT:
        raise InterchangeError(_("this is not a Capacity Hub taxonomy file."), field="format")
    if document.get("version", JSON_VERSION) != JSON_VERSION:
        message = _("only version %d of the format can be read.") % JSON_VERSION
        raise InterchangeError(message, field="version")


def _alias_map(value: Any, *, row: int) -> dict[str, list[str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InterchangeError(
            _("expected an object of lists by language."), row=row, field="aliases"
        )
    aliases = {}
    for language, names in value.items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            message = _("the aliases in “%s” must be a list of strings.") % language
            raise InterchangeError(message, row=row, field="aliases")
        if cleaned := [n.strip() for n in names if n.strip()]:
            aliases[language] = cleaned
    return aliases


def _required_code(item: dict, row: int, unit: str) -> str:
    code = item.get("code")
    if not isinstance(code, str):
        raise InterchangeError(_("a code (string) is required."), row=row, field="code", unit=unit)
    return code.strip()


def _capacity_from_json(item: Any, row: int) -> CapacityRecord:
    if not isinstance(item, dict):
        raise InterchangeError(_("each capacity must be a JSON object."), row=row)
    return CapacityRecord(
        code=_required_code(item, row, "row"),
        parent=optional_text(item.get("parent"), row=row, field_name="parent") or None,
        wikidata_qid=optional_text(item.get("wikidata_qid"), row=row, field_name="wikidata_qid"),
        labels=text_map(item.get("labels"), row=row, field_name="labels"),
        descriptions=text_map(item.get("descriptions"), row=row, field_name="descriptions"),
        aliases=_alias_map(item.get("aliases"), row=row),
    )


def _method_from_json(item: Any, row: int) -> MethodRecord:
    at = {"row": row, "unit": "method"}
    if not isinstance(item, dict):
        raise InterchangeError(_("each method must be a JSON object."), **at)
    capacities = item.get("capacities") or []
    if not isinstance(capacities, list) or not all(isinstance(c, str) for c in capacities):
        raise InterchangeError(_("expected a list of capacity codes."), field="capacities", **at)
    return MethodRecord(
        code=_required_code(item, row, "method"),
        labels=text_map(item.get("labels"), row=row, field_name="labels", unit="method"),
        descriptions=text_map(
            item.get("descriptions"), row=row, field_name="descriptions", unit="method"
        ),
        capacities=list(dict.fromkeys(c.strip() for c in capacities)),
    )


def parse_json(
    text: str, known_codes: Collection[str]
) -> tuple[list[CapacityRecord], list[MethodRecord]]:
    document = load_json(text)
    _check_json_header(document)
    items = _json_list(document, "capacities", required=True)
    records = [_capacity_from_json(item, row) for row, item in enumerate(items, 1)]
    capacities = validate_capacities(records, range(1, len(records) + 1), known_codes)
    raw_methods = _json_list(document, "methods", required=False)
    methods = [_method_from_json(item, row) for row, item in enumerate(raw_methods, 1)]
    all_codes = set(known_codes) | {record.code for record in capacities}
    return capacities, validate_methods(methods, all_codes)


def _capacity_to_json(record: CapacityRecord) -> dict[str, Any]:
    return {
        "code": record.code,
        "parent": record.parent,
        "wikidata_qid": record.wikidata_qid or None,
        "labels": record.labels,
        "descriptions": record.descriptions,
        "aliases": record.aliases,
    }


def _method_to_json(method: MethodRecord) -> dict[str, Any]:
    return {
        "code": method.code,
        "labels": method.labels,
        "descriptions": method.descriptions,
        "capacities": method.capacities,
    }


def to_json(capacities: list[CapacityRecord], methods: list[MethodRecord]) -> str:
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "capacities": [_capacity_to_json(record) for record in capacities],
        "methods": [_method_to_json(method) for method in methods],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# CSV -------------------------------------------------------------------------------------

_FIXED_COLUMNS = ("code", "parent", "wikidata_qid")
_LANGUAGE_COLUMNS = ("label", "description", "aliases")


def _read_rows(text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=True)
    try:
        return [[restore_cell(cell) for cell in cells] for cells in reader]
    except csv.Error as error:
        message = _("this is not valid CSV (%s).") % error
        raise InterchangeError(message, row=reader.line_num, unit="line") from error


def _column(name: str) -> tuple[str, str]:
    """(kind, language) for a header cell; kind is a fixed column or label/description/aliases."""
    if name in _FIXED_COLUMNS:
        return name, ""
    kind, _sep, language = name.partition("_")
    if kind not in _LANGUAGE_COLUMNS or not language:
        raise InterchangeError(_("unknown column."), field=name or "?")
    check_language(language, row=None, field_name=name)
    return kind, language


def _read_header(header: list[str]) -> list[tuple[str, str]]:
    names = [cell.strip() for cell in header]
    for name in names:
        if names.count(name) > 1:
            raise InterchangeError(_("this column appears more than once."), field=name)
    if "code" not in names:
        raise InterchangeError(_("the header needs a “code” column."), field="code")
    return [_column(name) for name in names]


def _record_from_cells(
    columns: list[tuple[str, str]], cells: list[str], row: int
) -> CapacityRecord:
    if len(cells) > len(columns):
        message = _("this row has %(cells)d cells but the header has %(columns)d.")
        raise InterchangeError(message % {"cells": len(cells), "columns": len(columns)}, row=row)
    values: dict[str, str] = {}
    record = CapacityRecord(code="")
    for (kind, language), cell in zip(columns, cells, strict=False):
        cell = cell.strip()
        if kind in _FIXED_COLUMNS:
            values[kind] = cell
        elif cell and kind == "label":
            record.labels[language] = cell
        elif cell and kind == "description":
            record.descriptions[language] = cell
        elif kind == "aliases" and (names := [a.strip() for a in cell.split("|") if a.strip()]):
            record.aliases[language] = names
    record.code = values.get("code", "")
    record.parent = values.get("parent") or None
    record.wikidata_qid = values.get("wikidata_qid", "")
    return record


def parse_csv(
    text: str, known_codes: Collection[str]
) -> tuple[list[CapacityRecord], list[MethodRecord]]:
    rows = _read_rows(text)
    if not rows:
        raise InterchangeError(_("the file is empty."))
    columns = _read_header(rows[0])
    records, numbers = [], []
    for row, cells in enumerate(rows[1:], 1):
        if any(cell.strip() for cell in cells):
            records.append(_record_from_cells(columns, cells, row))
            numbers.append(row)
    return validate_capacities(records, numbers, known_codes, CSV_FIELDS), []


def csv_languages(capacities: list[CapacityRecord]) -> list[str]:
    """Every language with a label, English first, then alphabetical."""
    found = {language for record in capacities for language in record.labels}
    return sorted(found, key=lambda language: (language != "en", language))


def to_csv(capacities: list[CapacityRecord], languages: list[str] | None = None) -> str:
    languages = csv_languages(capacities) if languages is None else languages
    header = [
        *_FIXED_COLUMNS,
        *(f"{kind}_{lang}" for lang in languages for kind in _LANGUAGE_COLUMNS),
    ]
    return write_csv((_csv_cells(record, languages) for record in capacities), header)


def _csv_cells(record: CapacityRecord, languages: list[str]) -> list[str]:
    cells = [record.code, record.parent or "", record.wikidata_qid]
    for language in languages:
        cells.append(record.labels.get(language, ""))
        cells.append(record.descriptions.get(language, ""))
        cells.append(ALIAS_SEPARATOR.join(record.aliases.get(language, [])))
    return cells
