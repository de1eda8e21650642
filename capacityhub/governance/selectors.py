"""Reads for governance, with who may see what: the board, its terms, meetings and motions are
public; draft minutes, papers and open votes are for the board and staff until the minutes are
published; an advice request is seen by its requester, its advisers and staff, and by everyone
once published."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from capacityhub.integrity.selectors import can_oversee

from .measures import measure_get, measure_value
from .models import AdviceRequest, Board, Meeting, Motion, PlanTarget, Term, Vote
from .recommendations import recommendation_label
from .services.common import current_terms, is_officer, today


def board_list() -> QuerySet[Board]:
    return Board.objects.order_by("id")


def board_get(*, slug: str) -> Board:
    return Board.objects.get(slug=slug)


def board_main() -> Board | None:
    return Board.objects.order_by("id").first()


def roster(*, board: Board, day: dt.date | None = None) -> list[Term]:
    """Who sits on the board now, officers first."""
    order = {"chair": 0, "secretary": 1, "member": 2, "advisor": 3}
    terms = current_terms(board=board, day=day).select_related("person__profile")
    return sorted(terms, key=lambda t: (order[t.role], t.person.username))


def renewal_schedule(*, board: Board, day: dt.date | None = None) -> list[tuple[int, list[Term]]]:
    """Current terms grouped by the year they end: staggered renewal at a glance."""
    years: dict[int, list[Term]] = defaultdict(list)
    for term in sorted(roster(board=board, day=day), key=lambda t: (t.ends_on, t.pk)):
        years[term.ends_on.year].append(term)
    return sorted(years.items())


def term_history(*, board: Board) -> QuerySet[Term]:
    return board.terms.select_related("person__profile").order_by("-starts_on", "id")


def sees_board_drafts(viewer, board: Board) -> bool:
    """Board members (overseers) and staff read drafts, papers and open votes."""
    return can_oversee(viewer) or is_officer(viewer, board)


def meeting_list(*, board: Board) -> QuerySet[Meeting]:
    return board.meetings.annotate(
        agenda_count=Count("agenda", distinct=True), motion_count=Count("motions", distinct=True)
    ).order_by("-starts_at", "-id")


def meeting_get(*, pk: int) -> Meeting:
    return Meeting.objects.select_related("board").get(pk=pk)


def meeting_detail(*, meeting: Meeting) -> dict:
    """The agenda, attendance and motions of a meeting, in a fixed number of queries."""
    return {
        "agenda": list(meeting.agenda.all()),
        "attendance": list(meeting.attendance.select_related("person__profile")),
        "motions": list(meeting.motions.select_related("decision", "agenda_item")),
    }


def motion_get(*, pk: int) -> Motion:
    return Motion.objects.select_related("meeting__board", "decision", "agenda_item").get(pk=pk)


def motion_votes(*, motion: Motion, viewer) -> list[Vote]:
    """Each member's vote: public once the motion is closed; before, for the board and staff."""
    if motion.is_open and not sees_board_drafts(viewer, motion.meeting.board):
        return []
    return list(motion.votes.select_related("voter__profile"))


def motion_list(*, board: Board | None = None) -> QuerySet[Motion]:
    motions = Motion.objects.select_related("meeting__board", "decision")
    if board is not None:
        motions = motions.filter(meeting__board=board)
    return motions.order_by("-opened_at", "-id")


def motions_on(*, subject) -> QuerySet[Motion]:
    """The board's motions about a hub object (for that object's page)."""
    return motion_list().filter(subject_type=subject._meta.label_lower, subject_id=str(subject.pk))


def advice_can_view(viewer, request: AdviceRequest) -> bool:
    if request.status == AdviceRequest.Status.PUBLISHED:
        return True
    if not getattr(viewer, "is_authenticated", False) or not viewer.is_active:
        return False
    return (
        viewer.is_staff
        or request.requester_id == viewer.pk
        or request.routes.filter(adviser=viewer).exists()
    )


def advice_get(*, pk: int, viewer) -> AdviceRequest:
    request = AdviceRequest.objects.select_related(
        "requester__profile", "answered_by__profile", "organization"
    ).get(pk=pk)
    if not advice_can_view(viewer, request):
        raise AdviceRequest.DoesNotExist
    return request


def advice_list(*, viewer, mine: bool = False) -> QuerySet[AdviceRequest]:
    """Published advice; with `mine`, what the viewer asked or was asked."""
    requests = AdviceRequest.objects.select_related("requester__profile").prefetch_related(
        "capacities"
    )
    if not mine:
        return requests.filter(status=AdviceRequest.Status.PUBLISHED)
    if not getattr(viewer, "is_authenticated", False):
        return requests.none()
    return requests.filter(Q(requester=viewer) | Q(routes__adviser=viewer)).distinct()


@dataclass(frozen=True)
class PlanRow:
    target: PlanTarget
    recommendation: str
    measure: str
    value: int | None
    share: int | None  # percent of the way from baseline to target, capped at 100


def _share(target: PlanTarget, value: int | None) -> int | None:
    if value is None:
        return None
    span = target.target - target.baseline
    if span <= 0:
        return 100 if value >= target.target else 0
    return max(0, min(100, round(100 * (value - target.baseline) / span)))


def plan_progress(*, year: int) -> list[PlanRow]:
    """The plan's targets for a year against the measures' values (each measure read once)."""
    targets = list(PlanTarget.objects.filter(year=year))
    values = {key: measure_value(key, year) for key in {t.measure for t in targets}}
    rows = []
    for target in targets:
        measure = measure_get(target.measure)
        rows.append(
            PlanRow(
                target=target,
                recommendation=recommendation_label(target.recommendation),
                measure=str(measure.label) if measure else target.measure,
                value=values[target.measure],
                share=_share(target, values[target.measure]),
            )
        )
    return rows


def plan_years() -> list[int]:
    years = set(PlanTarget.objects.values_list("year", flat=True).distinct())
    return sorted(years | {today().year})


def popolo_querysets(*, board: Board) -> dict:
    """What the Popolo export reads (closed motions only: open votes are not yet public)."""
    closed = Motion.objects.filter(meeting__board=board).exclude(status=Motion.Status.OPEN)
    return {
        "terms": list(board.terms.select_related("person__profile")),
        "motions": list(
            closed.select_related("meeting").prefetch_related(
                Prefetch("votes", queryset=Vote.objects.select_related("voter"))
            )
        ),
    }
