"""make load: serve Capacity Hub with gunicorn on loopback and drive it with concurrent users.

1. Builds a throwaway SQLite database (benchmarks/load.sqlite3, deleted first, never committed):
   migrate, the starter taxonomy, the deterministic demo community (seed_demo), translations,
   and collectstatic into a temporary STATIC_ROOT.
2. Starts gunicorn on 127.0.0.1 and a free port with production settings (DEBUG=0; only the
   HTTPS redirect and HSTS are switched off, because loopback is plain HTTP).
3. Runs `--users` threads, each with its own keep-alive connection and no think time, over a
   weighted mix of pages, static files, API reads and a few authenticated API writes, for
   `--duration` seconds (and never more than `--max-requests` requests).
4. Prints requests per second, median, p95 and max latency per endpoint group and overall,
   stops the server (always), and appends a dated section to benchmarks/RESULTS.md unless
   `--no-record`.

Exit status 1 when any request failed: a 5xx, a connection error, a status the endpoint should
not answer with (4xx other than an expected 404/409), or a traceback in the server log.

    .venv/bin/python benchmarks/load.py                   # 60 s, 2,000 people, recorded
    .venv/bin/python benchmarks/load.py --short --no-record   # CI: 20 s, 320 people

Only the standard library is used on the client side: no traffic leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "benchmarks" / "load.sqlite3"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
STARTER_TAXONOMY = "capacityhub/taxonomy/data/starter_taxonomy.json"
HOST = "127.0.0.1"  # loopback only, never anything else
TOKEN_USER = "demo-member"
REGIONS = ("cee", "esea", "lac", "mena", "na", "nwe", "sa", "ssa")
UI_LANGUAGES = ("en", "en", "en", "es", "fr", "pt", "ar")  # Accept-Language of each user
SPOKEN = ("en", "fr", "es", "pt", "ar", "de", "sw", "hi", "id", "yo")
REQUEST_TIMEOUT = 30  # seconds, per request
SERVER_START_TIMEOUT = 60
ERROR_SAMPLES = 15

FALLBACK_HEADER = "# Benchmarks\n\nMeasured performance; every run appends a dated section.\n"


# Preparing the database and the server ------------------------------------------------------


def python_bin() -> str:
    return sys.executable


def gunicorn_bin() -> str:
    for candidate in (
        Path(sys.executable).parent / "gunicorn",
        ROOT / ".venv" / "bin" / "gunicorn",
    ):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("gunicorn")
    if found is None:
        sys.exit("gunicorn is not installed in the virtual environment (see requirements.lock).")
    return found


def base_env(static_root: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DATABASE_URL", "REDIS_URL", "TESTING"):  # never the real database or cache
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SQLITE_PATH=str(DATABASE),
        STATIC_ROOT=str(static_root),
        PYTHONUNBUFFERED="1",
    )
    return env


def server_env(static_root: Path) -> dict[str, str]:
    """Production settings, minus what needs HTTPS: loopback is plain HTTP."""
    env = base_env(static_root)
    env.update(
        DEBUG="0",
        SECRET_KEY="load-test",
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
    )
    return env


def manage(args: list[str], env: dict[str, str]) -> str:
    completed = subprocess.run(
        [python_bin(), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed (exit {completed.returncode}).")
    return completed.stdout


def prepare(args, static_root: Path) -> tuple[list[str], str]:
    """Build the database and static files; return (notes, API token)."""
    for path in DATABASE.parent.glob(DATABASE.name + "*"):
        path.unlink()
    dev = {**base_env(static_root), "DEBUG": "1"}  # seed_demo refuses to run with DEBUG off
    prod = server_env(static_root)  # the manifest storage collectstatic must fill is DEBUG=0's
    steps: list[tuple[str, list[str], dict[str, str]]] = [
        ("migrate", ["migrate", "--noinput", "-v0"], dev),
        ("taxonomy", ["taxonomy_import", "--if-empty", STARTER_TAXONOMY], dev),
        (
            "demo data",
            [
                "seed_demo",
                "--people",
                str(args.people),
                "--organizations",
                str(args.organizations),
                "--seed",
                str(args.seed),
            ],
            dev,
        ),
        ("translations", ["compile_translations", "-v0"], dev),
        ("static files", ["collectstatic", "--noinput", "-v0"], prod),
    ]
    notes = []
    started = time.perf_counter()
    for label, command, env in steps:
        step_started = time.perf_counter()
        print(f"  {label} …", end=" ", flush=True)
        manage(command, env)
        print(f"{time.perf_counter() - step_started:.1f} s", flush=True)
    token = manage(["api_token", TOKEN_USER, "--name", "load test"], prod).strip()
    if not token:
        raise SystemExit(f"manage.py api_token {TOKEN_USER} printed no token.")
    notes.append(f"prepared in {time.perf_counter() - started:.1f} s")
    return notes, token


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(args, port: int, static_root: Path, log_path: Path) -> subprocess.Popen:
    command = [
        gunicorn_bin(),
        "config.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--worker-class",
        "gthread",
        "--keep-alive",
        "30",  # clients keep their connection between requests, as browsers do
        "--timeout",
        "60",
        "--graceful-timeout",
        "5",
    ]
    log = log_path.open("wb")
    try:
        # A session of its own, so that stopping it stops the master and its workers together.
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=server_env(static_root),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    finally:
        log.close()


def stop_server(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)
    except ProcessLookupError:
        pass


def wait_until_up(process: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited ({process.returncode}):\n{log_tail(log_path)}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/api/v1/capacities?page_size=1")
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                return
            raise SystemExit(f"The server answers {status} to its first request.")
        except (ConnectionError, OSError):
            time.sleep(0.2)
    raise SystemExit(f"The server did not answer within {SERVER_START_TIMEOUT} s.")


def server_cpu_seconds(process: subprocess.Popen) -> float:
    """CPU time (user + system) used so far by the server's processes: master and workers.
    Unlike latency, it hardly depends on what else the machine is doing."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone in the meantime, or not Linux
        if int(fields[2]) == process.pid:  # process group: the server's own session
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def log_tail(log_path: Path, lines: int = 60) -> str:
    try:
        return "\n".join(log_path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def server_log_problems(log_path: Path) -> list[str]:
    """Tracebacks and worker failures the server logged: each counts as an error."""
    text = log_path.read_text(errors="replace") if log_path.exists() else ""
    problems = [m.group(0) for m in re.finditer(r"Traceback \(most recent call last\):", text)]
    problems += re.findall(r".*(?:WORKER TIMEOUT|Worker .* was sent SIGKILL|CRITICAL).*", text)
    return problems


# What the users ask for -----------------------------------------------------------------------


@dataclass
class Sample:
    """Names to put in URLs, read from the seeded database."""

    codes: list[str]
    usernames: list[str]
    slugs: list[str]
    languages: list[str]
    kinds: list[str]
    people: int
    organizations: int
    static: list[str] = field(default_factory=list)
    need_ids: list[int] = field(default_factory=list)  # public needs: anyone may open them


def read_sample() -> Sample:
    with sqlite3.connect(f"file:{DATABASE}?mode=ro", uri=True) as db:

        def column(sql: str) -> list[str]:
            return [row[0] for row in db.execute(sql)]

        sample = Sample(
            codes=column("SELECT code FROM taxonomy_capacity WHERE is_active ORDER BY code"),
            usernames=column(
                "SELECT u.username FROM community_user u JOIN community_profile p "
                "ON p.user_id = u.id WHERE u.is_active ORDER BY u.username"
            ),
            slugs=column("SELECT slug FROM community_organization ORDER BY slug"),
            languages=column(
                "SELECT language FROM community_profilelanguage GROUP BY language "
                "ORDER BY count(*) DESC, language LIMIT 40"
            ),
            kinds=column("SELECT DISTINCT kind FROM community_organization ORDER BY kind"),
            people=column("SELECT count(*) FROM community_profile")[0],
            organizations=column("SELECT count(*) FROM community_organization")[0],
            need_ids=column("SELECT id FROM exchange_need WHERE visibility = 'public' ORDER BY id"),
        )
    if not (sample.codes and sample.usernames and sample.slugs):
        raise SystemExit("The seeded database has no capacities, people or organizations.")
    return sample


@dataclass
class Call:
    group: str
    method: str
    path: str
    expected: frozenset[int] = frozenset({200})
    body: dict | None = None
    auth: bool = False


OK = frozenset({200})


def _query(path: str, params: dict) -> str:
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(params)}" if params else path


class User:
    """One simulated user: a keep-alive connection, its own random stream, its own language."""

    def __init__(self, index: int, port: int, sample: Sample, token: str, seed: int):
        self.index = index
        self.port = port
        self.sample = sample
        self.token = token
        self.rng = random.Random(seed * 1000 + index)
        self.language = UI_LANGUAGES[index % len(UI_LANGUAGES)]
        self.conn: http.client.HTTPConnection | None = None
        self.reused = False
        self.version: int | None = None
        self.writes = 0

    # The mix: (weight, what to ask for). Weights are relative.
    def mix(self) -> list[tuple[int, Callable[[], list[Call]]]]:
        return [
            (8, self.home),
            (5, self.capacity_list),
            (10, self.capacity_detail),
            (14, self.people),
            (12, self.profile),
            (6, self.organizations),
            (6, self.organization_detail),
            (1, self.missing_page),
            (3, self.static_file),
            (4, self.api_capacities),
            (3, self.api_tree),
            (2, self.api_capacity),
            (8, self.api_people),
            (2, self.api_person),
            (4, self.api_organizations),
            (4, self.api_me),
            (3, self.api_write),
            (4, self.needs),
            (4, self.need_detail),
            (3, self.offers),
            (2, self.capacity_map),
            (2, self.api_needs),
            (2, self.api_need_matches),
            (1, self.api_map),
        ]

    def home(self):
        return [Call("page: home", "GET", "/")]

    def capacity_list(self):
        return [Call("page: capacities", "GET", "/capacities/")]

    def capacity_detail(self):
        return [Call("page: capacity", "GET", f"/capacities/{self.rng.choice(self.sample.codes)}/")]

    def people(self):
        rng, s = self.rng, self.sample
        params = {
            "capacity": rng.choice(s.codes) if rng.random() < 0.5 else None,
            "language": rng.choice(s.languages) if s.languages and rng.random() < 0.3 else None,
            "region": rng.choice(REGIONS) if rng.random() < 0.3 else None,
            "relation": rng.choice(["offers", "wants"]) if rng.random() < 0.15 else None,
            "page": rng.choice([None, None, 2, 3]),
        }
        return [Call("page: people", "GET", _query("/people/", params))]

    def profile(self):
        username = self.rng.choice(self.sample.usernames)
        return [Call("page: person", "GET", f"/people/{username}/")]

    def organizations(self):
        rng, s = self.rng, self.sample
        params = {
            "region": rng.choice(REGIONS) if rng.random() < 0.3 else None,
            "kind": rng.choice(s.kinds) if s.kinds and rng.random() < 0.2 else None,
            "capacity": rng.choice(s.codes) if rng.random() < 0.3 else None,
            "page": rng.choice([None, None, None, 2]),
        }
        return [Call("page: organizations", "GET", _query("/organizations/", params))]

    def organization_detail(self):
        slug = self.rng.choice(self.sample.slugs)
        return [Call("page: organization", "GET", f"/organizations/{slug}/")]

    def needs(self):
        rng, s = self.rng, self.sample
        params = {
            "capacity": rng.choice(s.codes) if rng.random() < 0.3 else None,
            "region": rng.choice(REGIONS) if rng.random() < 0.3 else None,
            "language": rng.choice(s.languages) if s.languages and rng.random() < 0.2 else None,
            "status": rng.choice(["", "", "any", "open"]),
            "page": rng.choice([None, None, None, 2]),
        }
        return [Call("page: needs", "GET", _query("/needs/", params))]

    def need_detail(self):
        if not self.sample.need_ids:
            return self.needs()
        need_id = self.rng.choice(self.sample.need_ids)
        return [Call("page: need", "GET", f"/needs/{need_id}/")]

    def offers(self):
        rng, s = self.rng, self.sample
        params = {
            "capacity": rng.choice(s.codes) if rng.random() < 0.3 else None,
            "region": rng.choice(REGIONS) if rng.random() < 0.3 else None,
            "page": rng.choice([None, None, None, 2]),
        }
        return [Call("page: offers", "GET", _query("/offers/", params))]

    def capacity_map(self):
        return [Call("page: map", "GET", "/map/")]

    def api_needs(self):
        rng, s = self.rng, self.sample
        params = {
            "capacity": rng.choice(s.codes) if rng.random() < 0.3 else None,
            "region": rng.choice(REGIONS) if rng.random() < 0.3 else None,
            "status": rng.choice(["", "", "any"]),
            "page_size": rng.choice([20, 50]),
        }
        return [Call("api: needs", "GET", _query("/api/v1/needs", params))]

    def api_need_matches(self):
        if not self.sample.need_ids:
            return self.api_needs()
        need_id = self.rng.choice(self.sample.need_ids)
        params = {"limit": self.rng.choice([None, 10, 20])}
        return [
            Call("api: need matches", "GET", _query(f"/api/v1/needs/{need_id}/matches", params))
        ]

    def api_map(self):
        params = {"view": self.rng.choice(["", "", "language"])}
        return [Call("api: map", "GET", _query("/api/v1/map", params))]

    def missing_page(self):
        code = f"no-such-capacity-{self.rng.randrange(10**6)}"
        return [Call("page: 404", "GET", f"/capacities/{code}/", frozenset({404}))]

    def static_file(self):
        if not self.sample.static:
            return self.home()
        return [Call("static file", "GET", self.rng.choice(self.sample.static))]

    def api_capacities(self):
        params = {"page": self.rng.choice([1, 1, 2, 3]), "lang": self.rng.choice(["", "fr"])}
        return [Call("api: capacities", "GET", _query("/api/v1/capacities", params))]

    def api_tree(self):
        lang = self.rng.choice(["", "", "es", "ar"])
        return [
            Call("api: capacity tree", "GET", _query("/api/v1/capacities/tree", {"lang": lang}))
        ]

    def api_capacity(self):
        code = self.rng.choice(self.sample.codes)
        return [Call("api: capacity", "GET", f"/api/v1/capacities/{code}")]

    def api_people(self):
        rng, s = self.rng, self.sample
        params = {
            "capacity": rng.choice(s.codes),
            "page_size": 50,
            "region": rng.choice(REGIONS) if rng.random() < 0.2 else None,
            "page": rng.choice([None, None, 2]),
        }
        return [Call("api: people", "GET", _query("/api/v1/people", params))]

    def api_person(self):
        username = self.rng.choice(self.sample.usernames)
        return [Call("api: person", "GET", f"/api/v1/people/{username}")]

    def api_organizations(self):
        rng = self.rng
        params = {
            "region": rng.choice(REGIONS) if rng.random() < 0.3 else None,
            "page_size": rng.choice([20, 50]),
        }
        return [Call("api: organizations", "GET", _query("/api/v1/organizations", params))]

    def api_me(self):
        return [Call("api: me", "GET", "/api/v1/me", auth=True)]

    def api_write(self):
        """Read-modify-write of the token owner's profile, as a client would do it. All users
        share one account, so a 409 (someone saved first) is a legitimate answer."""
        self.writes += 1
        if self.writes % 2:
            languages = self.rng.sample(SPOKEN, self.rng.randint(1, 3))
            body = {"languages": {code: self.rng.randint(0, 5) for code in languages}}
            return [Call("api: write", "PUT", "/api/v1/me/languages", OK, body, auth=True)]
        calls = [] if self.version else [Call("api: me", "GET", "/api/v1/me", auth=True)]
        bio = f"Load test edit {self.index}-{self.writes}: I organize edit-a-thons."
        body = {"version": self.version or 0, "bio": bio}  # 0 = filled in after the GET
        calls.append(
            Call("api: write", "PATCH", "/api/v1/me/profile", frozenset({200, 409}), body, True)
        )
        return calls

    # Sending ---------------------------------------------------------------------------------

    def send(self, call: Call) -> tuple[int, bytes]:
        headers = {
            "User-Agent": "capacityhub-load/1",
            "Accept-Language": self.language,
            "Accept": "application/json" if call.path.startswith("/api/") else "text/html",
        }
        body = None
        if call.auth:
            headers["Authorization"] = f"Bearer {self.token}"
        if call.body is not None:
            payload = dict(call.body)
            if "version" in payload and not payload["version"]:
                payload["version"] = self.version or 1
            body = json.dumps(payload).encode()
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
                self.reused = False
            try:
                self.conn.request(call.method, call.path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle kept-alive connection: retry once on a new one, as
                # browsers do. A failure on a fresh connection is an error.
                was_reused = self.reused
                self.close()
                if attempt == 1 and was_reused:
                    continue
                raise
            except BaseException:
                self.close()
                raise
            self.reused = True
            if response.will_close:
                self.close()
            if call.path.startswith("/api/v1/me") and response.status == 200:
                self.version = json.loads(data).get("version", self.version)
            elif response.status == 409:
                self.version = None
            return response.status, data
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.conn = None


# Running and measuring ------------------------------------------------------------------------


class Recorder:
    def __init__(self, max_requests: int):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {}
        self.errors: dict[str, int] = {}
        self.statuses: dict[tuple[str, int], int] = {}
        self.samples: list[str] = []
        self.kinds: dict[str, int] = {}
        self.started = 0
        self.max_requests = max_requests

    def claim(self) -> bool:
        """One more request may start; False once the request budget is spent."""
        with self.lock:
            if self.started >= self.max_requests:
                return False
            self.started += 1
            return True

    def record(self, call: Call, ms: float, status: int | None, problem: str = "") -> None:
        with self.lock:
            self.latencies.setdefault(call.group, []).append(ms)
            self.errors.setdefault(call.group, 0)
            if status is not None:
                key = (call.group, status)
                self.statuses[key] = self.statuses.get(key, 0) + 1
            if problem:
                self.errors[call.group] += 1
                kind = problem.split(":", 1)[0]
                self.kinds[kind] = self.kinds.get(kind, 0) + 1
                if len(self.samples) < ERROR_SAMPLES:
                    self.samples.append(f"{call.method} {call.path} → {problem}")


def classify(call: Call, status: int, data: bytes) -> str:
    if status in call.expected:
        return ""
    snippet = data[:200].decode(errors="replace").replace("\n", " ")
    if status >= 500:
        return f"server error: {status} {snippet}"
    return f"unexpected status: {status} {snippet}"


def perform(user: User, recorder: Recorder, calls: list[Call]) -> None:
    for call in calls:
        started = time.perf_counter()
        try:
            status, data = user.send(call)
        except (OSError, http.client.HTTPException) as error:
            ms = (time.perf_counter() - started) * 1000
            recorder.record(call, ms, None, f"connection error: {type(error).__name__} {error}")
            continue
        ms = (time.perf_counter() - started) * 1000
        recorder.record(call, ms, status, classify(call, status, data))


def drive(users: list[User], recorder: Recorder, duration: float, stop: threading.Event) -> float:
    """Every user runs the mix until `duration` is over; returns the elapsed seconds."""
    start_line = threading.Barrier(len(users) + 1)
    deadline = [0.0]

    def run(user: User) -> None:
        weights, builders = zip(*user.mix(), strict=True)
        start_line.wait()
        try:
            while not stop.is_set() and time.monotonic() < deadline[0]:
                if not recorder.claim():
                    return
                perform(user, recorder, user.rng.choices(builders, weights)[0]())
        finally:
            user.close()

    threads = [threading.Thread(target=run, args=(u,), daemon=True) for u in users]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    deadline[0] = started + duration
    start_line.wait()
    hard_stop = deadline[0] + REQUEST_TIMEOUT + 5
    for thread in threads:
        while thread.is_alive() and time.monotonic() < hard_stop:
            thread.join(timeout=0.5)  # short waits so that Ctrl-C gets through
    stop.set()
    return time.monotonic() - started


def smoke(user: User, recorder: Recorder) -> None:
    """Each kind of request once, one after the other: fails fast, and warms the caches."""
    for _weight, builder in user.mix():
        perform(user, recorder, builder())
    user.close()


def find_static(user: User) -> list[str]:
    """The CSS and JavaScript the home page links to (served by WhiteNoise)."""
    status, data = user.send(Call("page: home", "GET", "/"))
    user.close()
    if status != 200:
        return []
    return sorted(
        {path.decode() for path in re.findall(rb'(?:href|src)="(/static/[^"?#]+)"', data)}
    )


def percentile(ordered: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def table(recorder: Recorder, elapsed: float) -> tuple[str, dict]:
    lines = [
        "| endpoint group | requests | req/s | median (ms) | p95 (ms) | max (ms) | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]

    def row(name: str, values: list[float], errors: int) -> str:
        ordered = sorted(values)
        return (
            f"| {name} | {len(ordered):,} | {len(ordered) / elapsed:.1f} | "
            f"{statistics.median(ordered):.1f} | {percentile(ordered, 0.95):.1f} | "
            f"{ordered[-1]:.1f} | {errors} |"
        )

    for group in sorted(recorder.latencies):
        lines.append(row(group, recorder.latencies[group], recorder.errors[group]))
    everything = [ms for values in recorder.latencies.values() for ms in values]
    if not everything:
        raise SystemExit("No request was made.")
    errors = sum(recorder.errors.values())
    lines.append(row("**all**", everything, errors))
    ordered = sorted(everything)
    totals = {
        "requests": len(ordered),
        "rps": len(ordered) / elapsed,
        "median": statistics.median(ordered),
        "p95": percentile(ordered, 0.95),
        "max": ordered[-1],
        "errors": errors,
    }
    return "\n".join(lines), totals


# Reporting ------------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_facts(args) -> list[str]:
    import django
    import gunicorn

    uname = platform.uname()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"CPU: {cpu_model()} ({os.cpu_count()} logical CPUs); load average before the run: {load}",
        f"System: {uname.system} {uname.release} {uname.machine}",
        f"Python {sys.version.split()[0]}, Django {django.get_version()}, "
        f"gunicorn {gunicorn.__version__} ({args.workers} workers × {args.threads} threads, "
        f"gthread), SQLite {sqlite3.sqlite_version}; DEBUG=0, WhiteNoise static files",
    ]


def record(section: str) -> None:
    if not RESULTS.exists():
        try:
            sys.path.insert(0, str(ROOT))
            from benchmarks.run import HEADER
        except Exception:  # noqa: BLE001 — any header will do; run.py is another module's
            HEADER = FALLBACK_HEADER
        RESULTS.write_text(HEADER, encoding="utf-8")
    with RESULTS.open("a", encoding="utf-8") as handle:
        handle.write("\n" + section)


def interrupted(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="CI: 20 s and 320 people")
    parser.add_argument("--duration", type=float, help="seconds of load (60; 20 with --short)")
    parser.add_argument("--users", type=int, default=12, help="concurrent users (12)")
    parser.add_argument("--people", type=int, help="demo people (2000; 320 with --short)")
    parser.add_argument("--organizations", type=int, default=44, help="demo organizations (44)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (4)")
    parser.add_argument("--seed", type=int, default=2030, help="random seed (2030)")
    parser.add_argument(
        "--max-requests", type=int, default=200_000, help="stop after this many (200,000)"
    )
    parser.add_argument("--no-record", action="store_true", help="do not touch RESULTS.md")
    args = parser.parse_args(argv)
    if args.duration is None:
        args.duration = 20.0 if args.short else 60.0
    if args.people is None:
        args.people = 320 if args.short else 2000
    if not 0 < args.duration <= 3600:
        parser.error("--duration must be between 0 and 3600 seconds")
    if not 1 <= args.users <= 64:
        parser.error("--users must be between 1 and 64")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    # SIGTERM (e.g. CI cancelling the job) unwinds like Ctrl-C, so the server is always stopped.
    signal.signal(signal.SIGTERM, interrupted)
    facts = machine_facts(args)
    server = None
    stop = threading.Event()
    with tempfile.TemporaryDirectory(prefix="capacityhub-load-") as temp:
        static_root, log_path = Path(temp) / "static", Path(temp) / "server.log"
        try:
            print(f"Preparing {DATABASE.relative_to(ROOT)} ({args.people} people) …", flush=True)
            notes, token = prepare(args, static_root)
            sample = read_sample()
            port = free_port()
            print(f"Starting gunicorn on http://{HOST}:{port} …", flush=True)
            server = start_server(args, port, static_root, log_path)
            wait_until_up(server, port, log_path)

            users = [User(i, port, sample, token, args.seed) for i in range(args.users)]
            sample.static = find_static(users[0])
            warmup = Recorder(max_requests=1000)
            smoke(users[0], warmup)
            recorder = Recorder(args.max_requests)
            print(
                f"Driving it with {args.users} users for {args.duration:g} s "
                f"({sample.people:,} people, {sample.organizations} organizations, "
                f"{len(sample.codes)} capacities) …",
                flush=True,
            )
            cpu_before, client_before = server_cpu_seconds(server), time.process_time()
            elapsed = drive(users, recorder, args.duration, stop)
            server_cpu = server_cpu_seconds(server) - cpu_before
            client_cpu = time.process_time() - client_before
        finally:
            stop.set()
            stop_server(server)
        problems = server_log_problems(log_path)
        if problems or sum(recorder.errors.values()) or sum(warmup.errors.values()):
            print("\nServer log (end):\n" + log_tail(log_path), file=sys.stderr)

    result, totals = table(recorder, elapsed)
    warmup_errors = sum(warmup.errors.values())
    errors = totals["errors"] + warmup_errors + len(problems)
    conflicts = sum(n for (group, status), n in recorder.statuses.items() if status == 409)
    cpu = (
        f"server CPU {server_cpu:.1f} s ({1000 * server_cpu / totals['requests']:.1f} ms per "
        f"request, {server_cpu / elapsed:.2f} of {os.cpu_count()} CPUs on average), "
        f"load generator CPU {client_cpu:.1f} s"
    )
    print()
    print(result)
    print(
        f"\n{totals['requests']:,} requests in {elapsed:.1f} s: {totals['rps']:.1f} req/s, "
        f"median {totals['median']:.1f} ms, p95 {totals['p95']:.1f} ms, max {totals['max']:.1f} "
        f"ms; {conflicts} expected 409 conflicts; errors: {errors}\n{cpu}"
    )
    if errors:
        kinds = {**recorder.kinds}
        for kind, n in warmup.kinds.items():
            kinds[kind] = kinds.get(kind, 0) + n
        if problems:
            kinds["server log"] = len(problems)
        print("Errors by kind: " + ", ".join(f"{k}: {n}" for k, n in sorted(kinds.items())))
        for line in (warmup.samples + recorder.samples)[:ERROR_SAMPLES]:
            print("  " + line)

    if not args.no_record:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        mode = "short" if args.short else "full"
        section = "\n".join(
            [
                f"## {stamp} — load test (`make load`, {mode})",
                "",
                *[f"- {line}" for line in facts],
                f"- Data: {sample.people:,} people, {sample.organizations} organizations, "
                f"{len(sample.codes)} capacities (seed_demo, seed {args.seed}); {notes[0]}",
                f"- Load: {args.users} concurrent users on {HOST}, keep-alive, no think time, "
                f"{args.duration:g} s after one warm-up pass; random seed {args.seed}",
                f"- Result: {totals['requests']:,} requests, **{totals['rps']:.1f} req/s**, "
                f"median {totals['median']:.1f} ms, p95 {totals['p95']:.1f} ms, max "
                f"{totals['max']:.1f} ms, {conflicts} expected 409 conflicts, "
                f"**{errors} errors**",
                f"- CPU: {cpu}; static files found on the home page: {len(sample.static)}",
                "",
                result,
                "",
            ]
        )
        record(section)
        print(f"\nAppended to {RESULTS.relative_to(ROOT)}.")
    return 1 if errors else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("Interrupted; the server was stopped.")
