"""Timing, query counting and reporting shared by every benchmark module."""

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import django
from django.db import connection

ITERATIONS = int(os.environ.get("BENCH_ITERATIONS", "200"))
WARMUP = 10


@dataclass
class Result:
    """One line of the results table. `samples` are milliseconds; None = not measured."""

    name: str
    samples: list[float] | None = None
    queries: int | None = None
    note: str = ""
    cpu: list[float] | None = None  # process CPU time: less disturbed by a busy machine

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(name: str, work: Callable[[], object], *, note: str = "") -> Result:
    """Run `work` WARMUP times, count its queries once, then time it ITERATIONS times."""
    for _ in range(WARMUP):
        work()
    queries = count_queries(work)
    samples, cpu = [], []
    for _ in range(ITERATIONS):
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return Result(name, samples, queries, note, cpu)


def count_queries(work: Callable[[], object]) -> int:
    """SQL statements one call runs. An execute wrapper rather than CaptureQueriesContext:
    the test Client's request_started signal empties the query log in mid-request."""
    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        work()
    return count


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_facts() -> list[str]:
    db = connection.settings_dict["ENGINE"].rsplit(".", 1)[-1]
    if connection.vendor == "sqlite":
        import sqlite3

        db += f" {sqlite3.sqlite_version}"
    else:
        db += f" {connection.cursor().connection.info.server_version}"
    uname = platform.uname()
    return [
        f"CPU: {cpu_model()} ({os.cpu_count()} logical CPUs)",
        f"System: {uname.system} {uname.release} {uname.machine}",
        f"Python {sys.version.split()[0]}, Django {django.get_version()}, database {db}",
        f"load average at the end: {' / '.join(f'{n:.2f}' for n in os.getloadavg())} "
        "(1 / 5 / 15 min; other work on the machine shows in p95)",
    ]


def markdown_table(results: list[Result]) -> str:
    lines = [
        "| benchmark | median (ms) | p95 (ms) | median CPU (ms) | SQL queries | note |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for r in results:
        timing = f"{r.median:.1f} | {r.p95:.1f}" if r.samples else "— | —"
        timing += f" | {statistics.median(r.cpu):.1f}" if r.cpu else " | —"
        queries = "—" if r.queries is None else str(r.queries)
        lines.append(f"| {r.name} | {timing} | {queries} | {r.note} |")
    return "\n".join(lines)
