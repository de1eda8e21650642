"""Writes to courses: create, edit (with optimistic locking), publish and unpublish.

Prerequisites may not form a cycle (a course that, through others, requires itself), and a
course cannot be a translation of itself. Publishing needs a lesson, and every quiz must be
passable: at least one question, each with a correct answer."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.validation import clean_language, clean_multiline, clean_single_line
from capacityhub.core.versioning import version_bump

from ..completion import creates_cycle
from ..models import Course, Lesson, Question
from ._checks import (
    clean_minutes,
    require_author,
    require_course_editor,
    resolve_capacities,
    resolve_courses,
)

MAX_AUTHORS = 20
RESERVED_SLUGS = {"new"}  # /courses/new/ is the page that creates a course
SCALARS = ("title", "summary", "description", "language", "estimated_minutes")


def _clean_scalars(fields: dict) -> dict:
    cleaned = dict(fields)
    if "title" in cleaned:
        cleaned["title"] = clean_single_line(
            cleaned["title"], field="title", max_length=200, required=True
        )
    if "summary" in cleaned:
        cleaned["summary"] = clean_single_line(cleaned["summary"], field="summary", max_length=500)
    if "description" in cleaned:
        cleaned["description"] = clean_multiline(
            cleaned["description"], field="description", max_length=20000
        )
    if "language" in cleaned:
        cleaned["language"] = clean_language(cleaned["language"])
    if "estimated_minutes" in cleaned:
        cleaned["estimated_minutes"] = clean_minutes(cleaned["estimated_minutes"])
    return cleaned


def _unique_slug(wanted: str, title: str, exclude_pk: int | None = None) -> str:
    explicit = bool(wanted)
    base = slugify(wanted or title)[:70] or "course"
    if explicit and base != wanted:
        raise ValidationError({"slug": _("Use only lowercase letters, digits and hyphens.")})
    others = Course.objects.exclude(pk=exclude_pk)
    if base in RESERVED_SLUGS:
        if explicit:
            raise ValidationError({"slug": _("This address is reserved; choose another.")})
        base = f"{base}-course"
    if explicit:
        if others.filter(slug=base).exists():
            raise ValidationError({"slug": _("Another course already has this address.")})
        return base
    slug, n = base, 2
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _prerequisites(course: Course | None, slugs) -> list[Course]:
    courses = resolve_courses(slugs, "prerequisites")
    if course is None:
        return courses
    edges: dict[int, list[int]] = {}
    for from_id, to_id in Course.prerequisites.through.objects.values_list(
        "from_course_id", "to_course_id"
    ):
        edges.setdefault(from_id, []).append(to_id)
    if creates_cycle(edges, course.pk, [c.pk for c in courses]):
        raise ValidationError(
            {"prerequisites": _("These prerequisites would make the course require itself.")}
        )
    return courses


def _authors(usernames) -> list:
    from capacityhub.community.models import User

    if isinstance(usernames, str) or not isinstance(usernames, list | tuple):
        raise ValidationError({"authors": _("Give a list of usernames.")})
    names = list(dict.fromkeys(usernames))
    if not names or len(names) > MAX_AUTHORS or not all(isinstance(n, str) for n in names):
        raise ValidationError({"authors": _("Give between 1 and %d authors.") % MAX_AUTHORS})
    found = User.objects.filter(is_active=True).in_bulk(names, field_name="username")
    refused = [
        n for n in names if n not in found or not (found[n].is_course_author or found[n].is_staff)
    ]
    if refused:
        raise ValidationError(
            {"authors": _("Not a course author: %s.") % ", ".join(f"“{n}”" for n in refused)}
        )
    return [found[name] for name in names]


def _translation_of(course: Course | None, slug) -> Course | None:
    if slug in (None, ""):
        return None
    (original,) = resolve_courses([slug], "translation_of")
    if course is not None and original.pk == course.pk:
        raise ValidationError({"translation_of": _("A course cannot translate itself.")})
    return original


@transaction.atomic
def course_create(
    *,
    actor,
    title: str,
    capacities: list[str],
    language: str = "en",
    slug: str = "",
    summary: str = "",
    description: str = "",
    estimated_minutes: int = 60,
    prerequisites: list[str] = (),
    translation_of: str | None = None,
) -> Course:
    """A draft course, with the actor as its first author."""
    require_author(actor)
    fields = _clean_scalars(
        {
            "title": title,
            "summary": summary,
            "description": description,
            "language": language,
            "estimated_minutes": estimated_minutes,
        }
    )
    capacity_rows = resolve_capacities(capacities)
    prerequisite_rows = _prerequisites(None, prerequisites)
    original = _translation_of(None, translation_of)
    course = Course.objects.create(
        **fields, slug=_unique_slug(slug or "", fields["title"]), translation_of=original
    )
    course.capacities.set(capacity_rows)
    course.prerequisites.set(prerequisite_rows)
    course.authors.add(actor)
    audit_log(actor=actor, action="course.create", target=course, changes={"title": course.title})
    return course


@transaction.atomic
def course_update(*, actor, course: Course, expected_version: int | None = None, **changes):
    """Change the fields given; `capacities` are codes, `prerequisites` and `translation_of`
    slugs, `authors` usernames of course authors or staff (the whole list of authors)."""
    require_course_editor(actor, course)
    allowed = {*SCALARS, "slug", "capacities", "prerequisites", "translation_of", "authors"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("This field cannot be changed.")})
    fields = _clean_scalars({k: v for k, v in changes.items() if k in SCALARS})
    if "slug" in changes:
        fields["slug"] = _unique_slug(changes["slug"] or "", course.title, course.pk)
    if "translation_of" in changes:
        fields["translation_of"] = _translation_of(course, changes["translation_of"])
    capacity_rows = resolve_capacities(changes["capacities"]) if "capacities" in changes else None
    prerequisite_rows = (
        _prerequisites(course, changes["prerequisites"]) if "prerequisites" in changes else None
    )
    author_rows = _authors(changes["authors"]) if "authors" in changes else None
    version_bump(Course, course, expected_version)
    for name, value in fields.items():
        setattr(course, name, value)
    course.save()
    if capacity_rows is not None:
        course.capacities.set(capacity_rows)
    if prerequisite_rows is not None:
        course.prerequisites.set(prerequisite_rows)
    if author_rows is not None:
        course.authors.set(author_rows)
    audit_log(
        actor=actor, action="course.update", target=course, changes={"fields": sorted(changes)}
    )
    return course


def _check_quizzes(course: Course) -> None:
    """A quiz learners cannot pass would block their completion: refuse to publish while one
    has no questions or a question without a correct answer, naming the first such lesson."""
    quizzes = (
        Lesson.objects.filter(module__course=course, kind=Lesson.Kind.QUIZ)
        .annotate(questions_count=Count("questions"))
        .order_by("module__position", "module_id", "position", "id")
    )
    keyless = set(
        Question.objects.filter(lesson__module__course=course)
        .exclude(answers__is_correct=True)
        .values_list("lesson_id", flat=True)
    )
    for quiz in quizzes:
        if quiz.questions_count == 0:
            message = _("The quiz “%s” has no questions yet.")
        elif quiz.pk in keyless:
            message = _("A question of the quiz “%s” has no correct answer.")
        else:
            continue
        raise ValidationError({"published": message % quiz.title})


@transaction.atomic
def course_set_published(*, actor, course: Course, published: bool) -> Course:
    require_course_editor(actor, course)
    if published and not course.modules.filter(lessons__isnull=False).exists():
        raise ValidationError({"published": _("Add at least one lesson before publishing.")})
    if published:
        _check_quizzes(course)
    course.is_published = published
    if published and course.published_at is None:
        course.published_at = timezone.now()
    course.save(update_fields=["is_published", "published_at", "updated_at"])
    action = "course.publish" if published else "course.unpublish"
    audit_log(actor=actor, action=action, target=course)
    return course
