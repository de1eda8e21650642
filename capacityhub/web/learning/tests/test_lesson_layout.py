"""The lesson layout: progress, clear completion, previous / next with titles, and a quiz
review kept apart from trying again."""

import pytest
from django.urls import reverse

from capacityhub.learning.tests.factories import (
    author_user,
    course_with_lessons,
    enrol,
    wrong_answers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(taxonomy):
    return course_with_lessons(authors=[author_user()], title="Grant writing basics")


def lesson_page(client, course, lesson):
    return client.get(reverse("web:lesson-detail", args=[course.slug, lesson.pk])).content.decode()


def test_a_lesson_shows_where_the_learner_is_and_the_next_lesson_by_name(
    owner_client, owner, course
):
    course, text, quiz = course
    enrol(owner, course)

    html = lesson_page(owner_client, course, text)

    assert "Lesson 1 of 2" in html
    assert "0 of 2 done" in html
    assert "hub-bar--w0" in html
    assert 'rel="next"' in html and "<bdi>Check yourself</bdi>" in html
    assert 'rel="prev"' not in html


def test_marking_a_lesson_done_says_so_clearly_and_moves_the_bar(owner_client, owner, course):
    course, text, quiz = course
    enrol(owner, course)
    owner_client.post(reverse("web:lesson-complete", args=[course.slug, text.pk]))

    html = lesson_page(owner_client, course, text)

    assert "You have completed this lesson." in html
    assert "1 of 2 done" in html
    assert "hub-bar--w50" in html


def test_the_quiz_review_is_separate_from_trying_again(owner_client, owner, course):
    course, text, quiz = course
    # The author shows the answers after one attempt, so the review has explanations to show.
    quiz.reveal_answers, quiz.reveal_after_attempts = "after_attempts", 1
    quiz.save(update_fields=["reveal_answers", "reveal_after_attempts"])
    enrol(owner, course)
    answers = {f"q{pk}": values for pk, values in wrong_answers(quiz).items()}
    response = owner_client.post(reverse("web:lesson-quiz", args=[course.slug, quiz.pk]), answers)
    html = response.content.decode()
    if response.status_code == 302:
        html = lesson_page(owner_client, course, quiz)

    review = html.split('id="review-heading"')[1].split("</section>")[0]
    assert "Count again." in review
    assert "Try again" not in review
    assert '<details class="hub-quiz-retry"><summary>Try again</summary>' in html


def test_a_visitor_sees_the_position_without_a_progress_bar(client, course):
    course, text, quiz = course

    html = lesson_page(client, course, quiz)

    assert "Lesson 2 of 2" in html
    assert "hub-lesson-progress__track" not in html
    assert 'rel="prev"' in html
