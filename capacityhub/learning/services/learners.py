"""What learners do: enrol, mark lessons done, submit quizzes, discuss a lesson in their cohort.

Completion is checked after every step (completion.py holds the rule). Completing a course
gives the learner a certificate code and COMPLETED and LEARNED evidence on each of the
course's capacities, and a notification with the certificate's address."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.community.evidence import evidence_record, evidence_source
from capacityhub.community.models import Evidence, Profile
from capacityhub.core.audit import audit_log
from capacityhub.core.notifications import notify
from capacityhub.core.permissions import require_member
from capacityhub.core.validation import clean_multiline

from ..completion import QuestionKey, is_complete, quiz_passed, quiz_score
from ..models import CohortRun, Course, Enrolment, Lesson, LessonProgress, Post, QuizAttempt
from ..selectors.learners import course_rules, is_facilitator, progress_of

MAX_ATTEMPTS_PER_DAY = 20


def _enrolment_or_403(actor, course: Course) -> Enrolment:
    require_member(actor)
    enrolment = Enrolment.objects.filter(user=actor, course=course).first()
    if enrolment is None:
        raise PermissionDenied(_("Enrol in this course first."))
    return enrolment


@transaction.atomic
def course_enrol(*, actor, course: Course, cohort: CohortRun | None = None) -> Enrolment:
    require_member(actor)
    if not course.is_published:
        raise ValidationError({"course": _("This course is not open for enrolment yet.")})
    if Enrolment.objects.filter(user=actor, course=course).exists():
        raise ValidationError({"course": _("You are already enrolled in this course.")})
    if cohort is not None:
        if cohort.course_id != course.pk:
            raise ValidationError({"cohort": _("This cohort run belongs to another course.")})
        if cohort.is_done or cohort.ends_on < timezone.localdate():
            raise ValidationError({"cohort": _("This cohort run has ended.")})
    enrolment = Enrolment.objects.create(user=actor, course=course, cohort=cohort)
    audit_log(actor=actor, action="course.enrol", target=enrolment, changes={"course": course.pk})
    return enrolment


def _complete_if_done(enrolment: Enrolment) -> bool:
    """Give the certificate and evidence once the course's rules are met; True if it did."""
    if enrolment.completed_at is not None:
        return False
    progress = progress_of(enrolment)
    if not is_complete(course_rules(enrolment.course), progress.done, progress.best_scores):
        return False
    enrolment.completed_at = timezone.now()
    enrolment.certificate_code = secrets.token_urlsafe(18)
    enrolment.save(update_fields=["completed_at", "certificate_code"])
    _record_learning(enrolment)
    audit_log(actor=enrolment.user, action="course.complete", target=enrolment)
    notify(
        recipient=enrolment.user,
        subject=gettext_lazy("You completed “%(course)s”"),
        context={"course": enrolment.course.title},
        url=enrolment.get_absolute_url(),
    )
    return True


def _record_learning(enrolment: Enrolment) -> None:
    profile = Profile.objects.filter(user_id=enrolment.user_id).first()
    if profile is None:
        return
    for capacity in enrolment.course.capacities.all():
        for kind in (Evidence.Kind.COMPLETED, Evidence.Kind.LEARNED):
            evidence_record(
                profile=profile,
                capacity=capacity,
                kind=kind,
                source=evidence_source(enrolment),
                occurred_on=timezone.localdate(enrolment.completed_at),
                confirmed_by=enrolment.user,
                note=enrolment.course.title[:200],
            )


@transaction.atomic
def lesson_complete(*, actor, lesson: Lesson) -> Enrolment:
    """Mark a lesson done (again is harmless). A quiz is done by passing it, not by this."""
    enrolment = _enrolment_or_403(actor, lesson.module.course)
    if lesson.is_quiz:
        raise ValidationError({"lesson": _("A quiz is done by passing it.")})
    LessonProgress.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    _complete_if_done(enrolment)
    return enrolment


def _answer_ids(chosen, answers: set[int], multiple: bool) -> list[int]:
    """The chosen answers of one question: its own, each once, one on a single-choice one."""
    if isinstance(chosen, str | bytes | dict) or not isinstance(chosen, list | tuple):
        raise ValidationError({"answers": _("Give the chosen answers of each question.")})
    if any(isinstance(a, bool) or not isinstance(a, int) for a in chosen):
        raise ValidationError({"answers": _("Give the chosen answers of each question.")})
    if len(set(chosen)) != len(chosen):
        raise ValidationError({"answers": _("An answer is chosen twice.")})
    if not set(chosen) <= answers:
        raise ValidationError({"answers": _("An answer does not belong to its question.")})
    if not multiple and len(chosen) > 1:
        raise ValidationError({"answers": _("Choose one answer on a single-choice question.")})
    return list(chosen)


def _clean_choices(lesson: Lesson, choices) -> dict[int, list[int]]:
    """{question id: [answer ids]}: malformed submissions are refused, never scored."""
    if not isinstance(choices, dict):
        raise ValidationError({"answers": _("Give the chosen answers of each question.")})
    questions = {q.pk: q for q in lesson.questions.all()}
    cleaned: dict[int, list[int]] = {}
    for key, chosen in choices.items():
        try:
            question = questions.get(int(key))
        except (TypeError, ValueError):
            question = None
        if question is None or question.pk in cleaned:
            raise ValidationError({"answers": _("Unknown question.")})
        answers = {a.pk for a in question.answers.all()}
        cleaned[question.pk] = _answer_ids(chosen, answers, question.multiple)
    return cleaned


def _require_attempt_left(enrolment: Enrolment, lesson: Lesson) -> None:
    attempts = enrolment.attempts.filter(lesson=lesson)
    if lesson.max_attempts is not None and attempts.count() >= lesson.max_attempts:
        raise ValidationError(
            {
                "answers": _("You have used all the attempts this quiz allows (%d).")
                % lesson.max_attempts
            }
        )
    since = timezone.now() - timezone.timedelta(days=1)
    if attempts.filter(created_at__gte=since).count() >= MAX_ATTEMPTS_PER_DAY:
        raise ValidationError({"answers": _("Too many attempts today; try again tomorrow.")})


@transaction.atomic
def quiz_submit(*, actor, lesson: Lesson, choices: dict) -> QuizAttempt:
    """Score the chosen answers ({question id: [answer ids]}); the attempt says whether it
    passed at the lesson's pass mark. Only enrolled people may answer, within the attempts
    the author allows; a malformed submission is refused and no attempt is recorded."""
    enrolment = _enrolment_or_403(actor, lesson.module.course)
    if not lesson.is_quiz:
        raise ValidationError({"lesson": _("This lesson is not a quiz.")})
    # Lock the enrolment: two submissions at once cannot both take the last attempt.
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    _require_attempt_left(enrolment, lesson)
    if not lesson.questions.all():
        raise ValidationError({"answers": _("This quiz has no questions yet.")})
    cleaned = _clean_choices(lesson, choices)
    keys = [
        QuestionKey(q.pk, frozenset(a.pk for a in q.answers.all() if a.is_correct))
        for q in lesson.questions.all()
    ]
    score = quiz_score(keys, cleaned)
    attempt = QuizAttempt.objects.create(
        enrolment=enrolment,
        lesson=lesson,
        score=score,
        passed=quiz_passed(score, lesson.pass_mark, len(keys)),
        choices={str(k): v for k, v in cleaned.items()},
    )
    if attempt.passed:
        LessonProgress.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    _complete_if_done(enrolment)
    return attempt


@transaction.atomic
def post_create(*, actor, cohort: CohortRun, lesson: Lesson, body: str) -> Post:
    """A message in the cohort's discussion of a lesson: by its learners and facilitators."""
    require_member(actor)
    if lesson.module.course_id != cohort.course_id:
        raise ValidationError({"lesson": _("This lesson is not part of the cohort's course.")})
    enrolled = Enrolment.objects.filter(user=actor, cohort=cohort).exists()
    if not enrolled and not is_facilitator(user=actor, cohort=cohort):
        raise PermissionDenied(
            _("Only the people enrolled in this cohort run and its facilitators can post.")
        )
    body = clean_multiline(body, field="body", max_length=5000, required=True)
    return Post.objects.create(cohort=cohort, lesson=lesson, author=actor, body=body)
