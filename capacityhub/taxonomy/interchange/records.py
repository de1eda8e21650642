"""Plain records, the import error, and the checks every interchange format shares.

Pure: no database. Parsers turn a file into records and call `validate_capacities`, which
refuses the whole file on the first problem and returns the records parents-first.
"""

import json
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from capacityhub.core.languages import is_language

CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
LABEL_MAX = 200  # CapacityTranslation.label max_length


@dataclass
class CapacityRecord:
    code: str
    parent: str | None = None
    wikidata_qid: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class MethodRecord:
    code: str
    labels: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    capacities: list[str] = field(default_factory=list)


def _prefix(unit: str, row: int | None, field_name: str | None) -> str:
    names = {"row": _("Row %(row)s"), "line": _("Line %(row)s"), "method": _("Method %(row)s")}
    place = names.get(unit, names["row"]) % {"row": row} if row is not None else ""
    if place and field_name:
        return _("%(place)s, field “%(field)s”") % {"place": place, "field": field_name}
    if field_name:
        return _("Field “%(field)s”") % {"field": field_name}
    return place


class InterchangeError(Exception):
    """A refused import file. `row` is the 1-based data row (or line, for `unit="line"`)."""

    def __init__(
        self, message: str, *, row: int | None = None, field: str | None = None, unit: str = "row"
    ) -> None:
        super().__init__(message)
        self.message = message
        self.row = row
        self.field = field
        self.unit = unit

    def __str__(self) -> str:
        prefix = _prefix(self.unit, self.row, self.field)
        if not prefix:
            return self.message[:1].upper() + self.message[1:]
        return _("%(prefix)s: %(message)s") % {"prefix": prefix, "message": self.message}


@dataclass(frozen=True)
class FieldNames:
    """How a format names each record field in its error messages ({lang} is filled in)."""

    code: str = "code"
    parent: str = "parent"
    qid: str = "wikidata_qid"
    labels: str = "labels"
    descriptions: str = "descriptions"
    aliases: str = "aliases"
    unit: str = "row"


def load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        message = _("this is not valid JSON (%(reason)s, column %(column)s).") % {
            "reason": error.msg,
            "column": error.colno,
        }
        raise InterchangeError(message, row=error.lineno, unit="line") from error
    except RecursionError as error:
        raise InterchangeError(_("the JSON is nested too deeply.")) from error


def text_map(value: Any, *, row: int, field_name: str, unit: str = "row") -> dict[str, str]:
    """{language: text} from a JSON object; null cells and blank texts are left out."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InterchangeError(
            _("expected an object of texts by language."), **_at(row, field_name, unit)
        )
    texts = {}
    for language, text in value.items():
        if text is None:
            continue
        if not isinstance(text, str):
            message = _("the text in “%s” must be a string.") % language
            raise InterchangeError(message, **_at(row, field_name, unit))
        if text.strip():
            texts[language] = text.strip()
    return texts


def optional_text(value: Any, *, row: int, field_name: str, unit: str = "row") -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InterchangeError(_("expected a string."), **_at(row, field_name, unit))
    return value.strip()


def _at(row: int | None, field_name: str | None, unit: str) -> dict[str, Any]:
    return {"row": row, "field": field_name, "unit": unit}


def check_language(language: str, *, row: int | None, field_name: str, unit: str = "row") -> None:
    if not is_language(language):
        message = _("unknown language code “%s”.") % language
        raise InterchangeError(message, **_at(row, field_name, unit))


def _check_texts(record: CapacityRecord, row: int, names: FieldNames) -> None:
    at = {"row": row, "unit": names.unit}
    if not record.labels:
        message = _("a capacity needs a label in at least one language.")
        raise InterchangeError(message, field=names.labels.format(lang="*"), **at)
    for language, label in record.labels.items():
        check_language(language, field_name=names.labels.format(lang=language), **at)
        if len(label) > LABEL_MAX:
            message = _("a label can have at most %d characters.") % LABEL_MAX
            raise InterchangeError(message, field=names.labels.format(lang=language), **at)
    for template, texts in (
        (names.descriptions, record.descriptions),
        (names.aliases, record.aliases),
    ):
        for language in texts:
            if language not in record.labels:
                message = _("text in “%s” needs a label in the same language.") % language
                raise InterchangeError(message, field=template.format(lang=language), **at)


def check_record(record: CapacityRecord, row: int, names: FieldNames) -> None:
    at = {"row": row, "unit": names.unit}
    if not CODE_RE.match(record.code):
        message = _("“%s” is not a valid code: use lowercase letters, digits and hyphens.")
        raise InterchangeError(message % record.code, field=names.code, **at)
    if record.wikidata_qid and not QID_RE.match(record.wikidata_qid):
        message = _("“%s” is not a Wikidata item such as Q42.") % record.wikidata_qid
        raise InterchangeError(message, field=names.qid, **at)
    _check_texts(record, row, names)


def find_loop(code: str, parent_of: Mapping[str, str | None]) -> list[str] | None:
    """The loop `code → … → code` if following parents from `code` comes back to it."""
    chain = [code]
    up = parent_of.get(code)
    while up is not None:
        if up in chain:
            return [*chain[chain.index(up) :], up] if up == code else None
        chain.append(up)
        up = parent_of.get(up)
    return None


def _parents_first(
    records: list[CapacityRecord], rows: Sequence[int], names: FieldNames
) -> list[CapacityRecord]:
    index = {record.code: i for i, record in enumerate(records)}
    parent_of = {record.code: record.parent for record in records}
    placed: set[str] = set()
    ordered: list[CapacityRecord] = []
    for i, record in enumerate(records):
        loop = find_loop(record.code, parent_of)
        if loop:
            message = _("the parent chain loops: %s.") % " → ".join(loop)
            raise InterchangeError(message, row=rows[i], field=names.parent, unit=names.unit)
        chain, code = [], record.code
        while code in index and code not in placed:
            chain.append(code)
            code = parent_of[code]
        for code in reversed(chain):
            placed.add(code)
            ordered.append(records[index[code]])
    return ordered


def validate_capacities(
    records: list[CapacityRecord],
    rows: Sequence[int],
    known_codes: Collection[str],
    names: FieldNames = FieldNames(),  # noqa: B008 - frozen, never mutated
) -> list[CapacityRecord]:
    """Check every record; return them parents-first (file order otherwise kept)."""
    seen: set[str] = set()
    for record, row in zip(records, rows, strict=True):
        check_record(record, row, names)
        if record.code in seen:
            message = _("the code “%s” appears more than once.") % record.code
            raise InterchangeError(message, row=row, field=names.code, unit=names.unit)
        seen.add(record.code)
    for record, row in zip(records, rows, strict=True):
        if record.parent is not None and record.parent not in seen | set(known_codes):
            message = _("unknown parent code “%s”.") % record.parent
            raise InterchangeError(message, row=row, field=names.parent, unit=names.unit)
    return _parents_first(records, rows, names)


def validate_methods(
    methods: list[MethodRecord], capacity_codes: Collection[str]
) -> list[MethodRecord]:
    seen: set[str] = set()
    for row, method in enumerate(methods, 1):
        at = {"row": row, "unit": "method"}
        if not CODE_RE.match(method.code):
            message = _("“%s” is not a valid code: use lowercase letters, digits and hyphens.")
            raise InterchangeError(message % method.code, field="code", **at)
        if method.code in seen:
            message = _("the code “%s” appears more than once.") % method.code
            raise InterchangeError(message, field="code", **at)
        seen.add(method.code)
        if not method.labels:
            message = _("a method needs a label in at least one language.")
            raise InterchangeError(message, field="labels", **at)
        for field_name, texts in (("labels", method.labels), ("descriptions", method.descriptions)):
            for language in texts:
                check_language(language, field_name=field_name, **at)
        for code in method.capacities:
            if code not in capacity_codes:
                message = _("unknown capacity code “%s”.") % code
                raise InterchangeError(message, field="capacities", **at)
    return methods
