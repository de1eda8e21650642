"""Checking a form's question definitions (kinds, keys, labels, choices, scales, `show_if`,
validation rules). Pure: plain data in, plain data out, no database."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

KINDS = (
    "short_text",
    "long_text",
    "number",
    "date",
    "single_choice",
    "multiple_choice",
    "scale",
    "file",
    "consent",
)
CHOICE_KINDS = ("single_choice", "multiple_choice")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
DEFAULT_MAX_LENGTH = {"short_text": 300, "long_text": 10000}
DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
DEFAULT_ALLOWED_TYPES = (
    "application/pdf",
    "image/png",
    "image/jpeg",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "text/plain",
)
VALIDATION_KEYS = {"min", "max", "max_length", "pattern", "max_file_bytes", "allowed_types"}


def comparable(value: Any) -> str:
    """A value as `show_if` and choices compare it: true/false, 2.0 as 2, else its text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


# -- question definitions --------------------------------------------------------------------


def validate_questions(questions: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Check a form's question list as the builder, the API or an XLSForm import gives it;
    return normalised dicts. Errors are keyed `questions.<n>.<field>` (n counts from 1)."""
    errors: dict[str, str] = {}
    seen: dict[str, str] = {}
    cleaned = []
    for number, question in enumerate(questions, start=1):
        prefix = f"questions.{number}"
        try:
            item = _validate_question(question, seen)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors[f"{prefix}.{name}"] = messages[0]
            continue
        seen[item["key"]] = item["kind"]
        item["position"] = number
        cleaned.append(item)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _validate_question(question: Mapping[str, Any], seen: dict[str, str]) -> dict[str, Any]:
    if not isinstance(question, Mapping):
        raise ValidationError({"key": _("Each question must be an object.")})
    key = str(question.get("key") or "")
    kind = question.get("kind")
    if not KEY_PATTERN.match(key):
        raise ValidationError(
            {"key": _("Use lower-case letters, digits and _ and start with a letter.")}
        )
    if key in seen:
        raise ValidationError({"key": _("Another question already uses this key.")})
    if kind not in KINDS:
        raise ValidationError({"kind": _("Unknown kind of question.")})
    label = _texts(question.get("label"), "label", required=True)
    item = {
        "key": key,
        "kind": kind,
        "required": bool(question.get("required", False)),
        "label": label,
        "help": _texts(question.get("help"), "help"),
        "choices": _choices(kind, question.get("choices")),
        "scale_min": None,
        "scale_max": None,
        "scale_min_label": {},
        "scale_max_label": {},
        "show_if": _show_if(question.get("show_if"), seen),
        "validation": _validation(question.get("validation")),
    }
    if kind == "scale":
        item.update(_scale(question))
    return item


def _texts(value: Any, name: str, *, required: bool = False) -> dict[str, str]:
    if value in (None, "", {}):
        if required:
            raise ValidationError({name: _("Give a text in at least one language.")})
        return {}
    if isinstance(value, str):
        value = {"en": value}
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) <= 12 for k, v in value.items()
    ):
        raise ValidationError({name: _("Give texts as {language: text}.")})
    texts = {k: v.strip() for k, v in value.items() if v.strip()}
    if required and not texts:
        raise ValidationError({name: _("Give a text in at least one language.")})
    if any(len(v) > 2000 for v in texts.values()):
        raise ValidationError({name: _("Use at most 2000 characters.")})
    return texts


def _choices(kind: str, value: Any) -> list[dict[str, Any]]:
    if kind not in CHOICE_KINDS:
        return []
    if not isinstance(value, list) or not value:
        raise ValidationError({"choices": _("A choice question needs at least one option.")})
    choices, seen = [], set()
    for choice in value:
        if (
            not isinstance(choice, Mapping)
            or not isinstance(choice.get("value"), str | int | float)
            or isinstance(choice.get("value"), bool)
            or choice.get("value") == ""
        ):
            raise ValidationError({"choices": _("Each option needs a value and a label.")})
        code = comparable(choice["value"])
        if code in seen:
            raise ValidationError({"choices": _("Two options have the same value.")})
        seen.add(code)
        label = _texts(choice.get("label") or code, "choices")
        choices.append({"value": code, "label": label})
    return choices


def _scale(question: Mapping[str, Any]) -> dict[str, Any]:
    try:
        low = int(question.get("scale_min", 1) if question.get("scale_min") is not None else 1)
        high = int(question.get("scale_max", 5) if question.get("scale_max") is not None else 5)
    except (TypeError, ValueError):
        raise ValidationError({"scale_max": _("The scale ends must be whole numbers.")}) from None
    if not low < high or high - low > 100:
        raise ValidationError({"scale_max": _("The scale must go up, by at most 100 steps.")})
    return {
        "scale_min": low,
        "scale_max": high,
        "scale_min_label": _texts(question.get("scale_min_label"), "scale_min_label"),
        "scale_max_label": _texts(question.get("scale_max_label"), "scale_max_label"),
    }


def _show_if(value: Any, seen: dict[str, str]) -> dict[str, Any] | None:
    if not value:
        return None
    if not isinstance(value, Mapping) or value.get("question") not in seen:
        raise ValidationError({"show_if": _("A rule can only refer to an earlier question.")})
    scalar = (str, int, float, bool)
    if "equals" in value and isinstance(value["equals"], scalar):
        return {"question": value["question"], "equals": value["equals"]}
    values = value.get("in")
    if isinstance(values, list) and values and all(isinstance(v, scalar) for v in values):
        return {"question": value["question"], "in": list(values)}
    raise ValidationError({"show_if": _("A rule needs 'equals' or a non-empty 'in'.")})


def _validation(value: Any) -> dict[str, Any]:
    if not value:
        return {}
    if not isinstance(value, Mapping) or set(value) - VALIDATION_KEYS:
        raise ValidationError({"validation": _("Unknown validation rule.")})
    pattern = value.get("pattern")
    if pattern:
        try:
            re.compile(pattern)
        except (re.error, TypeError):
            raise ValidationError({"validation": _("The pattern is not valid.")}) from None
    for name in ("min", "max"):
        if name in value and not _is_bound(value[name]):
            raise ValidationError({"validation": _("A bound is a number or a YYYY-MM-DD date.")})
    for name in ("max_length", "max_file_bytes"):
        if name in value and not (
            isinstance(value[name], int) and not isinstance(value[name], bool) and value[name] > 0
        ):
            raise ValidationError({"validation": _("A limit is a positive whole number.")})
    types = value.get("allowed_types", [])
    if not isinstance(types, list) or not all(isinstance(t, str) and t for t in types):
        raise ValidationError({"validation": _("File types are a list of texts.")})
    return dict(value)


def _is_bound(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return value == value and abs(value) != float("inf")
    if isinstance(value, str):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
        return True
    return False
