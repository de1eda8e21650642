"""Advice requests: ask (members), answer (the advisers it was routed to), publish (the asker)."""

from datetime import datetime
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status

from capacityhub.community.models import Organization
from capacityhub.governance.models import AdviceRequest
from capacityhub.governance.selectors import advice_get, advice_list
from capacityhub.governance.services import advice_answer, advice_publish, advice_request

from ..core.pagination import page_out, paginate
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ,
    READ_ERRORS,
    WRITE_AUTH,
    WRITE_ERRORS,
    CapacityCode,
    Input,
    LanguageCode,
    ObjectId,
    Page,
    PageQuery,
    Slug,
    Text,
)
from .board import router


class GovernanceAdviceOut(Schema):
    id: int
    title: str
    question: str
    capacities: list[str]
    languages: list[str]
    status: str
    answer: str
    answered_at: datetime | None
    created_at: datetime


def _out(request: AdviceRequest) -> dict:
    return {
        "id": request.pk, "title": request.title, "question": request.question,
        "capacities": [c.code for c in request.capacities.all()], "languages": request.languages,
        "status": request.status, "answer": request.answer, "answered_at": request.answered_at,
        "created_at": request.created_at,
    }  # fmt: skip


class GovernanceAdviceQuery(PageQuery):
    mine: bool = False


@router.get("/governance/advice", response={200: Page[GovernanceAdviceOut], **READ_ERRORS},
            **READ)  # fmt: skip
def list_advice(request: HttpRequest, query: Query[GovernanceAdviceQuery]):
    """Published advice; `mine=true`: what you asked or were asked."""
    found, count = paginate(advice_list(viewer=request.user, mine=query.mine), query.page,
                            query.page_size)  # fmt: skip
    return page_out(request, [_out(r) for r in found], count, query.page, query.page_size)


@router.get("/governance/advice/{advice_id}", response={200: GovernanceAdviceOut,
            **DETAIL_ERRORS}, **READ)  # fmt: skip
def get_advice(request: HttpRequest, advice_id: ObjectId):
    return _out(advice_get(pk=advice_id, viewer=request.user))


class GovernanceAdviceIn(Input):
    title: Text(200, min_length=1)
    question: Text(8000, min_length=1)
    capacities: Annotated[list[CapacityCode], Field(min_length=1, max_length=10)]
    languages: Annotated[list[LanguageCode], Field(max_length=10)] = []
    organization: Slug | None = None


@router.post("/governance/advice", response={201: GovernanceAdviceOut, **WRITE_ERRORS},
             auth=WRITE_AUTH)  # fmt: skip
def ask(request: HttpRequest, payload: GovernanceAdviceIn):
    """Ask the board's members and advisors; routed to those whose capacities fit best."""
    organization = None
    if payload.organization:
        organization = Organization.objects.filter(slug=payload.organization).first()
        if organization is None:
            from django.core.exceptions import ValidationError
            from django.utils.translation import gettext as _

            raise ValidationError({"organization": _("No such organization.")})
    created = advice_request(actor=request.user, organization=organization,
                             **payload.model_dump(exclude={"organization"}))  # fmt: skip
    return Status(201, _out(created))


class GovernanceAnswerIn(Input):
    answer: Text(20000, min_length=1)


@router.post("/governance/advice/{advice_id}/answer", response={200: GovernanceAdviceOut,
             **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH)  # fmt: skip
def answer(request: HttpRequest, advice_id: ObjectId, payload: GovernanceAnswerIn):
    advice = advice_get(pk=advice_id, viewer=request.user)
    return _out(advice_answer(actor=request.user, request=advice, answer=payload.answer))


@router.post("/governance/advice/{advice_id}/publish", response={200: GovernanceAdviceOut,
             **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH)  # fmt: skip
def publish(request: HttpRequest, advice_id: ObjectId):
    """The asker agrees that the question and its answer be public."""
    advice = advice_get(pk=advice_id, viewer=request.user)
    return _out(advice_publish(actor=request.user, request=advice))
