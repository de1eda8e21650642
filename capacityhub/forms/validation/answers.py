"""Checking a respondent's answers against a form's questions. Pure: plain data in, plain
data out, no database, so the rules are tested without one and the page, the API and imports
share them.

`validate_answers` returns the cleaned answers or raises `ValidationError({key: message})`."""

from __future__ import annotations

import datetime as dt
import mimetypes
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .questions import (
    DEFAULT_ALLOWED_TYPES,
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_MAX_LENGTH,
    comparable,
)


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    kind: str
    required: bool = False
    label: Mapping[str, str] = field(default_factory=dict)
    choices: tuple[str, ...] = ()
    scale_min: int | None = None
    scale_max: int | None = None
    show_if: Mapping[str, Any] | None = None
    validation: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, question: Any) -> QuestionSpec:
        """From a `Question` row or a dict with the same names."""
        get = (
            question.get
            if isinstance(question, Mapping)
            else lambda n, d=None: getattr(question, n, d)
        )
        return cls(
            key=get("key"),
            kind=get("kind"),
            required=bool(get("required", False)),
            label=get("label") or {},
            choices=tuple(str(c.get("value")) for c in (get("choices") or [])),
            scale_min=get("scale_min"),
            scale_max=get("scale_max"),
            show_if=get("show_if") or None,
            validation=get("validation") or {},
        )


@dataclass(frozen=True)
class UploadInfo:
    """What validation needs to know about an uploaded file (not its bytes)."""

    name: str
    size: int
    content_type: str


# -- answers ---------------------------------------------------------------------------------


def is_shown(spec: QuestionSpec, cleaned: Mapping[str, Any], shown: set[str]) -> bool:
    """A question is shown when it has no rule, or the question its rule names is shown and its
    cleaned answer matches (for a multiple choice: any ticked value matches)."""
    rule = spec.show_if
    if not rule:
        return True
    other = rule.get("question")
    if other not in shown:
        return False
    answer = cleaned.get(other)
    values = answer if isinstance(answer, list) else [answer]
    values = [comparable(v) for v in values]
    if "equals" in rule:
        return comparable(rule["equals"]) in values
    if "in" in rule:
        return any(comparable(v) in values for v in rule["in"])
    return True


def validate_answers(
    questions: Iterable[QuestionSpec],
    answers: Mapping[str, Any],
    files: Mapping[str, UploadInfo] | None = None,
    *,
    strict: bool = True,
) -> dict[str, Any]:
    """Clean `answers` for the questions, in order. Hidden questions are dropped (never
    required); unknown keys are dropped. `strict=False` (a draft) skips the required and
    consent checks but still refuses malformed values."""
    files = files or {}
    cleaned: dict[str, Any] = {}
    shown: set[str] = set()
    errors: dict[str, str] = {}
    for spec in questions:
        if not is_shown(spec, cleaned, shown):
            continue
        shown.add(spec.key)
        raw = files.get(spec.key) if spec.kind == "file" and spec.key in files else None
        if raw is None:
            raw = answers.get(spec.key)
        try:
            value = _clean_one(spec, raw)
        except ValidationError as error:
            errors[spec.key] = error.messages[0]
            continue
        if _is_empty(value):
            if strict and spec.required:
                errors[spec.key] = (
                    _("Please give your consent to continue.")
                    if spec.kind == "consent"
                    else _("This question needs an answer.")
                )
            continue
        cleaned[spec.key] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value is False


def _clean_one(spec: QuestionSpec, raw: Any) -> Any:
    if raw is None or raw == "" or raw == []:
        return None
    cleaner = _CLEANERS[spec.kind]
    return cleaner(spec, raw)


def _clean_text(spec: QuestionSpec, raw: Any) -> str:
    if not isinstance(raw, str | int | float) or isinstance(raw, bool):
        raise ValidationError(_("Enter text."))
    text = str(raw).strip()
    if "\x00" in text:
        raise ValidationError(_("Enter text without control characters."))
    limit = spec.validation.get("max_length") or DEFAULT_MAX_LENGTH[spec.kind]
    if len(text) > limit:
        raise ValidationError(_("Use at most %(limit)s characters.") % {"limit": limit})
    pattern = spec.validation.get("pattern")
    if pattern and text and not re.fullmatch(pattern, text):
        raise ValidationError(_("This answer does not have the expected form."))
    return text


def _clean_number(spec: QuestionSpec, raw: Any) -> int | float:
    if isinstance(raw, bool):
        raise ValidationError(_("Enter a number."))
    try:
        number = float(str(raw).strip().replace(",", "."))
    except ValueError:
        raise ValidationError(_("Enter a number.")) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValidationError(_("Enter a number."))
    _check_bounds(
        _numeric(spec.validation.get("min")), _numeric(spec.validation.get("max")), number
    )
    return int(number) if number.is_integer() else number


def _check_bounds(low: Any, high: Any, value: Any) -> None:
    if low is not None and value < low:
        raise ValidationError(_("Enter %(low)s or more.") % {"low": low})
    if high is not None and value > high:
        raise ValidationError(_("Enter %(high)s or less.") % {"high": high})


def _numeric(value: Any) -> float | None:
    """A bound that applies to numbers (a date bound on a number question is ignored)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return None


def _iso(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _clean_date(spec: QuestionSpec, raw: Any) -> str:
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        day = raw
    else:
        try:
            day = dt.date.fromisoformat(str(raw).strip())
        except ValueError:
            raise ValidationError(_("Enter a date as YYYY-MM-DD.")) from None
    low, high = spec.validation.get("min"), spec.validation.get("max")
    _check_bounds(_iso(low), _iso(high), day.isoformat())
    return day.isoformat()


def _clean_single(spec: QuestionSpec, raw: Any) -> str:
    value = comparable(raw)
    if value not in spec.choices:
        raise ValidationError(_("Choose one of the options."))
    return value


def _clean_multiple(spec: QuestionSpec, raw: Any) -> list[str]:
    values = raw if isinstance(raw, list | tuple) else [raw]
    picked = [comparable(v) for v in values]
    if any(v not in spec.choices for v in picked):
        raise ValidationError(_("Choose among the options."))
    ordered = [c for c in spec.choices if c in picked]
    _check_count(spec, len(ordered))
    return ordered


def _check_count(spec: QuestionSpec, count: int) -> None:
    low, high = _numeric(spec.validation.get("min")), _numeric(spec.validation.get("max"))
    if low is not None and count and count < low:
        raise ValidationError(_("Choose at least %(low)s.") % {"low": low})
    if high is not None and count > high:
        raise ValidationError(_("Choose at most %(high)s.") % {"high": high})


def _clean_scale(spec: QuestionSpec, raw: Any) -> int:
    try:
        if isinstance(raw, bool):
            raise ValueError
        value = int(str(raw).strip())
    except ValueError:
        raise ValidationError(_("Choose a point on the scale.")) from None
    low = spec.scale_min if spec.scale_min is not None else 1
    high = spec.scale_max if spec.scale_max is not None else 5
    if not low <= value <= high:
        raise ValidationError(
            _("Choose a value from %(low)s to %(high)s.") % {"low": low, "high": high}
        )
    return value


def _clean_consent(spec: QuestionSpec, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("true", "on", "1", "yes", "ok"):
        return True
    if text in ("false", "off", "0", "no"):
        return False
    raise ValidationError(_("Tick the box to give your consent."))


def _clean_file(spec: QuestionSpec, raw: Any) -> dict[str, Any]:
    if isinstance(raw, Mapping):  # a file stored earlier: keep what we already know
        raw = UploadInfo(
            name=str(raw.get("name", "")),
            size=int(raw.get("size") or 0),
            content_type=str(raw.get("content_type", "")),
        )
    if not isinstance(raw, UploadInfo):
        raise ValidationError(_("Upload a file."))
    limit = spec.validation.get("max_file_bytes") or DEFAULT_MAX_FILE_BYTES
    if raw.size > limit:
        raise ValidationError(
            _("This file is too large: the limit is %(limit)s.") % {"limit": _megabytes(limit)}
        )
    if not file_type_allowed(raw, spec.validation.get("allowed_types")):
        raise ValidationError(_("This type of file is not accepted here."))
    return {"name": raw.name, "size": raw.size, "content_type": raw.content_type}


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size // 1024} kB"


def file_type_allowed(upload: UploadInfo, allowed: Iterable[str] | None) -> bool:
    """Both the declared type and the type the name's extension implies must be allowed, so a
    renamed executable with a forged type header does not pass. Entries may be MIME types or
    extensions ('.pdf')."""
    allowed = [a.lower() for a in (allowed or DEFAULT_ALLOWED_TYPES)]
    name = upload.name.lower()
    declared = (upload.content_type or "").split(";")[0].strip().lower()
    guessed = (mimetypes.guess_type(name)[0] or "").lower()
    by_extension = any(a.startswith(".") and name.endswith(a) for a in allowed)
    if by_extension:
        return True
    return bool(declared) and declared in allowed and guessed in allowed


_CLEANERS = {
    "short_text": _clean_text,
    "long_text": _clean_text,
    "number": _clean_number,
    "date": _clean_date,
    "single_choice": _clean_single,
    "multiple_choice": _clean_multiple,
    "scale": _clean_scale,
    "file": _clean_file,
    "consent": _clean_consent,
}
