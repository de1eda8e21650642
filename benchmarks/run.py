"""make bench: seed a throwaway SQLite database with 10,000 demo people, run every benchmark
module and append the figures to benchmarks/RESULTS.md.

Add a benchmark by writing a module here with a `run() -> list[Result]` function and naming it
in MODULES. BENCH_PEOPLE, BENCH_ORGANIZATIONS and BENCH_ITERATIONS change the sizes.
"""

import importlib
import io
import os
import sys
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "benchmarks" / "bench.sqlite3"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
STARTER_TAXONOMY = ROOT / "capacityhub" / "taxonomy" / "data" / "starter_taxonomy.json"
MODULES = [
    "people",
    "matching",
    "capacity_map",
    "search",
    "review",
    "mentoring",
    "funding",
    "recognition",
    "evaluation",
    "page_weight",
]
# BENCH_MODULES=search runs only some of them (the data is seeded all the same).
MODULES = (
    os.environ.get("BENCH_MODULES", "").split(",") if os.environ.get("BENCH_MODULES") else MODULES
)
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "10000"))
ORGANIZATIONS = int(os.environ.get("BENCH_ORGANIZATIONS", "300"))

HEADER = """# Benchmarks

Run `make bench` (or `.venv/bin/python benchmarks/run.py`). It builds a throwaway SQLite
database (`benchmarks/bench.sqlite3`, deleted first, never committed), imports the starter
taxonomy, writes 10,000 demo people and 300 organizations (`capacityhub/demo/`, fixed seed), then
times each benchmark over 200 iterations after a warm-up and appends a dated section below.
Times are wall-clock milliseconds per call (median and 95th percentile), plus the median process
CPU time, which a busy machine disturbs less; "SQL queries" is the number one call runs.
"""


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DEBUG"] = "1"  # demo data is refused otherwise; timings run with DEBUG off
    os.environ.pop("DATABASE_URL", None)  # never the real database
    os.environ["SQLITE_PATH"] = str(DATABASE)
    if os.environ.get("BENCH_DATABASE_URL"):  # an empty, throwaway PostgreSQL database
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    for path in DATABASE.parent.glob(DATABASE.name + "*"):
        path.unlink()

    import django

    django.setup()
    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers")


def prepare() -> list[str]:
    from django.core.management import call_command

    from capacityhub.core.regions import country_regions
    from capacityhub.demo.community import build_community
    from capacityhub.demo.community_io import write_community
    from capacityhub.taxonomy.models import Capacity

    notes = []
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("taxonomy_import", str(STARTER_TAXONOMY), stdout=io.StringIO())
    notes.append(f"migrate + starter taxonomy: {time.perf_counter() - started:.1f} s")

    codes = list(Capacity.objects.filter(is_active=True).values_list("code", flat=True))
    started = time.perf_counter()
    plan = build_community(
        people=PEOPLE,
        organizations=ORGANIZATIONS,
        capacity_codes=codes,
        country_regions=country_regions(),
        accounts=False,
    )
    built = time.perf_counter() - started
    counts = write_community(plan)
    written = time.perf_counter() - started - built
    notes.append(
        f"data: {counts['people']:,} people, {counts['organizations']} organizations, "
        f"{counts['claims']:,} capacity claims, {len(codes)} capacities; "
        f"built in {built:.1f} s, written in {written:.1f} s"
    )
    return notes


def main() -> None:
    setup_django()
    from django.test.utils import override_settings

    from benchmarks.common import ITERATIONS, machine_facts, markdown_table

    print(f"Preparing {DATABASE.relative_to(ROOT)} …", flush=True)
    notes = prepare()
    for note in notes:
        print("  " + note)

    results = []
    # DEBUG off while timing: no query log, as in production; `testserver` for the test Client.
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver", "127.0.0.1", "localhost"]):
        for name in MODULES:
            print(f"Running benchmarks.{name} ({ITERATIONS} iterations) …", flush=True)
            results += importlib.import_module(f"benchmarks.{name}").run()

    table = markdown_table(results)
    print()
    print(table)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = "\n".join(
        [
            f"## {stamp}",
            "",
            *[f"- {line}" for line in [*machine_facts(), *notes]],
            f"- {ITERATIONS} timed iterations per benchmark after 10 warm-up calls",
            "",
            table,
            "",
        ]
    )
    if not RESULTS.exists():
        RESULTS.write_text(HEADER, encoding="utf-8")
    with RESULTS.open("a", encoding="utf-8") as handle:
        handle.write("\n" + section)
    print(f"\nAppended to {RESULTS.relative_to(ROOT)}.")


if __name__ == "__main__":
    main()
