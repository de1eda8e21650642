"""Routing an advice request to the board members and advisors who know its capacities best.
Pure: reuses the exchange's matching components (taxonomy closeness, language fit)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from capacityhub.exchange.matching.scoring import closeness, language_fit
from capacityhub.taxonomy.tree import Tree

CLOSENESS_SHARE, LANGUAGE_SHARE = 0.75, 0.25
MOST_ADVISERS = 3


@dataclass(frozen=True)
class Adviser:
    user_id: int
    capacities: frozenset[int]  # capacities they know or offer
    languages: Mapping[str, int] = field(default_factory=dict)  # code → proficiency


def adviser_score(
    capacities: Sequence[int], languages: Sequence[str], adviser: Adviser, tree: Tree
) -> float:
    """0 when none of their capacities is near the question's; otherwise closeness (best pair)
    weighted with how well they speak the asked languages."""
    best = max(
        (closeness(tree.distance(a, b)) for a in adviser.capacities for b in capacities),
        default=0.0,
    )
    if best <= 0:
        return 0.0
    spoken = language_fit(list(languages), adviser.languages)
    return round(CLOSENESS_SHARE * best + LANGUAGE_SHARE * (spoken or 0.0), 6)


def route(
    capacities: Sequence[int],
    languages: Sequence[str],
    advisers: Sequence[Adviser],
    tree: Tree,
    *,
    most: int = MOST_ADVISERS,
) -> list[tuple[int, float]]:
    """The best `most` advisers with a capacity near the question, best first (ties by id)."""
    scored = [(a.user_id, adviser_score(capacities, languages, a, tree)) for a in advisers]
    ranked = sorted((s for s in scored if s[1] > 0), key=lambda s: (-s[1], s[0]))
    return ranked[:most]
