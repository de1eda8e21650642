"""A course runs with a pre/post survey pair: Lucía agrees to have her answers linked, answers
the "before" survey, takes the course, answers the "after" survey; four classmates do the same.
Anyone then opens the course's evaluation and sees level 2 of the Kirkpatrick matrix: the
paired change with its 95% interval, from five people."""

import pytest
from playwright.sync_api import expect

from capacityhub.community.tests.factories import UserFactory
from capacityhub.evaluation.services import (
    answer_submit,
    consent_set,
    logic_model_create,
    survey_create,
)
from capacityhub.evaluation.tests.factories import enrol, make_course, score_form
from journeys.conftest import login

PASSWORD = "pass-word-1234"  # the factories' password


@pytest.fixture
def course_with_surveys(transactional_db):
    trainer = UserFactory(username="trainer")
    course = make_course(trainer)
    classmates = enrol(course, 4, prefix="classmate")
    lucia = UserFactory(username="lucia")
    enrol_lucia = course.enrolments.create(user=lucia)
    model = logic_model_create(actor=trainer, subject_type="learning.course",
                               subject_id=course.pk, title="Wiki 101: logic model")  # fmt: skip
    form = score_form()
    surveys = {kind: survey_create(actor=trainer, subject_type="learning.course",
                                   subject_id=course.pk, kind=kind, form=form,
                                   score_key="confidence") for kind in ("pre", "post")}  # fmt: skip
    for person in classmates:
        consent_set(actor=person, survey=surveys["pre"], agree=True)
        answer_submit(actor=person, survey=surveys["pre"], answers={"confidence": 2})
        answer_submit(actor=person, survey=surveys["post"], answers={"confidence": 4})
    return {"model": model, "surveys": surveys, "lucia": lucia, "enrolment": enrol_lucia}


def _answer(page, survey, value: str) -> None:
    page.goto(f"/evaluation/surveys/{survey.pk}/")
    page.locator(f"input[name=confidence][value='{value}']").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Thank you: your answers were saved.")).to_be_visible()


def test_a_survey_pair_runs_around_a_course_and_the_matrix_shows_the_change(
    page, course_with_surveys
):
    surveys, model = course_with_surveys["surveys"], course_with_surveys["model"]
    # given: with four pairs, the change is withheld (fewer than 5 people)
    page.goto(f"/evaluation/{model.pk}/")
    expect(page.get_by_text("Fewer than 5 people").first).to_be_visible()

    # when: Lucía agrees to be linked and answers before and after the course
    login(page, "lucia", PASSWORD)
    page.goto(f"/evaluation/surveys/{surveys['pre'].pk}/")
    page.locator("input[name=agree]").check()
    page.get_by_role("button", name="Save my choice").click()
    expect(page.get_by_text("Your answers will be linked to you.")).to_be_visible()
    _answer(page, surveys["pre"], "1")
    _answer(page, surveys["post"], "4")

    # then: the matrix shows the paired change from five people, with its interval
    page.goto(f"/evaluation/{model.pk}/")
    learning = page.locator("h3", has_text="Level 2").locator("xpath=following-sibling::ul[1]")
    change = learning.locator("li", has_text="Change from before to after")
    expect(change).to_contain_text("2.2")
    expect(change).to_contain_text("95% interval")
    expect(change).to_contain_text("5 people")
