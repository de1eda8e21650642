"""Where the Kirkpatrick matrix gets the hub's own figures: a registry of providers.

A provider is registered per subject type (or "*" for every subject) and level; it receives
a `Context` (the subject, its participants' user ids as a subquery, the day the activity
ended) and returns figures. Each figure says how many people it comes from (`n`), so the
matrix can suppress what comes from fewer than five. Apps above evaluation (mentoring:
retention; orgdev: assessment_change) register their providers after the merge, without
evaluation importing them."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

MIN_PEOPLE = 5


@dataclass(frozen=True)
class Context:
    subject_type: str
    subject: Any
    participants: Any  # a queryset of the participants' user ids (usable as a subquery)
    people: int  # how many participants
    ended_on: date | None
    capacities: tuple[int, ...]


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: float | None
    n: int
    unit: str = ""
    low: float | None = None  # a confidence interval, when there is one
    high: float | None = None
    suppressed: bool = False
    reason: str = ""


Provider = Callable[[Context], list[Figure]]
PROVIDERS: dict[tuple[str, int], list[Provider]] = {}


def register_provider(subject_type: str, level: int, provider: Provider) -> None:
    """`subject_type` "app_label.model", or "*" for every subject."""
    PROVIDERS.setdefault((subject_type, level), []).append(provider)


def providers_for(subject_type: str, level: int) -> list[Provider]:
    return PROVIDERS.get(("*", level), []) + PROVIDERS.get((subject_type, level), [])


def suppress(figure: Figure, *, minimum: int = MIN_PEOPLE) -> Figure:
    """The figure without its value when it comes from fewer than `minimum` people."""
    from django.utils.translation import gettext as _

    if figure.n >= minimum:
        return figure
    return Figure(
        key=figure.key,
        label=figure.label,
        value=None,
        n=0,
        unit=figure.unit,
        suppressed=True,
        reason=_("Fewer than %(minimum)d people: not shown, to protect their privacy.")
        % {"minimum": minimum},
    )
