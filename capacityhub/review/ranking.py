"""Ranking of a call's applications from their reviews (pure NumPy, no database).

Each review gives one number: the weighted mean of its criterion scores (0–5), criteria marked
"not applicable" (None) left out and the remaining weights renormalised. A reviewer who has
scored at least `NORMALISE_FROM` applications in the call has their numbers z-scored and mapped
back onto the call's overall mean and spread, so a harsh and a generous reviewer count the
same; with fewer reviews their raw numbers are used. An application's score is the mean of its
reviews; a wide spread between its reviews, and any review far from the others, are flagged.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

NORMALISE_FROM = 5
SPREAD_FLAG = 2.0  # points on the 0–5 scale between the lowest and highest review
OUTLIER_DISTANCE = 1.5  # points between a review and the median of its application's reviews


@dataclass(frozen=True)
class ReviewScores:
    application_id: int
    reviewer_id: int
    scores: Mapping[int, float | None]  # criterion id → 0–5, None = not applicable


@dataclass(frozen=True)
class Candidate:
    application_id: int
    amount: float = 0.0  # amount requested, when the call has a budget


@dataclass
class RankedApplication:
    application_id: int
    score: float | None
    raw_score: float | None
    reviews: int
    spread: float
    flagged: bool
    outlier_reviewer_ids: list[int] = field(default_factory=list)
    rank: int = 0
    above_cut: bool = False


def review_value(scores: Mapping[int, float | None], weights: Mapping[int, float]) -> float | None:
    """Weighted mean of the applicable criteria; None when every criterion is N/A."""
    pairs = [(s, weights.get(c, 0.0)) for c, s in scores.items() if s is not None]
    total_weight = sum(w for _, w in pairs)
    if total_weight <= 0:
        return None
    return sum(s * w for s, w in pairs) / total_weight


def normalised_values(reviewer_ids: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Per-reviewer z-scores mapped onto the overall distribution (for reviewers with ≥ 5)."""
    result = values.astype(float).copy()
    if len(values) < 2:
        return result
    overall_mean, overall_std = values.mean(), values.std()
    unique, inverse, counts = np.unique(reviewer_ids, return_inverse=True, return_counts=True)
    sums = np.bincount(inverse, weights=values)
    means = sums / counts
    squares = np.bincount(inverse, weights=(values - means[inverse]) ** 2)
    stds = np.sqrt(squares / counts)
    eligible = (counts >= NORMALISE_FROM) & (stds > 0)
    rows = eligible[inverse]
    z = (values[rows] - means[inverse][rows]) / stds[inverse][rows]
    result[rows] = overall_mean + z * overall_std
    return result


def rank(
    reviews: Iterable[ReviewScores],
    weights: Mapping[int, float],
    candidates: Iterable[Candidate],
    *,
    seats: int | None = None,
    budget: float | None = None,
) -> list[RankedApplication]:
    """Rank candidates best first and mark those above the suggested cut line."""
    kept = [(r, review_value(r.scores, weights)) for r in reviews]
    kept = [(r, v) for r, v in kept if v is not None]
    app_ids = np.array([r.application_id for r, _ in kept], dtype=np.int64)
    raw = np.array([v for _, v in kept], dtype=float)
    normal = normalised_values(np.array([r.reviewer_id for r, _ in kept], dtype=np.int64), raw)
    reviewer_ids = [r.reviewer_id for r, _ in kept]
    rows_of = _rows_by_application(app_ids)
    candidate_list = list(candidates)
    ranked = [
        _summarise(c.application_id, rows_of.get(c.application_id), raw, normal, reviewer_ids)
        for c in candidate_list
    ]
    order = sorted(
        range(len(ranked)),
        key=lambda i: (ranked[i].score is None, -(ranked[i].score or 0), ranked[i].application_id),
    )
    result = [ranked[i] for i in order]
    _mark_cut(result, [candidate_list[i] for i in order], seats, budget)
    return result


def _rows_by_application(app_ids: np.ndarray) -> dict[int, np.ndarray]:
    """{application id: indices of its reviews}, by one sort instead of a scan per candidate."""
    if not len(app_ids):
        return {}
    order = np.argsort(app_ids, kind="stable")
    unique, starts = np.unique(app_ids[order], return_index=True)
    return dict(zip(unique.tolist(), np.split(order, starts[1:]), strict=True))


def _summarise(application_id, rows, raw, normal, reviewer_ids) -> RankedApplication:
    if rows is None or not len(rows):
        return RankedApplication(application_id, None, None, 0, 0.0, False)
    values = normal[rows]
    low, high = raw[rows].min(), raw[rows].max()
    spread = float(high - low)
    outliers: list[int] = []
    if len(rows) >= 3:
        middle = np.median(values)
        outliers = [
            reviewer_ids[row]
            for position, row in enumerate(rows)
            if abs(values[position] - middle) > OUTLIER_DISTANCE
        ]
    return RankedApplication(
        application_id=application_id,
        score=round(float(values.mean()), 3),
        raw_score=round(float(raw[rows].mean()), 3),
        reviews=len(rows),
        spread=round(spread, 3),
        flagged=spread >= SPREAD_FLAG or bool(outliers),
        outlier_reviewer_ids=outliers,
    )


def _mark_cut(ranked, candidates, seats, budget) -> None:
    """The line falls where the next scored application no longer fits in seats or budget."""
    spent, taken, open_ = 0.0, 0, seats is not None or budget is not None
    for position, (entry, candidate) in enumerate(zip(ranked, candidates, strict=True), 1):
        entry.rank = position
        if entry.score is None:
            open_ = False
        if seats is not None and taken >= seats:
            open_ = False
        if budget is not None and spent + candidate.amount > budget:
            open_ = False
        entry.above_cut = open_
        if open_:
            taken += 1
            spent += candidate.amount
