"""Permission checks and input cleaning shared by the learning services."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from capacityhub.core.languages import is_language
from capacityhub.core.permissions import require_member
from capacityhub.taxonomy.validation import resolve_capacities  # noqa: F401 (re-exported)

from ..models import Course
from ..selectors.courses import can_author, course_can_edit

MAX_PREREQUISITES = 20


def require_author(actor) -> None:
    require_member(actor)
    if not can_author(actor):
        raise PermissionDenied(_("Only course authors and staff can create courses."))


def require_course_editor(actor, course: Course) -> None:
    require_member(actor)
    if not course_can_edit(course=course, user=actor):
        raise PermissionDenied(_("Only this course's authors and staff can change it."))


def clean_text(value, field: str, *, max_length: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError({field: _("Give a text.")})
    value = value.strip()
    if required and not value:
        raise ValidationError({field: _("This field cannot be empty.")})
    if len(value) > max_length:
        raise ValidationError({field: _("Keep it under %d characters.") % max_length})
    return value


def clean_language(value) -> str:
    if not isinstance(value, str) or not is_language(value):
        raise ValidationError({"language": _("Unknown language code.")})
    return value


def _list_of_strings(values, field: str, limit: int) -> list[str]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ValidationError({field: _("Give a list.")})
    items = list(dict.fromkeys(values))
    if not all(isinstance(item, str) for item in items):
        raise ValidationError({field: _("Give a list.")})
    if len(items) > limit:
        raise ValidationError({field: _("At most %(n)d may be chosen.") % {"n": limit}})
    return items


def resolve_courses(values, field: str) -> list[Course]:
    slugs = _list_of_strings(values, field, MAX_PREREQUISITES)
    found = Course.objects.in_bulk(slugs, field_name="slug")
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise ValidationError(
            {field: _("Unknown course: %s.") % ", ".join(f"“{s}”" for s in unknown)}
        )
    return [found[slug] for slug in slugs]


def clean_minutes(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100_000:
        raise ValidationError({"estimated_minutes": _("Give the time in minutes, at least 1.")})
    return value


def clean_pass_mark(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ValidationError({"pass_mark": _("The pass mark is a percentage from 0 to 100.")})
    return value
