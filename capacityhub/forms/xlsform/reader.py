"""Reading an XLSForm (the ODK / KoboToolbox spreadsheet), so evaluators bring the forms they
already have. Pure: bytes in, question dicts out; the services save. writer.py writes one back.

Supported: sheets survey (type, name, label[::lang], hint[::lang], required, relevant,
constraint, parameters, appearance, body::accept), choices (list_name, name, label[::lang]) and
settings (form_title, version, default_language). Anything we cannot represent faithfully is
refused with the sheet and row, never silently dropped."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ROWS = 1000
MAX_BYTES = 5 * 1024 * 1024

# Types that carry no question for a respondent (metadata, layout): skipped on import.
SKIPPED_TYPES = {
    "start",
    "end",
    "today",
    "deviceid",
    "phonenumber",
    "username",
    "email",
    "audit",
    "simserial",
    "subscriberid",
    "begin group",
    "end group",
    "begin_group",
    "end_group",
}
TYPE_TO_KIND = {
    "text": "short_text",
    "string": "short_text",
    "integer": "number",
    "int": "number",
    "decimal": "number",
    "date": "date",
    "range": "scale",
    "file": "file",
    "image": "file",
    "acknowledge": "consent",
}
IMAGE_TYPES = ["image/png", "image/jpeg"]
TRUE_WORDS = {"yes", "true", "true()", "1", "y"}

_REF = r"\$\{([A-Za-z_][A-Za-z0-9_\-.]*)\}"
_VALUE = r"(?:'([^']*)'|\"([^\"]*)\"|(-?\d+(?:\.\d+)?))"
_EQUALS = re.compile(rf"^\s*{_REF}\s*=\s*{_VALUE}\s*$")
_SELECTED = re.compile(rf"^\s*selected\(\s*{_REF}\s*,\s*{_VALUE}\s*\)\s*$")
_BOUND = re.compile(r"^\s*\.\s*(<=|>=)\s*(-?\d+(?:\.\d+)?)\s*$")
_DATE_BOUND = re.compile(r"^\s*\.\s*(<=|>=)\s*date\(\s*'(\d{4}-\d{2}-\d{2})'\s*\)\s*$")
_LENGTH = re.compile(r"^\s*string-length\(\s*\.\s*\)\s*<=\s*(\d+)\s*$")
_REGEX = re.compile(r"^\s*regex\(\s*\.\s*,\s*'([^']*)'\s*\)\s*$")
_LANGUAGE = re.compile(r"^(?:.*\()?\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)\s*\)?$")


@dataclass
class ParsedForm:
    title: dict[str, str]
    questions: list[dict[str, Any]]
    default_language: str = "en"
    version: str = ""
    warnings: list[str] = field(default_factory=list)


class _Refusal(Exception):
    def __init__(self, sheet: str, row: int, message: str):
        super().__init__(message)
        self.sheet, self.row, self.message = sheet, row, message


def _refuse(sheet: str, row: int, message: str) -> _Refusal:
    return _Refusal(sheet, row, message)


def import_xlsform(data: bytes) -> ParsedForm:
    """Parse an .xlsx XLSForm. Any problem raises `ValidationError({"file": "Sheet 'x', row
    n: what is wrong"})`; the caller saves only a fully parsed form."""
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": _("This file is larger than 5 MB.")})
    workbook = _open(data)
    try:
        return _parse(workbook)
    except _Refusal as refusal:
        raise ValidationError(
            {
                "file": _("Sheet '%(sheet)s', row %(row)s: %(message)s")
                % {"sheet": refusal.sheet, "row": refusal.row, "message": refusal.message}
            }
        ) from None


def _open(data: bytes):
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise ValidationError({"file": _("This is not an .xlsx spreadsheet.")}) from None


def _rows(workbook, name: str) -> list[tuple[int, dict[str, str]]]:
    """[(row number, {column header: text})] for a sheet; [] when it is absent."""
    sheet = next((workbook[s] for s in workbook.sheetnames if s.strip().lower() == name), None)
    if sheet is None:
        return []
    rows = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    found = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            raise _refuse(name, number, _("a form may have at most %(n)s rows.") % {"n": MAX_ROWS})
        cells = {h: _text(v) for h, v in zip(header, values, strict=False) if h}
        if any(cells.values()):
            found.append((number, cells))
    return found


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _parse(workbook) -> ParsedForm:
    settings_rows = _rows(workbook, "settings")
    settings = settings_rows[0][1] if settings_rows else {}
    default = _language_code(settings.get("default_language") or "en", "settings", 2)
    if not _rows(workbook, "survey"):
        raise _refuse("survey", 1, _("the survey sheet is missing or empty."))
    choices = _parse_choices(_rows(workbook, "choices"), default)
    questions = []
    keys: set[str] = set()
    for number, row in _rows(workbook, "survey"):
        question = _parse_question(number, row, choices, default, keys)
        if question is not None:
            keys.add(question["key"])
            questions.append(question)
    title = settings.get("form_title") or settings.get("form_id") or _("Imported form")
    return ParsedForm(
        title={default: title},
        questions=questions,
        default_language=default,
        version=settings.get("version", ""),
    )


def _language_code(text: str, sheet: str, row: int) -> str:
    """'English (en)' → en, 'es' → es, 'Español' → refused (say which code)."""
    match = _LANGUAGE.match(text.strip())
    if not match:
        raise _refuse(
            sheet,
            row,
            _("write the language as 'Name (code)', e.g. 'Español (es)': %(t)s") % {"t": text},
        )
    return match.group(1).replace("_", "-").lower()


def _translations(row: dict[str, str], column: str, default: str, sheet: str, number: int):
    texts = {}
    for header, value in row.items():
        name = header.split("::", 1)
        if name[0].strip().lower() != column or not value:
            continue
        language = default if len(name) == 1 else _language_code(name[1], sheet, number)
        texts[language] = value
    return texts


def _parse_choices(rows, default: str) -> dict[str, list[dict[str, Any]]]:
    lists: dict[str, list[dict[str, Any]]] = {}
    for number, row in rows:
        list_name = row.get("list_name") or row.get("list name") or ""
        value = row.get("name") or ""
        if not list_name or not value:
            raise _refuse("choices", number, _("each choice needs a list_name and a name."))
        label = _translations(row, "label", default, "choices", number) or {default: value}
        lists.setdefault(list_name, []).append({"value": value, "label": label})
    return lists


def _parse_question(number, row, choices, default, keys) -> dict[str, Any] | None:
    raw_type = " ".join((row.get("type") or "").split())
    base, _space, list_name = raw_type.partition(" ")
    if raw_type.lower() in SKIPPED_TYPES or base.lower() in SKIPPED_TYPES:
        return None
    key = row.get("name", "")
    if not key:
        raise _refuse("survey", number, _("the question has no name."))
    kind = _kind(base.lower(), row, number)
    question: dict[str, Any] = {
        "key": key,
        "kind": kind,
        "required": row.get("required", "").lower() in TRUE_WORDS,
        "label": _translations(row, "label", default, "survey", number) or {default: key},
        "help": _translations(row, "hint", default, "survey", number),
        "show_if": _relevant(row.get("relevant", ""), keys, number),
        "validation": _constraint(row.get("constraint", ""), kind, number),
    }
    if kind in ("single_choice", "multiple_choice"):
        if list_name not in choices:
            raise _refuse("survey", number, _("no choices list named '%(l)s'.") % {"l": list_name})
        question["choices"] = choices[list_name]
    if kind == "scale":
        question.update(_range(row.get("parameters", ""), number))
    if kind == "file":
        accept = row.get("body::accept", "")
        allowed = [a.strip() for a in accept.split(",") if a.strip()]
        if base.lower() == "image" and not allowed:
            allowed = IMAGE_TYPES
        if allowed:
            question["validation"]["allowed_types"] = allowed
    return question


def _kind(base: str, row: dict[str, str], number: int) -> str:
    if base in ("select_one", "select1"):
        return "single_choice"
    if base in ("select_multiple", "select_many"):
        return "multiple_choice"
    if base == "text" and "multiline" in row.get("appearance", "").lower():
        return "long_text"
    if base in TYPE_TO_KIND:
        return TYPE_TO_KIND[base]
    raise _refuse("survey", number, _("the type '%(t)s' is not supported.") % {"t": base})


def _relevant(rule: str, keys: set[str], number: int) -> dict[str, Any] | None:
    if not rule:
        return None
    parts = [p for p in re.split(r"\s+or\s+", rule.strip()) if p]
    refs, values = set(), []
    for part in parts:
        match = _EQUALS.match(part) or _SELECTED.match(part)
        if not match:
            break
        refs.add(match.group(1))
        values.append(next(g for g in match.groups()[1:] if g is not None))
    else:
        if len(refs) == 1 and refs <= keys:
            (ref,) = refs
            if len(values) == 1:
                return {"question": ref, "equals": values[0]}
            return {"question": ref, "in": values}
    raise _refuse(
        "survey",
        number,
        _(
            "the relevant rule '%(rule)s' is not supported; use ${question} = 'value' "
            "(or several joined by 'or') about an earlier question."
        )
        % {"rule": rule},
    )


def _constraint(rule: str, kind: str, number: int) -> dict[str, Any]:
    validation: dict[str, Any] = {}
    for part in [p for p in re.split(r"\s+and\s+", rule.strip()) if p]:
        if match := _BOUND.match(part):
            operator, bound = match.groups()
            value = float(bound) if "." in bound else int(bound)
            validation["min" if operator.startswith(">") else "max"] = value
        elif match := _DATE_BOUND.match(part):
            operator, bound = match.groups()
            validation["min" if operator == ">=" else "max"] = bound
        elif match := _LENGTH.match(part):
            validation["max_length"] = int(match.group(1))
        elif match := _REGEX.match(part):
            validation["pattern"] = match.group(1)
        else:
            raise _refuse(
                "survey",
                number,
                _("the constraint '%(rule)s' is not supported.") % {"rule": rule},
            )
    return validation


def _range(parameters: str, number: int) -> dict[str, int]:
    values = dict(re.findall(r"(start|end|step)\s*=\s*(-?\d+)", parameters))
    if values.get("step", "1") != "1":
        raise _refuse("survey", number, _("a range must go in steps of 1."))
    return {"scale_min": int(values.get("start", 1)), "scale_max": int(values.get("end", 5))}
