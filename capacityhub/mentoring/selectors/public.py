"""What shared pages show of a person's mentoring: their mentor profile and programme
completions on their page (when the viewer may see their capacities), and the reader's own
mentorships on the home page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from ..models import AwayPeriod, MentorProfile, Mentorship, Participant

HOME_LIMIT = 5
COMPLETIONS_LIMIT = 12


@dataclass(frozen=True)
class MentorCard:
    profile: MentorProfile
    capacities: list
    languages: list[str]
    taking_mentees: bool
    away_until: dt.date | None


def mentor_card(*, capacities_visible: bool, user_id: int) -> MentorCard | None:
    """A person's mentor profile as their page shows it. `capacities_visible` is the community
    visibility answer for this viewer (ProfileView.claims is not None); without it, nothing."""
    if not capacities_visible:
        return None
    profile = (
        MentorProfile.objects.filter(user_id=user_id, is_active=True)
        .prefetch_related("capacities")
        .first()
    )
    if profile is None:
        return None
    today = timezone.localdate()
    away = (
        AwayPeriod.objects.filter(mentor=profile, starts_on__lte=today, ends_on__gte=today)
        .order_by("-ends_on")
        .values_list("ends_on", flat=True)
        .first()
    )
    load = Mentorship.objects.filter(mentor_id=user_id, status__in=Mentorship.LIVE).count()
    taking = away is None and load < profile.max_mentees
    return MentorCard(
        profile, list(profile.capacities.all()), list(profile.languages), taking, away
    )


def programme_completions(*, capacities_visible: bool, user_id: int) -> list[Participant]:
    """Programmes the person completed (evidence, so it follows the capacities' visibility)."""
    if not capacities_visible:
        return []
    return list(
        Participant.objects.filter(user_id=user_id, status=Participant.Status.COMPLETED)
        .select_related("cohort__programme")
        .order_by("-completed_at", "-id")[:COMPLETIONS_LIMIT]
    )


@dataclass(frozen=True)
class HomeMentoring:
    active: list[Mentorship]
    proposed: list[Mentorship]
    active_count: int
    proposed_count: int


def home_mentoring(*, viewer) -> HomeMentoring | None:
    """The reader's live mentorships (as mentor or mentee) and the proposals waiting for them."""
    if not (getattr(viewer, "is_authenticated", False) and viewer.is_active):
        return None
    mine = Mentorship.objects.filter(Q(mentor=viewer) | Q(mentee=viewer))
    running = (Mentorship.Status.ACCEPTED, Mentorship.Status.ACTIVE)
    counts = mine.aggregate(
        active=Count("pk", filter=Q(status__in=running)),
        proposed=Count("pk", filter=Q(status=Mentorship.Status.PROPOSED)),
    )
    if not counts["active"] and not counts["proposed"]:
        return None
    rows = list(
        mine.filter(status__in=Mentorship.LIVE)
        .select_related("mentor__profile", "mentee__profile")
        .order_by("-created_at", "-id")[: HOME_LIMIT * 2]
    )
    active = [m for m in rows if m.status in running][:HOME_LIMIT]
    proposed = [m for m in rows if m.status == Mentorship.Status.PROPOSED][:HOME_LIMIT]
    return HomeMentoring(active, proposed, counts["active"], counts["proposed"])
