"""The one home of field checks every app's services, forms and API schemas call: text (single
line or multiline), language codes, regions, levels and lists. Pure: no database.

Each check returns the cleaned value or raises `ValidationError({field: message})`, so a page
shows the message on its field and the API answers 422 naming it.

Single-line text (titles, names, subjects, headlines) refuses every control character —
C0 (CR, LF, TAB, ESC, NUL …), DEL, C1 — and the bidirectional embeddings, overrides and
isolates (U+202A–U+202E, U+2066–U+2069) and line/paragraph separators: they let one
person's title break a list, a CSV row or an e-mail subject, or show text reversed ("U+202E").
TAB is refused too: it cannot be typed into a single-line input and shows as nothing.
Multiline text (messages, descriptions, bodies) keeps line breaks (CRLF and CR become LF) and
TAB (indentation in Markdown), and refuses everything else the single-line check refuses.
"""

import re
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .languages import is_language
from .regions import REGIONS

MAX_ID = 2**63 - 1  # the largest database key: a larger id is "not found", never a 500

MAX_LANGUAGES = 30
LEVELS = (1, 5)

_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_SEPARATORS = "\u2028\u2029"
_SINGLE_LINE_REFUSED = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI_CONTROLS}{_SEPARATORS}]")
_MULTILINE_REFUSED = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_CONTROLS}{_SEPARATORS}]")
_LINE_BREAKS = re.compile(r"\r\n?")


def _text(value: Any, field: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError({field: _("Give a text.")})
    return value


def _finish(value: str, *, field: str, max_length: int, required: bool, message: str | None):
    if required and not value:
        raise ValidationError({field: message or _("This field cannot be empty.")})
    if len(value) > max_length:
        raise ValidationError(
            {field: _("Keep it under %(limit)d characters.") % {"limit": max_length}}
        )
    return value


def clean_single_line(
    value: Any, *, field: str, max_length: int, required: bool = False, message: str | None = None
) -> str:
    """A title or name: stripped, one line, no control or bidi-override characters.
    `message` replaces the default "cannot be empty" when `required`."""
    value = _text(value, field).strip()
    if _SINGLE_LINE_REFUSED.search(value):
        raise ValidationError(
            {field: _("Line breaks, tabs and control characters are not allowed here.")}
        )
    return _finish(value, field=field, max_length=max_length, required=required, message=message)


def clean_multiline(
    value: Any, *, field: str, max_length: int, required: bool = False, message: str | None = None
) -> str:
    """A message or description: stripped, line breaks normalised to LF, no other controls."""
    value = _LINE_BREAKS.sub("\n", _text(value, field)).strip()
    if _MULTILINE_REFUSED.search(value):
        raise ValidationError({field: _("Control characters are not allowed here.")})
    return _finish(value, field=field, max_length=max_length, required=required, message=message)


def clean_list(
    values: Any,
    *,
    field: str,
    max_items: int,
    item_cleaner: Callable[[Any], Any] | None = None,
    message: str | None = None,
) -> list:
    """The distinct items of a list, in order. `item_cleaner` turns each item into its clean
    value or raises ValidationError; `message` says what is wrong when it is not a list."""
    message = message or _("Give a list.")
    if isinstance(values, str | bytes | dict) or not isinstance(values, Iterable):
        raise ValidationError({field: message})
    values = list(values)
    if item_cleaner is not None:
        values = [item_cleaner(item) for item in values]
    try:
        items = list(dict.fromkeys(values))
    except TypeError:  # an unhashable item: a list or object where a code was expected
        raise ValidationError({field: message}) from None
    if len(items) > max_items:
        raise ValidationError({field: _("At most %(n)d may be chosen.") % {"n": max_items}})
    return items


def clean_code_list(values: Any, *, field: str, max_items: int) -> list[str]:
    """A list of distinct strings (codes, slugs, usernames), in order."""

    message = _("Give a list of codes.")

    def code(item):
        if not isinstance(item, str):
            raise ValidationError({field: message})
        return item

    return clean_list(values, field=field, max_items=max_items, item_cleaner=code, message=message)


def clean_language(code: Any, *, field: str = "language") -> str:
    """One language code CLDR knows ('fr', 'ast')."""
    if not isinstance(code, str) or not is_language(code):
        raise ValidationError({field: _("Unknown language code: %s.") % f"“{code}”"})
    return code


def clean_languages(codes: Any, *, field: str = "languages", max_items: int = MAX_LANGUAGES):
    """A list of language codes, each once, in the order given."""
    codes = clean_code_list(codes, field=field, max_items=max_items)
    unknown = [code for code in codes if not is_language(code)]
    if unknown:
        raise ValidationError(
            {field: _("Unknown language code: %s.") % ", ".join(f"“{c}”" for c in unknown)}
        )
    return codes


def clean_region(code: Any, *, field: str = "region", required: bool = False) -> str:
    """One of the eight funding regions; empty (no region) unless `required`."""
    if code in (None, "") and not required:
        return ""
    if not isinstance(code, str) or code not in REGIONS:
        raise ValidationError({field: _("Unknown region.")})
    return code


def clean_int(value: Any, *, field: str, minimum: int, maximum: int, message: str) -> int:
    """A whole number in range; `True` and `False` are not numbers here."""
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise ValidationError({field: message})
    return value


def clean_level(value: Any, *, field: str, minimum: int = LEVELS[0], maximum: int = LEVELS[1]):
    """A capacity level (1–5 unless told otherwise); a bool is not a level."""
    message = _("Level must be between %(low)d and %(high)d.") % {"low": minimum, "high": maximum}
    return clean_int(value, field=field, minimum=minimum, maximum=maximum, message=message)


def clean_bool(value: Any, *, field: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError({field: _("Say yes or no.")})
    return value


def known_row(model, value: Any, field: str, **lookup):
    """The row a form or API body refers to by `value` (found with `lookup`), None when it names
    none; a reference to nothing there is a ValidationError on `field`."""
    if value in (None, ""):
        return None
    found = model.objects.filter(**lookup).first()
    if found is None:
        raise ValidationError({field: _("Not found.")})
    return found
