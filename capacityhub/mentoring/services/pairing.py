"""Pairing mentors with mentees: a cohort's optimal run, one request at a time outside
cohorts, and staff's manual pairing (with a kept reason). Every pair is checked against the
mentor's cap and the conflict-of-interest register."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.core.audit import audit_log
from capacityhub.core.notifications import notify
from capacityhub.core.validation import clean_multiline
from capacityhub.integrity.conflicts import conflict_check
from capacityhub.taxonomy.selectors import taxonomy_tree

from ..assignment import assign_mentors, explain, pick_one
from ..models import Cohort, MenteeRequest, MentorProfile, Mentorship
from ..pool import conflicts_between, mentee_spec, mentor_pool, mentor_spec, open_requests
from ..rules import cohort_can_manage
from .common import require

PROPOSED_SUBJECT = gettext_lazy("You are proposed as a mentor")


@dataclass(frozen=True)
class RunSummary:
    paired: int
    unassigned: int
    without_backup: int


@transaction.atomic
def cohort_assign(*, actor, cohort: Cohort, k: int = 10) -> RunSummary:
    """Give every waiting mentee of the cohort a primary and a backup mentor, optimally."""
    require(cohort_can_manage(actor, cohort), actor, _("Only the programme's managers can."))
    list(Cohort.objects.select_for_update().filter(pk=cohort.pk).values("pk"))
    requests = open_requests(cohort)
    pool = mentor_pool()
    specs = [spec for _profile, spec in pool]
    mentees = [mentee_spec(r) for r in requests]
    conflicts = conflicts_between(requests, [s.id for s in specs])
    tree = taxonomy_tree()
    result = assign_mentors(mentees, specs, tree, conflicts=conflicts, k=k)
    by_request = {r.pk: r for r in requests}
    by_mentor = {s.id: s for s in specs}
    by_mentee = {m.id: m for m in mentees}
    for request_id, mentor_id in result.primary.items():
        _create(
            actor,
            by_request[request_id],
            mentor_id,
            backup_id=result.backup.get(request_id),
            cohort=cohort,
            explanation=explain(by_mentee[request_id], by_mentor[mentor_id], tree),
        )
    changes = {"paired": len(result.primary), "unassigned": len(result.unassigned)}
    audit_log(actor=actor, action="mentoring.cohort.assign", target=cohort, changes=changes)
    return RunSummary(
        len(result.primary), len(result.unassigned), len(result.primary) - len(result.backup)
    )


@transaction.atomic
def request_match(*, actor, request: MenteeRequest) -> Mentorship | None:
    """Staff match one waiting request (the queue, oldest first) with the same scoring,
    respecting weights; None when no mentor fits."""
    require(actor.is_staff, actor, _("Only staff match requests."))
    request = MenteeRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != MenteeRequest.Status.OPEN:
        raise ValidationError({"status": _("This request is not waiting.")})
    requests = open_requests(request.cohort)
    request = next(r for r in requests if r.pk == request.pk)
    specs = [spec for _profile, spec in mentor_pool()]
    conflicts = conflicts_between([request], [s.id for s in specs])
    excluded = {mentor for _request, mentor in conflicts}
    tree = taxonomy_tree()
    mentee = mentee_spec(request)
    picked = pick_one(mentee, specs, tree, excluded=excluded)
    if picked is None:
        return None
    mentor = next(s for s in specs if s.id == picked[0])
    return _create(
        actor, request, mentor.id, cohort=request.cohort, explanation=explain(mentee, mentor, tree)
    )


@transaction.atomic
def mentorship_pair(*, actor, request: MenteeRequest, mentor, reason: str) -> Mentorship:
    """Staff pair a request with a mentor they choose (an override of the run or a manual-only
    mentor); the reason is kept. Never over the mentor's cap, never across a conflict."""
    require(actor.is_staff, actor, _("Only staff pair mentors by hand."))
    reason = clean_multiline(
        reason,
        field="reason",
        max_length=2000,
        required=True,
        message=_("Say why you pair them by hand."),
    )
    request = (
        MenteeRequest.objects.select_for_update(of=("self",))
        .select_related("user")
        .get(pk=request.pk)
    )
    if request.status == MenteeRequest.Status.WITHDRAWN:
        raise ValidationError({"request": _("This request was withdrawn.")})
    for live in Mentorship.objects.filter(request=request, status__in=Mentorship.LIVE):
        _end(live, _("Staff paired the mentee with another mentor: %s") % reason)
    return _create(actor, request, mentor.pk, cohort=request.cohort, override_reason=reason)


def _check_pair(mentor_id: int, mentee) -> MentorProfile:
    profile = MentorProfile.objects.select_for_update().filter(user_id=mentor_id).first()
    if profile is None or not profile.is_active:
        raise ValidationError({"mentor": _("This person is not an active mentor.")})
    load = Mentorship.objects.filter(mentor_id=mentor_id, status__in=Mentorship.LIVE).count()
    if load >= profile.max_mentees:
        raise ValidationError(
            {"mentor": _("This mentor already has as many mentees as they take.")}
        )
    conflicts = conflict_check(person=profile.user, subject=mentee)
    if conflicts:
        raise ValidationError(
            {"mentor": _("This mentor has a conflict of interest: %s") % conflicts[0].reason}
        )
    return profile


def _create(
    actor, request, mentor_id, *, cohort=None, backup_id=None, explanation=None, override_reason=""
) -> Mentorship:
    profile = _check_pair(mentor_id, request.user)
    if explanation is None:
        explanation = explain(mentee_spec(request), mentor_spec(profile, 0, 0), taxonomy_tree())
    mentorship = Mentorship.objects.create(
        mentor_id=mentor_id,
        mentee=request.user,
        backup_id=backup_id if backup_id != mentor_id else None,
        request=request,
        cohort=cohort,
        explanation=explanation,
        override_reason=override_reason,
        last_activity_at=timezone.now(),
    )
    mentorship.goals.set(request.capacities.all())
    MenteeRequest.objects.filter(pk=request.pk).update(status=MenteeRequest.Status.ASSIGNED)
    audit_log(
        actor=actor,
        action="mentoring.mentorship.propose",
        target=mentorship,
        changes={
            "mentor": mentor_id,
            "mentee": request.user_id,
            "override_reason": override_reason,
        },
    )
    mentor, url = profile.user, mentorship.get_absolute_url()
    transaction.on_commit(lambda: notify(recipient=mentor, subject=PROPOSED_SUBJECT, url=url))
    return mentorship


def _end(mentorship: Mentorship, reason: str) -> None:
    mentorship.status = Mentorship.Status.ENDED
    mentorship.ended_reason = reason
    mentorship.ended_at = timezone.now()
    mentorship.save(update_fields=["status", "ended_reason", "ended_at"])


def mentorship_end_for(mentorship: Mentorship, reason: str) -> None:
    """Used by the lifecycle services (same package)."""
    _end(mentorship, reason)
