"""The assignment as a min-cost flow (OR-Tools `SimpleMinCostFlow`), like review/assignment.py.

source → mentee (1 unit) → mentor (one arc per top-K candidate, cost −score) → sink through
unit arcs of increasing cost: the n-th mentee of a mentor of weight w costs LOAD_STEP·n / w,
so load spreads and a weight-4 mentor takes about four times what a weight-1 mentor takes,
never more than their room. A mentee no allowed mentor can take goes source → mentee → sink at
UNASSIGNED cost (greater than any gain), so everyone who can be placed is placed.

Primary mentors are chosen first (optimal); backups second (optimal given the primaries), with
each mentee's primary excluded and each mentor's backup room (their cap again)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from ortools.graph.python import min_cost_flow

from capacityhub.exchange.matching.scoring import closeness, hours_apart
from capacityhub.taxonomy.tree import Tree

from .scoring import MenteeSpec, MentorSpec, candidates, pair_score

LOAD_STEP = 40
UNASSIGNED = 1_000_000


@dataclass
class Assignment:
    primary: dict[int, int] = field(default_factory=dict)  # mentee id → mentor id
    backup: dict[int, int] = field(default_factory=dict)
    scores: dict[tuple[int, int], int] = field(default_factory=dict)  # (mentee, mentor) → score
    unassigned: list[int] = field(default_factory=list)  # mentees with no primary
    cost: int = 0  # the solver's optimum for the primaries (objective())
    bound: int = 0  # Σ each mentee's best allowed score: no assignment can score more

    @property
    def total_score(self) -> int:
        return sum(self.scores[(m, j)] for m, j in self.primary.items())


def load_cost(mentor: MentorSpec, n: int) -> int:
    """The cost of a mentor's n-th mentee (n counts what they already have)."""
    return LOAD_STEP * n // max(mentor.weight, 1)


def objective(pairs: Mapping[int, int], mentees, mentors, tree: Tree) -> int:
    """The cost the flow minimises, for any assignment {mentee id: mentor id}: used by the
    tests to compare with brute force."""
    by_id = {m.id: m for m in mentors}
    counts: dict[int, int] = {}
    total = 0
    for mentee in mentees:
        mentor_id = pairs.get(mentee.id)
        if mentor_id is None:
            total += UNASSIGNED
            continue
        total -= pair_score(mentee, by_id[mentor_id], tree)
        counts[mentor_id] = counts.get(mentor_id, 0) + 1
    for mentor_id, count in counts.items():
        mentor = by_id[mentor_id]
        total += sum(load_cost(mentor, mentor.load + n) for n in range(1, count + 1))
    return total


def _solve(mentees, mentors, rows, cols, scores) -> tuple[dict, dict, int]:
    n_mentees, n_mentors = len(mentees), len(mentors)
    source, sink = n_mentees + n_mentors, n_mentees + n_mentors + 1
    tails = [np.full(n_mentees, source), rows, np.arange(n_mentees)]
    heads = [np.arange(n_mentees), cols + n_mentees, np.full(n_mentees, sink)]
    caps = [np.ones(n_mentees), np.ones(len(rows)), np.ones(n_mentees)]
    costs = [np.zeros(n_mentees), -scores, np.full(n_mentees, UNASSIGNED)]
    used_mentors = np.unique(cols)
    for j in used_mentors:
        mentor = mentors[j]
        steps = np.arange(mentor.load + 1, mentor.load + mentor.room + 1)
        tails.append(np.full(len(steps), n_mentees + j))
        heads.append(np.full(len(steps), sink))
        caps.append(np.ones(len(steps)))
        costs.append(np.array([load_cost(mentor, int(n)) for n in steps]))
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate(tails).astype(np.int32),
        np.concatenate(heads).astype(np.int32),
        np.concatenate(caps).astype(np.int64),
        np.concatenate(costs).astype(np.int64),
    )
    flow.set_node_supply(source, n_mentees)
    flow.set_node_supply(sink, -n_mentees)
    if flow.solve() != flow.OPTIMAL:  # pragma: no cover - every mentee can reach the sink
        raise RuntimeError("the assignment flow has no optimal solution")
    used = flow.flows(np.arange(n_mentees, n_mentees + len(rows))) > 0
    chosen = zip(rows[used].tolist(), cols[used].tolist(), scores[used].tolist(), strict=True)
    pairs, kept = {}, {}
    for i, j, score in chosen:
        pairs[mentees[i].id] = mentors[j].id
        kept[(mentees[i].id, mentors[j].id)] = score
    return pairs, kept, int(flow.optimal_cost())


def assign_mentors(
    mentees: Sequence[MenteeSpec],
    mentors: Sequence[MentorSpec],
    tree: Tree,
    *,
    conflicts: Iterable[tuple[int, int]] = (),
    k: int = 10,
    backups: bool = True,
) -> Assignment:
    """A primary (and a backup) mentor for each mentee. `conflicts`: (mentee id, mentor id)."""
    conflicts = set(conflicts)
    result = Assignment()
    rows, cols, scores = candidates(mentees, mentors, tree, k=k, excluded=conflicts)
    result.primary, result.scores, result.cost = _solve(mentees, mentors, rows, cols, scores)
    result.bound = _best(rows, scores)
    result.unassigned = [m.id for m in mentees if m.id not in result.primary]
    if backups:
        # Backing someone up takes no primary room: each mentor backs up at most their cap.
        backup_mentors = [replace(m, room=m.backup_room, load=0) for m in mentors]
        placed = [m for m in mentees if m.id in result.primary]
        excluded = conflicts | {(m, j) for m, j in result.primary.items()}
        rows, cols, scores = candidates(placed, backup_mentors, tree, k=k, excluded=excluded)
        result.backup, kept, _cost = _solve(placed, backup_mentors, rows, cols, scores)
        result.scores.update(kept)
    return result


def _best(rows: np.ndarray, scores: np.ndarray) -> int:
    if not len(rows):
        return 0
    best = np.full(rows.max() + 1, -1, dtype=np.int64)
    np.maximum.at(best, rows, scores)
    return int(best[best >= 0].sum())


def pick_one(
    mentee: MenteeSpec,
    mentors: Sequence[MentorSpec],
    tree: Tree,
    *,
    excluded: Iterable[int] = (),
) -> tuple[int, int] | None:
    """Outside cohorts: the best mentor for one request, (mentor id, score), or None. The
    same score less the same load cost the flow uses, so weights are respected one by one."""
    excluded = set(excluded)
    best = None
    for mentor in mentors:
        if mentor.id in excluded or mentor.weight <= 0 or mentor.room <= 0:
            continue
        score = pair_score(mentee, mentor, tree)
        if score is None:
            continue
        value = score - load_cost(mentor, mentor.load + 1)
        if best is None or value > best[0]:
            best = (value, mentor.id, score)
    return (best[1], best[2]) if best else None


def explain(mentee: MenteeSpec, mentor: MentorSpec, tree: Tree) -> list[dict]:
    """Why this mentor: the parts of the score as (key, values) the pages put into words."""
    parts: list[dict] = []
    for goal in mentee.goals:
        near = [(closeness(tree.distance(goal, c)), c) for c in mentor.capacities]
        value, capacity = max(near, default=(0.0, None))
        if capacity is not None and value > 0:
            parts.append(
                {"key": "capacity", "goal": goal, "capacity": capacity, "same": capacity == goal}
            )
    shared = [code for code in mentee.languages if code in mentor.languages]
    if shared:
        parts.append({"key": "language", "language": shared[0]})
    apart = hours_apart(mentee.offset, mentor.offset)
    if apart is not None:
        parts.append({"key": "hours_apart", "hours": round(apart, 1)})
    parts.append({"key": "load", "load": mentor.load, "weight": mentor.weight})
    return parts
