"""Assigning reviewers: the whole call at once (min-cost flow, review/assignment.py) or one
reassignment with a reason. A conflicted reviewer is never assigned."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from capacityhub.community.models import Membership
from capacityhub.core.audit import audit_log
from capacityhub.core.notifications import notify
from capacityhub.integrity.conflicts import conflict_check, conflicted_pairs

from ..assignment import ApplicationSpec, AssignmentInfeasible, ReviewerSpec, assign_reviewers
from ..models import Application, Assignment, Call
from .common import locked_application, locked_call, require_call_manager

Status = Application.Status


def _reviewer_specs(call: Call, reviewers: list) -> list[ReviewerSpec]:
    from django.db.models import Count

    loads = dict(
        Assignment.objects.filter(application__call=call, removed_at__isnull=True)
        .values_list("reviewer")
        .annotate(n=Count("id"))
    )
    specs = []
    for person in reviewers:
        profile = getattr(person, "profile", None)
        languages = {pl.language for pl in profile.languages.all()} if profile else set()
        specs.append(ReviewerSpec(person.pk, frozenset(languages), loads.get(person.pk, 0)))
    return specs


def _reviewers(call: Call) -> list:
    from capacityhub.community.models import ProfileLanguage

    return list(
        call.reviewers.filter(is_active=True)
        .select_related("profile")
        .prefetch_related(Prefetch("profile__languages", queryset=ProfileLanguage.objects.all()))
        .order_by("id")
    )


@dataclass(frozen=True)
class _Candidate:
    """An application as the assignment needs it, read with plain value queries (no model
    instances: 2,000 applications must stay cheap). Exposes `conflict_parties()` like
    `Application` for integrity.conflicts."""

    pk: int
    language: str
    applicant_id: int
    organizations: tuple[int, ...]
    active: int
    excluded: frozenset[int]

    def conflict_parties(self):
        return [self.applicant_id], list(self.organizations)


def _applications(call: Call) -> list[_Candidate]:
    rows = list(
        call.applications.filter(status__in=[Status.ELIGIBLE, Status.UNDER_REVIEW])
        .order_by("id")
        .values_list("pk", "language", "applicant_id", "organization_id")
    )
    organizations = defaultdict(set)
    for user_id, organization_id in Membership.objects.filter(
        user__applications__call=call
    ).values_list("user_id", "organization_id"):
        organizations[user_id].add(organization_id)
    active, every = defaultdict(int), defaultdict(set)
    for app_id, reviewer_id, removed_at in Assignment.objects.filter(
        application__call=call
    ).values_list("application_id", "reviewer_id", "removed_at"):
        every[app_id].add(reviewer_id)
        active[app_id] += removed_at is None
    return [
        _Candidate(
            pk,
            language,
            applicant_id,
            tuple(sorted(organizations[applicant_id] | ({org} if org else set()))),
            active[pk],
            frozenset(every[pk]),
        )  # fmt: skip
        for pk, language, applicant_id, org in rows
    ]


def _infeasible_error(error: AssignmentInfeasible) -> ValidationError:
    return ValidationError(
        {
            "reviewers": ngettext(
                "%(count)d review cannot be assigned: add non-conflicted reviewers "
                "(%(apps)d application(s) short).",
                "%(count)d reviews cannot be assigned: add non-conflicted reviewers "
                "(%(apps)d application(s) short).",
                error.missing,
            )
            % {"count": error.missing, "apps": len(error.short_applications)}
        }
    )


@transaction.atomic
def assignments_run(*, actor, call: Call) -> list[Assignment]:
    """Give every eligible application the call's number of reviewers, balancing load,
    preferring readers of its language, never a conflicted reviewer. All or nothing."""
    require_call_manager(actor, call)
    call = locked_call(call)
    reviewers, applications = _reviewers(call), _applications(call)
    conflicts = {
        (person_id, applications[index].pk)
        for person_id, index in conflicted_pairs(reviewers, applications)
    }
    specs = [
        ApplicationSpec(a.pk, a.language, call.reviews_per_application - a.active, a.excluded)
        for a in applications
    ]
    try:
        plan = assign_reviewers(specs, _reviewer_specs(call, reviewers), conflicts)
    except AssignmentInfeasible as error:
        raise _infeasible_error(error) from None
    created = [
        Assignment(application_id=app_id, reviewer_id=reviewer_id, assigned_by=actor)
        for app_id, reviewer_ids in plan.items()
        for reviewer_id in reviewer_ids
    ]
    Assignment.objects.bulk_create(created)
    call.applications.filter(pk__in=[a.pk for a in applications]).update(
        status=Status.UNDER_REVIEW, updated_at=timezone.now()
    )
    audit_log(
        actor=actor,
        action="review.assignments.run",
        target=call,
        changes={"assignments": len(created), "applications": len(plan)},
    )
    loads = defaultdict(int)
    for assignment in created:
        loads[assignment.reviewer_id] += 1
    _notify_reviewers(call, [(r, loads[r.pk]) for r in reviewers if loads[r.pk]])
    return created


ASSIGNED_SUBJECT = gettext_lazy("Applications to review in “%(call)s”")
ASSIGNED_BODY = gettext_lazy(
    "You were assigned applications to review in the call “%(call)s”. New in your queue: %(count)s."
)
REPLACED_SUBJECT = gettext_lazy("An application to review in “%(call)s”")
REPLACED_BODY = gettext_lazy(
    "You replace another reviewer on an application in the call “%(call)s”. It is in your queue."
)


def _notify_reviewers(call: Call, loads, subject=ASSIGNED_SUBJECT, body=ASSIGNED_BODY) -> None:
    """Tell each newly assigned reviewer, once, after the assignment is committed."""
    title, url = str(call), reverse("web:review-queue")

    def send() -> None:
        for reviewer, count in loads:
            notify(recipient=reviewer, subject=subject, body=body, url=url,
                   context={"call": title, "count": count})  # fmt: skip

    transaction.on_commit(send)


@transaction.atomic
def assignment_reassign(*, actor, assignment: Assignment, reason: str, reviewer=None) -> Assignment:
    """Replace one reviewer with a reason (kept on the old assignment and in the audit log).
    Without a named reviewer the least-loaded non-conflicted one is chosen."""
    application = locked_application(assignment.application)
    call = application.call
    require_call_manager(actor, call)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the reviewer is replaced.")})
    if assignment.removed_at is not None:
        raise ValidationError({"assignment": _("This assignment was already replaced.")})
    if hasattr(assignment, "review") and assignment.review.is_submitted:
        raise ValidationError({"assignment": _("This review was submitted; it stays.")})
    excluded = set(application.assignments.values_list("reviewer_id", flat=True))
    reviewer = reviewer or _pick(call, application, excluded)
    _check_reviewer(call, application, reviewer, excluded)
    assignment.removed_at, assignment.removal_reason = timezone.now(), reason
    assignment.save(update_fields=["removed_at", "removal_reason"])
    replacement = Assignment.objects.create(
        application=application, reviewer=reviewer, assigned_by=actor
    )
    audit_log(
        actor=actor,
        action="review.assignment.reassign",
        target=application,
        changes={"reviewer": [assignment.reviewer_id, reviewer.pk], "reason": reason},
    )
    _notify_reviewers(call, [(reviewer, 1)], REPLACED_SUBJECT, REPLACED_BODY)
    return replacement


def _check_reviewer(call, application, reviewer, excluded) -> None:
    if not call.reviewers.filter(pk=reviewer.pk).exists():
        raise ValidationError({"reviewer": _("This person is not a reviewer of the call.")})
    if reviewer.pk in excluded:
        raise ValidationError({"reviewer": _("This person was already assigned.")})
    conflicts = conflict_check(person=reviewer, subject=application)
    if conflicts:
        raise ValidationError({"reviewer": str(conflicts[0].reason)})


def _pick(call, application, excluded):
    reviewers = [r for r in _reviewers(call) if r.pk not in excluded]
    conflicts = {(p, application.pk) for p, _i in conflicted_pairs(reviewers, [application])}
    spec = ApplicationSpec(application.pk, application.language, 1, frozenset(excluded))
    try:
        plan = assign_reviewers([spec], _reviewer_specs(call, reviewers), conflicts)
    except AssignmentInfeasible:
        raise ValidationError(
            {"reviewer": _("No other non-conflicted reviewer is free.")}
        ) from None
    chosen = plan[application.pk][0]
    return next(r for r in reviewers if r.pk == chosen)
