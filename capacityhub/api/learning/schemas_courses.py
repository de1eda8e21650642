"""The shapes of the courses API (learners and authors): what it takes and what it returns."""

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import StringConstraints

from capacityhub.learning.models import Lesson
from capacityhub.learning.selectors.courses import SORTS

from ..core.schemas import (
    CapacityCode,
    Input,
    LanguageCode,
    ObjectId,
    Page,
    PageQuery,
    Text,
)

SortName = Literal[tuple(SORTS)]
LessonKind = Literal[tuple(Lesson.Kind.values)]
CourseSlug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,69}$")]
QuestionKey = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]{0,17}$")]


class CourseOut(Schema):
    slug: str
    title: str
    summary: str
    language: str
    estimated_minutes: int
    capacities: list[str] = Field(description="Codes of the capacities it builds.")
    authors: list[str] = Field(description="Usernames.")
    is_published: bool
    published_at: datetime | None
    version: int


class CoursePage(Page[CourseOut]):
    pass


class CourseLessonRef(Schema):
    id: int
    title: str
    kind: LessonKind
    required: bool
    done: bool = Field(description="Done by you (false when not enrolled).")


class CourseModuleOut(Schema):
    id: int
    title: str
    lessons: list[CourseLessonRef]


class CohortRunOut(Schema):
    id: int
    title: str
    starts_on: date
    ends_on: date
    facilitators: list[str]
    is_done: bool
    version: int


class CourseEnrolmentOut(Schema):
    course: str = Field(description="The course's slug.")
    course_title: str
    cohort: int | None
    enrolled_at: datetime
    completed_at: datetime | None
    certificate_code: str | None = Field(description="Once completed: /certificates/{code}/.")
    missing_prerequisites: list[str] = Field(
        default_factory=list,
        description="On enrolling: slugs of prerequisites you have not completed (advice only).",
    )


class CourseDetail(CourseOut):
    description: str
    prerequisites: list[str] = Field(description="Slugs of published courses to take first.")
    prerequisites_completed: list[str] = Field(description="Those of them you completed.")
    translation_of: str | None
    modules: list[CourseModuleOut]
    cohorts: list[CohortRunOut]
    can_edit: bool
    enrolment: CourseEnrolmentOut | None


class QuizAnswerOut(Schema):
    id: int
    text: str


class QuizQuestionOut(Schema):
    id: int
    text: str
    multiple: bool = Field(description="Several answers may be right.")
    answers: list[QuizAnswerOut] = Field(description="Which are correct is told after submitting.")


class CourseLessonOut(Schema):
    id: int
    course: str
    module: int
    title: str
    kind: LessonKind
    body: str = Field(description="Markdown.")
    video_url: str
    resource: int | None
    required: bool
    pass_mark: int
    reveal_answers: str = Field(
        description="When a quiz shows the right answers: after_passing, after_attempts, never."
    )
    reveal_after_attempts: int
    max_attempts: int | None = Field(description="Attempts allowed; null: no limit.")
    questions: list[QuizQuestionOut]


class CourseEnrolmentPage(Page[CourseEnrolmentOut]):
    pass


HIDDEN = "null unless the author's rule lets the right answers be shown (`answers_revealed`)."


class QuizAnswerResult(Schema):
    id: int
    text: str
    correct: bool | None = Field(description=HIDDEN)
    chosen: bool
    explanation: str | None = Field(description=HIDDEN)


class QuizQuestionResult(Schema):
    id: int
    right: bool | None = Field(description=HIDDEN)
    answers: list[QuizAnswerResult]


class QuizResult(Schema):
    score: int
    passed: bool
    pass_mark: int
    course_completed: bool
    attempts: int = Field(description="Your attempts at this quiz so far.")
    attempts_left: int | None = Field(description="null: no limit.")
    answers_revealed: bool = Field(
        description="Whether the right answers and explanations are shown, as the author chose."
    )
    questions: list[QuizQuestionResult]


class CourseQuery(PageQuery):
    capacity: CapacityCode | None = Field(None, description="Code; includes capacities beneath.")
    language: LanguageCode | None = None
    q: Text(200) | None = Field(None, description="Title or summary contains.")
    sort: SortName = "new"


class CourseEnrolIn(Input):
    cohort: ObjectId | None = Field(None, description="Join this cohort run of the course.")


class QuizIn(Input):
    answers: dict[QuestionKey, list[ObjectId]] = Field(
        max_length=200, description="{question id: [chosen answer ids]}."
    )
