"""The board: its page data, terms (staff seat and end them), the Popolo export, and the plan.
The router is shared: meetings.py and advice.py register on it."""

from datetime import date
from typing import Literal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from capacityhub.governance.measures import measures
from capacityhub.governance.models import ChosenBy, Role, Term
from capacityhub.governance.popolo import popolo_document
from capacityhub.governance.recommendations import RECOMMENDATIONS
from capacityhub.governance.selectors import board_get, board_list, plan_progress, roster
from capacityhub.governance.services import plan_target_set, term_end, term_start
from capacityhub.governance.services.common import today

from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ,
    READ_ERRORS,
    WRITE_AUTH,
    WRITE_ERRORS,
    Input,
    ObjectId,
    SlugPath,
    Text,
)

router = Router(tags=["governance"])


class GovernanceTermOut(Schema):
    id: int
    person: str
    name: str
    role: str
    chosen_by: str
    starts_on: date
    ends_on: date
    ended_on: date | None


class GovernanceBoardOut(Schema):
    slug: str
    name: dict[str, str]
    mandate: dict[str, str]
    members: list[GovernanceTermOut]


def term_out(term: Term) -> dict:
    profile = getattr(term.person, "profile", None)
    return {
        "id": term.pk, "person": term.person.username,
        "name": profile.display_name if profile else term.person.username,
        "role": term.role, "chosen_by": term.chosen_by, "starts_on": term.starts_on,
        "ends_on": term.ends_on, "ended_on": term.ended_on,
    }  # fmt: skip


def _board_out(board) -> dict:
    return {"slug": board.slug, "name": board.name, "mandate": board.mandate,
            "members": [term_out(t) for t in roster(board=board)]}  # fmt: skip


@router.get("/governance/boards", response={200: list[GovernanceBoardOut], **READ_ERRORS}, **READ)
def list_boards(request: HttpRequest):
    """The unit's boards with the members holding a term today."""
    return [_board_out(b) for b in board_list()[:20]]


@router.get("/governance/boards/{slug}", response={200: GovernanceBoardOut, **DETAIL_ERRORS},
            **READ)  # fmt: skip
def get_board(request: HttpRequest, slug: SlugPath):
    return _board_out(board_get(slug=slug))


@router.get("/governance/boards/{slug}/popolo", response={200: dict, **DETAIL_ERRORS}, **READ)
def popolo(request: HttpRequest, slug: SlugPath):
    """Popolo JSON: persons, organizations, posts, memberships, motions (closed), vote_events
    and votes."""
    return popolo_document(board_get(slug=slug))


class GovernanceTermIn(Input):
    person: Text(150, min_length=1)
    role: Literal[tuple(Role.values)]
    chosen_by: Literal[tuple(ChosenBy.values)]
    starts_on: date
    ends_on: date


@router.post("/governance/boards/{slug}/terms", response={201: GovernanceTermOut,
             **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH)  # fmt: skip
def add_term(request: HttpRequest, slug: SlugPath, payload: GovernanceTermIn):
    """Staff seat a person for a dated term."""
    board = board_get(slug=slug)
    person = get_user_model().objects.filter(username=payload.person, is_active=True).first()
    if person is None:
        raise ValidationError({"person": _("No such person.")})
    fields = payload.model_dump(exclude={"person"})
    term = term_start(actor=request.user, board=board, person=person, **fields)
    return Status(201, term_out(term))


class GovernanceTermEndIn(Input):
    ended_on: date | None = None


@router.post("/governance/terms/{term_id}/end", response={200: GovernanceTermOut,
             **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH)  # fmt: skip
def end_term(request: HttpRequest, term_id: ObjectId, payload: GovernanceTermEndIn):
    term = Term.objects.select_related("person__profile").get(pk=term_id)
    return term_out(term_end(actor=request.user, term=term, ended_on=payload.ended_on))


class GovernancePlanQuery(Schema):
    year: int | None = None


class GovernancePlanRowOut(Schema):
    year: int
    recommendation: str
    recommendation_label: str
    measure: str
    measure_label: str
    baseline: int
    target: int
    value: int | None
    progress_percent: int | None


@router.get("/governance/plan", response={200: list[GovernancePlanRowOut], **READ_ERRORS}, **READ)
def plan(request: HttpRequest, query: Query[GovernancePlanQuery]):
    """The annual plan (this year unless `year`): each target against its measure so far."""
    year = query.year if query.year and 2000 <= query.year <= 2100 else today().year
    return [
        {"year": r.target.year, "recommendation": r.target.recommendation,
         "recommendation_label": r.recommendation, "measure": r.target.measure,
         "measure_label": r.measure, "baseline": r.target.baseline, "target": r.target.target,
         "value": r.value, "progress_percent": r.share}
        for r in plan_progress(year=year)
    ]  # fmt: skip


class GovernancePlanTargetIn(Input):
    year: int
    recommendation: Literal[tuple(RECOMMENDATIONS)]
    measure: Text(60, min_length=1)
    target: int
    baseline: int = 0
    note: Text(500) = ""


@router.put("/governance/plan/targets", response={200: GovernancePlanRowOut, **WRITE_ERRORS},
            auth=WRITE_AUTH)  # fmt: skip
def set_target(request: HttpRequest, payload: GovernancePlanTargetIn):
    """Staff and the board's officers set a year's target for a recommendation and measure
    (`measure` is one of GET /governance/measures)."""
    row = plan_target_set(actor=request.user, **payload.model_dump())
    found = [r for r in plan_progress(year=row.year) if r.target.pk == row.pk][0]
    return {"year": row.year, "recommendation": row.recommendation,
            "recommendation_label": found.recommendation, "measure": row.measure,
            "measure_label": found.measure, "baseline": row.baseline, "target": row.target,
            "value": found.value, "progress_percent": found.share}  # fmt: skip


class GovernanceMeasureOut(Schema):
    key: str
    label: str


@router.get("/governance/measures", response={200: list[GovernanceMeasureOut], **READ_ERRORS},
            **READ)  # fmt: skip
def list_measures(request: HttpRequest):
    return [{"key": m.key, "label": str(m.label)} for m in measures()]
