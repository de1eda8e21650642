"""Writing a form as an XLSForm (the ODK / KoboToolbox spreadsheet) that reader.py, ODK and
Kobo read back. Pure: question dicts in, bytes out."""

from __future__ import annotations

import io
from typing import Any

KIND_TO_TYPE = {
    "short_text": "text",
    "long_text": "text",
    "number": "decimal",
    "date": "date",
    "scale": "range",
    "file": "file",
    "consent": "acknowledge",
}


def export_xlsform(
    *, title: dict[str, str], questions: list[dict[str, Any]], version: str
) -> bytes:
    """An .xlsx that `import_xlsform` (and ODK/Kobo) reads back."""
    from openpyxl import Workbook

    languages = _languages(title, questions)
    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.append(
        ["type", "name"]
        + [f"label::{_language_column(code)}" for code in languages]
        + [f"hint::{_language_column(code)}" for code in languages]
        + ["required", "relevant", "constraint", "appearance", "parameters", "body::accept"]
    )
    choices = workbook.create_sheet("choices")
    choices.append(["list_name", "name"] + [f"label::{_language_column(c)}" for c in languages])
    kinds = {q["key"]: q["kind"] for q in questions}
    for question in questions:
        survey.append(_survey_row(question, languages, kinds))
        for choice in question.get("choices") or []:
            label = choice.get("label") or {}
            choices.append(
                [question["key"], choice["value"]] + [label.get(c, "") for c in languages]
            )
    settings = workbook.create_sheet("settings")
    settings.append(["form_title", "version", "default_language"])
    default = languages[0]
    settings.append(
        [title.get(default) or next(iter(title.values()), ""), version, _language_column(default)]
    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _languages(title: dict[str, str], questions: list[dict[str, Any]]) -> list[str]:
    found: list[str] = list(title)
    for question in questions:
        found += list(question.get("label") or {}) + list(question.get("help") or {})
        for choice in question.get("choices") or []:
            found += list(choice.get("label") or {})
    ordered = sorted(set(found), key=lambda c: (c != "en", c))
    return ordered or ["en"]


def _language_column(code: str) -> str:
    from babel import Locale

    name = Locale("en").languages.get(code.split("-")[0], code)
    return f"{name} ({code})"


def _survey_row(question: dict[str, Any], languages: list[str], kinds: dict[str, str]) -> list[Any]:
    kind = question["kind"]
    xls_type = KIND_TO_TYPE.get(kind)
    if kind == "single_choice":
        xls_type = f"select_one {question['key']}"
    elif kind == "multiple_choice":
        xls_type = f"select_multiple {question['key']}"
    label, hint = question.get("label") or {}, question.get("help") or {}
    validation = question.get("validation") or {}
    parameters = ""
    if kind == "scale":
        parameters = f"start={question['scale_min']} end={question['scale_max']} step=1"
    return (
        [xls_type, question["key"]]
        + [label.get(c, "") for c in languages]
        + [hint.get(c, "") for c in languages]
        + [
            "yes" if question.get("required") else "",
            _relevant_text(question.get("show_if"), kinds),
            _constraint_text(validation),
            "multiline" if kind == "long_text" else "",
            parameters,
            ",".join(validation.get("allowed_types") or []) if kind == "file" else "",
        ]
    )


def _quote(value: Any) -> str:
    return f"'{value}'"


def _relevant_text(show_if: dict[str, Any] | None, kinds: dict[str, str]) -> str:
    if not show_if:
        return ""
    ref = "${" + show_if["question"] + "}"
    values = [show_if["equals"]] if "equals" in show_if else show_if.get("in", [])
    if kinds.get(show_if["question"]) == "multiple_choice":
        return " or ".join(f"selected({ref}, {_quote(v)})" for v in values)
    return " or ".join(f"{ref} = {_quote(v)}" for v in values)


def _bound_text(value: Any) -> str:
    return f"date('{value}')" if isinstance(value, str) else str(value)


def _constraint_text(validation: dict[str, Any]) -> str:
    parts = []
    if validation.get("min") is not None:
        parts.append(f". >= {_bound_text(validation['min'])}")
    if validation.get("max") is not None:
        parts.append(f". <= {_bound_text(validation['max'])}")
    if validation.get("max_length"):
        parts.append(f"string-length(.) <= {validation['max_length']}")
    if validation.get("pattern"):
        parts.append(f"regex(., '{validation['pattern']}')")
    return " and ".join(parts)
