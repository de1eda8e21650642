"""Reads of the review workflow and who may see what.

A conflicted reviewer can never open an application: `application_for_reviewer` refuses with
the reason. Blind calls give reviewers a redacted view (no name, username, organization or
links). A reviewer sees the other reviews of an application only after submitting theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Application, Assignment, Call, Criterion, Review

Status = Application.Status
DECIDED = {Status.ACCEPTED, Status.WAITLISTED, Status.DECLINED, Status.TAKEN_UP, Status.REFUSED}
REVIEWABLE = {Status.ELIGIBLE, Status.UNDER_REVIEW}
LINK = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def call_can_manage(*, user, call: Call) -> bool:
    """Staff, and the managers of the organization that runs the call."""
    if not _active(user):
        return False
    if user.is_staff:
        return True
    if call.owner_organization_id is None:
        return False
    return call.owner_organization.memberships.filter(user=user, role="manager").exists()


def calls_open(*, now=None) -> QuerySet[Call]:
    now = now or timezone.now()
    return Call.objects.filter(opens_at__lte=now, closes_at__gte=now).select_related(
        "owner_organization"
    )


def calls_public(*, now=None) -> QuerySet[Call]:
    """Calls that have opened (open, in review, decided) — their pages are public."""
    now = now or timezone.now()
    return Call.objects.filter(opens_at__lte=now).select_related("owner_organization")


def calls_managed(*, user) -> QuerySet[Call]:
    if not _active(user):
        return Call.objects.none()
    calls = Call.objects.select_related("owner_organization").annotate(
        application_count=Count("applications", filter=~Q(applications__status=Status.DRAFT))
    )
    if user.is_staff:
        return calls
    return calls.filter(
        owner_organization__memberships__user=user,
        owner_organization__memberships__role="manager",
    )


def call_get_visible(*, user, pk: int) -> Call:
    call = Call.objects.select_related("owner_organization", "form").get(pk=pk)
    if call.opens_at > timezone.now() and not call_can_manage(user=user, call=call):
        raise Call.DoesNotExist
    return call


def criteria_of(call: Call) -> list[Criterion]:
    return list(call.criteria.all())


def applications_of_applicant(*, user) -> QuerySet[Application]:
    if not _active(user):
        return Application.objects.none()
    return Application.objects.filter(applicant=user).select_related("call").order_by("-created_at")


def application_of(*, user, call: Call) -> Application | None:
    if not _active(user):
        return None
    return Application.objects.filter(call=call, applicant=user).select_related("response").first()


def application_can_view(*, user, application: Application) -> bool:
    """The applicant and the call's managers; reviewers go through application_for_reviewer."""
    if not _active(user):
        return False
    return application.applicant_id == user.pk or call_can_manage(user=user, call=application.call)


def applications_for_screening(*, call: Call) -> QuerySet[Application]:
    return (
        call.applications.exclude(status=Status.DRAFT)
        .select_related("applicant__profile", "organization")
        .order_by("submitted_at", "id")
    )


def active_assignment(*, user, application: Application) -> Assignment | None:
    if not _active(user):
        return None
    return (
        Assignment.objects.filter(application=application, reviewer=user, removed_at__isnull=True)
        .select_related("review")
        .first()
    )


def reviewer_queue(*, user) -> QuerySet[Assignment]:
    if not _active(user):
        return Assignment.objects.none()
    return (
        Assignment.objects.filter(reviewer=user, removed_at__isnull=True)
        .select_related("application__call")
        .prefetch_related(Prefetch("review", queryset=Review.objects.all()))
        .order_by("application__call__closes_at", "application_id")
    )


def reviewer_conflicts(*, user, application: Application) -> list:
    from capacityhub.integrity.conflicts import conflict_check

    return conflict_check(person=user, subject=application)


@dataclass
class ReviewerView:
    """What a reviewer may see of an application (redacted on blind calls)."""

    application: Application
    assignment: Assignment
    blind: bool
    applicant_name: str
    organization_name: str
    answers: dict[str, Any] = field(default_factory=dict)
    other_reviews: list[Review] = field(default_factory=list)


def _redact(value: Any, names: list[str]) -> Any:
    if isinstance(value, str):
        text = LINK.sub("[link removed]", value)
        for name in names:
            if name and len(name) > 2:
                text = re.sub(re.escape(name), "[name removed]", text, flags=re.IGNORECASE)
        return text
    if isinstance(value, list):
        return [_redact(v, names) for v in value]
    return value


def application_for_reviewer(*, user, application: Application) -> ReviewerView:
    """The application as this reviewer may see it; PermissionDenied (with the reason) when the
    reviewer is not assigned or is conflicted."""
    assignment = active_assignment(user=user, application=application)
    if assignment is None:
        raise PermissionDenied(_("You are not assigned to review this application."))
    conflicts = reviewer_conflicts(user=user, application=application)
    if conflicts:
        raise PermissionDenied(
            _("You cannot review this application: %(reason)s") % {"reason": conflicts[0].reason}
        )
    call = application.call
    profile = getattr(application.applicant, "profile", None)
    name = getattr(profile, "display_name", "") or application.applicant.get_username()
    organization = application.organization.name if application.organization_id else ""
    answers = dict(application.response.answers) if application.response_id else {}
    if call.blind:
        hidden = [name, application.applicant.get_username(), organization]
        answers = {k: _redact(v, hidden) for k, v in answers.items() if not isinstance(v, dict)}
        name, organization = "", ""
    own = getattr(assignment, "review", None) if hasattr(assignment, "review") else None
    others = []
    if own is not None and own.is_submitted:
        others = list(
            Review.objects.filter(
                assignment__application=application,
                assignment__removed_at__isnull=True,
                submitted_at__isnull=False,
            )
            .exclude(pk=own.pk)
            .select_related("assignment__reviewer")
        )
    return ReviewerView(application, assignment, call.blind, name, organization, answers, others)


def reviewer_may_view_file(user, file) -> bool:
    """forms file rule: an assigned, non-conflicted reviewer may read the application's files."""
    application = (
        Application.objects.filter(response_id=file.response_id).select_related("call").first()
    )
    if application is None or active_assignment(user=user, application=application) is None:
        return False
    return not reviewer_conflicts(user=user, application=application)


def submitted_reviews(*, call: Call) -> QuerySet[Review]:
    return Review.objects.filter(
        assignment__application__call=call,
        assignment__removed_at__isnull=True,
        submitted_at__isnull=False,
    ).select_related("assignment")


def reviews_visible_to_applicant(*, application: Application) -> list[Review]:
    if not application.call.applicants_see_comments or application.status not in DECIDED:
        return []
    return list(
        Review.objects.filter(
            assignment__application=application,
            assignment__removed_at__isnull=True,
            submitted_at__isnull=False,
        ).order_by("submitted_at")
    )


def current_decisions(applications) -> dict[int, Any]:
    """{application id: its current integrity.Decision} for many applications, one query."""
    from capacityhub.integrity.models import Decision

    ids = [str(a.pk) for a in applications]
    found = Decision.objects.filter(
        subject_type=Application._meta.label_lower,
        subject_id__in=ids,
        superseded_by__isnull=True,
    ).order_by("decided_at", "id")
    return {int(d.subject_id): d for d in found}


def screening_rows(*, call: Call, now=None) -> list[tuple[Application, list[str]]]:
    """Submitted applications with what they miss of the call's checkable rules; a fixed
    number of queries (profiles, languages and organizations prefetched)."""
    from capacityhub.core.regions import region_of

    from .eligibility import Facts, Rules, problems

    now = now or timezone.now()
    rules = Rules(
        frozenset(call.eligible_regions),
        frozenset(call.eligible_languages),
        frozenset(call.eligible_organization_kinds),
        call.minimum_account_age_days,
    )
    rows = []
    for application in applications_for_screening(call=call).prefetch_related(
        "applicant__profile__languages"
    ):
        profile = getattr(application.applicant, "profile", None)
        spoken = {pl.language for pl in profile.languages.all()} if profile else set()
        facts = Facts(
            region=region_of(getattr(profile, "country", "")) or "",
            languages=frozenset(spoken | {application.language}),
            organization_kind=application.organization.kind if application.organization else "",
            account_age_days=(now - application.applicant.date_joined).days,
        )
        rows.append((application, problems(rules, facts)))
    return rows


@dataclass(frozen=True)
class _Reviewed:
    """An application as the conflict check needs it (plain values, no model instance)."""

    applicant_id: int
    organizations: tuple[int, ...]

    def conflict_parties(self):
        return [self.applicant_id], list(self.organizations)


@dataclass(frozen=True)
class ReviewerLoad:
    reviewer: Any
    assigned: int
    submitted: int
    recused: int


def reviewer_workload(*, call: Call) -> list[ReviewerLoad]:
    """Per reviewer of the call (and anyone still holding one of its assignments): current
    assignments, reviews submitted, and applications they are recused from because of a
    conflict (screened eligible or later). A fixed number of queries, whatever the sizes."""
    from collections import defaultdict

    from capacityhub.community.models import Membership, User
    from capacityhub.integrity.conflicts import conflicted_pairs

    counts = {
        row["reviewer"]: row
        for row in Assignment.objects.filter(application__call=call, removed_at__isnull=True)
        .values("reviewer")
        .annotate(
            assigned=Count("id"),
            submitted=Count("id", filter=Q(review__submitted_at__isnull=False)),
        )
    }
    reviewers = list(
        User.objects.filter(Q(reviewer_for_calls=call) | Q(pk__in=list(counts)))
        .distinct()
        .order_by("username")
    )
    rows = list(
        call.applications.filter(status__in=REVIEWABLE | DECIDED).values_list(
            "applicant_id", "organization_id"
        )
    )
    organizations = defaultdict(set)
    for user_id, organization_id in Membership.objects.filter(
        user__applications__call=call
    ).values_list("user_id", "organization_id"):
        organizations[user_id].add(organization_id)
    subjects = [
        _Reviewed(applicant, tuple(organizations[applicant] | ({org} if org else set())))
        for applicant, org in rows
    ]
    recused = defaultdict(int)
    for person_id, _index in conflicted_pairs(reviewers, subjects) if subjects else ():
        recused[person_id] += 1
    return [
        ReviewerLoad(
            person,
            counts.get(person.pk, {}).get("assigned", 0),
            counts.get(person.pk, {}).get("submitted", 0),
            recused[person.pk],
        )
        for person in reviewers
    ]


def review_queue_counts(*, user) -> dict[str, int]:
    """For the dashboard: reviews this person still owes, and submitted applications waiting
    for screening in the calls they run. Two queries."""
    owed = reviewer_queue(user=user).filter(
        Q(review__isnull=True) | Q(review__submitted_at__isnull=True)
    )
    managed = calls_managed(user=user).values("pk")
    to_screen = Application.objects.filter(call__in=managed, status=Status.SUBMITTED)
    return {"to_review": owed.count(), "to_screen": to_screen.count()}
