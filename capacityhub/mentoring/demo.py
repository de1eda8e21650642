"""The mentoring app's demo content for `manage.py seed_demo` (deterministic for a seed): one
programme with three stages, a running cohort whose participants are at different stages,
30 mentors and 80 mentees (half in the cohort, paired by the optimal assignment; half asking
outside it, waiting in the staff queue)."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

DEMO_MEMBER = "demo-member"
LANGUAGES = ["es", "pt", "en", "fr"]
ZONES = ["America/Lima", "America/Sao_Paulo", "Africa/Lagos", "Europe/Paris", "Asia/Kolkata"]
STAGES = [
    {"title": "Identify: a first project", "entry_criteria": "A year of editing.",
     "activities": [{"kind": "event", "title": "Kick-off call"}]},
    {"title": "Learn: grants and organizing", "completion": "evidence",
     "evidence_kind": "learned", "evidence_capacity": "fundraising",
     "activities": [{"kind": "course", "title": "Grants for affiliates"},
                    {"kind": "mentorship", "title": "Three months with a mentor"}]},
    {"title": "Lead: run an event", "activities": [{"kind": "project", "title": "An edit-a-thon"}]},
]  # fmt: skip


def _people():
    from capacityhub.community.models import User

    users = list(User.objects.filter(is_active=True, is_staff=False).order_by("id")[:200])
    staff = User.objects.filter(is_active=True, is_staff=True).order_by("id").first()
    return users, staff


def _mentors(people, capacities, rng):
    from capacityhub.mentoring.models import MentorProfile

    profiles = MentorProfile.objects.bulk_create(
        MentorProfile(
            user=person, languages=rng.sample(LANGUAGES, 2), time_zone=rng.choice(ZONES),
            hours_per_month=rng.choice([2, 4, 6]), max_mentees=rng.randint(2, 5),
            weight=rng.choice([1, 1, 2, 4, 0]),
        )
        for person in people
    )  # fmt: skip
    through = MentorProfile.capacities.through
    through.objects.bulk_create(
        through(mentorprofile_id=p.pk, capacity_id=c.pk)
        for p in profiles
        for c in rng.sample(capacities, 3)
    )


def _requests(people, capacities, rng, cohort):
    from capacityhub.mentoring.models import MenteeRequest

    requests = MenteeRequest.objects.bulk_create(
        MenteeRequest(
            user=person, languages=rng.sample(LANGUAGES, rng.randint(1, 2)),
            time_zone=rng.choice(ZONES), level_wanted=rng.randint(2, 4), cohort=cohort,
            preferences="Evenings work best for me.",
        )
        for person in people
    )  # fmt: skip
    through = MenteeRequest.capacities.through
    through.objects.bulk_create(
        through(menteerequest_id=r.pk, capacity_id=c.pk)
        for r in requests
        for c in rng.sample(capacities, rng.randint(1, 2))
    )


@transaction.atomic
def _write(seed: int) -> str:
    from capacityhub.mentoring.models import Participant
    from capacityhub.mentoring.services import cohort_assign, cohort_create, programme_create
    from capacityhub.taxonomy.models import Capacity

    rng = random.Random(f"mentoring-{seed}")
    people, staff = _people()
    if len(people) < 40 or staff is None or not Capacity.objects.filter(code="fundraising"):
        return "mentoring: skipped (no demo community)."
    capacities = list(Capacity.objects.filter(is_active=True).order_by("id")[:30])
    programme = programme_create(
        actor=staff, title="Emerging organizers, Latin America 2027",
        description="Identify, learn and lead: a year-long path for new organizers.",
        capacities=["fundraising", "grant-writing"] if Capacity.objects.filter(
            code="grant-writing").exists() else ["fundraising"],
        languages=["es", "pt"], stages=STAGES,
    )  # fmt: skip
    today = timezone.localdate()
    mentors, mentees = people[:30], [p for p in people[30:110]]
    cohort = cohort_create(
        actor=staff, programme=programme, title="Cohort 2027",
        starts_on=today - dt.timedelta(days=60), ends_on=today + dt.timedelta(days=300),
        facilitators=mentors[:2],
    )  # fmt: skip
    in_cohort = mentees[: len(mentees) // 2]
    stages = list(programme.stages.order_by("position"))
    Participant.objects.bulk_create(
        Participant(cohort=cohort, user=person, stage=stages[min(i % 4, 2)])
        for i, person in enumerate(in_cohort)
    )
    _mentors(mentors, capacities, rng)
    _requests(in_cohort, capacities, rng, cohort)
    _requests(mentees[len(in_cohort) :], capacities, rng, None)
    summary = cohort_assign(actor=staff, cohort=cohort)
    return (
        f"mentoring: 1 programme (3 stages), 1 cohort, {len(mentors)} mentors, "
        f"{len(mentees)} mentees ({summary.paired} paired in the cohort)."
    )


def write_demo(*, seed: int) -> str:
    """Write the demo content; return a one-line summary for the command's output."""
    return _write(seed)
