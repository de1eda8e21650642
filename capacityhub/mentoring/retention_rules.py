"""Retention, pure: who of a programme's alumni was still active after completing it.

Retained at +30 / +90 / +365 days = any hub activity in that window after completion:
(0, 30], (30, 90] and (90, 365] days. An alumnus counts in a window only once the window has
ended. "Became a mentor or facilitator" = within 365 days of completion. Rates over groups of
fewer than MIN_GROUP people are not shown (None), nor dropout counts of 1 to 4 people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

WINDOWS: tuple[tuple[int, int], ...] = ((0, 30), (30, 90), (90, 365))
MIN_GROUP = 5
LEADER_DAYS = 365


@dataclass(frozen=True)
class Window:
    days: int
    eligible: int  # alumni whose window has ended
    retained: int | None  # None: fewer than MIN_GROUP eligible
    rate: float | None


@dataclass(frozen=True)
class Retention:
    alumni: int
    windows: tuple[Window, ...]
    became_leaders: int | None
    leader_rate: float | None
    dropout_by_stage: tuple[tuple[str, int | None], ...]  # (stage title, people) in order


def _shown(count: int, group: int) -> tuple[int | None, float | None]:
    if group < MIN_GROUP:
        return None, None
    return count, round(count / group, 3)


def retention_windows(
    completed: Mapping[int, dt.datetime],
    activity: Mapping[int, Sequence[dt.datetime]],
    now: dt.datetime,
) -> tuple[Window, ...]:
    windows = []
    for start, end in WINDOWS:
        eligible = retained = 0
        for person, finished in completed.items():
            if finished + dt.timedelta(days=end) > now:
                continue
            eligible += 1
            low, high = finished + dt.timedelta(days=start), finished + dt.timedelta(days=end)
            if any(low < moment <= high for moment in activity.get(person, ())):
                retained += 1
        count, rate = _shown(retained, eligible)
        windows.append(Window(end, eligible, count, rate))
    return tuple(windows)


def leaders(
    completed: Mapping[int, dt.datetime], became: Mapping[int, Iterable[dt.datetime]]
) -> tuple[int | None, float | None]:
    """How many alumni became a mentor or facilitator within a year of completing."""
    count = sum(
        1
        for person, finished in completed.items()
        if any(
            finished - dt.timedelta(days=1) <= moment <= finished + dt.timedelta(days=LEADER_DAYS)
            for moment in became.get(person, ())
        )
    )
    return _shown(count, len(completed))


def dropout(stages: Sequence[str], dropped_at: Sequence[int | None]) -> tuple:
    """(stage title, people who left at it), 1–4 shown as None; `dropped_at` holds the index
    of the stage each person who left was at."""
    counts = [0] * len(stages)
    for index in dropped_at:
        if index is not None and 0 <= index < len(stages):
            counts[index] += 1
    return tuple(
        (title, n if n == 0 or n >= MIN_GROUP else None)
        for title, n in zip(stages, counts, strict=True)
    )
