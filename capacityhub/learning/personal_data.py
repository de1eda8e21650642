"""Courses' part of a person's data (community.personal_data): enrolments with progress, quiz
attempts and certificates, courses they author, cohorts they facilitate, discussion posts.
Deleting the account keeps them (a certificate stays verifiable, under the anonymous name)."""

from capacityhub.community.models import User
from capacityhub.community.personal_data import PersonalDataPart, register, when

from .models import Course, Enrolment, Post


def _enrolment(enrolment: Enrolment) -> dict:
    return {
        "course": enrolment.course.slug,
        "course_title": enrolment.course.title,
        "cohort": enrolment.cohort.title if enrolment.cohort else None,
        "enrolled_at": when(enrolment.enrolled_at),
        "completed_at": when(enrolment.completed_at),
        "certificate_code": enrolment.certificate_code,
        "lessons_done": [
            {"lesson": p.lesson_id, "at": when(p.completed_at)} for p in enrolment.progress.all()
        ],
        "quiz_attempts": [
            {
                "lesson": a.lesson_id,
                "score": a.score,
                "passed": a.passed,
                "choices": a.choices,
                "at": when(a.created_at),
            }
            for a in enrolment.attempts.all()
        ],
    }


def export_learning(user: User) -> dict:
    enrolments = (
        Enrolment.objects.filter(user=user)
        .select_related("course", "cohort")
        .prefetch_related("progress", "attempts")
        .order_by("enrolled_at", "id")
    )
    return {
        "enrolments": [_enrolment(enrolment) for enrolment in enrolments],
        "certificates": [
            {"course": e.course.slug, "code": e.certificate_code, "at": when(e.completed_at)}
            for e in enrolments
            if e.certificate_code
        ],
        "courses_authored": sorted(
            Course.objects.filter(authors=user).values_list("slug", flat=True)
        ),
        "cohorts_facilitated": [
            {"course": c.course.slug, "title": c.title}
            for c in user.facilitated_cohorts.select_related("course").order_by("starts_on")
        ],
        "posts": [
            {"cohort": p.cohort_id, "lesson": p.lesson_id, "body": p.body, "at": when(p.created_at)}
            for p in Post.objects.filter(author=user).order_by("created_at", "id")
        ],
    }


def register_personal_data() -> None:
    register(PersonalDataPart(name="learning", export=export_learning))
