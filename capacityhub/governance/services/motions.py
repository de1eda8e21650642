"""Motions and votes. Recusal comes from the conflict-of-interest register
(integrity.conflicts) about the motion's subject, plus the member's own declaration; a
conflicted member cannot vote for, against or abstain. A carried decision motion records an
integrity.Decision on its subject, which the subject's app applies (its decision effect)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.core.audit import audit_log
from capacityhub.core.notifications import notify
from capacityhub.core.permissions import require_member
from capacityhub.core.validation import MAX_ID, clean_multiline, clean_single_line
from capacityhub.integrity.conflicts import conflict_check
from capacityhub.integrity.services import decision_record

from .. import rules
from ..models import AgendaItem, Attendance, Choice, Meeting, Motion, Vote
from .common import require_officer, voting_terms

# Never the subject of a board decision: accounts' secrets and Django's own tables.
REFUSED_SUBJECTS = {"community.apitoken", "community.user"}
CLOSED_MINUTES = (Meeting.Minutes.APPROVED, Meeting.Minutes.PUBLISHED)
MOTION_OPEN = gettext_lazy("The board votes on: %(title)s")


def subject_resolve(subject_type: str, subject_id: str) -> Any:
    """The hub object a motion decides on, from "app_label.model" and its key."""
    message = {"subject_type": _("Name a hub object the board can decide on.")}
    try:
        model = apps.get_model(subject_type)
    except (LookupError, ValueError):
        raise ValidationError(message) from None
    if not model.__module__.startswith("capacityhub.") or subject_type in REFUSED_SUBJECTS:
        raise ValidationError(message)
    try:
        key = model._meta.pk.to_python(subject_id)
        if isinstance(key, int) and not 0 < key <= MAX_ID:
            raise ObjectDoesNotExist
        return model._default_manager.get(pk=key)
    except (ObjectDoesNotExist, ValidationError, ValueError, TypeError):
        raise ValidationError({"subject_id": _("No such object.")}) from None


def motion_conflicts(*, person, motion: Motion) -> list:
    """Why `person` must stay out of the vote on `motion` (the register's answer)."""
    if motion.kind != Motion.Kind.DECISION or not motion.subject_type:
        return []
    try:
        subject = subject_resolve(motion.subject_type, motion.subject_id)
        return conflict_check(person=person, subject=subject)
    except (TypeError, ValidationError):  # a subject with no parties has no conflicts
        return []


@transaction.atomic
def motion_propose(
    *,
    actor,
    meeting: Meeting,
    kind: str = Motion.Kind.DECISION,
    title: str,
    text: str = "",
    subject_type: str = "",
    subject_id: str = "",
    outcome: str = "",
    agenda_item: AgendaItem | None = None,
) -> Motion:
    require_officer(actor, meeting.board)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if kind not in Motion.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of motion.")})
    if meeting.minutes_status in CLOSED_MINUTES:
        raise ValidationError({"title": _("The minutes are approved; the meeting is closed.")})
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("That item is on another meeting's agenda.")})
    motion = Motion(
        meeting=meeting, kind=kind, agenda_item=agenda_item, proposed_by=actor,
        title=clean_single_line(title, field="title", max_length=200, required=True),
        text=clean_multiline(text, field="text", max_length=8000),
    )  # fmt: skip
    if kind == Motion.Kind.MINUTES:
        _check_minutes_motion(meeting)
    else:
        subject = subject_resolve(subject_type, subject_id)
        motion.subject_type, motion.subject_id = subject._meta.label_lower, str(subject.pk)
        motion.outcome = clean_single_line(
            outcome, field="outcome", max_length=40, required=True,
            message=_("Say what the board decides (e.g. approved)."),
        )  # fmt: skip
    motion.save()
    _tell_voters(motion, actor)
    changes = {"meeting": meeting.pk, "kind": kind, "subject": motion.subject_type}
    audit_log(actor=actor, action="governance.motion.propose", target=motion, changes=changes)
    return motion


def _tell_voters(motion: Motion, actor) -> None:
    from django.contrib.auth import get_user_model

    voting, _present = _present_voting_ids(motion.meeting)
    for member in get_user_model().objects.filter(pk__in=voting - {actor.pk}, is_active=True):
        notify(recipient=member, subject=MOTION_OPEN, context={"title": motion.title},
               url=motion.get_absolute_url())  # fmt: skip


def _check_minutes_motion(meeting: Meeting) -> None:
    if meeting.minutes_status != Meeting.Minutes.DRAFT:
        raise ValidationError({"kind": _("Draft the minutes before putting them to the vote.")})
    if meeting.motions.filter(kind=Motion.Kind.MINUTES, status=Motion.Status.OPEN).exists():
        raise ValidationError({"kind": _("The minutes are already before the board.")})


def _present_voting_ids(meeting: Meeting) -> tuple[set[int], set[int]]:
    """(voting members seated on the meeting's day, those of them present)."""
    day = timezone.localdate(meeting.starts_at)
    voting = set(voting_terms(board=meeting.board, day=day).values_list("person_id", flat=True))
    present = set(
        Attendance.objects.filter(meeting=meeting, present=True).values_list("person_id", flat=True)
    )
    return voting, voting & present


@transaction.atomic
def vote_cast(*, actor, motion: Motion, choice: str, reason: str = "") -> Vote:
    require_member(actor)
    motion = Motion.objects.select_for_update().select_related("meeting__board").get(pk=motion.pk)
    voting, present = _present_voting_ids(motion.meeting)
    if actor.pk not in voting:
        raise PermissionDenied(_("Only voting members of the board can vote."))
    if not motion.is_open:
        raise ValidationError({"choice": _("Voting on this motion has closed.")})
    if choice not in Choice.values:
        raise ValidationError({"choice": _("Choose for, against, abstain or recused.")})
    if actor.pk not in present:
        raise ValidationError({"choice": _("Only members present at the meeting can vote.")})
    if Vote.objects.filter(motion=motion, voter=actor).exists():
        raise ValidationError({"choice": _("You have already voted on this motion.")})
    reason = clean_single_line(reason, field="reason", max_length=500)
    conflicts = motion_conflicts(person=actor, motion=motion)
    if conflicts and choice != Choice.RECUSED:
        why = "; ".join(str(c.reason) for c in conflicts)
        raise PermissionDenied(_("You are recused from this vote: %s") % why)
    if choice == Choice.RECUSED and not (reason or conflicts):
        raise ValidationError({"reason": _("Say why you recuse yourself.")})
    try:
        with transaction.atomic():
            vote = Vote.objects.create(motion=motion, voter=actor, choice=choice, reason=reason)
    except IntegrityError:
        raise ValidationError({"choice": _("You have already voted on this motion.")}) from None
    audit_log(actor=actor, action="governance.vote", target=motion, changes={"choice": choice})
    return vote


def _register_recusals(motion: Motion, present: set[int]) -> None:
    """Present members the register finds conflicted and who did not vote are recused, with
    the register's reason, so the record says why they stayed out."""
    from django.contrib.auth import get_user_model

    voted = set(motion.votes.values_list("voter_id", flat=True))
    for person in get_user_model().objects.filter(pk__in=present - voted):
        conflicts = motion_conflicts(person=person, motion=motion)
        if conflicts:
            reason = "; ".join(str(c.reason) for c in conflicts)[:500]
            Vote.objects.create(
                motion=motion, voter=person, choice=Choice.RECUSED, reason=reason,
                from_register=True,
            )  # fmt: skip


@transaction.atomic
def motion_close(*, actor, motion: Motion) -> Motion:
    """Count the votes. Without quorum a decision motion fails; minutes cannot be approved
    without quorum (refused, nothing changes). A carried decision is recorded on its subject."""
    motion = Motion.objects.select_for_update().select_related("meeting__board").get(pk=motion.pk)
    require_officer(actor, motion.meeting.board)
    if not motion.is_open:
        raise ValidationError({"motion": _("This motion is already closed.")})
    voting, present = _present_voting_ids(motion.meeting)
    quorate = rules.has_quorum(voting_members=len(voting), present_voting=len(present))
    if motion.kind == Motion.Kind.MINUTES and not quorate:
        raise ValidationError(
            {"quorum": _("Without a quorum present the minutes cannot be approved.")}
        )
    _register_recusals(motion, present)
    counts = rules.tally(list(motion.votes.values_list("choice", flat=True)))
    motion.status, motion.failure = rules.result(
        counts=counts, voting_members=len(voting), present_voting=len(present)
    )
    motion.votes_for, motion.votes_against = counts.votes_for, counts.votes_against
    motion.abstentions, motion.recusals = counts.abstentions, counts.recusals
    motion.voting_members, motion.present_voting = len(voting), len(present)
    motion.closed_at = timezone.now()
    if motion.status == Motion.Status.CARRIED:
        _apply(actor, motion)
    motion.save()
    audit_log(actor=actor, action="governance.motion.close", target=motion,
              changes={"status": motion.status, "failure": motion.failure,
                       "decision": motion.decision_id})  # fmt: skip
    return motion


def _apply(actor, motion: Motion) -> None:
    if motion.kind == Motion.Kind.MINUTES:
        Meeting.objects.filter(pk=motion.meeting_id).update(minutes_status=Meeting.Minutes.APPROVED)
        return
    subject = subject_resolve(motion.subject_type, motion.subject_id)
    from capacityhub.integrity.selectors import decision_current

    votes = {
        "for": motion.votes_for, "against": motion.votes_against,
        "abstain": motion.abstentions, "recused": motion.recusals,
    }  # fmt: skip
    recused = list(motion.votes.filter(choice=Choice.RECUSED).values_list("voter_id", flat=True))
    motion.decision = decision_record(
        actor=actor,
        subject=subject,
        outcome=motion.outcome,
        reason=motion.text or motion.title,
        supersedes=decision_current(subject),
        data={"motion": motion.pk, "meeting": motion.meeting_id, "votes": votes,
              "recused": recused, "board": motion.meeting.board.slug},
    )  # fmt: skip
