"""Learner services: enrolling, progress, quizzes, completion with evidence and certificate,
cohort runs and their discussions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from capacityhub.community.models import Evidence
from capacityhub.core.models import Notification
from capacityhub.learning.models import CohortRun, Enrolment, LessonProgress, Post, QuizAttempt
from capacityhub.learning.services.cohorts import (
    cohort_close_ended,
    cohort_create,
    cohort_mark_done,
)
from capacityhub.learning.services.learners import (
    course_enrol,
    lesson_complete,
    post_create,
    quiz_submit,
)

from .factories import (
    author_user,
    cohort_of,
    course_with_lessons,
    enrol,
    right_answers,
    wrong_answers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(db):
    return author_user()


@pytest.fixture
def course(author, taxonomy):
    return course_with_lessons(authors=[author], capacities=[taxonomy["grant-writing"]])


def test_a_member_enrols_once(owner, course):
    course_enrol(actor=owner, course=course[0])

    with pytest.raises(ValidationError) as error:
        course_enrol(actor=owner, course=course[0])
    assert "course" in error.value.message_dict
    assert Enrolment.objects.count() == 1


def test_anonymous_visitors_cannot_enrol(anonymous, course):
    with pytest.raises(PermissionDenied):
        course_enrol(actor=anonymous, course=course[0])


def test_a_draft_course_is_not_open_for_enrolment(owner, author, taxonomy):
    draft, *_ = course_with_lessons(authors=[author], published=False)

    with pytest.raises(ValidationError):
        course_enrol(actor=owner, course=draft)


def test_answering_a_quiz_of_a_course_you_are_not_enrolled_in_is_refused(owner, course):
    _course, _text, quiz = course

    with pytest.raises(PermissionDenied):
        quiz_submit(actor=owner, lesson=quiz, choices=right_answers(quiz))
    assert not QuizAttempt.objects.exists()


def test_completing_a_lesson_without_enrolment_is_refused(owner, course):
    with pytest.raises(PermissionDenied):
        lesson_complete(actor=owner, lesson=course[1])
    assert not LessonProgress.objects.exists()


def test_a_failed_quiz_keeps_the_course_open(owner, course):
    the_course, text, quiz = course
    enrolment = enrol(owner, the_course)
    lesson_complete(actor=owner, lesson=text)

    attempt = quiz_submit(actor=owner, lesson=quiz, choices=wrong_answers(quiz))

    assert (attempt.score, attempt.passed) == (0, False)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None


def test_an_answer_of_another_question_is_refused(owner, course, author, taxonomy):
    the_course, _text, quiz = course
    _other_course, _t, other_quiz = course_with_lessons(authors=[author])
    enrol(owner, the_course)
    question = str(quiz.questions.first().pk)
    foreign = other_quiz.questions.first().answers.first().pk

    with pytest.raises(ValidationError) as error:
        quiz_submit(actor=owner, lesson=quiz, choices={question: [foreign]})
    assert "answers" in error.value.message_dict


def test_completing_every_lesson_and_passing_the_quiz_completes_the_course(owner, course, taxonomy):
    the_course, text, quiz = course
    enrolment = enrol(owner, the_course)

    lesson_complete(actor=owner, lesson=text)
    quiz_submit(actor=owner, lesson=quiz, choices=right_answers(quiz))

    enrolment.refresh_from_db()
    assert enrolment.completed_at and len(enrolment.certificate_code) >= 20
    kinds = set(
        Evidence.objects.filter(
            profile__user=owner, capacity=taxonomy["grant-writing"]
        ).values_list("kind", flat=True)
    )
    assert kinds == {Evidence.Kind.COMPLETED, Evidence.Kind.LEARNED}
    assert Notification.objects.filter(recipient=owner, url__contains="certificate").exists()


def test_completing_again_records_nothing_twice(owner, course):
    the_course, text, quiz = course
    enrol(owner, the_course)
    lesson_complete(actor=owner, lesson=text)
    quiz_submit(actor=owner, lesson=quiz, choices=right_answers(quiz))

    quiz_submit(actor=owner, lesson=quiz, choices=right_answers(quiz))
    lesson_complete(actor=owner, lesson=text)

    assert Evidence.objects.filter(profile__user=owner).count() == 2


def test_a_cohort_run_that_ends_before_it_starts_is_refused(author, course):
    today = timezone.localdate()

    with pytest.raises(ValidationError) as error:
        cohort_create(
            actor=author,
            course=course[0],
            title="Backwards",
            starts_on=today,
            ends_on=today - datetime.timedelta(days=1),
        )
    assert "ends_on" in error.value.message_dict
    assert not CohortRun.objects.exists()


def test_marking_a_run_done_records_facilitation(author, other, course, taxonomy):
    cohort = cohort_of(course[0], facilitators=[other])

    cohort_mark_done(actor=author, cohort=cohort)

    assert Evidence.objects.filter(
        profile__user=other, kind=Evidence.Kind.FACILITATED, capacity=taxonomy["grant-writing"]
    ).exists()


def test_runs_that_have_ended_are_closed_with_facilitation(other, course):
    cohort_of(course[0], facilitators=[other], days_from_now=-30, length=10)

    assert cohort_close_ended() == 1
    assert Evidence.objects.filter(profile__user=other, kind="facilitated").exists()


def test_only_the_cohorts_learners_and_facilitators_discuss_its_lessons(
    owner, other, staff, course
):
    the_course, text, _quiz = course
    cohort = cohort_of(the_course, facilitators=[staff])
    enrol(owner, the_course, cohort)

    post_create(actor=owner, cohort=cohort, lesson=text, body="Hello, cohort!")
    post_create(actor=staff, cohort=cohort, lesson=text, body="Welcome.")
    with pytest.raises(PermissionDenied):
        post_create(actor=other, cohort=cohort, lesson=text, body="Let me in")

    assert Post.objects.count() == 2
