"""Participants advance stage by stage. A stage completed by evidence needs that evidence on
record; a sign-off stage needs a facilitator and a note. Each completion records COMPLETED
evidence per programme capacity (source "mentoring.stagecompletion:<pk>")."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.community.evidence import EvidenceItem, evidence_record_many, evidence_source
from capacityhub.community.models import Evidence
from capacityhub.core.audit import audit_log
from capacityhub.core.notifications import notify
from capacityhub.core.validation import clean_multiline
from capacityhub.taxonomy.models import Capacity
from capacityhub.taxonomy.selectors import capacity_descendant_ids

from ..models import Participant, Stage, StageCompletion
from ..rules import cohort_can_facilitate
from .common import require


def stage_evidence(participant: Participant, stage: Stage) -> Evidence | None:
    """The evidence that completes an evidence stage: of its kind, for its capacity or one
    below it in the tree."""
    if stage.completion != Stage.Completion.EVIDENCE or stage.evidence_capacity_id is None:
        return None
    return (
        Evidence.objects.filter(
            profile__user_id=participant.user_id,
            kind=stage.evidence_kind,
            capacity_id__in=capacity_descendant_ids(stage.evidence_capacity_id),
        )
        .order_by("-occurred_on")
        .first()
    )


@transaction.atomic
def stage_complete(*, actor, participant: Participant, note: str = "") -> StageCompletion:
    """Complete the participant's current stage and move them to the next (or finish)."""
    participant = (
        Participant.objects.select_for_update(of=("self",))
        .select_related("cohort__programme", "stage", "user__profile")
        .get(pk=participant.pk)
    )
    cohort = participant.cohort
    facilitator = cohort_can_facilitate(actor, cohort)
    require(
        facilitator or actor.pk == participant.user_id,
        actor,
        _("Only the cohort's facilitators can complete a stage."),
    )
    stage = participant.stage
    if participant.status != Participant.Status.ACTIVE or stage is None:
        raise ValidationError({"stage": _("This participant has no stage in progress.")})
    note = clean_multiline(note, field="note", max_length=4000)
    evidence = None
    if stage.completion == Stage.Completion.SIGN_OFF:
        if not facilitator:
            raise PermissionDenied(_("A facilitator signs this stage off."))
        if not note:
            raise ValidationError({"note": _("Say what the participant did to complete it.")})
    else:
        evidence = stage_evidence(participant, stage)
        if evidence is None:
            raise ValidationError(
                {"stage": _("The evidence this stage needs is not on record yet.")}
            )
    completion = StageCompletion.objects.create(
        participant=participant,
        stage=stage,
        signed_off_by=actor if facilitator else None,
        note=note,
    )
    _record_completion_evidence(participant, completion, actor if facilitator else None)
    _advance(participant, stage)
    audit_log(
        actor=actor,
        action="mentoring.stage.complete",
        target=participant,
        changes={"stage": stage.pk, "evidence": evidence.pk if evidence else None},
    )
    return completion


def _advance(participant: Participant, stage: Stage) -> None:
    following = (
        Stage.objects.filter(programme_id=stage.programme_id, position__gt=stage.position)
        .order_by("position")
        .first()
    )
    participant.stage = following
    if following is None:
        participant.status = Participant.Status.COMPLETED
        participant.completed_at = timezone.now()
        user, url = participant.user, participant.cohort.get_absolute_url()
        programme = str(participant.cohort.programme)
        transaction.on_commit(
            lambda: notify(
                recipient=user,
                subject=_NOTICE_COMPLETED,
                context={"programme": programme},
                url=url,
            )
        )
    participant.save(update_fields=["stage", "status", "completed_at"])


def _record_completion_evidence(participant, completion, confirmed_by) -> None:
    capacities = Capacity.objects.filter(pk__in=participant.cohort.programme.capacities.all())
    source = evidence_source(completion)
    today = timezone.localdate()
    items = [
        EvidenceItem(
            capacity=capacity,
            kind=Evidence.Kind.COMPLETED,
            source=source,
            occurred_on=today,
            profile=participant.user.profile,
        )
        for capacity in capacities
    ]
    evidence_record_many(items=items, confirmed_by=confirmed_by)


_NOTICE_COMPLETED = gettext_lazy("You completed the programme “%(programme)s”")
