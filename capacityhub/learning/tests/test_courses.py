"""Authoring services: creating, editing and publishing courses, modules, lessons, quizzes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capacityhub.core.models import AuditEntry
from capacityhub.learning.models import Course, Lesson, Question
from capacityhub.learning.selectors.courses import course_get
from capacityhub.learning.services.courses import (
    course_create,
    course_set_published,
    course_update,
)
from capacityhub.learning.services.structure import (
    lesson_create,
    lesson_move,
    module_create,
    question_create,
)

from .factories import ModuleFactory, author_user, course_with_lessons

pytestmark = pytest.mark.django_db
RIGHT, WRONG = {"text": "Yes", "is_correct": True}, {"text": "No", "explanation": "Not quite."}


@pytest.fixture
def author(db):
    return author_user()


def test_a_course_author_creates_a_draft_they_author(author, taxonomy):
    course = course_create(actor=author, title="Grant writing 101", capacities=["grant-writing"])

    assert course.slug == "grant-writing-101"
    assert not course.is_published
    assert list(course.authors.all()) == [author]
    assert AuditEntry.objects.filter(action="course.create").exists()


def test_a_member_who_is_not_a_course_author_cannot_create_a_course(owner, taxonomy):
    with pytest.raises(PermissionDenied):
        course_create(actor=owner, title="Mine", capacities=["grant-writing"])
    assert not Course.objects.exists()


def test_staff_create_courses_too(staff, taxonomy):
    assert course_create(actor=staff, title="Staff course", capacities=["lua-scripting"]).pk


def test_a_draft_is_seen_only_by_its_authors_and_staff(author, other, staff, anonymous, taxonomy):
    course = course_create(actor=author, title="Draft", capacities=["grant-writing"])

    assert course_get(viewer=author, slug=course.slug)
    assert course_get(viewer=staff, slug=course.slug)
    for viewer in (other, anonymous):
        with pytest.raises(Course.DoesNotExist):
            course_get(viewer=viewer, slug=course.slug)


def test_another_author_not_among_the_course_authors_cannot_edit_it(author, taxonomy):
    course, _text, _quiz = course_with_lessons(authors=[author])
    stranger = author_user("stranger")

    with pytest.raises(PermissionDenied):
        course_update(actor=stranger, course=course, title="Mine now")
    course.refresh_from_db()
    assert course.title != "Mine now"


def test_a_plain_member_cannot_edit_a_course(author, other, taxonomy):
    course, _text, _quiz = course_with_lessons(authors=[author])

    with pytest.raises(PermissionDenied):
        course_update(actor=other, course=course, title="Mine now")


def test_prerequisites_that_form_a_cycle_are_refused(author, taxonomy):
    first, *_ = course_with_lessons(authors=[author], slug="first")
    second, *_ = course_with_lessons(authors=[author], slug="second")
    course_update(actor=author, course=second, prerequisites=["first"])

    with pytest.raises(ValidationError) as error:
        course_update(actor=author, course=first, prerequisites=["second"])

    assert "prerequisites" in error.value.message_dict
    assert not first.prerequisites.exists()


def test_a_stale_version_is_a_conflict(author, taxonomy):
    course, *_ = course_with_lessons(authors=[author])
    course_update(actor=author, course=course, expected_version=1, title="New")

    with pytest.raises(ValidationError) as error:
        course_update(actor=author, course=course, expected_version=1, title="Newer")
    assert "version" in error.value.message_dict


def test_a_course_without_lessons_cannot_be_published(author, taxonomy):
    course = course_create(actor=author, title="Empty", capacities=["grant-writing"])

    with pytest.raises(ValidationError) as error:
        course_set_published(actor=author, course=course, published=True)
    assert "published" in error.value.message_dict


def test_publishing_makes_the_course_public(author, anonymous, taxonomy):
    course, *_ = course_with_lessons(authors=[author], published=False)

    course_set_published(actor=author, course=course, published=True)

    assert course_get(viewer=anonymous, slug=course.slug).published_at


def test_modules_and_lessons_are_added_at_the_end_and_move(author, taxonomy):
    course = course_create(actor=author, title="Outline", capacities=["grant-writing"])
    module = module_create(actor=author, course=course, title="One")
    first = lesson_create(actor=author, module=module, title="First")
    second = lesson_create(actor=author, module=module, title="Second")

    lesson_move(actor=author, lesson=second, direction="up")

    assert list(module.lessons.order_by("position").values_list("title", flat=True)) == [
        "Second",
        "First",
    ]
    assert first.position == 1


@pytest.mark.parametrize("pass_mark", [-1, 101, "70"])
def test_a_pass_mark_outside_0_to_100_is_refused(author, taxonomy, pass_mark):
    course, *_ = course_with_lessons(authors=[author])
    module = course.modules.first()

    with pytest.raises(ValidationError) as error:
        lesson_create(actor=author, module=module, title="Q", kind="quiz", pass_mark=pass_mark)
    assert "pass_mark" in error.value.message_dict
    assert not Lesson.objects.filter(title="Q").exists()


def test_a_video_lesson_needs_a_safe_link(author, taxonomy):
    module = ModuleFactory(course=course_with_lessons(authors=[author])[0])

    with pytest.raises(ValidationError) as error:
        lesson_create(
            actor=author, module=module, title="V", kind="video", video_url="javascript:x"
        )
    assert "video_url" in error.value.message_dict


@pytest.mark.parametrize(
    ("answers", "multiple"),
    [
        ([WRONG, {"text": "Also no"}], False),  # no correct answer
        ([RIGHT, {**RIGHT, "text": "Also yes"}], False),  # single choice, two correct
        ([RIGHT], False),  # one answer only
        ([WRONG, {"text": "Never"}], True),  # multiple choice, none correct
    ],
)
def test_a_question_without_a_proper_correct_answer_is_refused(author, taxonomy, answers, multiple):
    _course, _text, quiz = course_with_lessons(authors=[author])
    before = Question.objects.count()

    with pytest.raises(ValidationError) as error:
        question_create(
            actor=author, lesson=quiz, text="Which?", answers=answers, multiple=multiple
        )
    assert "answers" in error.value.message_dict
    assert Question.objects.count() == before


def test_a_multiple_choice_question_may_have_several_correct_answers(author, taxonomy):
    _course, _text, quiz = course_with_lessons(authors=[author])

    question = question_create(
        actor=author,
        lesson=quiz,
        text="Which are free licences?",
        answers=[RIGHT, {**RIGHT, "text": "CC0"}, WRONG],
        multiple=True,
    )

    assert question.answers.filter(is_correct=True).count() == 2


def test_an_author_shares_the_course_with_another_course_author(author, taxonomy):
    course, *_ = course_with_lessons(authors=[author])
    colleague = author_user("colleague")

    course_update(actor=author, course=course, authors=["author", "colleague"])
    course_update(actor=colleague, course=course, title="Edited together")

    assert course.title == "Edited together"


def test_only_course_authors_can_be_made_authors(author, other, taxonomy):
    course, *_ = course_with_lessons(authors=[author])

    with pytest.raises(ValidationError) as error:
        course_update(actor=author, course=course, authors=["author", "other"])

    assert "authors" in error.value.message_dict
    assert list(course.authors.all()) == [author]
