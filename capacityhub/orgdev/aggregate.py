"""Pure aggregation of assessment answers (no database): per dimension and per question, the
median, the spread (interquartile range), each role's view, and a disagreement flag; change
between two rounds through a question mapping; peer medians for groups large enough."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

# A spread of 1.5 levels or more between quartiles, or two roles whose medians are 1.5 levels
# apart or more, is shown as disagreement: the group does not see the organization alike.
DISAGREEMENT = 1.5
MIN_PEER_GROUP = 5


@dataclass(frozen=True)
class AnswerValue:
    respondent: int
    role: str
    question: str
    level: int


@dataclass(frozen=True)
class Summary:
    median: float
    q1: float
    q3: float
    count: int
    by_role: dict[str, float] = field(default_factory=dict)

    @property
    def iqr(self) -> float:
        return round(self.q3 - self.q1, 2)

    @property
    def role_gap(self) -> float:
        views = list(self.by_role.values())
        return round(max(views) - min(views), 2) if len(views) > 1 else 0.0

    @property
    def disagreement(self) -> bool:
        return self.iqr >= DISAGREEMENT or self.role_gap >= DISAGREEMENT


def _median(values: list[float]) -> float:
    return round(float(np.median(values)), 2)


def summarise(values: Mapping[int, float], roles: Mapping[int, str]) -> Summary:
    """One summary over each respondent's value (respondent → value, respondent → role)."""
    points = list(values.values())
    q1, q3 = np.percentile(points, [25, 75])
    grouped: dict[str, list[float]] = defaultdict(list)
    for respondent, value in values.items():
        grouped[roles[respondent]].append(value)
    return Summary(
        median=_median(points),
        q1=round(float(q1), 2),
        q3=round(float(q3), 2),
        count=len(points),
        by_role={role: _median(v) for role, v in sorted(grouped.items())},
    )


def _by_respondent(answers: Iterable[AnswerValue], key) -> dict[str, dict[int, list[int]]]:
    grouped: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for answer in answers:
        grouped[key(answer)][answer.respondent].append(answer.level)
    return grouped


def aggregate(answers: Iterable[AnswerValue], dimension_of) -> dict[str, dict[str, Summary]]:
    """{"dimensions": {dimension: Summary}, "questions": {question: Summary}}. A respondent's
    value for a dimension is the mean of their answers in it, so each person weighs the same
    whatever the number of questions they answered."""
    answers = list(answers)
    roles = {a.respondent: a.role for a in answers}
    result: dict[str, dict[str, Summary]] = {"dimensions": {}, "questions": {}}
    for name, key in (("dimensions", lambda a: dimension_of(a.question)), ("questions", None)):
        grouped = _by_respondent(answers, key or (lambda a: a.question))
        for group, per_person in sorted(grouped.items()):
            means = {r: float(np.mean(levels)) for r, levels in per_person.items()}
            result[name][group] = summarise(means, roles)
    return result


def map_forward(values: Mapping[str, float], mapping: Mapping[str, str]) -> dict[str, float]:
    """Old question keys → the new version's keys; an unmapped key keeps its name (the same
    question in both versions); a key mapped to "" was dropped."""
    mapped: dict[str, list[float]] = defaultdict(list)
    for key, value in values.items():
        target = mapping.get(key, key)
        if target:
            mapped[target].append(value)
    return {key: _median(v) for key, v in mapped.items()}


def change(
    before: Mapping[str, float], after: Mapping[str, float]
) -> dict[str, tuple[float | None, float | None]]:
    """key → (before, after) over every key in either."""
    return {key: (before.get(key), after.get(key)) for key in sorted(set(before) | set(after))}


def peer_medians(
    values: Mapping[int, Mapping[str, float]],
    groups: Mapping[int, str],
    minimum: int = MIN_PEER_GROUP,
) -> dict[str, dict[str, float]]:
    """group → dimension → median over its organizations, only where at least `minimum`
    organizations of the group have a value for that dimension (so no one organization's
    private result can be read back from a benchmark)."""
    collected: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for organization, dimensions in values.items():
        group = groups.get(organization)
        if not group:
            continue
        for dimension, value in dimensions.items():
            collected[group][dimension].append(value)
    return {
        group: {d: _median(v) for d, v in dims.items() if len(v) >= minimum}
        for group, dims in collected.items()
        if any(len(v) >= minimum for v in dims.values())
    }
