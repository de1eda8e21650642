"""Shapes the mentoring endpoints share (class names start with Mentoring: unique in the API)."""

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema

from capacityhub.community.models import Evidence
from capacityhub.mentoring.models import Stage, StageActivity

from ..core.schemas import CapacityCode, ErrorOut, Input, LanguageCode, Text

TimeZone = Text(64)
Capacities = Annotated[list[CapacityCode], Field(max_length=20)]
Languages = Annotated[list[LanguageCode], Field(max_length=20)]
FORBIDDEN = {403: ErrorOut}


def known(model, pk: int | None, field: str):
    """The row a body field names; an unknown id is bad input naming the field (422)."""
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: _("Nothing with this id.")})
    return found


class MentoringActivityIn(Input):
    kind: Literal[tuple(StageActivity.Kind.values)]
    title: Text(200, 1)
    link: Text(300) = ""


class MentoringStageIn(Input):
    title: Text(200, 1)
    entry_criteria: Text(4000) = ""
    completion: Literal[tuple(Stage.Completion.values)] = "sign_off"
    evidence_kind: Literal[("", *Evidence.Kind.values)] = ""
    evidence_capacity: Text(80) = ""
    activities: Annotated[list[MentoringActivityIn], Field(max_length=20)] = []


class MentoringStageOut(Schema):
    id: int
    position: int
    title: str
    entry_criteria: str
    completion: str
    evidence_kind: str
    evidence_capacity: str | None


class MentoringProgrammeOut(Schema):
    id: int
    title: str
    description: str
    capacities: list[str]
    languages: list[str]
    organization: str | None
    stages: list[MentoringStageOut] = []


class MentoringCohortOut(Schema):
    id: int
    programme: int
    title: str
    starts_on: dt.date
    ends_on: dt.date
    intake_call: int | None
    facilitators: list[str]


class MentoringProgressOut(Schema):
    participant: int
    username: str
    status: str
    stage: str | None
    missing: str | None


class MentoringMentorshipOut(Schema):
    id: int
    mentor: str
    mentee: str
    backup: str | None
    status: str
    goals: list[str]
    cohort: int | None
    explanation: list[dict]
    override_reason: str
    ended_reason: str
