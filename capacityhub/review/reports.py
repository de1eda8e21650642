"""Call-level reports: the ranking table and the fairness report (reads only)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from capacityhub.core.regions import region_of

from .models import Application, Call
from .ranking import Candidate, RankedApplication, ReviewScores, rank
from .selectors import submitted_reviews

Status = Application.Status
RANKABLE = [
    Status.UNDER_REVIEW, Status.ELIGIBLE, Status.ACCEPTED, Status.WAITLISTED, Status.DECLINED,
    Status.TAKEN_UP, Status.REFUSED,
]  # fmt: skip
ACCEPTED = {Status.ACCEPTED, Status.TAKEN_UP, Status.REFUSED}
SMALLEST_GROUP = 5


@dataclass
class RankingRow:
    application: Application
    entry: RankedApplication


def call_ranking(call: Call) -> list[RankingRow]:
    """Every reviewed (or reviewable) application, best first, with the cut line where the
    call's seats or budget run out. A fixed number of queries."""
    applications = {
        a.pk: a
        for a in call.applications.filter(status__in=RANKABLE).select_related(
            "applicant__profile", "organization"
        )
    }
    weights = {c.pk: float(c.weight) for c in call.criteria.all()}
    rows = submitted_reviews(call=call).values_list(
        "assignment__application_id", "assignment__reviewer_id", "scores"
    )
    reviews = [
        ReviewScores(app_id, reviewer_id, {int(k): v for k, v in scores.items() if k.isdigit()})
        for app_id, reviewer_id, scores in rows
        if app_id in applications
    ]
    candidates = [Candidate(pk, float(a.amount_requested or 0)) for pk, a in applications.items()]
    ranked = rank(
        reviews,
        weights,
        candidates,
        seats=call.seats,
        budget=float(call.budget) if call.budget is not None else None,
    )
    return [RankingRow(applications[e.application_id], e) for e in ranked]


@dataclass
class FairnessGroup:
    dimension: str
    value: str
    applications: int
    accepted: int

    @property
    def rate(self) -> float:
        return self.accepted / self.applications if self.applications else 0.0


@dataclass
class FairnessReport:
    groups: list[FairnessGroup]
    hidden_groups: int
    gender_available: bool = False  # profiles have no self-declared gender field (yet)


def _dimensions(application: Application) -> dict[str, str]:
    profile = getattr(application.applicant, "profile", None)
    country = getattr(profile, "country", "") or ""
    organization = application.organization
    return {
        "region": region_of(country) or "",
        "language": application.language or "",
        "organization_kind": organization.kind if organization else "",
    }


def fairness_report(call: Call) -> FairnessReport:
    """Applications and acceptance rates by region, language and organization kind. Any group
    of fewer than five people is left out, so nobody can be singled out."""
    applications = call.applications.exclude(status__in=[Status.DRAFT, Status.WITHDRAWN])
    totals: Counter = Counter()
    accepted: Counter = Counter()
    for application in applications.select_related("applicant__profile", "organization"):
        for dimension, value in _dimensions(application).items():
            totals[(dimension, value)] += 1
            if application.status in ACCEPTED:
                accepted[(dimension, value)] += 1
    shown = [
        FairnessGroup(dimension, value, count, accepted[(dimension, value)])
        for (dimension, value), count in sorted(totals.items())
        if count >= SMALLEST_GROUP
    ]
    return FairnessReport(shown, hidden_groups=len(totals) - len(shown))
