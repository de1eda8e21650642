"""Reads of courses, lessons and cohort runs, with who may see which.

Published courses are seen by everyone, anonymous visitors included; a draft only by its
authors and staff (anyone else gets "does not exist"). Lessons follow their course. Which
answers of a quiz are correct is never part of what these return for display before a person
has submitted: the pages and the API read `is_correct` only when scoring or after submitting.
"""

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from capacityhub.taxonomy.selectors import capacity_code_map, capacity_descendant_ids

from ..models import Answer, CohortRun, Course, Lesson, Module, Question

SORTS = {
    "new": ["-published_at", "-created_at", "-id"],
    "title": ["title", "id"],
    "short": ["estimated_minutes", "title", "id"],
}


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def course_can_edit(*, course: Course, user) -> bool:
    """Staff, and course authors who are among this course's authors."""
    if not _signed_in(user):
        return False
    if user.is_staff:
        return True
    return user.is_course_author and course.authors.filter(pk=user.pk).exists()


def can_author(user) -> bool:
    """May create courses: course authors and staff."""
    return _signed_in(user) and (user.is_staff or user.is_course_author)


def visible_courses(viewer) -> QuerySet[Course]:
    courses = Course.objects.all()
    if not _signed_in(viewer):
        return courses.filter(is_published=True)
    if viewer.is_staff:
        return courses
    authored = Course.authors.through.objects.filter(user_id=viewer.pk).values("course_id")
    return courses.filter(Q(is_published=True) | Q(id__in=authored))


def course_list(
    *,
    viewer,
    capacity_code: str | None = None,
    language: str | None = None,
    q: str | None = None,
    authored: bool = False,
    sort: str = "new",
) -> QuerySet[Course]:
    """Courses the viewer may see. A capacity matches the capacities beneath it too; an
    unknown code matches nothing. `authored`: only the viewer's own courses, drafts included."""
    courses = visible_courses(viewer)
    if authored:
        if not _signed_in(viewer):
            return courses.none()
        courses = courses.filter(authors=viewer)
    if capacity_code:
        capacity_id = capacity_code_map().get(capacity_code)
        if capacity_id is None:
            return courses.none()
        ids = capacity_descendant_ids(capacity_id) or [capacity_id]
        through = Course.capacities.through.objects.filter(capacity_id__in=[capacity_id, *ids])
        courses = courses.filter(id__in=through.values("course_id"))
    if language:
        courses = courses.filter(language=language)
    if q:
        courses = courses.filter(Q(title__icontains=q) | Q(summary__icontains=q))
    return courses.order_by(*SORTS.get(sort, SORTS["new"]))


def with_course_details(courses: QuerySet[Course]) -> QuerySet[Course]:
    """What a course card shows, in a fixed number of queries whatever the page size."""
    return courses.prefetch_related("capacities", "authors__profile")


def course_get(*, viewer, slug: str) -> Course:
    """One course with its outline; Course.DoesNotExist if the viewer may not see it."""
    lessons = Lesson.objects.select_related("resource").order_by("position", "id")
    modules = Module.objects.prefetch_related(Prefetch("lessons", queryset=lessons))
    return (
        with_course_details(visible_courses(viewer))
        .select_related("translation_of")
        .prefetch_related(
            Prefetch("modules", queryset=modules),
            Prefetch("prerequisites", queryset=Course.objects.filter(is_published=True)),
            Prefetch("translations", queryset=Course.objects.filter(is_published=True)),
            Prefetch("cohorts", queryset=CohortRun.objects.prefetch_related("facilitators")),
        )
        .get(slug=slug)
    )


def course_get_by_id(*, viewer, pk: int) -> Course:
    return visible_courses(viewer).get(pk=pk)


def lesson_get(*, viewer, pk: int) -> Lesson:
    """One lesson with its quiz; Lesson.DoesNotExist if the viewer may not see its course."""
    answers = Answer.objects.order_by("position", "id")
    questions = Question.objects.prefetch_related(Prefetch("answers", queryset=answers))
    return (
        Lesson.objects.filter(module__course__in=visible_courses(viewer))
        .select_related("module__course", "resource")
        .prefetch_related(Prefetch("questions", queryset=questions))
        .get(pk=pk)
    )


def module_get(*, viewer, pk: int) -> Module:
    return (
        Module.objects.filter(course__in=visible_courses(viewer))
        .select_related("course")
        .get(pk=pk)
    )


def question_get(*, viewer, pk: int) -> Question:
    return (
        Question.objects.filter(lesson__module__course__in=visible_courses(viewer))
        .select_related("lesson__module__course")
        .get(pk=pk)
    )


def cohort_get(*, viewer, pk: int) -> CohortRun:
    return (
        CohortRun.objects.filter(course__in=visible_courses(viewer))
        .select_related("course")
        .prefetch_related("facilitators")
        .get(pk=pk)
    )


def course_lessons(course: Course) -> list[Lesson]:
    """The course's lessons in order (module by module)."""
    return list(
        Lesson.objects.filter(module__course=course).order_by(
            "module__position", "module_id", "position", "id"
        )
    )


def open_cohorts(course: Course) -> list[CohortRun]:
    """The course's runs one may still join (from its prefetched runs)."""
    today = timezone.localdate()
    return [c for c in course.cohorts.all() if not c.is_done and c.ends_on >= today]


def new_courses(*, limit: int = 5) -> list[Course]:
    return list(
        Course.objects.filter(is_published=True)
        .order_by("-published_at", "-id")
        .prefetch_related("capacities")[:limit]
    )


def upcoming_cohorts(*, limit: int = 5) -> list[CohortRun]:
    return list(
        CohortRun.objects.filter(
            course__is_published=True, ends_on__gte=timezone.localdate(), is_done=False
        )
        .select_related("course")
        .order_by("starts_on", "id")[:limit]
    )


def resource_choices(limit: int = 500) -> list:
    """Knowledge base resources a lesson may offer: those listed (published or outdated)."""
    from capacityhub.knowledge.models import Resource

    listed = [Resource.Status.PUBLISHED, Resource.Status.OUTDATED]
    return list(Resource.objects.filter(status__in=listed).order_by("title", "id")[:limit])


def resource_listed(*, pk: int):
    """A listed knowledge base resource by id, or None."""
    from capacityhub.knowledge.models import Resource

    listed = [Resource.Status.PUBLISHED, Resource.Status.OUTDATED]
    return Resource.objects.filter(status__in=listed, pk=pk).first()
