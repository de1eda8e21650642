"""Reviewer assignment as a min-cost flow (pure: plain data in, plain data out).

source → application (k units) → reviewer (capacity 1 per pair, never a conflicted pair)
→ sink through parallel unit arcs of increasing cost, so the n-th review a person takes costs
more than the (n-1)-th: convex costs balance the load. A pair where the reviewer does not read
the application's language costs extra, so readers are preferred but not required.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

LANGUAGE_MISMATCH_COST = 10
LOAD_STEP_COST = 3
OVERLOAD_COST = 1_000


@dataclass(frozen=True)
class ReviewerSpec:
    id: int
    languages: frozenset[str] = frozenset()
    current_load: int = 0  # reviews this person already holds in the call


@dataclass(frozen=True)
class ApplicationSpec:
    id: int
    language: str = ""
    needed: int = 2  # how many more reviewers this application needs
    excluded: frozenset[int] = field(default_factory=frozenset)  # already assigned, recused


class AssignmentInfeasible(ValueError):
    """Not enough non-conflicted reviewers; `missing` is the count of reviews left unassigned."""

    def __init__(self, missing: int, short_applications: list[int]):
        self.missing = missing
        self.short_applications = short_applications
        super().__init__(
            f"{missing} review(s) cannot be assigned: "
            f"{len(short_applications)} application(s) lack enough non-conflicted reviewers"
        )


def assign_reviewers(
    applications: Iterable[ApplicationSpec],
    reviewers: Iterable[ReviewerSpec],
    conflicts: set[tuple[int, int]] | frozenset = frozenset(),
) -> dict[int, list[int]]:
    """Return {application id: [reviewer ids]} giving each application `needed` reviewers.

    `conflicts` holds (reviewer id, application id) pairs that must never be assigned.
    Raises AssignmentInfeasible when some application cannot get enough reviewers.
    """
    apps = [a for a in applications if a.needed > 0]
    people = list(reviewers)
    if not apps:
        return {}
    tails, heads, costs = _pair_arcs(apps, people, conflicts)
    _check_each_application(apps, tails, len(people))
    return _solve(apps, people, tails, heads, costs)


def _pair_arcs(apps, people, conflicts):
    """Every allowed (application, reviewer) pair with its cost, built as NumPy masks."""
    app_index = {app.id: ai for ai, app in enumerate(apps)}
    person_index = {person.id: ri for ri, person in enumerate(people)}
    allowed = np.ones((len(apps), len(people)), dtype=bool)
    for ai, app in enumerate(apps):
        for person_id in app.excluded:
            if person_id in person_index:
                allowed[ai, person_index[person_id]] = False
    for person_id, app_id in conflicts:
        if person_id in person_index and app_id in app_index:
            allowed[app_index[app_id], person_index[person_id]] = False
    reads = _reads(apps, people)
    tails, heads = np.nonzero(allowed)
    costs = np.where(reads[tails, heads], 0, LANGUAGE_MISMATCH_COST)
    return tails.astype(np.int64), heads.astype(np.int64), costs


def _reads(apps, people) -> np.ndarray:
    """reads[a, r]: reviewer r reads application a's language (or it names none)."""
    languages = sorted({app.language for app in apps if app.language})
    column = {code: i for i, code in enumerate(languages)}
    knows = np.zeros((len(people), len(languages) + 1), dtype=bool)
    knows[:, len(languages)] = True  # the "no language given" column: everyone reads it
    for ri, person in enumerate(people):
        for code in person.languages:
            if code in column:
                knows[ri, column[code]] = True
    app_columns = np.array([column.get(app.language, len(languages)) for app in apps])
    return knows[:, app_columns].T


def _check_each_application(apps, tails, people_count):
    available = np.bincount(tails, minlength=len(apps)) if len(tails) else np.zeros(len(apps))
    short = [app for ai, app in enumerate(apps) if available[ai] < app.needed]
    if short or not people_count:
        missing = sum(max(0, app.needed - int(available[i])) for i, app in enumerate(apps))
        raise AssignmentInfeasible(missing, [app.id for app in short])


def _solve(apps, people, pair_tails, pair_heads, pair_costs):
    n_apps, n_people = len(apps), len(people)
    source, sink = n_apps + n_people, n_apps + n_people + 1
    total = sum(app.needed for app in apps)
    fair_share = -(-total // n_people)  # ceil
    flow = min_cost_flow.SimpleMinCostFlow()
    tails = [np.full(n_apps, source), pair_tails]
    heads = [np.arange(n_apps), pair_heads + n_apps]
    caps = [np.array([app.needed for app in apps]), np.ones(len(pair_tails), dtype=np.int64)]
    costs = [np.zeros(n_apps, dtype=np.int64), np.asarray(pair_costs, dtype=np.int64)]
    for ri, person in enumerate(people):
        steps = np.arange(person.current_load, person.current_load + fair_share + 1)
        tails += [np.full(len(steps) + 1, n_apps + ri)]
        heads += [np.full(len(steps) + 1, sink)]
        caps += [np.append(np.ones(len(steps), dtype=np.int64), total)]
        costs += [np.append(steps * LOAD_STEP_COST, OVERLOAD_COST)]
    flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate(tails).astype(np.int32),
        np.concatenate(heads).astype(np.int32),
        np.concatenate(caps).astype(np.int64),
        np.concatenate(costs).astype(np.int64),
    )
    flow.set_node_supply(source, total)
    flow.set_node_supply(sink, -total)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL or flow.maximum_flow() < total:
        missing = total - (flow.maximum_flow() if status == flow.OPTIMAL else 0)
        raise AssignmentInfeasible(missing, [])
    # Arcs are numbered in the order added: n_apps source arcs, then the pair arcs.
    used = flow.flows(np.arange(n_apps, n_apps + len(pair_tails))) > 0
    result: dict[int, list[int]] = {app.id: [] for app in apps}
    for ai, ri in zip(pair_tails[used], pair_heads[used], strict=True):
        result[apps[ai].id].append(people[ri].id)
    return result


def loads(assignment: Mapping[int, list[int]]) -> dict[int, int]:
    """Reviews per reviewer in an assignment (for reports and tests)."""
    counts: dict[int, int] = {}
    for reviewer_ids in assignment.values():
        for reviewer_id in reviewer_ids:
            counts[reviewer_id] = counts.get(reviewer_id, 0) + 1
    return counts
