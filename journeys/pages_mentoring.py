"""The mentoring app's pages in the accessibility gate (see journeys/pages.py).

Seeded: a programme with three stages run by staff, a cohort amina (the member) takes part
in, facilitated by kwame (the manager); amina is mentored by kwame, who is a mentor, and has
completed a second cohort (her certificate)."""

import datetime as dt


def _pk(hub, name):
    return hub.extra[name].pk


def _at(template: str, name: str):
    return lambda hub: template.format(pk=_pk(hub, name))


P, C = "/mentoring/programmes/{pk}/", "/mentoring/cohorts/{pk}/"


PAGE_TYPES = [
    ("mentoring-programmes", "/mentoring/", None),
    ("mentoring-programme", _at(P, "mentoring_programme"), None),
    ("mentoring-programme-staff", _at(P, "mentoring_programme"), "staff"),
    ("mentoring-programme-new", "/mentoring/programmes/new/", "staff"),
    ("mentoring-cohort-new", _at(P + "cohorts/new/", "mentoring_programme"), "staff"),
    ("mentoring-retention", _at(P + "retention/", "mentoring_programme"), "staff"),
    ("mentoring-cohort", _at(C, "mentoring_cohort"), "manager"),
    ("mentoring-cohort-member", _at(C, "mentoring_cohort"), "member"),
    ("mentoring-talent", _at(C + "talent/", "mentoring_cohort"), "staff"),
    (
        "mentoring-certificate",
        _at("/mentoring/participants/{pk}/certificate/", "mentoring_alumna"),
        "member",
    ),
    ("mentoring-me", "/mentoring/me/", "member"),
    ("mentoring-mentor-profile", "/mentoring/me/mentor/", "manager"),
    ("mentoring-request-new", "/mentoring/me/request/", "member"),
    ("mentoring-queue", "/mentoring/queue/", "staff"),
    ("mentoring-pair", _at("/mentoring/requests/{pk}/pair/", "mentoring_request"), "staff"),
    ("mentoring-mentorship", _at("/mentoring/mentorships/{pk}/", "mentoring_mentorship"), "member"),
    # The mentoring sections of shared pages: a mentor's profile, an alumna's, her home page.
    ("mentoring-panel-mentor-profile", "/people/kwame/", None),
    ("mentoring-panel-alumna-profile", "/people/amina/", "member"),
    ("mentoring-panel-home", "/", "member"),
]
NOT_PAGES = {
    "mentoring-stage-new",
    "mentoring-stage-complete",
    "mentoring-cohort-assign",
    "mentoring-away",
    "mentoring-request-match",
    "mentoring-mentorship-action",
    "mentoring-retention-csv",
    "mentoring-retention-json",
}


def seed(hub) -> dict:
    from django.utils import timezone

    from capacityhub.mentoring.models import MenteeRequest, Mentorship, Participant
    from capacityhub.mentoring.services import (
        cohort_create,
        mentor_profile_save,
        programme_create,
        request_create,
    )

    member, manager, staff = hub.users["member"], hub.users["manager"], hub.users["staff"]
    programme = programme_create(
        actor=staff,
        title="Emerging organizers, Latin America 2027",
        capacities=["fundraising"],
        languages=["es", "pt"],
        stages=[
            {
                "title": "Identify",
                "entry_criteria": "A year of editing.",
                "activities": [{"kind": "event", "title": "Kick-off call"}],
            },
            {
                "title": "Learn",
                "completion": "evidence",
                "evidence_kind": "learned",
                "evidence_capacity": "grant-writing",
            },
            {"title": "Lead", "activities": [{"kind": "project", "title": "Run an edit-a-thon"}]},
        ],
    )
    today = dt.date.today()
    cohort = cohort_create(
        actor=staff,
        programme=programme,
        title="Cohort 2027",
        facilitators=[manager],
        starts_on=today - dt.timedelta(days=20),
        ends_on=today + dt.timedelta(days=160),
    )
    first = programme.stages.order_by("position").first()
    Participant.objects.create(cohort=cohort, user=member, stage=first)
    earlier = cohort_create(
        actor=staff,
        programme=programme,
        title="Cohort 2026",
        starts_on=today - dt.timedelta(days=400),
        ends_on=today - dt.timedelta(days=200),
    )
    alumna = Participant.objects.create(
        cohort=earlier,
        user=member,
        stage=None,
        status=Participant.Status.COMPLETED,
        completed_at=timezone.now() - dt.timedelta(days=200),
    )
    mentor_profile_save(
        actor=manager,
        user=manager,
        capacities=["grant-writing"],
        languages=["es", "en"],
        time_zone="Africa/Lagos",
    )
    own = MenteeRequest.objects.create(
        user=member, languages=["es"], status=MenteeRequest.Status.ASSIGNED
    )
    mentorship = Mentorship.objects.create(
        mentor=manager,
        mentee=member,
        request=own,
        status=Mentorship.Status.ACTIVE,
        explanation=[{"key": "language", "language": "es"}, {"key": "hours_apart", "hours": 6.0}],
    )
    waiting = request_create(actor=staff, capacities=["fundraising"], languages=["en"])
    return {
        "mentoring_programme": programme,
        "mentoring_cohort": cohort,
        "mentoring_alumna": alumna,
        "mentoring_mentorship": mentorship,
        "mentoring_request": waiting,
    }
