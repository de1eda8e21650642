"""Evaluation: the Kirkpatrick matrix and an indicator roll-up at scale (issue 17).

Its own SQLite file (benchmarks/evaluation.sqlite3, deleted first unless
BENCH_EVALUATION_REUSE=1 and it exists — seeding takes minutes): 100,000 people all enrolled
in one course (a cohort that ended a year ago), 1,000,000 evidence rows over them (half after
the course, 20 capacities, 3 of them the course's), 20,000 consenting people with paired
pre/post and reaction answers (60,000 responses and invitations). Then, from a cold start (a
fresh connection: SQLite's page cache empty; the OS file cache is not flushed), the whole
matrix for the course (every level, every provider, suppression) and the indicator roll-up a
plan dashboard reads.

Target: ≤ 500 ms. Run alone: `.venv/bin/python -m benchmarks.evaluation` (or via run.py with
BENCH_MODULES=evaluation; it switches to its own file and back).
"""

import os
import random
import time
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

from django.db import connection, connections

from .common import Result

PEOPLE = 100_000
EVIDENCE = 1_000_000
PAIRED = 20_000
SEED = 20261207
RUNS = 7
FILE = Path(__file__).resolve().parent / "evaluation.sqlite3"


@contextmanager
def own_database(path: Path):
    """The default connection pointed at `path` for the duration, then back."""
    settings_dict = connection.settings_dict
    before = settings_dict["NAME"]
    connections.close_all()
    settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        connections.close_all()
        settings_dict["NAME"] = before


def _insert(table: str, columns: list[str], rows) -> None:
    marks = ", ".join("?" * len(columns))
    sql = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({marks})'
    with connection.cursor() as cursor:
        cursor.connection.executemany(sql, rows)


def seed() -> dict:
    from django.core.management import call_command

    from capacityhub.learning.models import CohortRun, Course
    from capacityhub.taxonomy.models import Capacity

    for old in FILE.parent.glob(FILE.name + "*"):
        old.unlink()
    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(SEED)
    now = datetime(2026, 12, 1, 12, 0)
    stamp = now.isoformat(sep=" ")
    capacities = [Capacity.objects.create(code=f"cap-{i}").pk
                  for i in range(20)]  # fmt: skip
    _insert("community_user",
            ["id", "password", "is_superuser", "username", "first_name", "last_name", "email",
             "is_staff", "is_active", "date_joined", "preferred_language", "is_board_member",
             "is_information_specialist", "is_course_author", "is_demo"],
            ((i, "!", 0, f"p{i}", "", "", "", int(i == 1), 1, stamp, "", 0, 0, int(i == 1), 0)
             for i in range(1, PEOPLE + 1)))  # fmt: skip
    profile_columns = [f.column for f in _profile_fields()]
    _insert("community_profile", ["id", "user_id", *profile_columns],
            ((i, i, *_profile_values(i, stamp)) for i in range(1, PEOPLE + 1)))  # fmt: skip
    course = Course.objects.create(title="Benchmark course", slug="bench-course",
                                   is_published=True)  # fmt: skip
    course.capacities.set(capacities[:3])
    ended = date(2025, 12, 1)
    CohortRun.objects.create(course=course, title="Run 1", starts_on=ended - timedelta(days=60),
                             ends_on=ended)  # fmt: skip
    _insert("learning_enrolment", ["user_id", "course_id", "enrolled_at", "completed_at"],
            ((i, course.pk, "2025-10-01 10:00:00", "2025-11-30 10:00:00" if i % 3 else None)
             for i in range(1, PEOPLE + 1)))  # fmt: skip
    _insert("community_evidence",
            ["profile_id", "capacity_id", "kind", "source", "note", "occurred_on", "created_at"],
            ((rng.randint(1, PEOPLE), rng.choice(capacities),
              rng.choice(["learned", "taught", "attended", "completed"]),
              f"learning.enrolment:{n}", "",
              (ended + timedelta(days=rng.randint(-365, 365))).isoformat(), stamp)
             for n in range(EVIDENCE)))  # fmt: skip
    _seed_surveys(course, rng, now)
    return {"course": course, "ended": ended}


def _profile_fields():
    from capacityhub.community.models import Profile

    return [f for f in Profile._meta.concrete_fields if f.name not in ("id", "user")]


def _profile_values(i: int, stamp: str) -> tuple:
    values = []
    for field in _profile_fields():
        if field.name == "display_name":
            values.append(f"Person {i}")
        elif field.name in ("created_at", "updated_at"):
            values.append(stamp)
        elif field.name == "version":
            values.append(1)
        elif field.name == "country":
            values.append(["NG", "BR", "IN", "FR", "EG", "US"][i % 6])
        else:
            values.append(field.get_default() if field.has_default() else "")
    return tuple(values)


def _seed_surveys(course, rng, now) -> None:
    from capacityhub.evaluation.models import Indicator, LogicModel, Survey
    from capacityhub.forms.models import Form, FormVersion, Question

    form = Form.objects.create(title={"en": "Confidence"})
    version = FormVersion.objects.create(form=form, number=1)
    Question.objects.create(version=version, key="confidence", kind="scale", scale_min=1,
                            scale_max=5, label={"en": "Confidence"})  # fmt: skip
    model = LogicModel.objects.create(subject_type="learning.course", subject_id=str(course.pk),
                                      title="Benchmark logic model")  # fmt: skip
    for level, key in ((1, "reaction"), (2, "pre_post_change"), (3, "evidence_after"),
                       (4, "needs_fulfilled")):  # fmt: skip
        Indicator.objects.create(logic_model=model, name=key, level=level, figure=key, target=1)
    surveys = [Survey.objects.create(subject_type="learning.course", subject_id=str(course.pk),
                                     kind=kind, form=form, score_key="confidence")
               for kind in ("pre", "post", "reaction")]  # fmt: skip
    stamp = now.isoformat(sep=" ")
    response_id = 0
    responses, answers, invitations = [], [], []
    for survey in surveys:
        for person in range(1, PAIRED + 1):
            response_id += 1
            score = rng.randint(1, 3) + (2 if survey.kind == "post" else 0)
            responses.append((response_id, version.pk, person, f'{{"confidence": {score}}}',
                              stamp, stamp, stamp))  # fmt: skip
            answers.append((survey.pk, response_id, person, score, ["ssa", "lac", "sa"][person % 3],
                            "en", stamp))  # fmt: skip
            invitations.append((survey.pk, person, stamp, stamp))
    _insert("forms_response", ["id", "version_id", "respondent_id", "answers", "submitted_at",
                               "created_at", "updated_at"], responses)  # fmt: skip
    _insert("evaluation_answer", ["survey_id", "response_id", "person_id", "score", "region",
                                  "language", "submitted_at"], answers)  # fmt: skip
    _insert("evaluation_invitation", ["survey_id", "person_id", "sent_at", "responded_at"],
            invitations)  # fmt: skip


def _cold(name: str, work, note: str) -> Result:
    samples, cpu = [], []
    for _ in range(RUNS):
        connections.close_all()  # a new connection: SQLite's page cache starts empty
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return Result(name, samples, None, note, cpu)


def run() -> list[Result]:
    from capacityhub.evaluation.models import LogicModel
    from capacityhub.evaluation.selectors import indicator_rollup, matrix_for

    with own_database(FILE):
        started = time.perf_counter()
        if not (os.environ.get("BENCH_EVALUATION_REUSE") and FILE.exists()):
            seed()
        seeded = time.perf_counter() - started
        model = LogicModel.objects.get()
        note = (f"{PEOPLE:,} people, {EVIDENCE:,} evidence rows, {PAIRED:,} pre/post pairs; "
                f"seeded in {seeded:.0f} s (bulk inserts); {RUNS} cold runs, each on a new "
                "connection")  # fmt: skip
        return [
            _cold("evaluation: Kirkpatrick matrix, one course (cold)",
                  lambda: matrix_for(model), note),
            _cold("evaluation: indicator roll-up for a plan (cold)",
                  lambda: indicator_rollup(LogicModel.objects.all()), note),
        ]  # fmt: skip


if __name__ == "__main__":
    import sys

    from benchmarks.run import ROOT, setup_django

    sys.path.insert(0, str(ROOT))
    setup_django()
    from benchmarks.common import markdown_table

    print(markdown_table(run()))
