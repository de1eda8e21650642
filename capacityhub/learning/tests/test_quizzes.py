"""Quizzes keep their answer key as the author chooses, refuse malformed submissions without
recording an attempt, and stop at the author's attempt limit: the rules and the API."""

import pytest

from capacityhub.api.core.tests import API
from capacityhub.learning.completion import answers_revealed, attempts_left
from capacityhub.learning.models import Answer, Question, QuizAttempt

from .factories import course_with_lessons, enrol, right_answers, wrong_answers

# The rules, without a database ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "passed", "attempts", "shown"),
    [
        ("after_passing", False, 9, False),
        ("after_passing", True, 1, True),
        ("after_attempts", False, 2, False),
        ("after_attempts", False, 3, True),
        ("after_attempts", True, 1, True),
        ("never", True, 50, False),
    ],
)
def test_the_answer_key_is_shown_only_as_the_author_chose(rule, passed, attempts, shown):
    assert answers_revealed(rule, passed=passed, attempts=attempts, after=3) is shown


def test_attempts_left_count_down_to_zero_or_have_no_limit():
    assert attempts_left(None, 40) is None
    assert attempts_left(3, 1) == 2
    assert attempts_left(3, 5) == 0


# The API ----------------------------------------------------------------------------------------


def _submit(client, quiz, answers):
    return client.post(
        f"{API}/lessons/{quiz.pk}/quiz", {"answers": answers}, content_type="application/json"
    )


@pytest.fixture
def course(author, taxonomy):
    return course_with_lessons(authors=[author], capacities=[taxonomy["grant-writing"]])


@pytest.fixture
def enrolled(owner, course):
    enrol(owner, course[0])
    return course[2]


@pytest.mark.django_db
def test_a_failed_attempt_does_not_give_the_answer_key_away(owner_client, enrolled):
    response = _submit(owner_client, enrolled, wrong_answers(enrolled))

    body = response.json()
    assert response.status_code == 200, body
    assert body["answers_revealed"] is False
    question = body["questions"][0]
    assert question["right"] is None
    assert {a["correct"] for a in question["answers"]} == {None}
    assert {a["explanation"] for a in question["answers"]} == {None}
    assert [a["chosen"] for a in question["answers"]] == [False, True]


@pytest.mark.django_db
def test_passing_shows_which_answers_are_right_and_why(owner_client, enrolled):
    body = _submit(owner_client, enrolled, right_answers(enrolled)).json()

    assert body["answers_revealed"] is True
    assert body["questions"][0]["right"] is True
    assert [a["correct"] for a in body["questions"][0]["answers"]] == [True, False]
    assert body["questions"][0]["answers"][1]["explanation"] == "Count again."


@pytest.mark.django_db
def test_an_author_who_chose_never_keeps_the_key_even_after_passing(owner_client, enrolled):
    enrolled.reveal_answers = "never"
    enrolled.save()

    body = _submit(owner_client, enrolled, right_answers(enrolled)).json()

    assert body["passed"] is True and body["answers_revealed"] is False
    assert body["questions"][0]["answers"][0]["correct"] is None


def _ids(quiz):
    question = quiz.questions.first()
    right = question.answers.get(is_correct=True).pk
    wrong = question.answers.get(is_correct=False).pk
    return question.pk, right, wrong


@pytest.mark.django_db
@pytest.mark.parametrize(
    "answers",
    [
        lambda q, right, wrong: {str(q): [right, right]},  # a repeated answer id
        lambda q, right, wrong: {str(q): [right, wrong]},  # two on a single-choice question
        lambda q, right, wrong: {str(q): [999_999]},  # an unknown answer
        lambda q, right, wrong: {"999999": [right]},  # an unknown question
    ],
    ids=["repeated", "two-on-single-choice", "unknown-answer", "unknown-question"],
)
def test_malformed_answers_are_422_and_no_attempt_is_recorded(owner_client, enrolled, answers):
    response = _submit(owner_client, enrolled, answers(*_ids(enrolled)))

    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["field"] == "answers"
    assert not QuizAttempt.objects.exists()


@pytest.mark.django_db
def test_an_answer_to_another_question_is_refused(owner_client, enrolled):
    question, right, _wrong = _ids(enrolled)
    other = Question.objects.create(lesson=enrolled, text="3 + 3?", position=2)
    six = Answer.objects.create(question=other, text="6", is_correct=True)

    response = _submit(owner_client, enrolled, {str(question): [right, six.pk]})

    assert response.status_code == 422
    assert not QuizAttempt.objects.exists()


@pytest.mark.django_db
def test_the_authors_attempt_limit_is_kept(owner_client, enrolled):
    enrolled.max_attempts = 2
    enrolled.save()

    first = _submit(owner_client, enrolled, wrong_answers(enrolled))
    second = _submit(owner_client, enrolled, wrong_answers(enrolled))
    third = _submit(owner_client, enrolled, right_answers(enrolled))

    assert (first.json()["attempts_left"], second.json()["attempts_left"]) == (1, 0)
    assert third.status_code == 422
    assert "all the attempts this quiz allows (2)" in third.json()["detail"]
    assert QuizAttempt.objects.count() == 2


@pytest.mark.django_db
def test_authors_set_the_reveal_rule_and_the_limit_through_the_api(author_client, course):
    quiz = course[2]

    response = author_client.patch(
        f"{API}/lessons/{quiz.pk}",
        {"reveal_answers": "after_attempts", "reveal_after_attempts": 2, "max_attempts": 5},
        content_type="application/json",
    )
    refused = author_client.patch(
        f"{API}/lessons/{quiz.pk}", {"max_attempts": 0}, content_type="application/json"
    )

    assert response.status_code == 200, response.content
    quiz.refresh_from_db()
    assert (quiz.reveal_answers, quiz.reveal_after_attempts, quiz.max_attempts) == (
        "after_attempts",
        2,
        5,
    )
    assert refused.status_code == 422
    learner_view = author_client.get(f"{API}/lessons/{quiz.pk}").json()
    assert learner_view["max_attempts"] == 5
