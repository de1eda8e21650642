"""Evaluation surveys: creating them, consent, invitations, answers, follow-ups, reminders."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.community.models import Profile, User
from capacityhub.core.audit import audit_log
from capacityhub.core.notifications import notify, recipient_language
from capacityhub.core.permissions import require_member
from capacityhub.core.regions import region_of
from capacityhub.forms.models import Form
from capacityhub.forms.selectors import form_current_version
from capacityhub.forms.services import response_save

from ..models import FOLLOW_UP_DAYS, Answer, Consent, Invitation, Survey, SurveyKind
from ..subjects import subject_get, subject_kind
from .logic_models import require_manager

REMIND_AFTER = timedelta(days=7)
SCORE_KINDS = ("scale", "number")


def _url(survey: Survey) -> str:
    from django.urls import reverse

    return reverse("web:evaluation-survey", args=[survey.pk])


@transaction.atomic
def survey_create(
    *,
    actor,
    subject_type: str,
    subject_id: Any,
    kind: str,
    form: Form,
    score_key: str = "",
    activity_ends_on: date | None = None,
) -> Survey:
    subject = subject_get(subject_type, subject_id)
    require_manager(actor, subject_type, subject)
    if kind not in SurveyKind.values:
        raise ValidationError({"kind": _("Unknown kind of survey.")})
    version = form_current_version(form)
    if version is None:
        raise ValidationError({"form": _("This form has no questions yet.")})
    if score_key:
        question = version.questions.filter(key=score_key).first()
        if question is None or question.kind not in SCORE_KINDS:
            raise ValidationError({"score_key": _("Name a scale or number question of this form.")})
    if activity_ends_on is None:
        activity_ends_on = subject_kind(subject_type).ended_on(subject)
    if kind in FOLLOW_UP_DAYS and activity_ends_on is None:
        raise ValidationError(
            {"activity_ends_on": _("A follow-up needs the day the activity ended.")}
        )
    if Survey.objects.filter(
        subject_type=subject_type, subject_id=str(subject.pk), kind=kind
    ).exists():
        raise ValidationError({"kind": _("This subject already has a survey of this kind.")})
    survey = Survey.objects.create(
        subject_type=subject_type,
        subject_id=str(subject.pk),
        kind=kind,
        form=form,
        score_key=score_key,
        activity_ends_on=activity_ends_on,
        created_by=actor,
    )
    audit_log(actor=actor, action="evaluation.survey.create", target=survey, changes={"kind": kind})
    return survey


def has_consent(person, subject_type: str, subject_id: str) -> bool:
    return Consent.objects.filter(
        person=person,
        subject_type=subject_type,
        subject_id=str(subject_id),
        withdrawn_at__isnull=True,
    ).exists()


@transaction.atomic
def consent_set(*, actor, survey: Survey, agree: bool) -> Consent | None:
    """The person agrees (or no longer agrees) that their answers about the survey's subject
    are linked to them. Withdrawing keeps earlier answers but unlinks them."""
    require_member(actor)
    now = timezone.now()
    consent = (
        Consent.objects.select_for_update()
        .filter(person=actor, subject_type=survey.subject_type, subject_id=survey.subject_id)
        .first()
    )
    if agree:
        if consent is None:
            consent = Consent.objects.create(
                person=actor,
                subject_type=survey.subject_type,
                subject_id=survey.subject_id,
                given_at=now,
            )
        elif consent.withdrawn_at is not None:
            consent.given_at, consent.withdrawn_at = now, None
            consent.save(update_fields=["given_at", "withdrawn_at"])
        audit_log(actor=actor, action="evaluation.consent.give", target=consent)
        return consent
    if consent is not None and consent.withdrawn_at is None:
        consent.withdrawn_at = now
        consent.save(update_fields=["withdrawn_at"])
        Answer.objects.filter(
            person=actor,
            survey__subject_type=survey.subject_type,
            survey__subject_id=survey.subject_id,
        ).update(person=None)
        audit_log(actor=actor, action="evaluation.consent.withdraw", target=consent)
    return consent


def _participant_ids(survey: Survey) -> set[int]:
    subject = subject_get(survey.subject_type, survey.subject_id)
    return set(subject_kind(survey.subject_type).participants(subject))


def _invite(survey: Survey, people: list[User], now) -> list[Invitation]:
    made = Invitation.objects.bulk_create(
        [Invitation(survey=survey, person=p, sent_at=now) for p in people]
    )
    for person in people:
        notify(
            recipient=person,
            subject=gettext_lazy("Please answer a short evaluation survey"),
            body=gettext_lazy("Your answers help improve what the hub offers. (%(kind)s)"),
            context={"kind": survey.get_kind_display()},
            url=_url(survey),
        )
    return made


@transaction.atomic
def invitation_create(*, actor, survey: Survey, person: User) -> Invitation:
    """Invite one participant. A follow-up goes only to someone who agreed to be followed."""
    subject = subject_get(survey.subject_type, survey.subject_id)
    require_manager(actor, survey.subject_type, subject)
    if person.pk not in _participant_ids(survey):
        raise ValidationError({"person": _("This person did not take part.")})
    if survey.is_follow_up and not has_consent(person, survey.subject_type, survey.subject_id):
        raise ValidationError(
            {"person": _("This person did not agree to follow-ups; they cannot be sent one.")}
        )
    if Invitation.objects.filter(survey=survey, person=person).exists():
        raise ValidationError({"person": _("This person was invited already.")})
    (invitation,) = _invite(survey, [person], timezone.now())
    audit_log(actor=actor, action="evaluation.invitation.create", target=invitation)
    return invitation


def _due_people(survey: Survey) -> list[User]:
    ids = _participant_ids(survey) - set(
        Invitation.objects.filter(survey=survey).values_list("person_id", flat=True)
    )
    if survey.is_follow_up:
        ids &= set(
            Consent.objects.filter(
                subject_type=survey.subject_type,
                subject_id=survey.subject_id,
                withdrawn_at__isnull=True,
            ).values_list("person_id", flat=True)
        )
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


@transaction.atomic
def survey_invite_all(*, actor, survey: Survey) -> int:
    """Invite every participant not invited yet (follow-ups: those who agreed)."""
    subject = subject_get(survey.subject_type, survey.subject_id)
    require_manager(actor, survey.subject_type, subject)
    made = _invite(survey, _due_people(survey), timezone.now())
    audit_log(
        actor=actor, action="evaluation.survey.invite", target=survey, changes={"n": len(made)}
    )
    return len(made)


@transaction.atomic
def follow_ups_send(*, today: date | None = None) -> tuple[int, int]:
    """What the daily command does: send follow-ups that are due (to people who agreed) and
    remind those invited a week ago who have not answered. Returns (sent, reminded)."""
    today = today or timezone.localdate()
    now = timezone.now()
    sent = 0
    for survey in Survey.objects.filter(kind__in=list(FOLLOW_UP_DAYS)).exclude(
        activity_ends_on__isnull=True
    ):
        if survey.activity_ends_on + timedelta(days=FOLLOW_UP_DAYS[survey.kind]) <= today:
            sent += len(_invite(survey, _due_people(survey), now))
    due = Invitation.objects.filter(
        responded_at__isnull=True, reminded_at__isnull=True, sent_at__lte=now - REMIND_AFTER
    ).select_related("survey", "person")
    reminded = 0
    for invitation in due:
        notify(
            recipient=invitation.person,
            subject=gettext_lazy("Reminder: an evaluation survey is waiting for you"),
            url=_url(invitation.survey),
        )
        reminded += 1
    due.update(reminded_at=now)
    return sent, reminded


def _score(survey: Survey, answers: dict[str, Any]) -> float | None:
    value = answers.get(survey.score_key) if survey.score_key else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


@transaction.atomic
def answer_submit(*, actor, survey: Survey, answers: dict[str, Any]) -> Answer:
    """Submit the survey. Answers are linked to the person only when they agreed."""
    require_member(actor)
    invitation = Invitation.objects.select_for_update().filter(survey=survey, person=actor).first()
    if invitation is None and actor.pk not in _participant_ids(survey):
        raise PermissionDenied(_("This survey is for the people who took part."))
    if invitation is not None and invitation.responded_at is not None:
        raise ValidationError({"answers": _("You answered this survey already.")})
    version = form_current_version(survey.form)
    if not isinstance(answers, dict):
        raise ValidationError({"answers": _("Give the answers as an object.")})
    response = response_save(actor=actor, version=version, answers=answers, submit=True)
    linked = has_consent(actor, survey.subject_type, survey.subject_id)
    if not linked:
        response.respondent = None
        response.save(update_fields=["respondent"])
    profile = Profile.objects.filter(user=actor).only("country").first()
    now = timezone.now()
    answer = Answer.objects.create(
        survey=survey,
        response=response,
        person=actor if linked else None,
        score=_score(survey, response.answers),
        region=region_of(profile.country if profile else "") or "",
        language=recipient_language(actor),
        submitted_at=now,
    )
    if invitation is None:
        Invitation.objects.create(survey=survey, person=actor, sent_at=now, responded_at=now)
    else:
        invitation.responded_at = now
        invitation.save(update_fields=["responded_at"])
    return answer
