"""Reads of programmes and cohorts: progress (who is where, what is missing), the talent
report and certificates."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from capacityhub.community.models import CapacityClaim, Evidence, Relation
from capacityhub.taxonomy.selectors import capacity_descendant_ids

from ..models import Cohort, Participant, Programme, Stage
from ..rules import cohort_can_facilitate, cohort_can_manage
from .retention import alumni_activity


def programme_list() -> QuerySet[Programme]:
    """Programmes are public."""
    return (
        Programme.objects.select_related("owner_organization")
        .annotate(stage_count=Count("stages", distinct=True))
        .order_by("title", "id")
    )


def programme_get(*, pk: int) -> Programme:
    return (
        Programme.objects.select_related("owner_organization")
        .prefetch_related(
            "capacities", "stages__activities", "stages__evidence_capacity", "cohorts"
        )
        .get(pk=pk)
    )


def cohort_list(*, programme: Programme) -> QuerySet[Cohort]:
    return programme.cohorts.annotate(participant_count=Count("participants")).order_by(
        "-starts_on", "id"
    )


def cohort_get(*, pk: int) -> Cohort:
    return (
        Cohort.objects.select_related("programme", "intake_call")
        .prefetch_related("facilitators__profile", "programme__stages")
        .get(pk=pk)
    )


@dataclass(frozen=True)
class MissingStep:
    kind: str  # "sign_off" | "evidence"
    evidence_kind: str = ""
    capacity_id: int | None = None


@dataclass(frozen=True)
class ProgressRow:
    participant: Participant
    missing: MissingStep | None  # what the current stage still needs


def cohort_progress(*, viewer, cohort: Cohort) -> list[ProgressRow]:
    """Facilitators and managers see everyone; a participant sees their own row; others
    nothing. Each row says what the current stage still needs."""
    participants = cohort.participants.select_related("user__profile", "stage").order_by(
        "user__profile__display_name", "id"
    )
    if not cohort_can_facilitate(viewer, cohort):
        if not getattr(viewer, "is_authenticated", False):
            return []
        participants = participants.filter(user=viewer)
    participants = list(participants)
    held = set(
        Evidence.objects.filter(profile__user_id__in=[p.user_id for p in participants])
        .values_list("profile__user_id", "kind", "capacity_id")
        .distinct()
    )
    return [ProgressRow(p, _missing(p, held)) for p in participants]


def _missing(participant: Participant, held: set) -> MissingStep | None:
    stage = participant.stage
    if stage is None or participant.status != Participant.Status.ACTIVE:
        return None
    if stage.completion == Stage.Completion.SIGN_OFF:
        return MissingStep("sign_off")
    wanted = capacity_descendant_ids(stage.evidence_capacity_id)
    if any((participant.user_id, stage.evidence_kind, c) in held for c in wanted):
        return None
    return MissingStep("evidence", stage.evidence_kind, stage.evidence_capacity_id)


@dataclass(frozen=True)
class TalentRow:
    participant: Participant
    days_per_stage: tuple[tuple[str, int | None], ...]  # (stage title, days to complete)
    could_lead: bool  # completed, active since, offers one of the programme's capacities


def talent_report(*, viewer, cohort: Cohort) -> list[TalentRow]:
    """Staff and the programme's managers: who completed which stage how quickly, and alumni
    who could lead or mentor next."""
    if not cohort_can_manage(viewer, cohort):
        raise PermissionDenied(_("Only staff and the programme's managers see this."))
    stages = list(cohort.programme.stages.order_by("position"))
    participants = list(
        cohort.participants.select_related("user__profile").prefetch_related("completions")
    )
    capacities = set(cohort.programme.capacities.values_list("pk", flat=True))
    offering = set(
        CapacityClaim.objects.filter(
            relation=Relation.OFFERS,
            capacity_id__in=capacities,
            profile__user_id__in=[p.user_id for p in participants],
        ).values_list("profile__user_id", flat=True)
    )
    activity = alumni_activity({p.user_id for p in participants if p.completed_at})
    rows = []
    for participant in participants:
        done = {c.stage_id: c.completed_at for c in participant.completions.all()}
        since, days = participant.admitted_at, []
        for stage in stages:
            finished = done.get(stage.pk)
            days.append((stage.title, (finished - since).days if finished else None))
            since = finished or since
        active_since = participant.completed_at is not None and any(
            moment > participant.completed_at for moment in activity.get(participant.user_id, ())
        )
        rows.append(
            TalentRow(participant, tuple(days), active_since and participant.user_id in offering)
        )
    return rows


def certificate_for(*, viewer, participant_pk: int) -> Participant:
    """A completed participant's certificate: for them, the cohort's facilitators and staff."""
    participant = Participant.objects.select_related("user__profile", "cohort__programme").get(
        pk=participant_pk, status=Participant.Status.COMPLETED
    )
    if viewer.pk != participant.user_id and not cohort_can_facilitate(viewer, participant.cohort):
        raise PermissionDenied(_("Only the participant and the facilitators see it."))
    return participant
