"""Reading mentors and mentee requests as the plain specs the pure assignment takes, in a
fixed number of queries whatever their number."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from django.db.models import Q
from django.utils import timezone

from capacityhub.integrity.conflicts import conflicted_pairs

from .assignment import MenteeSpec, MentorSpec
from .models import MenteeRequest, MentorProfile, Mentorship
from .zones import utc_offset


def mentor_pool() -> list[tuple[MentorProfile, MentorSpec]]:
    """Active mentors with their room now (away mentors have none); spec id = user id."""
    today = timezone.localdate()
    profiles = list(
        MentorProfile.objects.filter(is_active=True, user__is_active=True)
        .exclude(away__starts_on__lte=today, away__ends_on__gte=today)
        .prefetch_related("capacities")
        .order_by("user_id")
    )
    users = [p.user_id for p in profiles]
    live = Mentorship.objects.filter(status__in=Mentorship.LIVE)
    load = Counter(live.filter(mentor_id__in=users).values_list("mentor_id", flat=True))
    backups = Counter(live.filter(backup_id__in=users).values_list("backup_id", flat=True))
    return [(p, mentor_spec(p, load[p.user_id], backups[p.user_id])) for p in profiles]


def mentor_spec(profile: MentorProfile, load: int, backups: int) -> MentorSpec:
    return MentorSpec(
        id=profile.user_id,
        capacities=frozenset(c.pk for c in profile.capacities.all()),
        languages=frozenset(profile.languages),
        offset=utc_offset(profile.time_zone),
        room=max(0, profile.max_mentees - load),
        weight=profile.weight,
        load=load,
        backup_room=max(0, profile.max_mentees - backups),
    )


def mentee_spec(request: MenteeRequest) -> MenteeSpec:
    """Spec id = request id."""
    zone = request.time_zone or getattr(getattr(request.user, "profile", None), "time_zone", "")
    return MenteeSpec(
        id=request.pk,
        goals=tuple(c.pk for c in request.capacities.all()),
        languages=tuple(request.languages),
        offset=utc_offset(zone),
    )


def open_requests(cohort=None) -> list[MenteeRequest]:
    requests = MenteeRequest.objects.filter(status=MenteeRequest.Status.OPEN)
    requests = requests.filter(cohort=cohort) if cohort is not None else requests
    return list(
        requests.select_related("user__profile").prefetch_related("capacities").order_by("id")
    )


def conflicts_between(
    requests: Sequence[MenteeRequest], mentor_ids: Sequence[int]
) -> set[tuple[int, int]]:
    """(request id, mentor user id) for every pair conflicted by the integrity register, and
    every pair that already had a mentorship that ended early (no re-pairing)."""
    mentees = [r.user for r in requests]
    pairs = {
        (requests[index].pk, person) for person, index in conflicted_pairs(mentor_ids, mentees)
    }
    ended = Mentorship.objects.filter(
        Q(status=Mentorship.Status.ENDED), mentee_id__in=[r.user_id for r in requests]
    ).values_list("mentee_id", "mentor_id")
    by_user = {r.user_id: r.pk for r in requests}
    pairs |= {(by_user[mentee], mentor) for mentee, mentor in ended}
    return pairs
