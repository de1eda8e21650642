"""Programmes, their stages and cohorts; admission through an intake call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from capacityhub.community.models import Evidence
from capacityhub.community.selectors import can_act_for
from capacityhub.core.audit import audit_log
from capacityhub.core.validation import clean_languages, clean_multiline, clean_single_line
from capacityhub.review.models import Application, Call, CallKind
from capacityhub.taxonomy.validation import resolve_capacities

from ..models import Cohort, Participant, Programme, Stage, StageActivity
from ..rules import cohort_can_manage, programme_can_manage
from .common import clean_date, require

MAX_STAGES = 12


@transaction.atomic
def programme_create(
    *,
    actor,
    title: str,
    description: str = "",
    capacities: Sequence[str],
    languages: Sequence[str] = (),
    owner_organization=None,
    stages: Sequence[Mapping[str, Any]] = (),
) -> Programme:
    """Staff create any programme; an organization's managers create their organization's."""
    require(
        can_act_for(actor, organization=owner_organization),
        actor,
        _("Only staff and organization managers can create programmes."),
    )
    programme = Programme(
        title=clean_single_line(title, field="title", max_length=200, required=True),
        description=clean_multiline(description, field="description", max_length=8000),
        languages=clean_languages(list(languages)),
        owner_organization=owner_organization,
        created_by=actor,
    )
    found = resolve_capacities(list(capacities))
    programme.full_clean()
    programme.save()
    programme.capacities.set(found)
    if len(stages) > MAX_STAGES:
        raise ValidationError({"stages": _("A programme has at most 12 stages.")})
    for stage in stages:
        _stage_add(programme, **stage)
    audit_log(actor=actor, action="mentoring.programme.create", target=programme)
    return programme


@transaction.atomic
def stage_add(*, actor, programme: Programme, **fields: Any) -> Stage:
    require(programme_can_manage(actor, programme), actor, _("Only the programme's managers can."))
    stage = _stage_add(programme, **fields)
    audit_log(actor=actor, action="mentoring.stage.add", target=stage)
    return stage


def _stage_add(
    programme: Programme,
    *,
    title: str,
    entry_criteria: str = "",
    completion: str = Stage.Completion.SIGN_OFF,
    evidence_kind: str = "",
    evidence_capacity: str = "",
    activities: Iterable[Mapping[str, str]] = (),
) -> Stage:
    if completion not in Stage.Completion.values:
        raise ValidationError({"completion": _("Choose evidence or a facilitator's sign-off.")})
    capacity = None
    if completion == Stage.Completion.EVIDENCE:
        if evidence_kind not in Evidence.Kind.values:
            raise ValidationError({"evidence_kind": _("Choose the kind of evidence needed.")})
        capacity = resolve_capacities([evidence_capacity], field="evidence_capacity")[0]
    position = programme.stages.count() + 1
    stage = Stage.objects.create(
        programme=programme,
        position=position,
        title=clean_single_line(title, field="title", max_length=200, required=True),
        entry_criteria=clean_multiline(entry_criteria, field="entry_criteria", max_length=4000),
        completion=completion,
        evidence_kind=evidence_kind if capacity else "",
        evidence_capacity=capacity,
    )
    for activity in activities:
        kind = activity.get("kind")
        if kind not in StageActivity.Kind.values:
            raise ValidationError({"activities": _("Choose a kind of activity.")})
        StageActivity.objects.create(
            stage=stage,
            kind=kind,
            title=clean_single_line(
                activity.get("title"), field="activities", max_length=200, required=True
            ),
            link=clean_single_line(activity.get("link", ""), field="activities", max_length=300),
        )
    return stage


@transaction.atomic
def cohort_create(
    *,
    actor,
    programme: Programme,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    facilitators: Iterable = (),
    intake_call: Call | None = None,
) -> Cohort:
    require(programme_can_manage(actor, programme), actor, _("Only the programme's managers can."))
    starts_on, ends_on = clean_date(starts_on, "starts_on"), clean_date(ends_on, "ends_on")
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("A cohort ends after it starts.")})
    if intake_call is not None:
        if intake_call.kind != CallKind.PROGRAMME_INTAKE:
            raise ValidationError({"intake_call": _("Choose a programme-intake call.")})
        if Cohort.objects.filter(intake_call=intake_call).exists():
            raise ValidationError({"intake_call": _("That call already admits to a cohort.")})
    cohort = Cohort.objects.create(
        programme=programme,
        title=clean_single_line(title, field="title", max_length=200, required=True),
        starts_on=starts_on,
        ends_on=ends_on,
        intake_call=intake_call,
    )
    cohort.facilitators.set(list(facilitators))
    audit_log(actor=actor, action="mentoring.cohort.create", target=cohort)
    return cohort


@transaction.atomic
def participant_admit(*, actor, cohort: Cohort, user, application_id: int | None = None):
    """Admit a person directly (staff, the programme's managers); calls admit through their
    decisions (`admit_from_decision`)."""
    if not cohort_can_manage(actor, cohort):
        raise PermissionDenied(_("Only the programme's managers can admit participants."))
    return _admit(actor, cohort, user, application_id)


def _admit(actor, cohort: Cohort, user, application_id: int | None) -> Participant:
    first = cohort.programme.stages.order_by("position").first()
    participant, created = Participant.objects.get_or_create(
        cohort=cohort, user=user, defaults={"stage": first, "application_id": application_id}
    )
    if not created and participant.status == Participant.Status.WITHDRAWN:
        participant.status = Participant.Status.ACTIVE
        participant.save(update_fields=["status"])
    if created or participant.status == Participant.Status.ACTIVE:
        audit_log(actor=actor, action="mentoring.participant.admit", target=participant)
    return participant


ADMITTING = {"accept", "taken_up"}
LEAVING = {"refused", "decline"}


def admit_from_decision(decision) -> None:
    """A decision effect on review applications (registered in MentoringConfig.ready): an
    accepted application to a cohort's intake call admits the applicant; a refused offer or
    a later decline withdraws them."""
    if decision.outcome not in ADMITTING | LEAVING:
        return
    application = (
        Application.objects.select_related("call__cohort__programme", "applicant")
        .filter(pk=decision.subject_id)
        .first()
    )
    cohort = getattr(application.call, "cohort", None) if application else None
    if cohort is None:
        return
    if decision.outcome in ADMITTING:
        _admit(decision.decided_by, cohort, application.applicant, application.pk)
        return
    left = Participant.objects.filter(
        cohort=cohort, user=application.applicant, status=Participant.Status.ACTIVE
    ).update(status=Participant.Status.WITHDRAWN)
    if left:
        audit_log(
            actor=decision.decided_by,
            action="mentoring.participant.withdraw",
            target=cohort,
            changes={"user": application.applicant_id},
        )
