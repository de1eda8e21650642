"""Reads of enrolments, progress, certificates, discussions and learning histories.

A person's learning history (completed courses) is evidence of their capacities, so it follows
their profile's `capacities_visibility` like the rest of their evidence."""

from dataclasses import dataclass

from django.db.models import Count, Max, QuerySet

from capacityhub.community.models import Membership, Organization, Profile
from capacityhub.community.visibility import shared_levels, visible_levels

from ..completion import LessonRule
from ..models import (
    CohortRun,
    Course,
    Enrolment,
    Lesson,
    LessonProgress,
    Post,
    Question,
    QuizAttempt,
)
from .courses import course_lessons


@dataclass
class Progress:
    done: set[int]  # lesson ids marked done
    best_scores: dict[int, int]  # quiz lesson id → best score


def enrolment_for(*, user, course: Course) -> Enrolment | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Enrolment.objects.filter(user=user, course=course).select_related("cohort").first()


def progress_of(enrolment: Enrolment | None) -> Progress:
    if enrolment is None:
        return Progress(done=set(), best_scores={})
    done = set(
        LessonProgress.objects.filter(enrolment=enrolment).values_list("lesson_id", flat=True)
    )
    best = (
        QuizAttempt.objects.filter(enrolment=enrolment)
        .values("lesson_id")
        .annotate(best=Max("score"))
        .values_list("lesson_id", "best")
    )
    return Progress(done=done, best_scores=dict(best))


def lesson_rules(lessons: list[Lesson]) -> list[LessonRule]:
    """The completion rules of these lessons; one query counts the quizzes' questions."""
    quiz_ids = [lesson.pk for lesson in lessons if lesson.is_quiz]
    counts = dict(
        Question.objects.filter(lesson_id__in=quiz_ids)
        .values("lesson_id")
        .annotate(n=Count("id"))
        .values_list("lesson_id", "n")
        if quiz_ids
        else []
    )
    return [
        LessonRule(
            lesson_id=lesson.pk,
            required=lesson.required,
            pass_mark=lesson.pass_mark if lesson.is_quiz else None,
            questions=counts.get(lesson.pk, 0),
        )
        for lesson in lessons
    ]


def course_rules(course: Course) -> list[LessonRule]:
    return lesson_rules(course_lessons(course))


def prerequisites_of(*, user, course: Course) -> list[tuple[Course, bool]]:
    """The course's published prerequisites, each with whether this person completed it (one
    query; `course_get` prefetches them). Advice only: enrolling does not require them."""
    courses = [c for c in course.prerequisites.all() if c.is_published]
    done: set[int] = set()
    if courses and getattr(user, "is_authenticated", False):
        done = set(
            Enrolment.objects.filter(
                user=user, course__in=courses, completed_at__isnull=False
            ).values_list("course_id", flat=True)
        )
    return [(c, c.pk in done) for c in courses]


def my_enrolments(*, user) -> QuerySet[Enrolment]:
    """The person's enrolments, unfinished first, with how many lessons they have done."""
    return (
        Enrolment.objects.filter(user=user)
        .select_related("course", "cohort")
        .annotate(done_count=Count("progress", distinct=True))
        .order_by("completed_at", "-enrolled_at", "-id")
    )


def certificate_get(*, code: str) -> Enrolment:
    """A completed enrolment by its certificate code; Enrolment.DoesNotExist otherwise."""
    return Enrolment.objects.select_related("course", "user__profile").get(
        certificate_code=code, completed_at__isnull=False
    )


def completions_for_profile(*, profile_id: int, viewer, limit: int = 50) -> list[Enrolment]:
    """Completed courses of a person, if the viewer may see their capacities."""
    profile = Profile.objects.filter(pk=profile_id).values("user_id", "capacities_visibility")
    found = profile.first()
    if found is None or found["capacities_visibility"] not in visible_levels(
        viewer, found["user_id"]
    ):
        return []
    return list(
        Enrolment.objects.filter(user_id=found["user_id"], completed_at__isnull=False)
        .select_related("course")
        .order_by("-completed_at", "-id")[:limit]
    )


def organization_learning(*, organization: Organization, viewer, limit: int = 10) -> dict:
    """What the organization's members who show their capacities to this viewer completed:
    the courses with how many members completed each, and the total of completions."""
    members = Membership.objects.filter(
        organization=organization,
        user__profile__capacities_visibility__in=shared_levels(viewer),
    ).values("user_id")
    completed = Enrolment.objects.filter(
        user_id__in=members, completed_at__isnull=False, course__is_published=True
    )
    rows = (
        completed.values("course_id", "course__title", "course__slug")
        .annotate(members=Count("user_id", distinct=True))
        .order_by("-members", "course__title")[:limit]
    )
    return {
        "courses": list(rows),
        "total": completed.count(),
        "learners": completed.values("user_id").distinct().count(),
    }


def is_facilitator(*, user, cohort: CohortRun) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and cohort.facilitators.filter(pk=user.pk).exists()
    )


def cohort_for_discussion(*, user, lesson: Lesson) -> CohortRun | None:
    """The cohort run whose discussion of this lesson the person takes part in: the run they
    are enrolled in, or the latest one they facilitate."""
    if not getattr(user, "is_authenticated", False):
        return None
    course_id = lesson.module.course_id
    enrolment = Enrolment.objects.filter(user=user, course_id=course_id, cohort__isnull=False)
    cohort_id = enrolment.values_list("cohort_id", flat=True).first()
    if cohort_id is None:
        facilitated = CohortRun.objects.filter(course_id=course_id, facilitators=user)
        return facilitated.order_by("-starts_on", "-id").first()
    return CohortRun.objects.get(pk=cohort_id)


def discussion(*, cohort: CohortRun, lesson: Lesson, limit: int = 200) -> list[Post]:
    return list(
        Post.objects.filter(cohort=cohort, lesson=lesson)
        .select_related("author__profile")
        .order_by("created_at", "id")[:limit]
    )
