"""Courses API, the authors' part: create and edit courses, their modules, lessons and quiz
questions, publish, and schedule cohort runs (course authors among the course's authors, and
staff). Registered on the router of api/learning/courses.py
(see api/learning/__init__.py)."""

from datetime import date
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status
from pydantic import StringConstraints

from capacityhub.learning.models import Course, Lesson
from capacityhub.learning.selectors.courses import (
    cohort_get,
    course_get,
    lesson_get,
    module_get,
    question_get,
    resource_listed,
)
from capacityhub.learning.services.cohorts import cohort_create, cohort_mark_done, cohort_update
from capacityhub.learning.services.courses import (
    course_create,
    course_set_published,
    course_update,
)
from capacityhub.learning.services.structure import (
    lesson_create,
    lesson_delete,
    lesson_update,
    module_create,
    module_delete,
    module_update,
    question_create,
    question_delete,
)

from ..core.schemas import (
    OBJECT_WRITE_ERRORS,
    WRITE_AUTH,
    WRITE_ERRORS,
    CapacityCode,
    IfMatch,
    Input,
    LanguageCode,
    ObjectId,
    PatchVersion,
    SlugPath,
    Text,
    required_version,
)
from .courses import cohort_out, course_detail, lesson_out, router
from .schemas_courses import (
    CohortRunOut,
    CourseDetail,
    CourseLessonOut,
    CourseModuleOut,
    CourseSlug,
    LessonKind,
)

Username = Annotated[str, StringConstraints(min_length=1, max_length=150)]
PassMark = Annotated[int, Field(ge=0, le=100, description="Percentage needed to pass.")]
Minutes = Annotated[int, Field(ge=1, le=100_000)]
Reveal = Literal[tuple(Lesson.Reveal.values)]
RevealAfter = Annotated[int, Field(ge=1, le=100, description="With `after_attempts`.")]
MaxAttempts = Annotated[int, Field(ge=1, le=1000, description="null: no limit.")]
REVEAL = "When a quiz shows which answers are right, and why."

# Schemas ---------------------------------------------------------------------------------------


class CourseIn(Input):
    title: Text(200, min_length=1)
    capacities: list[CapacityCode] = Field(min_length=1, max_length=20)
    language: LanguageCode = "en"
    slug: CourseSlug | Literal[""] = ""
    summary: Text(500) = ""
    description: Text(20000) = ""
    estimated_minutes: Minutes = 60
    prerequisites: list[CourseSlug] = Field(default_factory=list, max_length=20)
    translation_of: CourseSlug | None = None


class CoursePatch(Input):
    version: PatchVersion = None
    title: Text(200, min_length=1) = None
    capacities: list[CapacityCode] = Field(None, min_length=1, max_length=20)
    language: LanguageCode = None
    slug: CourseSlug = None
    summary: Text(500) = None
    description: Text(20000) = None
    estimated_minutes: Minutes = None
    prerequisites: list[CourseSlug] = Field(None, max_length=20)
    translation_of: CourseSlug | None = None
    authors: list[Username] = Field(
        None, min_length=1, max_length=20, description="Usernames of course authors or staff."
    )


class CoursePublishIn(Input):
    published: bool


class CourseModuleIn(Input):
    title: Text(200, min_length=1)


class CourseLessonIn(Input):
    title: Text(200, min_length=1)
    kind: LessonKind = "text"
    body: Text(50000) = ""
    video_url: Text(500) = ""
    resource: ObjectId | None = Field(None, description="Id of a knowledge base resource.")
    required: bool = True
    pass_mark: PassMark = 70
    reveal_answers: Reveal = Field("after_passing", description=REVEAL)
    reveal_after_attempts: RevealAfter = 3
    max_attempts: MaxAttempts | None = None


class CourseLessonPatch(Input):
    title: Text(200, min_length=1) = None
    kind: LessonKind = None
    body: Text(50000) = None
    video_url: Text(500) = None
    resource: ObjectId | None = None
    required: bool = None
    pass_mark: PassMark = None
    reveal_answers: Reveal = Field(None, description=REVEAL)
    reveal_after_attempts: RevealAfter = None
    max_attempts: MaxAttempts | None = None


class QuizAnswerIn(Input):
    text: Text(500, min_length=1)
    is_correct: bool = False
    explanation: Text(1000) = ""


class QuizQuestionIn(Input):
    text: Text(1000, min_length=1)
    multiple: bool = False
    answers: list[QuizAnswerIn] = Field(min_length=2, max_length=10)


class CohortRunIn(Input):
    title: Text(200, min_length=1)
    starts_on: date
    ends_on: date = Field(description="On or after `starts_on`.")
    facilitators: list[Username] = Field(default_factory=list, max_length=20)


class CohortRunPatch(Input):
    version: PatchVersion = None
    title: Text(200, min_length=1) = None
    starts_on: date = None
    ends_on: date = Field(None, description="On or after the start date.")
    facilitators: list[Username] = Field(None, max_length=20)


class QuizQuestionCreated(Schema):
    id: int


def _resource_fields(fields: dict) -> dict:
    if "resource" in fields and fields["resource"] is not None:
        resource = resource_listed(pk=fields["resource"])
        if resource is None:
            raise ValidationError({"resource": _("No such resource in the knowledge base.")})
        fields["resource"] = resource
    return fields


def _editable_course(request: HttpRequest, slug: str) -> Course:
    return course_get(viewer=request.user, slug=slug)


# Authors ---------------------------------------------------------------------------------------


@router.post("/courses", response={201: CourseDetail, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_course(request: HttpRequest, payload: CourseIn):
    """Course authors and staff: a draft course, with you as its author."""
    course = course_create(actor=request.user, **payload.model_dump())
    return Status(201, course_detail(request, course.slug))


@router.patch(
    "/courses/{slug}", response={200: CourseDetail, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH
)
def update_course(
    request: HttpRequest, slug: SlugPath, payload: CoursePatch, if_match: IfMatch = None
):
    """The course's authors and staff. Prerequisites that form a cycle are refused (422).
    Send the `version` you read (or `If-Match`): missing, 422; stale, 409."""
    changes = payload.model_dump(exclude_unset=True)
    expected_version = required_version(changes.pop("version", None), if_match)
    course = _editable_course(request, slug)
    course_update(actor=request.user, course=course, expected_version=expected_version, **changes)
    return course_detail(request, course.slug)


@router.post(
    "/courses/{slug}/publish", response={200: CourseDetail, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH
)
def publish_course(request: HttpRequest, slug: SlugPath, payload: CoursePublishIn):
    """Publish (needs at least one lesson) or take back to draft."""
    course = _editable_course(request, slug)
    course_set_published(actor=request.user, course=course, published=payload.published)
    return course_detail(request, slug)


@router.post(
    "/courses/{slug}/modules",
    response={201: CourseModuleOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def create_module(request: HttpRequest, slug: SlugPath, payload: CourseModuleIn):
    module = module_create(
        actor=request.user, course=_editable_course(request, slug), title=payload.title
    )
    return Status(201, {"id": module.pk, "title": module.title, "lessons": []})


@router.patch(
    "/modules/{module_id}", response={200: CourseModuleOut, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH
)
def update_module(request: HttpRequest, module_id: ObjectId, payload: CourseModuleIn):
    module = module_get(viewer=request.user, pk=module_id)
    module_update(actor=request.user, module=module, title=payload.title)
    return {"id": module.pk, "title": module.title, "lessons": []}


@router.delete("/modules/{module_id}", response={204: None, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH)
def delete_module(request: HttpRequest, module_id: ObjectId):
    """Deletes its lessons too."""
    module_delete(actor=request.user, module=module_get(viewer=request.user, pk=module_id))
    return Status(204, None)


@router.post(
    "/modules/{module_id}/lessons",
    response={201: CourseLessonOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def create_lesson(request: HttpRequest, module_id: ObjectId, payload: CourseLessonIn):
    module = module_get(viewer=request.user, pk=module_id)
    fields = _resource_fields(payload.model_dump())
    lesson = lesson_create(actor=request.user, module=module, **fields)
    return Status(201, lesson_out(lesson_get(viewer=request.user, pk=lesson.pk)))


@router.patch(
    "/lessons/{lesson_id}", response={200: CourseLessonOut, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH
)
def update_lesson(request: HttpRequest, lesson_id: ObjectId, payload: CourseLessonPatch):
    lesson = lesson_get(viewer=request.user, pk=lesson_id)
    changes = _resource_fields(payload.model_dump(exclude_unset=True))
    lesson_update(actor=request.user, lesson=lesson, **changes)
    return lesson_out(lesson_get(viewer=request.user, pk=lesson_id))


@router.delete("/lessons/{lesson_id}", response={204: None, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH)
def delete_lesson(request: HttpRequest, lesson_id: ObjectId):
    lesson_delete(actor=request.user, lesson=lesson_get(viewer=request.user, pk=lesson_id))
    return Status(204, None)


@router.post(
    "/lessons/{lesson_id}/questions",
    response={201: QuizQuestionCreated, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def create_question(request: HttpRequest, lesson_id: ObjectId, payload: QuizQuestionIn):
    """A quiz question: single choice needs exactly one correct answer, multiple at least one."""
    lesson = lesson_get(viewer=request.user, pk=lesson_id)
    answers = [answer.model_dump() for answer in payload.answers]
    question = question_create(
        actor=request.user,
        lesson=lesson,
        text=payload.text,
        multiple=payload.multiple,
        answers=answers,
    )
    return Status(201, {"id": question.pk})


@router.delete(
    "/questions/{question_id}", response={204: None, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH
)
def delete_question(request: HttpRequest, question_id: ObjectId):
    question = question_get(viewer=request.user, pk=question_id)
    question_delete(actor=request.user, question=question)
    return Status(204, None)


@router.post(
    "/courses/{slug}/cohorts", response={201: CohortRunOut, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH
)
def create_cohort(request: HttpRequest, slug: SlugPath, payload: CohortRunIn):
    """A cohort run; one that ends before it starts is refused (422)."""
    cohort = cohort_create(
        actor=request.user, course=_editable_course(request, slug), **payload.model_dump()
    )
    return Status(201, cohort_out(cohort))


@router.patch(
    "/cohorts/{cohort_id}", response={200: CohortRunOut, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH
)
def update_cohort(
    request: HttpRequest, cohort_id: ObjectId, payload: CohortRunPatch, if_match: IfMatch = None
):
    """Dates, title, facilitators (the whole list); ending before it starts is refused (422),
    a run marked done no longer changes (422). Send the `version` you read (or `If-Match`):
    missing, 422; stale, 409."""
    changes = payload.model_dump(exclude_unset=True)
    expected_version = required_version(changes.pop("version", None), if_match)
    cohort = cohort_get(viewer=request.user, pk=cohort_id)
    cohort_update(actor=request.user, cohort=cohort, expected_version=expected_version, **changes)
    return cohort_out(cohort_get(viewer=request.user, pk=cohort_id))


@router.post(
    "/cohorts/{cohort_id}/done",
    response={200: CohortRunOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def mark_cohort_done(request: HttpRequest, cohort_id: ObjectId):
    """Records FACILITATED evidence for its facilitators."""
    cohort = cohort_mark_done(
        actor=request.user, cohort=cohort_get(viewer=request.user, pk=cohort_id)
    )
    return cohort_out(cohort)
