"""The annual plan dashboard's figures over large tables (issue 17), in a throwaway SQLite
database: 1,000,000 course enrolments, 500,000 connections, 333,333 needs, 1,000,000 need
events and 50,000 events, a quarter of them completed / fulfilled, dated over four years.
Standalone (it needs none of `make bench`'s demo community):

    .venv/bin/python benchmarks/governance_plan.py      # ROWS=100000 for a quicker run

Target: the plan dashboard's figures (`plan_progress`, one COUNT per measure) ≤ 500 ms from a
cold connection. Results: benchmarks/RESULTS.md, "Governance: the annual plan's figures"."""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = str(ROOT / "benchmarks" / "governance.sqlite3")
ROWS = int(os.environ.get("ROWS", "1000000"))
YEAR = 2026
DAY = "datetime('2024-01-01', '+' || (x % 1400) || ' days')"  # spread over four years


def _numbers(count: int) -> str:
    return f"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM n WHERE x<{count}) "


TABLES = [
    (ROWS, "INSERT INTO learning_enrolment (enrolled_at, completed_at, course_id, user_id) "
           f"SELECT {DAY}, CASE WHEN x % 4 = 0 THEN {DAY} END, x % 500 + 1, x FROM n"),
    (ROWS // 2, "INSERT INTO exchange_connection (status, requester_done, provider_done, "
                "created_at, updated_at, completed_at, need_id, provider_id) "
                "SELECT CASE WHEN x % 4 = 0 THEN 'completed' ELSE 'accepted' END, 0, 0, "
                f"{DAY}, {DAY}, CASE WHEN x % 4 = 0 THEN {DAY} END, x, x % 100000 + 1 FROM n"),
    (ROWS // 20, "INSERT INTO events_event (kind, title, description, starts_at, ends_at, "
                 "time_zone, online, place, region, languages, interpretation_languages, seats, "
                 "call_url, recording_url, version, created_at, updated_at, host_id, "
                 f"cancellation_reason) SELECT 'workshop', 'E', '', {DAY}, "
                 f"datetime({DAY}, '+2 hours'), 'UTC', 1, '', '', '[]', '[]', 10, '', '', 1, "
                 f"{DAY}, {DAY}, 1, '' FROM n"),
    (ROWS, "INSERT INTO exchange_needevent (from_status, to_status, note, created_at, need_id) "
           "SELECT 'open', CASE WHEN x % 4 = 0 THEN 'fulfilled' ELSE 'in_progress' END, '', "
           f"{DAY}, x % 300000 + 1 FROM n"),
    (ROWS // 3, "INSERT INTO exchange_need (requester_id, title, description, desired_level, "
                "languages, online, region, visibility, status, status_changed_at, version, "
                "created_at, updated_at) SELECT x % 100000 + 1, 'N', '', 2, '[]', 1, 'ssa', "
                "'public', CASE WHEN x % 4 = 0 THEN 'fulfilled' ELSE 'open' END, "
                f"{DAY}, 1, {DAY}, {DAY} FROM n"),
]  # fmt: skip


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DEBUG"] = "1"
    os.environ.pop("DATABASE_URL", None)  # never the real database
    os.environ["SQLITE_PATH"] = DATABASE
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(DATABASE + suffix):
            os.remove(DATABASE + suffix)
    import django

    django.setup()


def fill() -> None:
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys=OFF")  # rows stand alone: only counts are read
        for count, insert in TABLES:
            cursor.execute(_numbers(count) + insert)
        cursor.execute("ANALYZE")
    print(f"rows written in {time.perf_counter() - started:.1f} s")


def measure() -> None:
    from django.db import connection

    from capacityhub.governance.measures import measures
    from capacityhub.governance.models import PlanTarget
    from capacityhub.governance.selectors import plan_progress

    for index, each in enumerate(measures()):
        PlanTarget.objects.create(year=YEAR, recommendation=f"R{index + 1}", measure=each.key,
                                  target=1000)  # fmt: skip
    samples = []
    for _ in range(6):
        connection.close()  # a cold connection each time (SQLite's page cache is per connection)
        started = time.perf_counter()
        rows = plan_progress(year=YEAR)
        samples.append((time.perf_counter() - started) * 1000)
    print("values", [(row.target.measure, row.value) for row in rows])
    print(f"first {samples[0]:.0f} ms; then {[round(s) for s in samples[1:]]} ms")


if __name__ == "__main__":
    setup()
    fill()
    measure()
