"""The course pages: browsing, enrolling, lessons and quizzes, certificates, authoring."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from capacityhub.learning.models import (
    CohortRun,
    Course,
    Enrolment,
    Lesson,
    Module,
    Question,
    QuizAttempt,
)
from capacityhub.learning.tests.factories import (
    CourseFactory,
    cohort_of,
    course_with_lessons,
    enrol,
    right_answers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(author, taxonomy):
    return course_with_lessons(
        authors=[author], capacities=[taxonomy["grant-writing"]], title="Grant writing basics"
    )


def test_the_list_shows_published_courses_in_bounded_queries(
    client, author, taxonomy, django_assert_max_num_queries
):
    for n in range(8):
        CourseFactory(
            title=f"Open course {n}", authors=[author], capacities=[taxonomy["lua-scripting"]]
        )
    CourseFactory(title="Secret draft", is_published=False, authors=[author])

    with django_assert_max_num_queries(12):
        response = client.get(reverse("web:course-list"))

    assert response.status_code == 200
    assert "Open course 7" in response.content.decode()
    assert "Secret draft" not in response.content.decode()


def test_the_list_filters_by_capacity_including_narrower_ones(client, course):
    response = client.get(reverse("web:course-list"), {"capacity": "fundraising"})
    assert "Grant writing basics" in response.content.decode()

    response = client.get(reverse("web:course-list"), {"capacity": "technology"})
    assert "Grant writing basics" not in response.content.decode()


def test_the_list_has_an_empty_state(client, db):
    assert "No course matches" in client.get(reverse("web:course-list")).content.decode()


def test_a_draft_course_page_is_not_found_for_others(other_client, client, author, taxonomy):
    draft, *_ = course_with_lessons(authors=[author], published=False, slug="draft")

    assert other_client.get(reverse("web:course-detail", args=["draft"])).status_code == 404
    assert client.get(reverse("web:course-detail", args=["draft"])).status_code == 404


def test_a_member_enrols_from_the_course_page(owner_client, owner, course):
    response = owner_client.post(reverse("web:course-enrol", args=[course[0].slug]))

    assert response.status_code == 302
    assert Enrolment.objects.filter(user=owner, course=course[0]).exists()


def test_enrolling_twice_says_so_and_changes_nothing(owner_client, owner, course):
    enrol(owner, course[0])

    response = owner_client.post(reverse("web:course-enrol", args=[course[0].slug]), follow=True)

    assert "already enrolled" in response.content.decode()
    assert Enrolment.objects.count() == 1


def test_a_member_joins_a_cohort_run_when_enrolling(owner_client, owner, course):
    cohort = cohort_of(course[0])

    owner_client.post(
        reverse("web:course-enrol", args=[course[0].slug]), {"cohort": str(cohort.pk)}
    )

    assert Enrolment.objects.get(user=owner).cohort == cohort


def test_anonymous_visitors_are_sent_to_sign_in_to_enrol(client, course):
    response = client.post(reverse("web:course-enrol", args=[course[0].slug]))

    assert response.status_code == 302 and "login" in response["Location"]
    assert not Enrolment.objects.exists()


def test_the_quiz_page_does_not_reveal_the_correct_answer_before_submitting(
    owner_client, owner, course
):
    the_course, _text, quiz = course
    enrol(owner, the_course)

    page = owner_client.get(reverse("web:lesson-detail", args=[the_course.slug, quiz.pk]))

    html = page.content.decode()
    assert "2 + 2?" in html
    assert "Count again." not in html and "correct" not in html.lower().replace("incorrect", "")


def test_a_learner_completes_the_course_and_gets_a_certificate(owner_client, owner, course):
    the_course, text, quiz = course
    enrol(owner, the_course)
    owner_client.post(reverse("web:lesson-complete", args=[the_course.slug, text.pk]))
    data = {f"q{k}": v[0] for k, v in right_answers(quiz).items()}

    response = owner_client.post(reverse("web:lesson-quiz", args=[the_course.slug, quiz.pk]), data)

    assert "Passed with 100%" in response.content.decode()
    enrolment = Enrolment.objects.get(user=owner)
    assert enrolment.completed_at
    certificate = owner_client.get(reverse("web:certificate-detail", args=[the_course.slug]))
    assert enrolment.certificate_code in certificate.content.decode()


def test_a_wrong_answer_keeps_the_answer_key_until_the_learner_passes(owner_client, owner, course):
    the_course, _text, quiz = course
    enrol(owner, the_course)
    wrong = quiz.questions.first().answers.get(is_correct=False)

    response = owner_client.post(
        reverse("web:lesson-quiz", args=[the_course.slug, quiz.pk]),
        {f"q{wrong.question_id}": str(wrong.pk)},
    )

    page = response.content.decode()
    assert "Not passed: 0%" in page
    assert "Count again." not in page and "Yes." not in page
    assert "<strong>correct</strong>" not in page and "not right" not in page
    assert Enrolment.objects.get(user=owner).completed_at is None


def test_the_author_may_show_the_explanations_after_a_number_of_attempts(
    owner_client, owner, course
):
    the_course, _text, quiz = course
    quiz.reveal_answers, quiz.reveal_after_attempts = "after_attempts", 2
    quiz.save()
    enrol(owner, the_course)
    wrong = quiz.questions.first().answers.get(is_correct=False)
    url = reverse("web:lesson-quiz", args=[the_course.slug, quiz.pk])

    first = owner_client.post(url, {f"q{wrong.question_id}": str(wrong.pk)}).content.decode()
    second = owner_client.post(url, {f"q{wrong.question_id}": str(wrong.pk)}).content.decode()

    assert "Count again." not in first
    assert "Count again." in second and "<strong>correct</strong>" in second


def test_past_the_authors_attempt_limit_the_page_refuses_and_records_nothing(
    owner_client, owner, course
):
    the_course, _text, quiz = course
    quiz.max_attempts = 1
    quiz.save()
    enrol(owner, the_course)
    wrong = quiz.questions.first().answers.get(is_correct=False)
    url = reverse("web:lesson-quiz", args=[the_course.slug, quiz.pk])
    owner_client.post(url, {f"q{wrong.question_id}": str(wrong.pk)})

    again = owner_client.post(url, {f"q{wrong.question_id}": str(wrong.pk)})
    page = owner_client.get(reverse("web:lesson-detail", args=[the_course.slug, quiz.pk]))

    assert "You have used all your attempts at this quiz." in again.content.decode()
    assert QuizAttempt.objects.count() == 1
    assert "You have used all your attempts at this quiz." in page.content.decode()


def test_answering_a_quiz_without_enrolment_is_forbidden(other_client, course):
    the_course, _text, quiz = course
    data = {f"q{k}": v[0] for k, v in right_answers(quiz).items()}

    response = other_client.post(reverse("web:lesson-quiz", args=[the_course.slug, quiz.pk]), data)

    assert response.status_code == 403


def test_completing_a_lesson_of_a_draft_you_cannot_see_is_not_found(other_client, author, taxonomy):
    draft, text, _quiz = course_with_lessons(authors=[author], published=False)

    response = other_client.post(reverse("web:lesson-complete", args=[draft.slug, text.pk]))

    assert response.status_code == 404


def test_the_public_verification_page_shows_who_completed_what(client, owner, course):
    enrolment = enrol(owner, course[0])
    Enrolment.objects.filter(pk=enrolment.pk).update(
        completed_at=timezone.now(), certificate_code="abc123-code-xyz"
    )

    response = client.get(reverse("web:certificate-verify", args=["abc123-code-xyz"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Owner" in html and "Grant writing basics" in html
    assert client.get(reverse("web:certificate-verify", args=["guess"])).status_code == 404


def test_my_learning_lists_my_enrolments(
    owner_client, owner, course, django_assert_max_num_queries
):
    enrol(owner, course[0])

    with django_assert_max_num_queries(12):
        response = owner_client.get(reverse("web:course-my-learning"))

    assert "Grant writing basics" in response.content.decode()


def test_cohort_members_discuss_a_lesson(owner_client, owner, course):
    the_course, text, _quiz = course
    cohort = cohort_of(the_course)
    enrol(owner, the_course, cohort)

    owner_client.post(
        reverse("web:lesson-post", args=[the_course.slug, text.pk]), {"body": "Hi all"}
    )

    page = owner_client.get(reverse("web:lesson-detail", args=[the_course.slug, text.pk]))
    assert "Hi all" in page.content.decode()


# Authoring ------------------------------------------------------------------------------------


def test_an_author_creates_a_course_on_the_hub(author_client, taxonomy):
    response = author_client.post(
        reverse("web:course-create"),
        {
            "title": "Lua for wikis",
            "language": "en",
            "capacities": ["lua-scripting"],
            "estimated_minutes": "90",
        },
    )

    course = Course.objects.get(title="Lua for wikis")
    assert response["Location"] == reverse("web:course-outline", args=[course.slug])


def test_a_member_who_is_not_an_author_cannot_open_the_create_page(owner_client, db):
    assert owner_client.get(reverse("web:course-create")).status_code == 403


def test_another_member_cannot_edit_the_course(other_client, course):
    response = other_client.post(reverse("web:course-edit", args=[course[0].slug]), {"title": "X"})

    assert response.status_code == 403


def test_the_author_builds_the_outline(author_client, course):
    the_course = course[0]
    outline = reverse("web:course-outline", args=[the_course.slug])

    author_client.post(outline, {"action": "add-module", "title": "Going further"})
    module = Module.objects.get(title="Going further")
    author_client.post(
        reverse("web:lesson-create", args=[the_course.slug, module.pk]),
        {"title": "Reporting", "kind": "text", "body": "Text", "required": "on", "pass_mark": "70"},
    )
    author_client.post(outline, {"action": "module-up", "module": str(module.pk)})

    assert Lesson.objects.filter(module=module, title="Reporting").exists()
    assert (
        list(the_course.modules.order_by("position").values_list("title", flat=True))[0]
        == "Going further"
    )


def test_deleting_a_lesson_asks_for_confirmation_first(author_client, course):
    the_course, text, _quiz = course
    outline = reverse("web:course-outline", args=[the_course.slug])

    page = author_client.get(outline, {"confirm": f"lesson-{text.pk}"})
    assert "Yes, delete" in page.content.decode()
    author_client.post(outline, {"action": "delete-lesson", "lesson": str(text.pk)})

    assert not Lesson.objects.filter(pk=text.pk).exists()


def test_a_question_without_a_correct_answer_is_shown_as_an_error(author_client, course):
    the_course, _text, quiz = course
    before = Question.objects.count()

    response = author_client.post(
        reverse("web:lesson-questions", args=[the_course.slug, quiz.pk]),
        {"text": "Which?", "answer_1": "A", "answer_2": "B"},
    )

    assert "Mark at least one answer as correct" in response.content.decode()
    assert Question.objects.count() == before


def test_a_pass_mark_above_100_is_shown_as_an_error(author_client, course):
    the_course, _text, quiz = course

    response = author_client.post(
        reverse("web:lesson-edit", args=[the_course.slug, quiz.pk]),
        {"title": "Quiz", "kind": "quiz", "pass_mark": "150"},
    )

    assert response.status_code == 200 and "pass_mark" in response.content.decode()
    quiz.refresh_from_db()
    assert quiz.pass_mark == 50


def test_the_author_schedules_a_cohort_run_and_a_backwards_one_is_refused(author_client, course):
    url = reverse("web:cohort-create", args=[course[0].slug])
    today = timezone.localdate()

    response = author_client.post(
        url,
        {"title": "Backwards", "starts_on": today, "ends_on": today - datetime.timedelta(days=2)},
    )
    assert "cannot end before it starts" in response.content.decode()
    author_client.post(url, {"title": "Spring", "starts_on": today, "ends_on": today})

    assert list(CohortRun.objects.values_list("title", flat=True)) == ["Spring"]


def test_publishing_from_the_outline(author_client, author, taxonomy):
    draft, *_ = course_with_lessons(authors=[author], published=False)

    author_client.post(reverse("web:course-publish", args=[draft.slug]), {"published": "1"})

    draft.refresh_from_db()
    assert draft.is_published


def test_staff_edit_any_course(staff_client, course):
    response = staff_client.get(reverse("web:course-edit", args=[course[0].slug]))

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("who", "status"),
    [("client", 302), ("other_client", 403), ("manager_client", 403), ("staff_client", 200)],
)
def test_only_authors_and_staff_open_the_author_pages(request, course, who, status):
    # given the author's course, and someone else
    client = request.getfixturevalue(who)

    # when they open its outline
    response = client.get(reverse("web:course-outline", args=[course[0].slug]))

    # then anonymous visitors sign in, members and managers are refused, staff get in
    assert response.status_code == status


def test_the_course_page_runs_a_bounded_number_of_queries(
    owner_client, owner, author, taxonomy, django_assert_max_num_queries
):
    the_course, *_ = course_with_lessons(authors=[author], capacities=[taxonomy["lua-scripting"]])
    module = the_course.modules.first()
    for n in range(10):
        Lesson.objects.create(module=module, title=f"Extra {n}", position=10 + n)
    enrol(owner, the_course)

    with django_assert_max_num_queries(20):
        response = owner_client.get(reverse("web:course-detail", args=[the_course.slug]))

    assert "Extra 9" in response.content.decode()


def test_an_author_limits_attempts_and_chooses_when_answers_show_on_the_lesson_form(
    author_client, course
):
    the_course, _text, quiz = course

    response = author_client.post(
        reverse("web:lesson-edit", args=[the_course.slug, quiz.pk]),
        {
            "title": "Quiz",
            "kind": "quiz",
            "pass_mark": "50",
            "reveal_answers": "after_attempts",
            "reveal_after_attempts": "2",
            "max_attempts": "4",
        },
    )

    assert response.status_code == 302
    quiz.refresh_from_db()
    assert (quiz.reveal_answers, quiz.reveal_after_attempts, quiz.max_attempts) == (
        "after_attempts",
        2,
        4,
    )


@pytest.mark.parametrize(
    ("description", "description_shown"),
    [("Write a proposal.", False), ("  write a proposal  ", False), ("More detail.", True)],
)
def test_the_course_page_shows_the_summary_once(client, course, description, description_shown):
    Course.objects.filter(pk=course[0].pk).update(
        summary="Write a proposal.", description=description
    )

    page = client.get(reverse("web:course-detail", args=[course[0].slug])).content.decode()

    assert page.count("rite a proposal") == 1
    assert ("More detail." in page) is description_shown
