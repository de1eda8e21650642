"""The courses API: catalogue, enrolling, progress, quizzes and the authors' endpoints."""

import pytest

from capacityhub.learning.models import Course, Enrolment, Question, QuizAttempt
from capacityhub.learning.tests.factories import (
    CourseFactory,
    author_user,
    cohort_of,
    course_with_lessons,
    enrol,
    right_answers,
)

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def course(author, taxonomy):
    return course_with_lessons(
        authors=[author], capacities=[taxonomy["grant-writing"]], slug="grants"
    )


def test_the_catalogue_lists_published_courses_in_bounded_queries(
    client, author, taxonomy, django_assert_max_num_queries
):
    for _n in range(6):
        CourseFactory(authors=[author], capacities=[taxonomy["lua-scripting"]])
    CourseFactory(is_published=False, slug="draft", authors=[author])

    with django_assert_max_num_queries(6):
        body = client.get(f"{API}/courses").json()

    assert body["count"] == 6
    assert "draft" not in [c["slug"] for c in body["results"]]


def test_a_lesson_never_tells_which_answer_is_correct(client, course):
    quiz = course[2]

    body = client.get(f"{API}/lessons/{quiz.pk}").json()

    answers = body["questions"][0]["answers"]
    assert answers and all(set(answer) == {"id", "text"} for answer in answers)


def test_a_draft_is_not_found_for_others(other_client, author, taxonomy):
    course_with_lessons(authors=[author], published=False, slug="hidden")

    assert other_client.get(f"{API}/courses/hidden").status_code == 404


def test_enrol_then_complete_then_pass_the_quiz(owner_client, course):
    the_course, text, quiz = course

    assert (
        owner_client.post(
            f"{API}/courses/grants/enrol", {}, content_type="application/json"
        ).status_code
        == 201
    )
    assert owner_client.post(f"{API}/lessons/{text.pk}/complete").status_code == 200
    result = owner_client.post(
        f"{API}/lessons/{quiz.pk}/quiz",
        {"answers": right_answers(quiz)},
        content_type="application/json",
    ).json()

    assert result["passed"] and result["course_completed"]
    assert result["questions"][0]["answers"][1]["explanation"] == "Count again."
    enrolments = owner_client.get(f"{API}/me/enrolments").json()
    assert enrolments["results"][0]["certificate_code"]


def test_enrolling_twice_is_a_422_naming_the_course(owner_client, owner, course):
    enrol(owner, course[0])

    response = owner_client.post(f"{API}/courses/grants/enrol", {}, content_type="application/json")

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "course"
    assert Enrolment.objects.count() == 1


def test_enrolling_in_a_cohort_run_of_another_course_is_refused(
    owner_client, author, course, taxonomy
):
    elsewhere, *_ = course_with_lessons(authors=[author])
    cohort = cohort_of(elsewhere)

    response = owner_client.post(
        f"{API}/courses/grants/enrol", {"cohort": cohort.pk}, content_type="application/json"
    )

    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "cohort"


def test_answering_a_quiz_when_not_enrolled_is_forbidden(other_client, course):
    quiz = course[2]

    response = other_client.post(
        f"{API}/lessons/{quiz.pk}/quiz",
        {"answers": right_answers(quiz)},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert not QuizAttempt.objects.exists()


def test_completing_a_lesson_you_cannot_see_is_a_404(other_client, author, taxonomy):
    _draft, text, _quiz = course_with_lessons(authors=[author], published=False)

    assert other_client.post(f"{API}/lessons/{text.pk}/complete").status_code == 404


def test_an_author_builds_and_publishes_a_course(author_client, taxonomy):
    created = author_client.post(
        f"{API}/courses",
        {"title": "Lua", "capacities": ["lua-scripting"]},
        content_type="application/json",
    )
    assert created.status_code == 201
    slug = created.json()["slug"]
    module = author_client.post(
        f"{API}/courses/{slug}/modules", {"title": "M"}, content_type="application/json"
    ).json()
    lesson = author_client.post(
        f"{API}/modules/{module['id']}/lessons",
        {"title": "Quiz", "kind": "quiz", "pass_mark": 80},
        content_type="application/json",
    ).json()
    question = author_client.post(
        f"{API}/lessons/{lesson['id']}/questions",
        {"text": "Q?", "answers": [{"text": "A", "is_correct": True}, {"text": "B"}]},
        content_type="application/json",
    )
    published = author_client.post(
        f"{API}/courses/{slug}/publish", {"published": True}, content_type="application/json"
    )

    assert question.status_code == 201
    assert published.json()["is_published"]


def test_a_member_who_is_not_an_author_cannot_create_courses(owner_client, taxonomy):
    response = owner_client.post(
        f"{API}/courses",
        {"title": "Mine", "capacities": ["lua-scripting"]},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert not Course.objects.exists()


def test_another_author_cannot_patch_a_course_they_do_not_author(client, course):
    client.force_login(author_user("stranger"))

    response = client.patch(
        f"{API}/courses/grants", {"title": "Mine", "version": 1}, content_type="application/json"
    )

    assert response.status_code == 403


def test_a_pass_mark_over_100_is_a_422_naming_it(author_client, course):
    quiz = course[2]

    response = author_client.patch(
        f"{API}/lessons/{quiz.pk}", {"pass_mark": 101}, content_type="application/json"
    )

    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "pass_mark"


def test_a_single_choice_question_with_two_correct_answers_is_a_422(author_client, course):
    quiz = course[2]
    before = Question.objects.count()

    response = author_client.post(
        f"{API}/lessons/{quiz.pk}/questions",
        {
            "text": "Q?",
            "answers": [{"text": "A", "is_correct": True}, {"text": "B", "is_correct": True}],
        },
        content_type="application/json",
    )

    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "answers"
    assert Question.objects.count() == before


def test_a_cycle_of_prerequisites_is_a_422(author_client, author, course, taxonomy):
    course_with_lessons(authors=[author], slug="next")
    author_client.patch(
        f"{API}/courses/next",
        {"prerequisites": ["grants"], "version": 1},
        content_type="application/json",
    )

    response = author_client.patch(
        f"{API}/courses/grants",
        {"prerequisites": ["next"], "version": 1},
        content_type="application/json",
    )

    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "prerequisites"


def test_a_cohort_run_ending_before_it_starts_is_a_422(author_client, course):
    response = author_client.post(
        f"{API}/courses/grants/cohorts",
        {"title": "Backwards", "starts_on": "2030-05-10", "ends_on": "2030-05-01"},
        content_type="application/json",
    )

    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "ends_on"
