"""Reads of mentor profiles, requests and mentorships."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ..models import Meeting, MenteeRequest, MentorProfile, Mentorship
from ..rules import mentorship_can_view, mentorship_is_party


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def mentor_profile_of(user) -> MentorProfile | None:
    if not _signed_in(user):
        return None
    return MentorProfile.objects.filter(user=user).prefetch_related("capacities", "away").first()


def mentorships_of(user) -> QuerySet[Mentorship]:
    """The person's mentorships, as mentor, mentee or backup."""
    if not _signed_in(user):
        return Mentorship.objects.none()
    return (
        Mentorship.objects.filter(Q(mentor=user) | Q(mentee=user) | Q(backup=user))
        .select_related("mentor__profile", "mentee__profile", "backup__profile", "cohort")
        .order_by("-created_at", "-id")
    )


def requests_of(user) -> QuerySet[MenteeRequest]:
    if not _signed_in(user):
        return MenteeRequest.objects.none()
    return MenteeRequest.objects.filter(user=user).prefetch_related("capacities").order_by("-id")


def request_queue(*, viewer) -> QuerySet[MenteeRequest]:
    """Staff: requests waiting for a mentor, oldest first."""
    if not (_signed_in(viewer) and viewer.is_staff):
        raise PermissionDenied(_("Only staff see the queue."))
    return (
        MenteeRequest.objects.filter(status=MenteeRequest.Status.OPEN)
        .select_related("user__profile", "cohort")
        .prefetch_related("capacities")
        .order_by("created_at", "id")
    )


def mentorship_get(*, viewer, pk: int) -> Mentorship:
    mentorship = (
        Mentorship.objects.select_related(
            "mentor__profile", "mentee__profile", "backup__profile", "cohort", "request"
        )
        .prefetch_related("goals")
        .get(pk=pk)
    )
    if not mentorship_can_view(viewer, mentorship):
        raise PermissionDenied(_("Only the mentor, the mentee and staff see a mentorship."))
    return mentorship


def mentorship_meetings(*, viewer, mentorship: Mentorship) -> QuerySet[Meeting]:
    """Meeting notes are private to the pair: staff see no meetings."""
    if not mentorship_is_party(viewer, mentorship):
        return Meeting.objects.none()
    return mentorship.meetings.select_related("logged_by__profile").order_by("-met_on", "-id")
