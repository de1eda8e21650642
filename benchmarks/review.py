"""Review: assigning reviewers and ranking a call (issue 13).

- the pure assignment (OR-Tools min-cost flow) for 2,000 applications × 200 reviewers,
  2 reviews each, five languages, ~2% conflicted pairs, balanced load;
- the same end to end through `assignments_run` on the benchmark database (demo people as
  applicants and reviewers, their real memberships as conflicts, all rows written, then
  rolled back): the conflict queries, the solve and the bulk insert;
- the pure ranking of 2,000 applications with 4,000 reviews (z-scores, spread, cut line),
  and `call_ranking` reading them from the database.

Targets: assignment ≤ 2 s; ranking ≤ 200 ms.
"""

import random
import time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from capacityhub.community.models import User
from capacityhub.review.assignment import ApplicationSpec, ReviewerSpec, assign_reviewers
from capacityhub.review.models import Application, Assignment, Call, Criterion, Review
from capacityhub.review.ranking import Candidate, ReviewScores, rank

from .common import Result, measure

APPLICATIONS, REVIEWERS, PER_APPLICATION = 2000, 200, 2
LANGUAGES = ["en", "es", "fr", "ar", "pt"]
SEED = 20261207
RUNS = 5  # the assignment takes long enough that a handful of runs shows its spread


def _timed(name: str, work, runs: int = RUNS, note: str = "") -> Result:
    work()  # warm-up
    samples, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return Result(name, samples, None, note, cpu)


def _pure_assignment() -> Result:
    rng = random.Random(SEED)
    people = [
        ReviewerSpec(id=i, languages=frozenset(rng.sample(LANGUAGES, 2))) for i in range(REVIEWERS)
    ]
    apps = [
        ApplicationSpec(id=i, language=rng.choice(LANGUAGES), needed=PER_APPLICATION)
        for i in range(APPLICATIONS)
    ]
    conflicts = {
        (rng.randrange(REVIEWERS), rng.randrange(APPLICATIONS))
        for _ in range(REVIEWERS * APPLICATIONS // 50)
    }
    return _timed(
        "review: assign 2,000 applications × 200 reviewers (pure)",
        lambda: assign_reviewers(apps, people, conflicts),
        note=f"{len(conflicts):,} conflicted pairs; {RUNS} runs",
    )


def _call(staff) -> Call:
    now = timezone.now()
    call = Call.objects.create(
        kind="scholarship",
        title={"en": "Benchmark call"},
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=1),
        decisions_by=now + timedelta(days=30),
        seats=150,
        created_by=staff,
    )
    Criterion.objects.bulk_create(
        Criterion(call=call, name={"en": n}, weight=w, position=i)
        for i, (n, w) in enumerate([("Impact", 2), ("Need", 1), ("Feasibility", 1)])
    )
    return call


def _seed_call() -> Call:
    rng = random.Random(SEED)
    staff = User.objects.filter(is_staff=True).first() or User.objects.create(
        username="bench-staff", is_staff=True
    )
    people = list(User.objects.filter(is_active=True).order_by("id")[: APPLICATIONS + REVIEWERS])
    call = _call(staff)
    call.reviewers.set(people[APPLICATIONS:])
    Application.objects.bulk_create(
        Application(
            call=call,
            applicant=person,
            status=Application.Status.ELIGIBLE,
            language=rng.choice(LANGUAGES),
            submitted_at=timezone.now(),
        )
        for person in people[:APPLICATIONS]
    )
    return call


def _service_assignment(call: Call) -> Result:
    from capacityhub.review.services import assignments_run

    staff = call.created_by

    def work():
        with transaction.atomic():
            assignments_run(actor=staff, call=call)
            transaction.set_rollback(True)

    return _timed(
        "review: assignments_run, 2,000 × 200 on the database",
        work,
        note="conflicts from real memberships; rows written, then rolled back",
    )


def _pure_ranking() -> Result:
    rng = random.Random(SEED)
    weights = {1: 2.0, 2: 1.0, 3: 1.0}
    reviews = [
        ReviewScores(app, rng.randrange(REVIEWERS), {c: rng.choice([0, 1, 2, 3, 4, 5, None])
                                                     for c in weights})
        for app in range(APPLICATIONS)
        for _ in range(PER_APPLICATION)
    ]  # fmt: skip
    candidates = [Candidate(i, rng.randrange(100, 2000)) for i in range(APPLICATIONS)]
    return measure(
        "review: rank 2,000 applications, 4,000 reviews (pure)",
        lambda: rank(reviews, weights, candidates, seats=150),
    )


def _database_ranking(call: Call) -> Result:
    from capacityhub.review.reports import call_ranking
    from capacityhub.review.services import assignments_run

    rng = random.Random(SEED)
    assignments_run(actor=call.created_by, call=call)
    criteria = [str(pk) for pk in call.criteria.values_list("pk", flat=True)]
    Review.objects.bulk_create(
        Review(
            assignment=assignment,
            scores={c: rng.randrange(6) for c in criteria},
            submitted_at=timezone.now(),
        )
        for assignment in Assignment.objects.filter(application__call=call)
    )
    return _timed(
        "review: call_ranking, 2,000 applications from the database",
        lambda: call_ranking(call),
        runs=20,
        note="reads applications, criteria and 4,000 reviews",
    )


def run() -> list[Result]:
    results = [_pure_assignment(), _pure_ranking()]
    call = _seed_call()
    results += [_service_assignment(call), _database_ranking(call)]
    return results
