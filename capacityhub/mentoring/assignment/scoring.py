"""Scoring mentee × mentor pairs and keeping the top K allowed candidates per mentee.

score = closeness (how near the mentor's capacities are to each goal, the exchange's taxonomy
closeness, averaged over the goals) + language (the mentee's first language shared: 1, another
shared language: 0.75) + time zone overlap (the exchange's `tz_overlap`), weighted like the
exchange weighs closeness, language and place. Scores are integers 0..1000 so the flow is exact.

Hard constraints (a pair that breaks one is never a candidate): at least one shared language,
some closeness to the goals (a mentor of an unrelated tree is no mentor), the mentor takes
automatic assignments (weight > 0) and has room, no conflict of interest, not excluded
(e.g. the primary when choosing a backup)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from capacityhub.exchange.matching.scoring import (
    UNKNOWN_OVERLAP,
    WEIGHTS,
    closeness,
    tz_overlap,
)
from capacityhub.taxonomy.tree import Tree

_TOTAL = WEIGHTS["closeness"] + WEIGHTS["language"] + WEIGHTS["place"]
W_CLOSENESS = WEIGHTS["closeness"] / _TOTAL
W_LANGUAGE = WEIGHTS["language"] / _TOTAL
W_TIME = WEIGHTS["place"] / _TOTAL
OTHER_LANGUAGE = 0.75
SCALE = 1000
CHUNK = 1024


@dataclass(frozen=True)
class MentorSpec:
    id: int
    capacities: frozenset[int]
    languages: frozenset[str]
    offset: float | None = None  # hours from UTC
    room: int = 1  # how many more mentees this run may give them
    weight: int = 1  # 0 = manual only, 1, 2, 4
    load: int = 0  # mentees they already have
    backup_room: int = 1  # how many more mentees they may back up


@dataclass(frozen=True)
class MenteeSpec:
    id: int
    goals: tuple[int, ...]
    languages: tuple[str, ...]  # the first is the one they prefer
    offset: float | None = None


def pair_score(mentee: MenteeSpec, mentor: MentorSpec, tree: Tree) -> int | None:
    """The score of one pair (the definition the vectorised code is tested against); None when
    a hard constraint on the pair itself fails (no shared language, nothing close)."""
    shared = set(mentee.languages) & mentor.languages
    if not shared or not mentee.goals:
        return None
    near = [
        max((closeness(tree.distance(goal, c)) for c in mentor.capacities), default=0.0)
        for goal in mentee.goals
    ]
    close = sum(near) / len(near)
    if close <= 0:
        return None
    language = 1.0 if mentee.languages[0] in mentor.languages else OTHER_LANGUAGE
    time = tz_overlap(mentee.offset, mentor.offset)
    return round(SCALE * (W_CLOSENESS * close + W_LANGUAGE * language + W_TIME * time))


def _goal_closeness(goals: list[int], mentors: Sequence[MentorSpec], tree: Tree) -> np.ndarray:
    """best[g, j]: the closeness of mentor j's nearest capacity to goal g."""
    capacities = sorted({c for m in mentors for c in m.capacities})
    near = np.array(
        [[closeness(tree.distance(g, c)) for c in capacities] for g in goals], dtype=np.float64
    ).reshape(len(goals), len(capacities))
    column = {c: i for i, c in enumerate(capacities)}
    best = np.zeros((len(goals), len(mentors)))
    for j, mentor in enumerate(mentors):
        if mentor.capacities:
            best[:, j] = near[:, [column[c] for c in mentor.capacities]].max(axis=1)
    return best


def _language_masks(mentees, mentors):
    codes = sorted(
        {c for m in mentees for c in m.languages} | {c for m in mentors for c in m.languages}
    )
    bit = {code: i for i, code in enumerate(codes)}
    words = max(1, -(-len(codes) // 64))

    def mask(languages: Iterable[str]) -> np.ndarray:
        row = np.zeros(words, dtype=np.uint64)
        for code in languages:
            row[bit[code] // 64] |= np.uint64(1) << np.uint64(bit[code] % 64)
        return row

    spoken = np.array([mask(m.languages) for m in mentors]).reshape(len(mentors), words)
    wanted = np.array([mask(m.languages) for m in mentees]).reshape(len(mentees), words)
    first = np.array([mask(m.languages[:1]) for m in mentees]).reshape(len(mentees), words)
    return spoken, wanted, first


def _shares(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if a.shape[1] == 1:  # up to 64 languages: one word, a plain outer AND
        return (a[:, 0][:, None] & b[:, 0][None, :]) != 0
    return ((a[:, None, :] & b[None, :, :]) != 0).any(axis=2)


def _overlap(mine: np.ndarray, theirs: np.ndarray) -> np.ndarray:
    """tz_overlap for every pair at once (the same arithmetic)."""
    difference = np.abs(mine[:, None] - theirs[None, :]) % 24
    apart = np.minimum(difference, 24 - difference)
    return np.where(np.isnan(apart), UNKNOWN_OVERLAP, np.maximum(0.0, 1.0 - apart / 12))


def candidates(
    mentees: Sequence[MenteeSpec],
    mentors: Sequence[MentorSpec],
    tree: Tree,
    *,
    k: int = 10,
    excluded: Iterable[tuple[int, int]] = (),
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mentee index, mentor index, score) of each mentee's top-k allowed mentors.
    `excluded` holds (mentee id, mentor id) pairs: conflicts, the primary, earlier mentors."""
    open_mentors = np.array([m.weight > 0 and m.room > 0 for m in mentors], dtype=bool)
    if not mentees or not mentors or not open_mentors.any():
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    goals = sorted({g for m in mentees for g in m.goals})
    goal_row = {g: i for i, g in enumerate(goals)}
    best = _goal_closeness(goals, mentors, tree)
    spoken, wanted, first = _language_masks(mentees, mentors)
    offsets = np.array([np.nan if m.offset is None else m.offset for m in mentors])
    mentee_offsets = np.array([np.nan if m.offset is None else m.offset for m in mentees])
    mentor_index = {m.id: j for j, m in enumerate(mentors)}
    blocked: dict[int, list[int]] = {}
    for mentee_id, mentor_id in excluded:
        if mentor_id in mentor_index:
            blocked.setdefault(mentee_id, []).append(mentor_index[mentor_id])
    rows, cols, scores = [], [], []
    for start in range(0, len(mentees), CHUNK):
        chunk = mentees[start : start + CHUNK]
        incidence = np.zeros((len(chunk), len(goals)))
        for i, mentee in enumerate(chunk):
            for g in mentee.goals:
                incidence[i, goal_row[g]] = 1.0 / len(mentee.goals)
        close = incidence @ best
        language = np.where(_shares(first[start : start + len(chunk)], spoken), 1.0, OTHER_LANGUAGE)
        time = _overlap(mentee_offsets[start : start + len(chunk)], offsets)
        score = np.rint(SCALE * (W_CLOSENESS * close + W_LANGUAGE * language + W_TIME * time))
        allowed = _shares(wanted[start : start + len(chunk)], spoken) & (close > 0) & open_mentors
        for i, mentee in enumerate(chunk):
            allowed[i, blocked.get(mentee.id, [])] = False
        score = np.where(allowed, score, -1)
        top = _top_k(score, k)
        r, c = np.nonzero(top)
        rows.append(r + start)
        cols.append(c)
        scores.append(score[r, c])
    return (
        np.concatenate(rows).astype(np.int64),
        np.concatenate(cols).astype(np.int64),
        np.concatenate(scores).astype(np.int64),
    )


def _top_k(score: np.ndarray, k: int) -> np.ndarray:
    """A mask of each row's k best allowed (≥ 0) entries (argpartition: linear time)."""
    if score.shape[1] > k:
        order = np.argpartition(-score, k - 1, axis=1)[:, :k]
        mask = np.zeros(score.shape, dtype=bool)
        np.put_along_axis(mask, order, True, axis=1)
    else:
        mask = np.ones(score.shape, dtype=bool)
    return mask & (score >= 0)
