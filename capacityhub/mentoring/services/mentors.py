"""Mentor profiles, away periods and mentee requests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.community.selectors import can_act_for
from capacityhub.core.audit import audit_log
from capacityhub.core.notifications import notify
from capacityhub.core.validation import clean_languages, clean_level, clean_multiline
from capacityhub.taxonomy.validation import resolve_capacities

from ..models import AwayPeriod, Cohort, MenteeRequest, MentorProfile, Mentorship
from .common import clean_date, clean_time_zone, require


def _int(value, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(
            {field: _("Give a whole number from %(low)d to %(high)d.") % {"low": low, "high": high}}
        )
    return value


@transaction.atomic
def mentor_profile_save(
    *,
    actor,
    user,
    capacities: Sequence[str],
    languages: Sequence[str],
    time_zone: str = "",
    hours_per_month: int = 4,
    max_mentees: int = 3,
    weight: int | None = None,
    is_active: bool = True,
) -> MentorProfile:
    """Become a mentor, or change one's mentor profile. The weight (0 = manual only, 1, 2, 4)
    is set by staff; a new mentor starts at 1."""
    require(can_act_for(actor, owner=user), actor, _("Only you can change your mentor profile."))
    found = resolve_capacities(list(capacities))
    profile, created = MentorProfile.objects.select_for_update().get_or_create(user=user)
    if weight is not None and weight != profile.weight:
        require(actor.is_staff, actor, _("Only staff change a mentor's weight."))
        if weight not in MentorProfile.WEIGHTS:
            raise ValidationError({"weight": _("The weight is 0, 1, 2 or 4.")})
        profile.weight = weight
    profile.languages = clean_languages(list(languages))
    if not profile.languages:
        raise ValidationError({"languages": _("Name at least one language you mentor in.")})
    profile.time_zone = clean_time_zone(time_zone)
    profile.hours_per_month = _int(hours_per_month, "hours_per_month", 1, 200)
    profile.max_mentees = _int(max_mentees, "max_mentees", 1, 50)
    profile.is_active = bool(is_active)
    profile.save()
    profile.capacities.set(found)
    audit_log(
        actor=actor,
        action="mentoring.mentor.create" if created else "mentoring.mentor.update",
        target=profile,
        changes={"weight": profile.weight, "max_mentees": profile.max_mentees},
    )
    return profile


@transaction.atomic
def away_add(*, actor, mentor: MentorProfile, starts_on: dt.date, ends_on: dt.date):
    """Go away for a while. Overlapping periods are refused. Going away now offers each
    mentee of a live mentorship their backup mentor or a new assignment."""
    require(can_act_for(actor, owner=mentor.user_id), actor, _("Only the mentor can."))
    mentor = MentorProfile.objects.select_for_update().get(pk=mentor.pk)
    starts_on, ends_on = clean_date(starts_on, "starts_on"), clean_date(ends_on, "ends_on")
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The away period ends after it starts.")})
    if ends_on < timezone.localdate():
        raise ValidationError({"ends_on": _("The away period must end in the future.")})
    if mentor.away.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).exists():
        raise ValidationError({"starts_on": _("This overlaps an away period you already set.")})
    period = AwayPeriod.objects.create(mentor=mentor, starts_on=starts_on, ends_on=ends_on)
    audit_log(
        actor=actor,
        action="mentoring.mentor.away",
        target=mentor,
        changes={"starts_on": str(starts_on), "ends_on": str(ends_on)},
    )
    if starts_on <= timezone.localdate():
        _offer_moves(mentor)
    return period


AWAY_SUBJECT = gettext_lazy("Your mentor is away: choose your backup or a new mentor")


def _offer_moves(mentor: MentorProfile) -> None:
    live = Mentorship.objects.filter(mentor_id=mentor.user_id, status__in=Mentorship.LIVE)
    for mentorship in live.select_related("mentee"):
        mentee, url = mentorship.mentee, mentorship.get_absolute_url()
        transaction.on_commit(
            lambda mentee=mentee, url=url: notify(recipient=mentee, subject=AWAY_SUBJECT, url=url)
        )


def mentor_is_away(mentor: MentorProfile, on: dt.date | None = None) -> bool:
    on = on or timezone.localdate()
    return mentor.away.filter(starts_on__lte=on, ends_on__gte=on).exists()


@transaction.atomic
def request_create(
    *,
    actor,
    capacities: Sequence[str],
    languages: Sequence[str],
    level_wanted: int = 3,
    time_zone: str = "",
    preferences: str = "",
    cohort: Cohort | None = None,
) -> MenteeRequest:
    """Ask for a mentor: goals (capacities and the level wanted), languages, preferences."""
    require(can_act_for(actor, owner=actor), actor, _("Sign in to ask for a mentor."))
    found = resolve_capacities(list(capacities))
    languages = clean_languages(list(languages))
    if not languages:
        raise ValidationError({"languages": _("Name at least one language.")})
    if cohort is not None and not cohort.participants.filter(user=actor).exists():
        raise ValidationError({"cohort": _("You are not a participant of that cohort.")})
    if MenteeRequest.objects.filter(user=actor, status=MenteeRequest.Status.OPEN).exists():
        raise ValidationError({"capacities": _("You already have a request waiting.")})
    request = MenteeRequest.objects.create(
        user=actor,
        level_wanted=clean_level(level_wanted, field="level_wanted"),
        languages=languages,
        time_zone=clean_time_zone(time_zone),
        preferences=clean_multiline(preferences, field="preferences", max_length=2000),
        cohort=cohort,
    )
    request.capacities.set(found)
    audit_log(actor=actor, action="mentoring.request.create", target=request)
    return request


@transaction.atomic
def request_withdraw(*, actor, request: MenteeRequest) -> MenteeRequest:
    require(can_act_for(actor, owner=request.user_id), actor, _("Only you can withdraw it."))
    request = MenteeRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != MenteeRequest.Status.OPEN:
        raise ValidationError({"status": _("Only a waiting request can be withdrawn.")})
    request.status = MenteeRequest.Status.WITHDRAWN
    request.save(update_fields=["status"])
    audit_log(actor=actor, action="mentoring.request.withdraw", target=request)
    return request
