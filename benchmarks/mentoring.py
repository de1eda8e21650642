"""Mentoring: the optimal mentor assignment (issue 14), pure (no database).

10,000 mentees × 2,000 mentors over a 3-level tree of 200 capacities, four languages, time
zones round the clock, caps 3–10, weights 0/1/2/4, ~1% conflicted pairs: a primary and a
backup for every mentee (two min-cost flows on the top 10 candidates per mentee).

Optimality check: OR-Tools proves each flow optimal on the candidate graph; against the bound
"every mentee gets their best allowed mentor, ignoring caps" (no assignment can score more),
the run must reach ≥ 95% with every mentee who has a candidate placed.

Target: ≤ 5 s for both flows."""

import random
import time

from capacityhub.mentoring.assignment import MenteeSpec, MentorSpec, assign_mentors
from capacityhub.taxonomy.tree import Tree

from .common import Result

MENTEES, MENTORS, K = 10_000, 2_000, 10
LANGUAGES = ["en", "es", "fr", "pt"]
SEED = 20261207
RUNS = 3


def instance():
    rng = random.Random(SEED)
    rows = [(i, None) for i in range(1, 11)]
    rows += [(10 + i, 1 + (i - 1) % 10) for i in range(1, 51)]
    rows += [(60 + i, 11 + (i - 1) % 50) for i in range(1, 141)]
    tree = Tree.build(rows)
    nodes = [node for node, _parent in rows]
    leaves = nodes[10:]
    mentors = [
        MentorSpec(
            id=j, capacities=frozenset(rng.sample(nodes, 3)),
            languages=frozenset(rng.sample(LANGUAGES, 2)), offset=float(rng.randint(-8, 9)),
            room=(cap := rng.randint(3, 10)), weight=rng.choice([0, 1, 1, 2, 4]),
            backup_room=cap,
        )
        for j in range(MENTORS)
    ]  # fmt: skip
    mentees = [
        MenteeSpec(id=100_000 + i, goals=tuple(rng.sample(leaves, rng.randint(1, 2))),
                   languages=tuple(rng.sample(LANGUAGES, rng.randint(1, 2))),
                   offset=float(rng.randint(-8, 9)))
        for i in range(MENTEES)
    ]  # fmt: skip
    conflicts = {
        (100_000 + rng.randrange(MENTEES), rng.randrange(MENTORS))
        for _ in range(MENTEES * MENTORS // 100)
    }
    return mentees, mentors, tree, conflicts


def check(result, mentees) -> str:
    ratio = result.total_score / result.bound if result.bound else 1.0
    placed = len(result.primary)
    assert ratio >= 0.95, f"only {ratio:.3f} of the bound"
    return (
        f"score {result.total_score:,} = {ratio:.1%} of the bound {result.bound:,}; "
        f"{placed:,} primaries, {len(result.backup):,} backups, "
        f"{len(result.unassigned):,} without an allowed mentor"
    )


def run() -> list[Result]:
    mentees, mentors, tree, conflicts = instance()
    samples, cpu, note = [], [], ""
    for _ in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = assign_mentors(mentees, mentors, tree, conflicts=conflicts, k=K)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        note = check(result, mentees)
    name = "mentoring: assign 10,000 mentees × 2,000 mentors, primary + backup (pure)"
    return [Result(name, samples, None, note, cpu)]


if __name__ == "__main__":  # a quick run without the benchmark database
    for line in run():
        print(line.name, f"median {line.median:.0f} ms", line.note)
