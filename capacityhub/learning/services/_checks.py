"""Permission checks and input cleaning shared by the learning services."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from capacityhub.core.permissions import require_member
from capacityhub.core.validation import clean_code_list, clean_int
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


def resolve_courses(values, field: str) -> list[Course]:
    slugs = clean_code_list(values, field=field, max_items=MAX_PREREQUISITES)
    found = Course.objects.in_bulk(slugs, field_name="slug")
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise ValidationError(
            {field: _("Unknown course: %s.") % ", ".join(f"“{s}”" for s in unknown)}
        )
    return [found[slug] for slug in slugs]


def clean_minutes(value) -> int:
    message = _("Give the time in minutes, at least 1.")
    return clean_int(value, field="estimated_minutes", minimum=1, maximum=100_000, message=message)


def clean_pass_mark(value) -> int:
    message = _("The pass mark is a percentage from 0 to 100.")
    return clean_int(value, field="pass_mark", minimum=0, maximum=100, message=message)
