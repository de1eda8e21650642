"""A course with a logic model and a pre/post survey pair answered by `count` consenting
learners, each gaining `gain` points (plus a little spread)."""

from capacityhub.evaluation.services import (
    answer_submit,
    consent_set,
    logic_model_create,
    survey_create,
)

from .factories import enrol, make_course, score_form


def course_with_pair(owner, count: int, *, gain: int = 2, slug: str = "wiki-101"):
    course = make_course(owner, slug=slug)
    people = enrol(course, count, prefix=f"{slug}-p")
    model = logic_model_create(actor=owner, subject_type="learning.course",
                               subject_id=course.pk, title="Wiki 101 logic")  # fmt: skip
    form = score_form()
    surveys = {
        kind: survey_create(
            actor=owner,
            subject_type="learning.course",
            subject_id=course.pk,
            kind=kind,
            form=form,
            score_key="confidence",
        )  # fmt: skip
        for kind in ("pre", "post")
    }
    for i, person in enumerate(people):
        consent_set(actor=person, survey=surveys["pre"], agree=True)
        before = 1 + i % 2
        answer_submit(actor=person, survey=surveys["pre"], answers={"confidence": before})
        answer_submit(actor=person, survey=surveys["post"],
                      answers={"confidence": min(5, before + gain + i % 2)})  # fmt: skip
    return course, model, surveys
