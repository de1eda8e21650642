"""Retention per programme or cohort, for pages, exports and (after the merge) evaluation:

    programme_retention(programme=…, cohort=None, now=None) -> Retention

Reads the alumni, their activity (evidence other than the programme's own, connections, event
registrations and attendance, course enrolments and lesson progress, needs and offers created)
and when they became mentors or facilitators, in a fixed number of queries; the arithmetic is
`retention_rules` (pure)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from capacityhub.community.models import Evidence
from capacityhub.events.models import Registration
from capacityhub.exchange.models import Connection, Need, Offer
from capacityhub.learning.models import Enrolment, LessonProgress

from ..models import Cohort, MentorProfile, Participant, Programme
from ..retention_rules import Retention, dropout, leaders, retention_windows


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def alumni_activity(people: set[int]) -> dict[int, list[dt.datetime]]:
    found: dict[int, list[dt.datetime]] = defaultdict(list)
    if not people:
        return found
    rows = [
        Evidence.objects.filter(profile__user_id__in=people)
        .exclude(source__startswith="mentoring.stagecompletion:")
        .values_list("profile__user_id", "occurred_on"),
        Connection.objects.filter(need__requester_id__in=people).values_list(
            "need__requester_id", "created_at"
        ),
        Connection.objects.filter(provider_id__in=people).values_list("provider_id", "created_at"),
        Registration.objects.filter(user_id__in=people).values_list("user_id", "created_at"),
        Registration.objects.filter(user_id__in=people, attended=True).values_list(
            "user_id", "attendance_marked_at"
        ),
        Enrolment.objects.filter(user_id__in=people).values_list("user_id", "enrolled_at"),
        LessonProgress.objects.filter(enrolment__user_id__in=people).values_list(
            "enrolment__user_id", "completed_at"
        ),
        Need.objects.filter(requester_id__in=people).values_list("requester_id", "created_at"),
        Offer.objects.filter(claim__profile__user_id__in=people).values_list(
            "claim__profile__user_id", "created_at"
        ),
    ]
    for query in rows:
        for person, moment in query:
            if moment is None:
                continue
            found[person].append(moment if isinstance(moment, dt.datetime) else _at(moment))
    return found


def _became_leaders(people: set[int]) -> dict[int, list[dt.datetime]]:
    became: dict[int, list[dt.datetime]] = defaultdict(list)
    for person, created in MentorProfile.objects.filter(user_id__in=people).values_list(
        "user_id", "created_at"
    ):
        became[person].append(created)
    for person, starts in Cohort.facilitators.through.objects.filter(
        user_id__in=people
    ).values_list("user_id", "cohort__starts_on"):
        became[person].append(_at(starts))
    return became


def programme_retention(
    *, programme: Programme, cohort: Cohort | None = None, now: dt.datetime | None = None
) -> Retention:
    now = now or timezone.now()
    participants = Participant.objects.filter(cohort__programme=programme)
    if cohort is not None:
        participants = participants.filter(cohort=cohort)
    rows = list(
        participants.values_list("user_id", "status", "completed_at", "stage_id", "cohort__ends_on")
    )
    completed = {
        user: finished
        for user, status, finished, _stage, _ends in rows
        if status == Participant.Status.COMPLETED and finished is not None
    }
    stages = list(programme.stages.order_by("position").values_list("id", "title"))
    index = {stage_id: i for i, (stage_id, _title) in enumerate(stages)}
    today = timezone.localdate()
    dropped = [
        index.get(stage)
        for _user, status, _finished, stage, ends in rows
        if status == Participant.Status.WITHDRAWN
        or (status == Participant.Status.ACTIVE and ends < today)
    ]
    people = set(completed)
    became, rate = leaders(completed, _became_leaders(people))
    return Retention(
        alumni=len(completed),
        windows=retention_windows(completed, alumni_activity(people), now),
        became_leaders=became,
        leader_rate=rate,
        dropout_by_stage=dropout([title for _id, title in stages], dropped),
    )
