"""The evaluation app's pages in the accessibility gate (see journeys/pages.py).

Seeded: a course (staff author it) with a logic model, an indicator and a pre/post survey pair
answered by six consenting learners, so the matrix shows a change with its interval."""


def _pk(hub, name):
    return hub.extra[name].pk


PAGE_TYPES = [
    ("evaluation-list", "/evaluation/", None),
    ("evaluation-detail", lambda hub: f"/evaluation/{_pk(hub, 'evaluation_model')}/", None),
    ("evaluation-detail-staff",
     lambda hub: f"/evaluation/{_pk(hub, 'evaluation_model')}/", "staff"),
    ("evaluation-practices", "/evaluation/practices/", None),
    ("evaluation-dictionary", "/evaluation/data-dictionary/", None),
    ("evaluation-survey",
     lambda hub: f"/evaluation/surveys/{_pk(hub, 'evaluation_survey')}/", "member"),
    ("evaluation-create", "/evaluation/new/", "staff"),
    ("evaluation-edit", lambda hub: f"/evaluation/{_pk(hub, 'evaluation_model')}/edit/", "staff"),
]  # fmt: skip
NOT_PAGES = {
    "evaluation-indicator-add",
    "evaluation-survey-create",
    "evaluation-invite",
    "evaluation-consent",
    "evaluation-open-data-csv",
    "evaluation-open-data-json",
}


def seed(hub) -> dict:
    from capacityhub.community.tests.factories import UserFactory
    from capacityhub.evaluation.services import (
        answer_submit,
        consent_set,
        indicator_add,
        logic_model_create,
        survey_create,
    )
    from capacityhub.forms.services import form_create
    from capacityhub.learning.models import Course, Enrolment

    staff = hub.users["staff"]
    course = Course.objects.create(title="Editing basics", slug="a11y-evaluation-course",
                                   is_published=True)  # fmt: skip
    course.authors.add(staff)
    learners = [UserFactory(username=f"a11y-learner-{i}") for i in range(6)]
    Enrolment.objects.bulk_create([Enrolment(user=p, course=course) for p in learners])
    Enrolment.objects.create(user=hub.users["member"], course=course)
    model = logic_model_create(actor=staff, subject_type="learning.course", subject_id=course.pk,
                               title="Editing basics: logic model", inputs=["Two trainers"],
                               outcomes=["Confident editors"])  # fmt: skip
    indicator_add(actor=staff, logic_model=model, name="Confidence gain", level=2,
                  baseline=0, target=1.5, figure="pre_post_change")  # fmt: skip
    form = form_create(actor=staff, title={"en": "Confidence", "ar": "الثقة"}, questions=[
        {"key": "confidence", "kind": "scale", "required": True, "scale_min": 1, "scale_max": 5,
         "label": {"en": "How confident are you editing?",
                   "ar": "ما مدى ثقتك في التحرير؟"}}])  # fmt: skip
    surveys = {kind: survey_create(actor=staff, subject_type="learning.course",
                                   subject_id=course.pk, kind=kind, form=form,
                                   score_key="confidence") for kind in ("pre", "post")}  # fmt: skip
    for i, person in enumerate(learners):
        consent_set(actor=person, survey=surveys["pre"], agree=True)
        answer_submit(actor=person, survey=surveys["pre"], answers={"confidence": 1 + i % 2})
        answer_submit(actor=person, survey=surveys["post"], answers={"confidence": 3 + i % 3})
    return {"evaluation_model": model, "evaluation_survey": surveys["post"]}
