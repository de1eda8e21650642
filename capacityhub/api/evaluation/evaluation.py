"""Logic models, the Kirkpatrick matrix (figures from fewer than 5 people come back
suppressed, with a reason), surveys' consent and invitations, open data."""

from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from capacityhub.community.models import User
from capacityhub.evaluation.models import Survey
from capacityhub.evaluation.selectors import (
    DATA_DICTIONARY,
    logic_model_get,
    logic_model_list,
    matrix_for,
    open_data_rows,
)
from capacityhub.evaluation.services import (
    consent_set,
    invitation_create,
    logic_model_create,
)
from capacityhub.evaluation.subjects import KINDS

from ..core.pagination import page_out, paginate
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ,
    READ_ERRORS,
    WRITE_AUTH,
    WRITE_ERRORS,
    Input,
    ObjectId,
    Page,
    PageQuery,
    Text,
)

router = Router(tags=["evaluation"])

Item = Annotated[str, Field(min_length=1, max_length=300)]


class EvaluationLogicModelOut(Schema):
    id: int
    subject_type: str
    subject_id: str
    title: str
    inputs: list[str]
    activities: list[str]
    outputs: list[str]
    outcomes: list[str]
    version: int


class EvaluationLogicModelIn(Input):
    subject_type: Annotated[str, Field(max_length=60)]
    subject_id: ObjectId
    title: Text(200, 1)
    inputs: list[Item] = Field(default=[], max_length=30)
    activities: list[Item] = Field(default=[], max_length=30)
    outputs: list[Item] = Field(default=[], max_length=30)
    outcomes: list[Item] = Field(default=[], max_length=30)


class EvaluationFigureOut(Schema):
    key: str
    label: str
    value: float | None
    people: int
    unit: str
    ci_low: float | None
    ci_high: float | None
    suppressed: bool
    reason: str


class EvaluationLevelOut(Schema):
    level: int
    label: str
    figures: list[EvaluationFigureOut]


class EvaluationInvitationIn(Input):
    person: Annotated[str, Field(min_length=1, max_length=150)]


class EvaluationInvitationOut(Schema):
    id: int
    survey: int
    person: str


class EvaluationConsentIn(Input):
    agree: bool


class EvaluationConsentOut(Schema):
    agree: bool


def _out(model) -> dict:
    return {f: getattr(model, f) for f in EvaluationLogicModelOut.model_fields}


@router.get("/evaluation/logic-models", response={200: Page[EvaluationLogicModelOut],
            **READ_ERRORS}, **READ)  # fmt: skip
def list_logic_models(request: HttpRequest, query: Query[PageQuery]):
    """The logic models whose subject is public (and those of subjects you manage)."""
    items, count = paginate(logic_model_list(user=request.user), query.page, query.page_size)
    return page_out(request, [_out(m) for m in items], count, query.page, query.page_size)


@router.get("/evaluation/logic-models/{logic_model_id}", response={200: EvaluationLogicModelOut,
            **DETAIL_ERRORS}, **READ)  # fmt: skip
def get_logic_model(request: HttpRequest, logic_model_id: ObjectId):
    return _out(logic_model_get(pk=logic_model_id, user=request.user))


@router.get("/evaluation/logic-models/{logic_model_id}/matrix",
            response={200: list[EvaluationLevelOut], **DETAIL_ERRORS}, **READ)  # fmt: skip
def get_matrix(request: HttpRequest, logic_model_id: ObjectId):
    """The four Kirkpatrick levels. A figure from fewer than 5 people has `value` null,
    `suppressed` true and a `reason`."""
    rows = matrix_for(logic_model_get(pk=logic_model_id, user=request.user))
    return [
        {"level": row.level, "label": row.label, "figures": [
            {"key": f.key, "label": f.label, "value": f.value, "people": f.n, "unit": f.unit,
             "ci_low": f.low, "ci_high": f.high, "suppressed": f.suppressed, "reason": f.reason}
            for f in row.figures]}
        for row in rows
    ]  # fmt: skip


@router.post("/evaluation/logic-models", response={201: EvaluationLogicModelOut, **WRITE_ERRORS},
             auth=WRITE_AUTH)  # fmt: skip
def create_logic_model(request: HttpRequest, body: EvaluationLogicModelIn):
    """Staff and the subject's managers. subject_type is one of the evaluable kinds."""
    if body.subject_type not in KINDS:
        raise ValidationError({"subject_type": _("This kind of subject cannot be evaluated.")})
    model = logic_model_create(actor=request.user, **body.model_dump())
    return Status(201, _out(model))


@router.post("/evaluation/surveys/{survey_id}/invitations",
             response={201: EvaluationInvitationOut, **OBJECT_WRITE_ERRORS},
             auth=WRITE_AUTH)  # fmt: skip
def invite(request: HttpRequest, survey_id: ObjectId, body: EvaluationInvitationIn):
    """Invite one participant. A follow-up for a person who did not consent: 422 on
    `person`, nothing changed."""
    survey = get_object_or_404(Survey, pk=survey_id)
    person = User.objects.filter(username=body.person).first()
    if person is None:
        raise ValidationError({"person": _("No such person.")})
    invitation = invitation_create(actor=request.user, survey=survey, person=person)
    return Status(201, {"id": invitation.pk, "survey": survey.pk, "person": person.username})


@router.put("/evaluation/surveys/{survey_id}/consent",
            response={200: EvaluationConsentOut, **OBJECT_WRITE_ERRORS},
            auth=WRITE_AUTH)  # fmt: skip
def set_consent(request: HttpRequest, survey_id: ObjectId, body: EvaluationConsentIn):
    """Agree (or not) that your answers about the survey's subject are linked to you."""
    survey = get_object_or_404(Survey, pk=survey_id)
    consent_set(actor=request.user, survey=survey, agree=body.agree)
    return {"agree": body.agree}


@router.get("/evaluation/open-data", response={200: dict, **READ_ERRORS}, **READ)
def open_data(request: HttpRequest):
    """Anonymised aggregates (CC0) with their data dictionary."""
    dictionary = [{"column": n, "type": t, "meaning": str(m)} for n, t, m in DATA_DICTIONARY]
    return {"licence": "CC0-1.0", "minimum_people": 5, "data_dictionary": dictionary,
            "rows": open_data_rows()}  # fmt: skip
