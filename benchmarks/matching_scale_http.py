"""The matches API at issue 11's scale over HTTP: gunicorn with 2 workers, 16 concurrent clients,
one write a second that matching reads (a profile's country, in turn). `make bench` runs it
(through `matching_scale --record`); alone, after `python -m benchmarks.matching_scale` has
seeded its database:

    .venv/bin/python -m benchmarks.matching_scale_http        # BENCH_SCALE_SECONDS=30
"""

import http.client
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATABASE = Path(os.environ.get("SQLITE_PATH") or HERE / "matching_scale.sqlite3")
SECONDS = float(os.environ.get("BENCH_SCALE_SECONDS", "30"))
CLIENTS, PORT = 16, int(os.environ.get("BENCH_SCALE_PORT", "8765"))


def _server_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "TESTING"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings", SQLITE_PATH=str(DATABASE), DEBUG="0",
        SECRET_KEY="load-test", ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0", LOG_LEVEL="WARNING",
        MATCHING_INDEX_DIR=tempfile.mkdtemp(prefix="matching-http-"),
    )  # fmt: skip
    return env


def _get(path: str) -> tuple[int, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, (time.perf_counter() - started) * 1000
    except OSError:
        return 0, (time.perf_counter() - started) * 1000
    finally:
        connection.close()


def _writer(stop: threading.Event, writes: list) -> None:
    """One write a second through the ORM-free path matching watches: a change record and the
    profile's country (what a profile edit commits)."""
    db = sqlite3.connect(DATABASE, timeout=30)
    people = [r[0] for r in db.execute("SELECT id FROM community_profile LIMIT 1000")]
    n = 0
    while not stop.wait(1.0):
        person = people[n % len(people)]
        n += 1
        with db:
            db.execute(
                "UPDATE community_profile SET country = ? WHERE id = ?",
                ("KE" if n % 2 else "NG", person),
            )
            db.execute(
                "INSERT INTO exchange_matchingchange (scope, provider, created_at)"
                " VALUES ('provider', ?, datetime('now'))",
                ((1 << 40) + person,),
            )
        writes.append(time.perf_counter())


def measure_http() -> list[tuple[str, str]]:
    """(run, result) rows: sequential, then 16 clients with one write a second."""
    db = sqlite3.connect(DATABASE)
    needs = [
        r[0] for r in db.execute("SELECT id FROM exchange_need WHERE title LIKE 'Scale need%'")
    ]
    db.close()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--workers", "2",
         "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=HERE.parent, env=_server_env(),
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 180
        while _get(f"/api/v1/needs/{needs[0]}/matches?limit=20")[0] != 200:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not answer")
            time.sleep(0.5)
        for need in needs[:4]:  # both workers warm
            _get(f"/api/v1/needs/{need}/matches?limit=20")
        sequential = [
            _get(f"/api/v1/needs/{needs[i % len(needs)]}/matches?limit=20") for i in range(200)
        ]
        results: list[tuple[int, float]] = []
        stop, writes = threading.Event(), []

        def client(k: int) -> None:
            i = k
            while not stop.is_set():
                results.append(_get(f"/api/v1/needs/{needs[i % len(needs)]}/matches?limit=20"))
                i += CLIENTS

        threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
        threads.append(threading.Thread(target=_writer, args=(stop, writes)))
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        time.sleep(SECONDS)
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    rows = []
    for name, sample in (("sequential", sequential), (f"{CLIENTS} clients, 1 write/s", results)):
        times = sorted(t for _s, t in sample)
        errors = sum(1 for s, _t in sample if s != 200)
        rate = f"{len(sample) / elapsed:.1f} req/s, " if sample is results else ""
        written = f", {len(writes)} writes" if sample is results else ""
        rows.append((
            f"gunicorn, 2 workers: {name}",
            f"{len(sample)} requests, {rate}p50 {times[len(times) // 2]:.0f} ms, "
            f"p95 {times[int(len(times) * 0.95)]:.0f} ms, "
            f"p99 {times[int(len(times) * 0.99)]:.0f} ms, {errors} errors{written}",
        ))  # fmt: skip
    return rows


def main() -> None:
    print("| run | result |\n|---|---|")
    for name, result in measure_http():
        print(f"| {name} | {result} |", flush=True)


if __name__ == "__main__":
    main()
