"""Courses: the catalogue, one course with its outline, lessons, enrolling, progress, quizzes,
your enrolments, and the authors' endpoints to build courses.

Drafts are seen only by their authors and staff (anyone else gets 404). A lesson's quiz comes
without its correct answers: those, with each answer's explanation, are in the result of
submitting the quiz."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from capacityhub.learning.models import CohortRun, Course, Lesson
from capacityhub.learning.selectors.courses import (
    course_can_edit,
    course_get,
    course_list,
    lesson_get,
    with_course_details,
)
from capacityhub.learning.selectors.learners import (
    enrolment_for,
    my_enrolments,
    prerequisites_of,
    progress_of,
)
from capacityhub.learning.selectors.quizzes import quiz_feedback, quiz_standing
from capacityhub.learning.services.learners import course_enrol, lesson_complete, quiz_submit

from ..core.pagination import page_out, paginate
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ,
    READ_ERRORS,
    WRITE_AUTH,
    ObjectId,
    PageQuery,
    SlugPath,
)
from .schemas_courses import (
    CourseDetail,
    CourseEnrolIn,
    CourseEnrolmentOut,
    CourseEnrolmentPage,
    CourseLessonOut,
    CoursePage,
    CourseQuery,
    QuizIn,
    QuizResult,
)

router = Router(tags=["courses"])


# Serializers -----------------------------------------------------------------------------------


def course_out(course: Course) -> dict:
    return {
        "slug": course.slug,
        "title": course.title,
        "summary": course.summary,
        "language": course.language,
        "estimated_minutes": course.estimated_minutes,
        "capacities": [c.code for c in course.capacities.all()],
        "authors": [a.username for a in course.authors.all()],
        "is_published": course.is_published,
        "published_at": course.published_at,
        "version": course.version,
    }


def enrolment_out(enrolment) -> dict:
    return {
        "course": enrolment.course.slug,
        "course_title": enrolment.course.title,
        "cohort": enrolment.cohort_id,
        "enrolled_at": enrolment.enrolled_at,
        "completed_at": enrolment.completed_at,
        "certificate_code": enrolment.certificate_code,
    }


def cohort_out(cohort: CohortRun) -> dict:
    return {
        "id": cohort.pk,
        "title": cohort.title,
        "starts_on": cohort.starts_on,
        "ends_on": cohort.ends_on,
        "facilitators": [f.username for f in cohort.facilitators.all()],
        "is_done": cohort.is_done,
        "version": cohort.version,
    }


def course_detail(request: HttpRequest, slug: str) -> dict:
    course = course_get(viewer=request.user, slug=slug)
    enrolment = enrolment_for(user=request.user, course=course)
    done = progress_of(enrolment).done
    modules = [
        {
            "id": module.pk,
            "title": module.title,
            "lessons": [
                {
                    "id": lesson.pk,
                    "title": lesson.title,
                    "kind": lesson.kind,
                    "required": lesson.required,
                    "done": lesson.pk in done,
                }
                for lesson in module.lessons.all()
            ],
        }
        for module in course.modules.all()
    ]
    original = course.translation_of
    return {
        **course_out(course),
        "description": course.description,
        "prerequisites": [c.slug for c in course.prerequisites.all()],
        "prerequisites_completed": [
            c.slug for c, done in prerequisites_of(user=request.user, course=course) if done
        ],
        "translation_of": original.slug if original and original.is_published else None,
        "modules": modules,
        "cohorts": [cohort_out(c) for c in course.cohorts.all()],
        "can_edit": course_can_edit(course=course, user=request.user),
        "enrolment": enrolment_out(enrolment) if enrolment else None,
    }


def lesson_out(lesson: Lesson) -> dict:
    return {
        "id": lesson.pk,
        "course": lesson.module.course.slug,
        "module": lesson.module_id,
        "title": lesson.title,
        "kind": lesson.kind,
        "body": lesson.body,
        "video_url": lesson.video_url,
        "resource": lesson.resource_id,
        "required": lesson.required,
        "pass_mark": lesson.pass_mark,
        "reveal_answers": lesson.reveal_answers,
        "reveal_after_attempts": lesson.reveal_after_attempts,
        "max_attempts": lesson.max_attempts,
        "questions": [
            {
                "id": q.pk,
                "text": q.text,
                "multiple": q.multiple,
                "answers": [{"id": a.pk, "text": a.text} for a in q.answers.all()],
            }
            for q in lesson.questions.all()
        ],
    }


def _quiz_result(lesson: Lesson, attempt, completed: bool) -> dict:
    standing = quiz_standing(enrolment=attempt.enrolment, lesson=lesson)
    feedback = quiz_feedback(lesson=lesson, attempt=attempt, revealed=standing.revealed)
    questions = [
        {
            "id": row["question"].pk,
            "right": row["right"],
            "answers": [
                {
                    "id": item["answer"].pk,
                    "text": item["answer"].text,
                    "correct": item["correct"],
                    "chosen": item["chosen"],
                    "explanation": item["explanation"],
                }
                for item in row["answers"]
            ],
        }
        for row in feedback
    ]
    return {
        "score": attempt.score,
        "passed": attempt.passed,
        "pass_mark": lesson.pass_mark,
        "course_completed": completed,
        "attempts": standing.attempts,
        "attempts_left": standing.attempts_left,
        "answers_revealed": standing.revealed,
        "questions": questions,
    }


# Reads -----------------------------------------------------------------------------------------


@router.get("/courses", response={200: CoursePage, **READ_ERRORS}, **READ)
def list_courses(request: HttpRequest, filters: Query[CourseQuery]):
    """Published courses (and, for authors and staff, their drafts), newest first."""
    courses = course_list(
        viewer=request.user,
        capacity_code=filters.capacity,
        language=filters.language,
        q=filters.q,
        sort=filters.sort,
    )
    items, count = paginate(with_course_details(courses), filters.page, filters.page_size)
    results = [course_out(course) for course in items]
    return page_out(request, results, count, filters.page, filters.page_size)


@router.get("/courses/{slug}", response={200: CourseDetail, **DETAIL_ERRORS}, **READ)
def get_course(request: HttpRequest, slug: SlugPath):
    """One course with its modules, lessons, cohort runs and your enrolment."""
    return course_detail(request, slug)


@router.get("/lessons/{lesson_id}", response={200: CourseLessonOut, **DETAIL_ERRORS}, **READ)
def get_lesson(request: HttpRequest, lesson_id: ObjectId):
    """One lesson; a quiz's questions come without their correct answers."""
    return lesson_out(lesson_get(viewer=request.user, pk=lesson_id))


@router.get("/me/enrolments", response={200: CourseEnrolmentPage, **READ_ERRORS}, auth=WRITE_AUTH)
def list_my_enrolments(request: HttpRequest, filters: Query[PageQuery]):
    """Your enrolments, unfinished first."""
    items, count = paginate(my_enrolments(user=request.user), filters.page, filters.page_size)
    results = [enrolment_out(e) for e in items]
    return page_out(request, results, count, filters.page, filters.page_size)


# Learners --------------------------------------------------------------------------------------


@router.post(
    "/courses/{slug}/enrol",
    response={201: CourseEnrolmentOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def enrol_in_course(request: HttpRequest, slug: SlugPath, payload: CourseEnrolIn):
    """Enrol (once) in a published course, optionally in one of its cohort runs. Prerequisites
    not completed do not stop you; they are listed in `missing_prerequisites`."""
    course = course_get(viewer=request.user, slug=slug)
    cohort = None
    if payload.cohort is not None:
        cohort = next((c for c in course.cohorts.all() if c.pk == payload.cohort), None)
        if cohort is None:
            raise ValidationError({"cohort": _("This course has no such cohort run.")})
    out = enrolment_out(course_enrol(actor=request.user, course=course, cohort=cohort))
    prerequisites = prerequisites_of(user=request.user, course=course)
    out["missing_prerequisites"] = [c.slug for c, done in prerequisites if not done]
    return Status(201, out)


@router.post(
    "/lessons/{lesson_id}/complete",
    response={200: CourseEnrolmentOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def complete_lesson(request: HttpRequest, lesson_id: ObjectId):
    """Mark a lesson of a course you are enrolled in as done (a quiz: pass it instead)."""
    lesson = lesson_get(viewer=request.user, pk=lesson_id)
    return enrolment_out(lesson_complete(actor=request.user, lesson=lesson))


@router.post(
    "/lessons/{lesson_id}/quiz", response={200: QuizResult, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH
)
def submit_quiz(request: HttpRequest, lesson_id: ObjectId, payload: QuizIn):
    """Submit your answers: each question's answers at most once and only one on a
    single-choice question, else 422 and no attempt is recorded; past the attempts the author
    allows, 422. The result gives your score; which answers are right, and why, only as the
    author chose (after passing, after a number of attempts, or never)."""
    lesson = lesson_get(viewer=request.user, pk=lesson_id)
    attempt = quiz_submit(actor=request.user, lesson=lesson, choices=payload.answers)
    attempt.enrolment.refresh_from_db()
    return _quiz_result(lesson, attempt, attempt.enrolment.completed_at is not None)
