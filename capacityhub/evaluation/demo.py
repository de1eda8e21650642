"""The evaluation app's demo content (see capacityhub/demo): logic models with indicators and
pre/post survey results for two programmes — a course and a call — deterministic for a seed."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

PARTS = {
    "inputs": ["Two volunteer trainers", "Course pages and videos", "A small travel budget"],
    "activities": ["Weekly live sessions", "Practice edits with feedback"],
    "outputs": ["People who complete the course", "Articles improved during the course"],
    "outcomes": ["Confident new editors", "Editors who go on to teach others"],
}
QUESTIONS = [
    {"key": "confidence", "kind": "scale", "required": True, "scale_min": 1, "scale_max": 5,
     "label": {"en": "How confident are you doing this on your own?",
               "es": "¿Qué tan seguro te sientes haciéndolo por tu cuenta?",
               "fr": "À quel point êtes-vous à l'aise pour le faire seul ?"}},
]  # fmt: skip
REGIONS = ["ssa", "lac", "mena", "sa", "nwe", "cee"]
LANGUAGES = ["en", "es", "fr", "pt", "ar"]


def _subjects():
    from capacityhub.learning.models import Course
    from capacityhub.review.models import Call

    course = Course.objects.filter(is_published=True).order_by("id").first()
    call = Call.objects.order_by("opens_at", "id").first()
    return [(s._meta.label_lower, s) for s in (course, call) if s is not None]


def _write(rng, staff, subject_type, subject, people, form, version):
    from capacityhub.evaluation.models import (
        Answer,
        Consent,
        Indicator,
        Invitation,
        LogicModel,
        Survey,
    )
    from capacityhub.forms.models import Response

    now = timezone.now()
    title = getattr(subject, "title", "")
    title = title.get("en", "") if isinstance(title, dict) else title
    model = LogicModel.objects.create(subject_type=subject_type, subject_id=str(subject.pk),
                                      title=f"{title} — logic model"[:200], created_by=staff,
                                      **PARTS)  # fmt: skip
    Indicator.objects.bulk_create([
        Indicator(logic_model=model, name="Confidence gain", level=2, unit="points",
                  baseline=0, target=1.5, figure="pre_post_change", position=0),
        Indicator(logic_model=model, name="Satisfaction", level=1, unit="of 5",
                  baseline=3, target=4.2, figure="reaction", position=1),
        Indicator(logic_model=model, name="Showed the capacity afterwards", level=3, unit="%",
                  baseline=10, target=40, figure="evidence_after", position=2),
    ])  # fmt: skip
    surveys = {
        kind: Survey.objects.create(
            subject_type=subject_type,
            subject_id=str(subject.pk),
            kind=kind,
            form=form,
            score_key="confidence",
            created_by=staff,
            activity_ends_on=now.date(),
        )  # fmt: skip
        for kind in ("pre", "post", "reaction")
    }
    Consent.objects.bulk_create([Consent(person=p, subject_type=subject_type,
                                         subject_id=str(subject.pk), given_at=now)
                                 for p in people])  # fmt: skip
    scores = []
    for i, person in enumerate(people):
        before = rng.randint(1, 3)
        after = min(5, before + rng.choice([0, 1, 1, 2, 2, 3]))
        scores += [("pre", person, before, i), ("post", person, after, i),
                   ("reaction", person, rng.randint(3, 5), i)]  # fmt: skip
    responses = Response.objects.bulk_create([
        Response(version=version, respondent=p, answers={"confidence": s}, submitted_at=now)
        for _k, p, s, _i in scores
    ])  # fmt: skip
    Answer.objects.bulk_create([
        Answer(survey=surveys[k], response=r, person=p, score=s, region=REGIONS[i % 6],
               language=LANGUAGES[i % 5], submitted_at=now - timedelta(days=30 * (i % 3)))
        for (k, p, s, i), r in zip(scores, responses, strict=True)
    ])  # fmt: skip
    Invitation.objects.bulk_create([
        Invitation(survey=surveys[k], person=p, sent_at=now, responded_at=now)
        for k, p, _s, _i in scores
    ])  # fmt: skip


def write_demo(*, seed: int) -> str:
    """Write the demo content; return a one-line summary for the command's output."""
    from capacityhub.community.models import User
    from capacityhub.evaluation.models import LogicModel
    from capacityhub.forms.models import Form, FormVersion, Question
    from capacityhub.learning.models import Enrolment
    from capacityhub.review.models import Application

    rng = random.Random(seed)
    staff = User.objects.filter(is_staff=True, is_active=True).order_by("id").first()
    people = list(User.objects.filter(is_active=True, is_staff=False).order_by("id")[:40])
    if staff is None or len(people) < 20:
        return ""
    made = 0
    with transaction.atomic():
        form = Form.objects.create(title={"en": "Confidence survey", "es": "Encuesta"},
                                   created_by=staff)  # fmt: skip
        version = FormVersion.objects.create(form=form, number=1)
        Question.objects.bulk_create([Question(version=version, position=i, **q)
                                      for i, q in enumerate(QUESTIONS)])  # fmt: skip
        for index, (subject_type, subject) in enumerate(_subjects()):
            if LogicModel.objects.filter(subject_type=subject_type,
                                         subject_id=str(subject.pk)).exists():  # fmt: skip
                continue
            group = people[index * 20 : index * 20 + 20]
            if subject_type == "learning.course":
                Enrolment.objects.bulk_create(
                    [Enrolment(user=p, course=subject) for p in group], ignore_conflicts=True
                )
            else:  # the call's accepted applicants first: they are its participants
                accepted = set(Application.objects.filter(
                    call=subject, status__in=["accepted", "taken_up"]
                ).values_list("applicant_id", flat=True))  # fmt: skip
                first = [p for p in people if p.pk in accepted]
                group = (first + [p for p in group if p.pk not in accepted])[:20]
            _write(rng, staff, subject_type, subject, group, form, version)
            made += 1
    return f"{made} logic models with survey results"
