"""Mentor assignment, pure: plain data in, plain data out (decision 0024).

`scoring` scores every mentee against every mentor (vectorised, closeness–language–time zone
as the exchange scores a match) and keeps the top K allowed candidates per mentee; `solver`
turns them into an optimal assignment with a min-cost flow (OR-Tools), a primary mentor first
and then a backup (≠ the primary); `explain` says why a mentor was chosen."""

from .scoring import MenteeSpec, MentorSpec, candidates, pair_score
from .solver import Assignment, assign_mentors, explain, objective, pick_one

__all__ = [
    "Assignment",
    "MenteeSpec",
    "MentorSpec",
    "assign_mentors",
    "candidates",
    "explain",
    "objective",
    "pair_score",
    "pick_one",
]
