"""Resource metadata as open data: CC0 JSON and CSV dumps, and reading them back.

Pure functions over plain records (no database): `to_json`/`to_csv` write a list of
ResourceRecord, `parse_json`/`parse_csv` read one, refusing the whole file at the first
problem with an OpenDataError that names the row ("row 3: language: …"; row 1 is the first
resource, in both formats). The database side is opendata_io.py.

Only metadata is dumped: title, summary, link, type, language, capacities (by code), audience,
level, licence, authors' names, relation to an original (by uid), status. A resource's body
and learning-pattern sections are its authors' work under the resource's own licence (CC BY-SA
by default), so they are not dedicated to the public domain with the metadata.
"""

import csv
import io
import json
import uuid
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from capacityhub.core.csv import restore_cell, write_csv
from capacityhub.core.languages import is_language

from .models import Resource

FORMAT = "capacityhub-resources"
VERSION = 1
LICENCE = "CC0-1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
STATEMENT = (
    "The Capacity Hub's resource metadata is dedicated to the public domain under CC0 1.0: "
    "copy, modify and distribute it, even commercially, without asking permission. The "
    "resources themselves remain under their own licences (see each one's `licence`)."
)
LISTED = (Resource.Status.PUBLISHED.value, Resource.Status.OUTDATED.value)
LIMITS = {"title": 200, "summary": 500, "url": 500, "author_names": 300, "outdated_note": 2000}


@dataclass(frozen=True)
class ResourceRecord:
    uid: str
    kind: str
    title: str
    summary: str
    language: str
    capacities: list[str] = field(default_factory=list)  # capacity codes
    url: str = ""
    duration_minutes: int | None = None
    audience: str = Resource.Audience.EVERYONE.value
    level: str = Resource.Level.INTRODUCTORY.value
    licence: str = Resource.Licence.CC_BY_SA_4.value
    author_names: str = ""
    original: str = ""  # the original's uid, for translations and adaptations
    relation: str = ""
    status: str = Resource.Status.PUBLISHED.value
    outdated_note: str = ""


COLUMNS = [f.name for f in fields(ResourceRecord)]
REQUIRED = ("uid", "kind", "title", "summary", "language")
CHOICES = {
    "kind": set(Resource.Kind.values),
    "audience": set(Resource.Audience.values),
    "level": set(Resource.Level.values),
    "licence": set(Resource.Licence.values),
    "relation": set(Resource.Relation.values),
    "status": set(LISTED),
}


class OpenDataError(ValueError):
    def __init__(self, message: str, *, row: int | None = None, field_name: str | None = None):
        self.row, self.field_name, self.message = row, field_name, message
        where = [f"row {row}" if row is not None else None, field_name]
        super().__init__(": ".join([part for part in where if part] + [message]))


# Writing ------------------------------------------------------------------------------------------


def header(generated_at: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "statement": STATEMENT,
        "generated_at": generated_at,
    }


def to_json(records: list[ResourceRecord], *, generated_at: str) -> str:
    document = {**header(generated_at), "resources": [asdict(r) for r in records]}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def to_csv(records: list[ResourceRecord]) -> str:
    """One header row, one row per resource; capacities separated by spaces."""
    return write_csv((_csv_row(record) for record in records), COLUMNS)


def _csv_row(record: ResourceRecord) -> list:
    row = asdict(record)
    row["capacities"] = " ".join(record.capacities)
    row["duration_minutes"] = "" if record.duration_minutes is None else record.duration_minutes
    return [row[name] for name in COLUMNS]


# Reading ------------------------------------------------------------------------------------------


def parse_json(text: str) -> list[ResourceRecord]:
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, TypeError) as error:
        raise OpenDataError(f"not JSON ({error})") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise OpenDataError(f'not a resource dump: "format" must be "{FORMAT}"')
    if document.get("version") != VERSION:
        raise OpenDataError(f"unsupported version {document.get('version')!r} (expected 1)")
    items = document.get("resources")
    if not isinstance(items, list):
        raise OpenDataError('"resources" must be a list')
    records = []
    for row, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise OpenDataError("must be an object", row=row)
        records.append(_record(item, row))
    return _unique(records)


def parse_csv(text: str) -> list[ResourceRecord]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        names = next(reader)
    except StopIteration:
        raise OpenDataError("empty file: a header row is required") from None
    except csv.Error as error:
        raise OpenDataError(f"not CSV ({error})") from error
    missing = [name for name in REQUIRED if name not in names]
    unknown = [name for name in names if name not in COLUMNS]
    if missing or unknown:
        problem = f"missing {', '.join(missing)}" if missing else f"unknown {', '.join(unknown)}"
        raise OpenDataError(f"header: {problem} (columns: {', '.join(COLUMNS)})")
    records = []
    try:
        for row, cells in enumerate(reader, start=1):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(names):
                raise OpenDataError(f"{len(cells)} cells for {len(names)} columns", row=row)
            item: dict[str, Any] = dict(zip(names, map(restore_cell, cells), strict=True))
            item["capacities"] = item.get("capacities", "").split()
            records.append(_record(item, row))
    except csv.Error as error:
        raise OpenDataError(f"not CSV ({error})", row=reader.line_num) from error
    return _unique(records)


def _text(item: dict, name: str, row: int) -> str:
    value = item.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise OpenDataError("must be text", row=row, field_name=name)
    value = value.strip()
    if name in LIMITS and len(value) > LIMITS[name]:
        raise OpenDataError(f"longer than {LIMITS[name]} characters", row=row, field_name=name)
    if name in REQUIRED and not value:
        raise OpenDataError("required", row=row, field_name=name)
    if name in CHOICES and value and value not in CHOICES[name]:
        allowed = ", ".join(sorted(v for v in CHOICES[name] if v))
        raise OpenDataError(f"{value!r} is not one of {allowed}", row=row, field_name=name)
    return value


def _uid(value: str, row: int, name: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise OpenDataError(f"{value!r} is not a UUID", row=row, field_name=name) from None


def _duration(value: Any, row: int) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if isinstance(value, bool) or not 0 <= number <= 100000:
        message = "a number of minutes, 0 to 100000"
        raise OpenDataError(message, row=row, field_name="duration_minutes")
    return number


def _capacities(value: Any, row: int) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise OpenDataError("a list of capacity codes", row=row, field_name="capacities")
    codes = list(dict.fromkeys(code.strip() for code in value if code.strip()))
    if not codes:
        raise OpenDataError("at least one capacity code", row=row, field_name="capacities")
    return codes


def _url(value: str, row: int) -> None:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise OpenDataError("not an http(s) link", row=row, field_name="url") from None


def _record(item: dict, row: int) -> ResourceRecord:
    values = {name: _text(item, name, row) for name in COLUMNS if name in LIMITS or name in CHOICES}
    for name in ("uid", "title", "summary", "language", "original"):
        values[name] = _text(item, name, row)
    values["uid"] = _uid(values["uid"], row, "uid")
    if not is_language(values["language"]):
        message = f"{values['language']!r} is not a language code"
        raise OpenDataError(message, row=row, field_name="language")
    if values["original"]:
        values["original"] = _uid(values["original"], row, "original")
    if bool(values["original"]) != bool(values["relation"]):
        message = "a translation or adaptation needs both original and relation"
        raise OpenDataError(message, row=row, field_name="relation")
    if values["url"]:
        _url(values["url"], row)
    values["capacities"] = _capacities(item.get("capacities"), row)
    values["duration_minutes"] = _duration(item.get("duration_minutes"), row)
    values = {name: value for name, value in values.items() if value != "" or name in REQUIRED}
    return ResourceRecord(**values)


def _unique(records: list[ResourceRecord]) -> list[ResourceRecord]:
    seen: dict[str, int] = {}
    for row, record in enumerate(records, start=1):
        if record.uid in seen:
            message = f"{record.uid} already on row {seen[record.uid]}"
            raise OpenDataError(message, row=row, field_name="uid")
        seen[record.uid] = row
    return records
