"""Courses as answers to a need: published courses on the need's capacities (or narrower
ones), in a language the requester reads; courses with an upcoming cohort run come first."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.exchange.suggestions import NeedContext, Suggestion, register

from .models import CohortRun, Course


def _next_runs(course_ids: list[int]) -> dict[int, CohortRun]:
    runs = CohortRun.objects.filter(
        course_id__in=course_ids, is_done=False, starts_on__gte=timezone.localdate()
    ).order_by("starts_on", "id")
    first: dict[int, CohortRun] = {}
    for run in runs:
        first.setdefault(run.course_id, run)
    return first


def course_suggestions(context: NeedContext, limit: int) -> list[Suggestion]:
    if not context.related_ids:
        return []
    through = Course.capacities.through.objects.filter(capacity_id__in=context.related_ids)
    courses = Course.objects.filter(is_published=True, id__in=through.values("course_id"))
    if context.languages:
        courses = courses.filter(language__in=context.languages)
    courses = list(courses.prefetch_related("capacities").order_by("-published_at", "-id")[:50])
    runs = _next_runs([c.pk for c in courses])
    found = []
    for course in courses:
        capacity_ids = {c.pk for c in course.capacities.all()}
        exact = bool(capacity_ids & context.capacity_ids)
        run = runs.get(course.pk)
        reasons = [
            _("Builds a capacity of this need") if exact else _("Builds a narrower capacity")
        ]
        if run is not None:
            reasons.append(_("A cohort run starts on %s") % run.starts_on.isoformat())
        score = (0.7 if exact else 0.55) + (0.2 if run is not None else 0.0)
        found.append(
            Suggestion(
                kind="course",
                kind_label=str(gettext_lazy("Course")),
                object_id=course.pk,
                title=course.title,
                url=course.get_absolute_url(),
                score=score,
                reasons=reasons,
                starts_at=None,
                language=course.language,
            )
        )
    found.sort(key=lambda s: (-s.score, s.object_id))
    return found[:limit]


def register_suggestions() -> None:
    register(course_suggestions)
