"""Courses in search: kind "course" (title, summary, description, lessons' titles), published
courses only, with facets language and capacity."""

from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from capacityhub.search.indexing import document, mark_changed
from capacityhub.search.registry import SearchKind, register

from .models import Course, Lesson, Module


def course_documents(course: Course) -> list:
    if not course.is_published:
        return []
    lessons = [lesson.title for module in course.modules.all() for lesson in module.lessons.all()]
    parts = [course.summary, course.description, *lessons]
    doc = document("course", course.pk, course.title, parts, language=course.language)
    doc.facets = [("language", course.language)]
    doc.facets += [("capacity", str(capacity.pk)) for capacity in course.capacities.all()]
    return [doc]


def load_courses(ids: list[int]):
    return Course.objects.filter(pk__in=ids).prefetch_related("capacities", "modules__lessons")


def locate_courses(ids: list[int], language: str) -> dict[int, tuple[str, str]]:
    courses = Course.objects.filter(pk__in=ids, is_published=True)
    return {
        pk: (title, Course(slug=slug).get_absolute_url())
        for pk, title, slug in courses.values_list("pk", "title", "slug")
    }


def _lesson_changed(sender, instance: Lesson, **kwargs) -> None:
    # A lesson knows its module, not its course: look the course up once per save.
    course_id = Module.objects.filter(pk=instance.module_id).values_list("course_id", flat=True)
    for pk in course_id:
        mark_changed("course", pk)


def register_course_kind() -> None:
    register(
        SearchKind(
            name="course",
            label=_("Courses"),
            load=load_courses,
            documents=course_documents,
            locate=locate_courses,
            watch=((Course, "pk"), (Module, "course_id")),
        )
    )
    uid = "search:course:lesson"
    post_save.connect(_lesson_changed, sender=Lesson, dispatch_uid=uid, weak=False)
    post_delete.connect(_lesson_changed, sender=Lesson, dispatch_uid=uid, weak=False)
