"""A quiz must be passable: publishing is refused while a quiz has no questions or a question
without a correct answer, and a quiz without questions never counts as passed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from capacityhub.learning.models import Answer, Lesson, Question, QuizAttempt
from capacityhub.learning.services.courses import course_set_published
from capacityhub.learning.services.learners import lesson_complete, quiz_submit

from .factories import LessonFactory, course_with_lessons, enrol

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def draft(author):
    """A draft course whose text lesson and quiz are ready; returns (course, text, quiz)."""
    return course_with_lessons(authors=[author], published=False)


def _empty_quiz(course, title="Final check") -> Lesson:
    return LessonFactory(module=course.modules.first(), kind=Lesson.Kind.QUIZ, title=title)


def _keyless_question(quiz: Lesson) -> None:
    question = Question.objects.create(lesson=quiz, text="Which?", position=9)
    Answer.objects.create(question=question, text="A")
    Answer.objects.create(question=question, text="B")


def test_a_course_with_a_quiz_without_questions_is_not_published(author, draft):
    course, _text, _quiz = draft
    _empty_quiz(course)

    with pytest.raises(ValidationError) as error:
        course_set_published(actor=author, course=course, published=True)

    assert "“Final check” has no questions" in error.value.message_dict["published"][0]
    course.refresh_from_db()
    assert not course.is_published


def test_a_course_with_a_question_without_a_correct_answer_is_not_published(author, draft):
    course, _text, quiz = draft
    _keyless_question(quiz)

    with pytest.raises(ValidationError) as error:
        course_set_published(actor=author, course=course, published=True)

    assert "“Check yourself” has no correct answer" in error.value.message_dict["published"][0]
    course.refresh_from_db()
    assert not course.is_published


def test_a_course_whose_quizzes_are_ready_is_published(author, draft):
    course, *_ = draft

    course_set_published(actor=author, course=course, published=True)

    course.refresh_from_db()
    assert course.is_published


def test_taking_a_course_back_to_draft_is_never_blocked_by_its_quizzes(author):
    course, _text, _quiz = course_with_lessons(authors=[author])
    _empty_quiz(course)

    course_set_published(actor=author, course=course, published=False)

    course.refresh_from_db()
    assert not course.is_published


def test_the_outline_page_says_which_quiz_blocks_publishing(author_client, draft):
    course, *_ = draft
    _empty_quiz(course)

    response = author_client.post(
        reverse("web:course-publish", args=[course.slug]), {"published": "1"}, follow=True
    )

    assert "The quiz “Final check” has no questions yet." in response.content.decode()
    course.refresh_from_db()
    assert not course.is_published


def test_the_api_refuses_to_publish_with_a_422_naming_the_quiz(author_client, draft):
    course, _text, quiz = draft
    _keyless_question(quiz)

    response = author_client.post(
        f"{API}/courses/{course.slug}/publish", {"published": True}, content_type="application/json"
    )

    assert response.status_code == 422
    assert "Check yourself" in str(response.json())


def test_a_quiz_without_questions_never_counts_as_passed(owner, author):
    # given a published course whose only other lesson is done, and a quiz emptied since
    course, text, quiz = course_with_lessons(authors=[author])
    quiz.pass_mark = 0
    quiz.save()
    quiz.questions.all().delete()
    enrolment = enrol(owner, course)
    lesson_complete(actor=owner, lesson=text)

    # when the learner submits the empty quiz
    with pytest.raises(ValidationError) as error:
        quiz_submit(actor=owner, lesson=quiz, choices={})

    # then nothing is recorded and the course is not complete
    assert "answers" in error.value.message_dict
    assert not QuizAttempt.objects.exists()
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None


def test_an_old_passing_attempt_does_not_count_once_the_quiz_is_emptied(owner, author):
    course, text, quiz = course_with_lessons(authors=[author])
    enrolment = enrol(owner, course)
    QuizAttempt.objects.create(enrolment=enrolment, lesson=quiz, score=100, passed=True)
    quiz.questions.all().delete()

    lesson_complete(actor=owner, lesson=text)

    enrolment.refresh_from_db()
    assert enrolment.completed_at is None


def test_the_lesson_page_of_an_empty_quiz_offers_no_form(owner_client, owner, author):
    course, _text, quiz = course_with_lessons(authors=[author])
    quiz.questions.all().delete()
    enrol(owner, course)

    response = owner_client.get(reverse("web:lesson-detail", args=[course.slug, quiz.pk]))

    content = response.content.decode()
    assert "This quiz has no questions yet." in content
    assert reverse("web:lesson-quiz", args=[course.slug, quiz.pk]) not in content
