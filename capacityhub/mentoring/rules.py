"""Who may do what in mentoring: one small function per rule, used by services and selectors."""

from capacityhub.community.selectors import can_act_for

from .models import Cohort, Mentorship, Programme


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def programme_can_manage(user, programme: Programme) -> bool:
    """Staff, or a manager of the organization that runs the programme."""
    return can_act_for(user, organization=programme.owner_organization_id)


def cohort_can_manage(user, cohort: Cohort) -> bool:
    return programme_can_manage(user, cohort.programme)


def cohort_can_facilitate(user, cohort: Cohort) -> bool:
    """The cohort's managers and its facilitators."""
    if not _active(user):
        return False
    if cohort_can_manage(user, cohort):
        return True
    return cohort.facilitators.filter(pk=user.pk).exists()


def mentorship_is_party(user, mentorship: Mentorship) -> bool:
    return _active(user) and user.pk in (mentorship.mentor_id, mentorship.mentee_id)


def mentorship_can_view(user, mentorship: Mentorship) -> bool:
    """The pair and staff (meeting notes stay with the pair: see selectors)."""
    return mentorship_is_party(user, mentorship) or (_active(user) and user.is_staff)
