"""The mentoring app's share of the gates (see gates/parts.py).

The matrix's five actors in mentoring: the owner is a participant of a cohort (at a sign-off
stage) and the mentee of an accepted mentorship whose mentor is `other`; the manager of
`organization` facilitates the cohort (the programme belongs to no organization, so the
manager runs nothing); staff run the programme. Everyone signed in has a mentor profile, and
amina (a member of `organization`) waits in the queue with an open request."""

import datetime as dt

from django.urls import reverse

from capacityhub.community.models import User
from capacityhub.mentoring.models import (
    AwayPeriod,
    Cohort,
    Meeting,
    MenteeRequest,
    MentorProfile,
    Mentorship,
    Participant,
    Programme,
    Stage,
    StageActivity,
    StageCompletion,
)

from .matrix import API, EDITORS_ONLY, FORBIDDEN, LOGIN, OK, STAFF_ONLY, Row, everyone_signed_in

EVERYONE = everyone_signed_in()
PAIR_AND_STAFF = {"anonymous": LOGIN, "owner": OK, "other": OK, "manager": FORBIDDEN, "staff": OK}
PAIR_ONLY = {**PAIR_AND_STAFF, "staff": FORBIDDEN}

TRACKED = [Programme, Programme.capacities.through, Stage, StageActivity, Cohort]
TRACKED += [Cohort.facilitators.through, Participant, StageCompletion, MentorProfile]
TRACKED += [MentorProfile.capacities.through, AwayPeriod, MenteeRequest]
TRACKED += [MenteeRequest.capacities.through, Mentorship, Mentorship.goals.through, Meeting]


def _mentor(user) -> MentorProfile:
    from capacityhub.taxonomy.models import Capacity

    profile = MentorProfile.objects.create(user=user, languages=["es"], max_mentees=3)
    profile.capacities.set(Capacity.objects.filter(code__in=["grant-writing", "fundraising"]))
    return profile


def _request(user, status=MenteeRequest.Status.OPEN) -> MenteeRequest:
    from capacityhub.taxonomy.models import Capacity

    request = MenteeRequest.objects.create(user=user, languages=["es"], status=status)
    request.capacities.set(Capacity.objects.filter(code="grant-writing"))
    return request


def build_world(world) -> dict:
    from capacityhub.mentoring.services import cohort_create, programme_create

    users = world.users
    owner, other, manager, staff = (users[k] for k in ("owner", "other", "manager", "staff"))
    programme = programme_create(
        actor=staff, title="Matrix leaders", capacities=["fundraising"],
        stages=[{"title": "Identify"}, {"title": "Lead"}],
    )  # fmt: skip
    today = dt.date.today()
    cohort = cohort_create(
        actor=staff, programme=programme, title="Matrix cohort", facilitators=[manager],
        starts_on=today - dt.timedelta(days=10), ends_on=today + dt.timedelta(days=90),
    )  # fmt: skip
    participant = Participant.objects.create(
        cohort=cohort, user=owner, stage=programme.stages.order_by("position").first()
    )
    for user in (owner, other, manager, staff):
        _mentor(user)
    owner_request = _request(owner, MenteeRequest.Status.ASSIGNED)
    mentorship = Mentorship.objects.create(
        mentor=other, mentee=owner, request=owner_request, status=Mentorship.Status.ACCEPTED
    )
    waiting = _request(User.objects.get(username="amina"))
    return {
        "mentoring_programme": programme,
        "mentoring_cohort": cohort,
        "mentoring_participant": participant,
        "mentoring_mentorship": mentorship,
        "mentoring_request": waiting,
    }


def _pk(world, name: str) -> int:
    return world.extra[name].pk


def _api(path: str, **names):
    return lambda world: API + path.format(**{k: _pk(world, v) for k, v in names.items()})


def _web(name: str, extra: str, *args):
    return lambda world: reverse(f"web:{name}", args=[_pk(world, extra), *args])


API_ROWS = [
    Row("POST /mentoring/programmes", "post", lambda world: f"{API}/mentoring/programmes",
        lambda world, user: {"title": "Matrix", "capacities": ["fundraising"]}, STAFF_ONLY),
    Row("POST /mentoring/programmes/{programme_id}/cohorts", "post",
        _api("/mentoring/programmes/{p}/cohorts", p="mentoring_programme"),
        lambda world, user: {"title": "C2", "starts_on": "2030-01-01", "ends_on": "2030-02-01"},
        STAFF_ONLY),
    Row("POST /mentoring/participants/{participant_id}/complete", "post",
        _api("/mentoring/participants/{p}/complete", p="mentoring_participant"),
        lambda world, user: {"note": "Ran the kick-off"}, EDITORS_ONLY),
    Row("POST /mentoring/cohorts/{cohort_id}/assign", "post",
        _api("/mentoring/cohorts/{c}/assign", c="mentoring_cohort"),
        lambda world, user: {}, STAFF_ONLY),
    Row("PUT /mentoring/me/mentor", "put", lambda world: f"{API}/mentoring/me/mentor",
        lambda world, user: {"capacities": ["grant-writing"], "languages": ["fr"]}, EVERYONE),
    Row("POST /mentoring/me/away", "post", lambda world: f"{API}/mentoring/me/away",
        lambda world, user: {"starts_on": "2031-01-01", "ends_on": "2031-01-10"}, EVERYONE),
    Row("POST /mentoring/requests", "post", lambda world: f"{API}/mentoring/requests",
        lambda world, user: {"capacities": ["lua-scripting"], "languages": ["fr"]}, EVERYONE),
    Row("POST /mentoring/requests/{request_id}/pair", "post",
        _api("/mentoring/requests/{r}/pair", r="mentoring_request"),
        lambda world, user: {"mentor": "staff", "reason": "Matrix"}, STAFF_ONLY),
    Row("POST /mentoring/requests/{request_id}/match", "post",
        _api("/mentoring/requests/{r}/match", r="mentoring_request"),
        lambda world, user: {}, STAFF_ONLY),
    Row("POST /mentoring/mentorships/{mentorship_id}/meetings", "post",
        _api("/mentoring/mentorships/{m}/meetings", m="mentoring_mentorship"),
        lambda world, user: {"met_on": "2026-01-05", "notes": "First call"}, PAIR_ONLY),
    Row("POST /mentoring/mentorships/{mentorship_id}/actions", "post",
        _api("/mentoring/mentorships/{m}/actions", m="mentoring_mentorship"),
        lambda world, user: {"action": "end", "reason": "Matrix"}, PAIR_AND_STAFF),
]  # fmt: skip

MENTOR_FORM = {"capacities": ["grant-writing"], "languages": "es", "hours_per_month": "5",
               "max_mentees": "2", "is_active": "on"}  # fmt: skip

WEB_ROWS = [
    Row("web:mentoring-programme-new", "post", lambda world: reverse("web:mentoring-programme-new"),
        lambda world, user: {"title": "Matrix", "capacities": ["fundraising"], "languages": "es"},
        STAFF_ONLY),
    Row("web:mentoring-stage-new", "post", _web("mentoring-stage-new", "mentoring_programme"),
        lambda world, user: {"title": "Extra", "completion": "sign_off"}, STAFF_ONLY),
    Row("web:mentoring-cohort-new", "post", _web("mentoring-cohort-new", "mentoring_programme"),
        lambda world, user: {"title": "C2", "starts_on": "2030-01-01", "ends_on": "2030-02-01"},
        STAFF_ONLY),
    Row("web:mentoring-stage-complete", "post",
        _web("mentoring-stage-complete", "mentoring_participant"),
        lambda world, user: {"note": "Ran the kick-off"}, EDITORS_ONLY),
    Row("web:mentoring-cohort-assign", "post", _web("mentoring-cohort-assign", "mentoring_cohort"),
        lambda world, user: {}, STAFF_ONLY),
    Row("web:mentoring-mentor-profile", "post",
        lambda world: reverse("web:mentoring-mentor-profile"),
        lambda world, user: MENTOR_FORM, EVERYONE),
    Row("web:mentoring-away", "post", lambda world: reverse("web:mentoring-away"),
        lambda world, user: {"starts_on": "2031-01-01", "ends_on": "2031-01-10"}, EVERYONE),
    Row("web:mentoring-request-new", "post", lambda world: reverse("web:mentoring-request-new"),
        lambda world, user: {"capacities": ["lua-scripting"], "level_wanted": "3",
                             "languages": "fr"}, EVERYONE),
    Row("web:mentoring-request-match", "post",
        _web("mentoring-request-match", "mentoring_request"), lambda world, user: {}, STAFF_ONLY),
    Row("web:mentoring-pair", "post", _web("mentoring-pair", "mentoring_request"),
        lambda world, user: {"mentor": "staff", "reason": "Matrix"}, STAFF_ONLY),
    Row("web:mentoring-mentorship-action", "post",
        _web("mentoring-mentorship-action", "mentoring_mentorship", "end"),
        lambda world, user: {"reason": "Matrix"}, PAIR_AND_STAFF),
]  # fmt: skip

WEB_READ_ONLY = {
    "mentoring-programmes",
    "mentoring-programme",
    "mentoring-retention",
    "mentoring-retention-csv",
    "mentoring-retention-json",
    "mentoring-cohort",
    "mentoring-talent",
    "mentoring-certificate",
    "mentoring-me",
    "mentoring-queue",
    "mentoring-mentorship",
}

READ_ONLY_ARGS = {
    "mentoring-programme": lambda world: [_pk(world, "mentoring_programme")],
    "mentoring-retention": lambda world: [_pk(world, "mentoring_programme")],
    "mentoring-retention-csv": lambda world: [_pk(world, "mentoring_programme")],
    "mentoring-retention-json": lambda world: [_pk(world, "mentoring_programme")],
    "mentoring-cohort": lambda world: [_pk(world, "mentoring_cohort")],
    "mentoring-talent": lambda world: [_pk(world, "mentoring_cohort")],
    "mentoring-certificate": lambda world: [_pk(world, "mentoring_participant")],
    "mentoring-mentorship": lambda world: [_pk(world, "mentoring_mentorship")],
}


def api_known(*, member, other, staff, organization) -> dict[str, list]:
    """A programme, cohort, participation, request and mentorship around the fuzz member."""
    from capacityhub.mentoring.services import cohort_create, programme_create

    programme = programme_create(actor=staff, title="Fuzz leaders", capacities=["fundraising"],
                                 stages=[{"title": "Identify"}])  # fmt: skip
    today = dt.date.today()
    cohort = cohort_create(actor=staff, programme=programme, title="Fuzz cohort",
                           starts_on=today, ends_on=today + dt.timedelta(days=30))  # fmt: skip
    participant = Participant.objects.create(cohort=cohort, user=member,
                                             stage=programme.stages.first())  # fmt: skip
    _mentor(other)
    request = _request(member, MenteeRequest.Status.ASSIGNED)
    mentorship = Mentorship.objects.create(mentor=other, mentee=member, request=request,
                                           status=Mentorship.Status.ACCEPTED)  # fmt: skip
    return {
        "programme_id": [programme.pk],
        "cohort_id": [cohort.pk],
        "participant_id": [participant.pk],
        "request_id": [request.pk],
        "mentorship_id": [mentorship.pk],
    }
