"""The learning app's share of the gates (see gates/parts.py).

The world: the owner is a course author and authors `course` (published: a module with a text
lesson and a one-question quiz, a cohort run, and the owner enrolled in it) and `open_course`
(published, nobody enrolled). Other members, the manager and staff are not enrolled and author
nothing; staff may edit any course."""

from django.urls import reverse
from django.utils import timezone

from capacityhub.learning.models import (
    Answer,
    CohortRun,
    Course,
    Enrolment,
    Lesson,
    LessonProgress,
    Module,
    Post,
    Question,
    QuizAttempt,
)

from .matrix import API, OWNER_ONLY, OWNER_OR_STAFF, Row, current_version, everyone_signed_in

TRACKED = [
    Course,
    Course.capacities.through,
    Course.prerequisites.through,
    Course.authors.through,
    Module,
    Lesson,
    Question,
    Answer,
    CohortRun,
    CohortRun.facilitators.through,
    Enrolment,
    LessonProgress,
    QuizAttempt,
    Post,
]


def _course(owner, capacity, slug: str) -> dict:
    course = Course.objects.create(
        title=f"Course {slug}",
        slug=slug,
        language="en",
        is_published=True,
        published_at=timezone.now(),
    )
    course.authors.set([owner])
    course.capacities.set([capacity])
    module = Module.objects.create(course=course, title="Basics", position=1)
    text = Lesson.objects.create(module=module, title="Welcome", body="Hello", position=1)
    quiz = Lesson.objects.create(
        module=module, title="Quiz", kind=Lesson.Kind.QUIZ, pass_mark=50, position=2
    )
    question = Question.objects.create(lesson=quiz, text="2 + 2?", position=1)
    right = Answer.objects.create(question=question, text="4", is_correct=True, position=1)
    Answer.objects.create(question=question, text="5", position=2)
    return {
        "course": course,
        "module": module,
        "text": text,
        "quiz": quiz,
        "question": question,
        "right": right,
    }


def build_world(world) -> dict:
    owner = world.users["owner"]
    owner.is_course_author = True
    owner.save(update_fields=["is_course_author"])
    capacity = world.need.capacities.first()
    built = _course(owner, capacity, "matrix-course")
    today = timezone.localdate()
    cohort = CohortRun.objects.create(
        course=built["course"],
        title="Matrix cohort",
        starts_on=today,
        ends_on=today + timezone.timedelta(days=30),
    )
    Enrolment.objects.create(user=owner, course=built["course"], cohort=cohort)
    open_course = _course(owner, capacity, "open-course")["course"]
    return {"learning": {**built, "cohort": cohort, "open_course": open_course}}


def _get(name: str):
    return lambda world: world.extra["learning"][name]


def _fixed(data: dict):
    return lambda world, user: data


def _versioned(data: dict, name: str):
    """A PATCH body with the current version of the world's learning object `name`."""
    return lambda world, user: {
        **data,
        "version": current_version(world.extra["learning"][name]),
    }


def _api(template: str):
    """An API path from a template naming the world's learning objects: {course} → its slug,
    {text}, {quiz}, {module}, {question}, {cohort} → their ids."""

    def url(world) -> str:
        objects = world.extra["learning"]
        values = {name: getattr(value, "pk", None) for name, value in objects.items()}
        values["course"] = objects["course"].slug
        values["open_course"] = objects["open_course"].slug
        return API + template.format(**values)

    return url


def _web(name: str, *keys: str):
    def url(world) -> str:
        objects = world.extra["learning"]
        args = [objects["course"].slug, *(objects[key].pk for key in keys)]
        return reverse(f"web:{name}", args=args)

    return url


def _quiz_answers(world, user) -> dict:
    objects = world.extra["learning"]
    return {"answers": {str(objects["question"].pk): [objects["right"].pk]}}


def _web_quiz_answers(world, user) -> dict:
    objects = world.extra["learning"]
    return {f"q{objects['question'].pk}": str(objects["right"].pk)}


def _course_form(world, user) -> dict:
    return {
        "title": "Changed",
        "language": "en",
        "capacities": ["grant-reporting"],
        "estimated_minutes": "60",
        "authors": "owner",
        "version": str(world.extra["learning"]["course"].version),
    }


def _cohort_form(world, user) -> dict:
    cohort = world.extra["learning"]["cohort"]
    return {
        "title": "Renamed",
        "starts_on": str(cohort.starts_on),
        "ends_on": str(cohort.ends_on),
        "facilitators": "owner",
        "version": str(cohort.version),
    }


NEW_COURSE = {"title": "Matrix course two", "capacities": ["grant-reporting"]}
QUESTION = {"text": "Which?", "answers": [{"text": "A", "is_correct": True}, {"text": "B"}]}
COHORT = {"title": "Autumn", "starts_on": "2031-09-01", "ends_on": "2031-10-01"}

API_ROWS = [
    Row(
        "POST /courses/{slug}/enrol",
        "post",
        lambda world: f"{API}/courses/{world.extra['learning']['open_course'].slug}/enrol",
        _fixed({}),
        everyone_signed_in(),
    ),
    Row(
        "POST /lessons/{lesson_id}/complete",
        "post",
        _api("/lessons/{text}/complete"),
        _fixed({}),
        OWNER_ONLY,
    ),
    Row(
        "POST /lessons/{lesson_id}/quiz",
        "post",
        _api("/lessons/{quiz}/quiz"),
        _quiz_answers,
        OWNER_ONLY,
    ),
    Row("POST /courses", "post", _api("/courses"), _fixed(NEW_COURSE), OWNER_OR_STAFF),
    Row(
        "PATCH /courses/{slug}",
        "patch",
        _api("/courses/{course}"),
        _versioned({"title": "Changed"}, "course"),
        OWNER_OR_STAFF,
    ),
    Row(
        "POST /courses/{slug}/publish",
        "post",
        _api("/courses/{course}/publish"),
        _fixed({"published": False}),
        OWNER_OR_STAFF,
    ),
    Row(
        "POST /courses/{slug}/modules",
        "post",
        _api("/courses/{course}/modules"),
        _fixed({"title": "More"}),
        OWNER_OR_STAFF,
    ),
    Row(
        "PATCH /modules/{module_id}",
        "patch",
        _api("/modules/{module}"),
        _fixed({"title": "Changed"}),
        OWNER_OR_STAFF,
    ),
    Row(
        "DELETE /modules/{module_id}",
        "delete",
        _api("/modules/{module}"),
        _fixed({}),
        OWNER_OR_STAFF,
    ),
    Row(
        "POST /modules/{module_id}/lessons",
        "post",
        _api("/modules/{module}/lessons"),
        _fixed({"title": "New lesson", "body": "Text"}),
        OWNER_OR_STAFF,
    ),
    Row(
        "PATCH /lessons/{lesson_id}",
        "patch",
        _api("/lessons/{text}"),
        _fixed({"title": "Changed"}),
        OWNER_OR_STAFF,
    ),
    Row(
        "DELETE /lessons/{lesson_id}", "delete", _api("/lessons/{text}"), _fixed({}), OWNER_OR_STAFF
    ),
    Row(
        "POST /lessons/{lesson_id}/questions",
        "post",
        _api("/lessons/{quiz}/questions"),
        _fixed(QUESTION),
        OWNER_OR_STAFF,
    ),
    Row(
        "DELETE /questions/{question_id}",
        "delete",
        _api("/questions/{question}"),
        _fixed({}),
        OWNER_OR_STAFF,
    ),
    Row(
        "POST /courses/{slug}/cohorts",
        "post",
        _api("/courses/{course}/cohorts"),
        _fixed(COHORT),
        OWNER_OR_STAFF,
    ),
    Row(
        "PATCH /cohorts/{cohort_id}",
        "patch",
        _api("/cohorts/{cohort}"),
        _versioned({"title": "Renamed", "ends_on": "2031-12-01"}, "cohort"),
        OWNER_OR_STAFF,
    ),
    Row(
        "POST /cohorts/{cohort_id}/done",
        "post",
        _api("/cohorts/{cohort}/done"),
        _fixed({}),
        OWNER_OR_STAFF,
    ),
]

WEB_ROWS = [
    Row(
        "web:course-enrol",
        "post",
        lambda world: reverse(
            "web:course-enrol", args=[world.extra["learning"]["open_course"].slug]
        ),
        _fixed({}),
        everyone_signed_in(),
    ),
    Row("web:lesson-complete", "post", _web("lesson-complete", "text"), _fixed({}), OWNER_ONLY),
    Row("web:lesson-quiz", "post", _web("lesson-quiz", "quiz"), _web_quiz_answers, OWNER_ONLY),
    Row(
        "web:lesson-post",
        "post",
        _web("lesson-post", "text"),
        _fixed({"body": "Hello, cohort"}),
        OWNER_ONLY,
    ),
    Row(
        "web:course-create",
        "post",
        lambda world: reverse("web:course-create"),
        _fixed(
            {
                "title": "Matrix two",
                "language": "en",
                "capacities": ["grant-reporting"],
                "estimated_minutes": "60",
            }
        ),
        OWNER_OR_STAFF,
    ),
    Row("web:course-edit", "post", _web("course-edit"), _course_form, OWNER_OR_STAFF),
    Row(
        "web:course-publish",
        "post",
        _web("course-publish"),
        _fixed({"published": "0"}),
        OWNER_OR_STAFF,
    ),
    Row(
        "web:course-outline (add a module)",
        "post",
        _web("course-outline"),
        _fixed({"action": "add-module", "title": "More"}),
        OWNER_OR_STAFF,
    ),
    Row(
        "web:lesson-create",
        "post",
        _web("lesson-create", "module"),
        _fixed(
            {"title": "New", "kind": "text", "body": "Text", "required": "on", "pass_mark": "70"}
        ),
        OWNER_OR_STAFF,
    ),
    Row(
        "web:lesson-edit",
        "post",
        _web("lesson-edit", "text"),
        _fixed({"title": "Changed", "kind": "text", "body": "Text", "pass_mark": "70"}),
        OWNER_OR_STAFF,
    ),
    Row(
        "web:lesson-questions",
        "post",
        _web("lesson-questions", "quiz"),
        _fixed({"text": "Which?", "answer_1": "A", "correct_1": "on", "answer_2": "B"}),
        OWNER_OR_STAFF,
    ),
    Row(
        "web:cohort-create",
        "post",
        _web("cohort-create"),
        _fixed({"title": "Autumn", "starts_on": "2031-09-01", "ends_on": "2031-10-01"}),
        OWNER_OR_STAFF,
    ),
    Row("web:cohort-edit", "post", _web("cohort-edit", "cohort"), _cohort_form, OWNER_OR_STAFF),
    Row("web:cohort-done", "post", _web("cohort-done", "cohort"), _fixed({}), OWNER_OR_STAFF),
]

WEB_READ_ONLY: set = {
    "course-list",
    "course-detail",
    "lesson-detail",
    "course-my-learning",
    "certificate-detail",
    "certificate-verify",
}


def _slug(world) -> str:
    return world.extra["learning"]["course"].slug


# Arguments of the read-only pages above that take some (see gates/parts.py).
READ_ONLY_ARGS = {
    "course-detail": lambda world: [_slug(world)],
    "lesson-detail": lambda world: [_slug(world), world.extra["learning"]["text"].pk],
    "certificate-detail": lambda world: [_slug(world)],
    "certificate-verify": lambda world: ["no-such-code"],
}


def api_known(*, member, other, staff, organization) -> dict:
    """A course the fuzz member authors and is enrolled in, with a quiz and a cohort run."""
    from capacityhub.taxonomy.models import Capacity

    member.is_course_author = True
    member.save(update_fields=["is_course_author"])
    built = _course(member, Capacity.objects.get(code="grant-writing"), "fuzz-course")
    draft = _course(other, Capacity.objects.get(code="lua-scripting"), "fuzz-draft")
    Course.objects.filter(pk=draft["course"].pk).update(is_published=False)
    today = timezone.localdate()
    cohort = CohortRun.objects.create(
        course=built["course"], title="Fuzz cohort", starts_on=today, ends_on=today
    )
    Enrolment.objects.create(user=member, course=built["course"], cohort=cohort)
    return {
        "slug": ["fuzz-course", "fuzz-draft"],
        "lesson_id": [built["text"].pk, built["quiz"].pk, draft["text"].pk],
        "module_id": [built["module"].pk],
        "question_id": [built["question"].pk],
        "cohort_id": [cohort.pk],
        "cohort": [cohort.pk],
        "prerequisites": [["fuzz-draft"]],
        "translation_of": ["fuzz-draft"],
        "facilitators": [["amina"]],
    }
