"""Matching at the scale of issue 11: 175 capacities; 100,000 people who each know 6, offer 3,
want 4 and speak 2 languages; 300,000 offers. `make bench` runs it with `--record`; alone:

    .venv/bin/python -m benchmarks.matching_scale            # BENCH_SCALE_PEOPLE=100000
    .venv/bin/python -m benchmarks.matching_scale --dry-run  # 3,000,000 offers, no database
    BENCH_SCALE_PEOPLE=1000000 SQLITE_PATH=benchmarks/matching_scale_1m.sqlite3 \
        .venv/bin/python -m benchmarks.matching_scale --build-only  # the same from a database

Uses its own SQLite file (benchmarks/matching_scale.sqlite3, gitignored), migrated and seeded
once with executemany (no ORM objects, ≈ 80 s), and a temporary MATCHING_INDEX_DIR. Prints a
Markdown table; `make bench` runs it with `--record`, which adds the HTTP run
(matching_scale_http.py) and appends a dated section, machine included, to RESULTS.md.

Times: the index built from scratch; its memory; warm ranking (p95); matches_for_need and
GET /api/v1/needs/{id}/matches (p95, p99); the first call after one profile edit and after one
new offer (both re-read one provider); a new worker mapping the shared folder; the capacity map
from scratch.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEOPLE = int(os.environ.get("BENCH_SCALE_PEOPLE", "100000"))
CAPACITIES, ROOTS = 175, 7
LANGUAGES = ["en", "fr", "es", "pt", "ar", "de", "hi", "sw", "id", "ru", "zh", "ja", "ha", "yo"]
PLACES = [("NG", "Africa/Lagos"), ("IN", "Asia/Kolkata"), ("BR", "America/Sao_Paulo"),
          ("DE", "Europe/Berlin"), ("US", "America/New_York"), ("ID", "Asia/Jakarta"),
          ("EG", "Africa/Cairo"), ("FR", "Europe/Paris")]  # fmt: skip
SEED = 11


def _setup() -> None:
    os.environ.setdefault("SQLITE_PATH", str(HERE / "matching_scale.sqlite3"))
    os.environ.setdefault("MATCHING_INDEX_DIR", tempfile.mkdtemp(prefix="matching-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _bulk(model, fields: list[str], rows) -> None:
    """INSERT rows (tuples for `fields`); every other NOT NULL column gets its default."""
    from django.db import connection, models
    from django.utils import timezone

    now = timezone.now()
    extra, values = [], []
    for field in model._meta.concrete_fields:
        if field.attname in fields or field.null or isinstance(field, models.AutoField):
            continue
        if field.has_default():
            value = field.get_default()
        elif isinstance(field, models.DateTimeField):
            value = now
        elif isinstance(field, models.DateField):
            value = date.today()
        elif isinstance(field, models.CharField | models.TextField):
            value = ""
        else:
            value = 0
        extra.append(field.column)
        values.append(field.get_db_prep_save(value, connection))
    columns = [model._meta.get_field(name).column for name in fields] + extra
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        model._meta.db_table, ", ".join(columns), ", ".join(["%s"] * len(columns))
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*row, *values) for row in rows])


def seed() -> str:
    from django.db import connection, transaction

    from capacityhub.community.models import CapacityClaim, Profile, ProfileLanguage, User
    from capacityhub.exchange.models import Need, Offer
    from capacityhub.taxonomy.models import Capacity

    if Profile.objects.filter(user__username__startswith="scale").count() >= PEOPLE:
        return "already seeded"
    started = time.perf_counter()
    rng = random.Random(SEED)
    with transaction.atomic():
        roots = [Capacity(code=f"scale-root-{r}") for r in range(ROOTS)]
        Capacity.objects.bulk_create(roots)
        per_root = (CAPACITIES - ROOTS) // ROOTS
        Capacity.objects.bulk_create(
            Capacity(code=f"scale-{r}-{c}", parent=roots[r])
            for r in range(ROOTS)
            for c in range(per_root)
        )
        caps = list(Capacity.objects.filter(code__startswith="scale").values_list("id", flat=True))
        first = (User.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        ids = range(first, first + PEOPLE)
        _bulk(User, ["id", "username", "password", "is_active"],
              ((i, f"scale{i}", "!", True) for i in ids))  # fmt: skip
        _bulk(Profile, ["id", "user_id", "display_name", "country", "time_zone"],
              ((i, i, f"Person {i}", *PLACES[i % len(PLACES)]) for i in ids))  # fmt: skip
        _bulk(ProfileLanguage, ["profile_id", "language", "proficiency"],
              ((i, code, rng.randint(0, 5)) for i in ids
               for code in rng.sample(LANGUAGES, 2)))  # fmt: skip
        claims, offers, claim_id = (
            [],
            [],
            1 + (CapacityClaim.objects.order_by("-id").values_list("id", flat=True).first() or 0),
        )  # noqa: E501
        for i in ids:
            picked = rng.sample(caps, 13)
            for n, capacity in enumerate(picked):
                relation = "knows" if n < 6 else "offers" if n < 9 else "wants"
                claims.append((claim_id, i, capacity, relation, rng.randint(1, 5)))
                if relation == "offers":
                    offers.append((claim_id,))
                claim_id += 1
        _bulk(CapacityClaim, ["id", "profile_id", "capacity_id", "relation", "level"], claims)
        _bulk(Offer, ["claim_id", "languages", "online", "region", "is_active"],
              ((c, "[]", True, "", True) for (c,) in offers))  # fmt: skip
        requester = User.objects.get(username=f"scale{first}")
        for n in range(50):
            need = Need.objects.create(
                requester=requester, title=f"Scale need {n}",
                languages=rng.sample(LANGUAGES, 1), region=rng.choice(["", "ssa", "sa", "nwe"]),
            )  # fmt: skip
            need.capacities.set(rng.sample(caps, 2))
    with connection.cursor() as cursor:  # as README says to after a bulk load
        cursor.execute("ANALYZE")
    return (
        f"seeded {PEOPLE:,} people, {len(offers):,} offers in {time.perf_counter() - started:.0f} s"
    )


class _Printed(list):
    """Results, each printed as a table row as soon as it is known."""

    def append(self, item) -> None:
        print(f"| {item[0]} | {item[1]} |", flush=True)
        super().append(item)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _timed(work, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _percentiles(samples: list[float]) -> str:
    return " / ".join(f"{_pct(samples, q):.1f}" for q in (0.5, 0.95, 0.99)) + " ms"


def measure() -> list[tuple[str, str]]:
    from django.test import Client

    from capacityhub.community.models import CapacityClaim, Profile, User
    from capacityhub.exchange.models import Need, Offer
    from capacityhub.exchange.selectors import matching_index as mi
    from capacityhub.exchange.selectors.capacity_map import map_aggregate_compute
    from capacityhub.exchange.selectors.matching import matches_for_need

    out = _Printed()
    mi.matching_index_changed()  # a version to name the shared folder by
    mi.matching_cache_clear()
    before = _rss_mb()
    builds = _timed(mi._build, 3)  # the first one also writes the shared folder
    index = mi.provider_index()
    out.append(("index from scratch (median of 3, incl. writing the shared folder)",
                f"{statistics.median(builds):.0f} ms, {len(index):,} offers"))  # fmt: skip
    out.append(
        (
            "index memory (arrays; process RSS growth)",
            f"{index.columns.nbytes() / 2**20:.0f} MB; {_rss_mb() - before:.0f} MB",
        )
    )
    mi.matching_cache_clear()
    loads = _timed(lambda: mi.matching_cache_clear() or mi.provider_index(), 3)
    out.append(("a new worker maps the shared folder", f"{statistics.median(loads):.0f} ms"))
    index = mi.provider_index()
    out.append(_ranking(index, 300))
    caps = sorted(set(index.columns.capacity.tolist()))
    cycle = iter(range(10**9))
    needs = list(
        Need.objects.filter(title__startswith="Scale need").select_related("requester__profile")
    )
    viewer = User.objects.filter(username__startswith="scale").last()
    selector = _timed(
        lambda: matches_for_need(need=needs[next(cycle) % len(needs)], viewer=viewer), 200
    )
    out.append(("matches_for_need, in-process (p50 / p95 / p99)", _percentiles(selector)))
    client = Client()
    client.force_login(viewer)

    def api():
        response = client.get(
            f"/api/v1/needs/{needs[next(cycle) % len(needs)].pk}/matches?limit=20", secure=True
        )
        assert response.status_code == 200, response.status_code

    calls = _timed(api, 200)
    out.append(
        ("GET /api/v1/needs/{id}/matches, sequential (p50 / p95 / p99)", _percentiles(calls))
    )
    profile = Profile.objects.get(user=viewer)
    profile.country = "KE" if profile.country != "KE" else "NG"
    profile.save()
    out.append(("first matches call after one profile edit", f"{_timed(api, 1)[0]:.1f} ms"))
    profile.bio = "Edited bio."
    profile.save()
    out.append(
        ("first matches call after one bio edit (records nothing)", f"{_timed(api, 1)[0]:.1f} ms")
    )
    offered = set(profile.claims.filter(relation="offers").values_list("capacity_id", flat=True))
    capacity = next(c for c in caps if c not in offered)
    claim = CapacityClaim.objects.create(
        profile=profile, capacity_id=capacity, relation="offers", level=5
    )
    Offer.objects.create(claim=claim)
    out.append(("first matches call after one new offer", f"{_timed(api, 1)[0]:.1f} ms"))
    maps = _timed(lambda: map_aggregate_compute(level="members"), 3)
    out.append(("capacity map from scratch (median of 3)", f"{statistics.median(maps):.0f} ms"))
    return out


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    if "--dry-run" in sys.argv:  # no database: python -m benchmarks.matching_scale --dry-run
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        django.setup()
        dry_run()
        return
    _setup()
    print(seed(), flush=True)
    print("| measure | result |\n|---|---|")
    if "--build-only" in sys.argv:  # the movement-scale database: the build and its memory
        build_only()
        return
    rows = measure()
    if "--record" in sys.argv:  # make bench: over HTTP too, then a dated section in RESULTS.md
        from .matching_scale_http import measure_http

        for row in measure_http():
            rows.append(row)
        record(rows)


def record(rows: list[tuple[str, str]]) -> None:
    from datetime import UTC, datetime

    from .common import machine_facts

    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"## {stamp} — matching at issue 11's scale ({PEOPLE:,} people)", ""]
    lines += [f"- {fact}" for fact in machine_facts()]
    lines += ["", "| measure | result |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows), ""]
    with (HERE / "RESULTS.md").open("a", encoding="utf-8") as handle:
        handle.write("\n" + "\n".join(lines))
    print("Appended to benchmarks/RESULTS.md.")


def build_only() -> None:
    """Builds from scratch (wall and CPU), the arrays' memory and the process's peak RSS, and
    warm ranking: what a database of BENCH_SCALE_PEOPLE people costs a worker."""
    import resource

    from capacityhub.exchange.selectors import matching_index as mi

    out = _Printed()
    mi.matching_index_changed()
    before = _rss_mb()
    for run in range(3):
        mi.matching_cache_clear()
        started, cpu = time.perf_counter(), time.process_time()
        mi._build()
        out.append((f"index from scratch, run {run + 1}",
                    f"{(time.perf_counter() - started) * 1000:,.0f} ms wall, "
                    f"{(time.process_time() - cpu) * 1000:,.0f} ms CPU"))  # fmt: skip
    index = mi.provider_index()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.append(("index memory (arrays; RSS growth; peak RSS of the process)",
                f"{index.columns.nbytes() / 2**20:,.0f} MB; {_rss_mb() - before:,.0f} MB; "
                f"{peak:,.0f} MB, {len(index):,} offers"))  # fmt: skip
    out.append(_ranking(index, 100))


def _ranking(index, runs: int) -> tuple[str, str]:
    """Warm ranking of 50 needs (two capacities, two languages each), in turn."""
    from capacityhub.exchange.matching import MEMBERS, NeedSpec
    from capacityhub.exchange.selectors import matching_index as mi

    rng = random.Random(SEED)
    caps = sorted(set(index.columns.capacity.tolist()))
    specs = [
        NeedSpec(capacity_ids=tuple(rng.sample(caps, 2)), languages=tuple(rng.sample(LANGUAGES, 2)),
                 region=rng.choice(["", "ssa", "nwe"]), utc_offset=1.0)
        for _ in range(50)
    ]  # fmt: skip
    cycle = iter(range(10**9))
    ranks = _timed(lambda: mi.rank_offers(specs[next(cycle) % 50], k=25, viewer_tier=MEMBERS), runs)
    return (f"rank top 25 of {len(index):,} offers, warm (p50 / p95)",
            f"{_pct(ranks, .5):.1f} / {_pct(ranks, .95):.1f} ms")  # fmt: skip


def dry_run(offers: int = 3_000_000, people: int = 1_000_000) -> None:
    """The in-memory half of a build at movement scale, from synthetic columns (no database):
    what the arrays cost in time and memory, and ranking over them."""
    import numpy as np

    from capacityhub.exchange.matching import MEMBERS, NeedSpec, ProviderIndex
    from capacityhub.exchange.matching.columns import KIND_SHIFT, SCALARS, OfferColumns
    from capacityhub.taxonomy.tree import Tree

    rng = np.random.default_rng(SEED)
    parents = [(r + 1, None) for r in range(ROOTS)]
    parents += [(100 + i, 1 + i % ROOTS) for i in range(CAPACITIES - ROOTS)]
    tree = Tree.build(parents)
    capacity_ids = np.array([c for c, _p in parents])
    before = _rss_mb()
    started = time.perf_counter()
    new = {name: np.zeros(offers, dtype=dtype) for name, dtype in SCALARS.items()}
    new["offer_id"] = np.arange(1, offers + 1)
    new["pkey"] = KIND_SHIFT + rng.integers(1, people + 1, offers)
    new["capacity"] = np.sort(rng.choice(capacity_ids, offers))
    new["level"] = rng.integers(1, 6, offers)
    new["region"] = rng.integers(0, 9, offers)
    new["offset"] = rng.integers(-8, 10, offers).astype(float)
    new["online"] = rng.random(offers) < 0.85
    new["most"] = 2
    new["lang"] = rng.integers(0, len(LANGUAGES), (offers, 2)).astype(np.int16)
    new["full"] = rng.integers(0, 6, (offers, 2)).astype(np.int8)
    new["public"] = np.full((offers, 2), -1, dtype=np.int8)
    columns = OfferColumns()
    for code in LANGUAGES:
        columns.languages.add(code)
    for code in ("ssa", "sa", "lac", "nwe", "esea", "cee", "mena", "na"):
        columns.regions.add(code)
    columns.replace((), new)
    del new
    built = (time.perf_counter() - started) * 1000
    index = ProviderIndex.from_columns(columns, tree)
    memory = _rss_mb() - before
    picks = np.random.default_rng(1)
    specs = [
        NeedSpec(capacity_ids=tuple(int(c) for c in picks.choice(capacity_ids, 2)),
                 languages=("en", "fr"), region="ssa", utc_offset=1.0)
        for _ in range(50)
    ]  # fmt: skip
    cycle = iter(range(10**9))
    ranks = _timed(lambda: index.rank(specs[next(cycle) % 50], k=25, viewer_tier=MEMBERS), 100)
    print(f"| dry run: {offers:,} offers of {people:,} people, columns built in memory | "
          f"{built:.0f} ms, arrays {columns.nbytes() / 2**20:.0f} MB, RSS growth {memory:.0f} MB; "
          f"rank top 25 p50 {_pct(ranks, .5):.1f} ms, p95 {_pct(ranks, .95):.1f} ms |")  # fmt: skip


if __name__ == "__main__":
    main()
