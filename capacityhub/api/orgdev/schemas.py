"""The orgdev API's schemas (names prefixed Orgdev: schema names are unique across the API)."""

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from ..core.schemas import Input, Text

RoleName = Literal["board", "staff", "volunteer", "facilitator"]
DimensionName = Literal[
    "governance", "strategy", "finance", "programmes", "partnerships", "people",
    "communications", "evaluation", "technology",
]  # fmt: skip


class OrgdevRespondentIn(Input):
    username: Text(150, 1)
    role: RoleName


class OrgdevRoundIn(Input):
    title: Text(200, 1)
    respondents: Annotated[list[OrgdevRespondentIn], Field(max_length=200)]


class OrgdevInviteIn(Input):
    respondents: Annotated[list[OrgdevRespondentIn], Field(min_length=1, max_length=200)]


class OrgdevAnswerIn(Input):
    level: int | None = Field(None, description="1–4; required for every answer given.")
    evidence: Text(2000) = ""
    notes: Text(2000) = ""


class OrgdevAnswersIn(Input):
    answers: Annotated[dict[Text(64), OrgdevAnswerIn], Field(max_length=100)]
    submit: bool = False


class OrgdevPublishIn(Input):
    published: bool


class OrgdevSummaryOut(Schema):
    median: float
    q1: float
    q3: float
    iqr: float
    count: int
    by_role: dict[str, float]
    disagreement: bool


class OrgdevRoundOut(Schema):
    id: int
    organization: str
    title: str
    framework_version: int
    opened_at: datetime
    closed_at: datetime | None
    published: bool
    respondents: int
    submitted: int


class OrgdevResultsOut(OrgdevRoundOut):
    dimensions: dict[str, OrgdevSummaryOut]
    questions: dict[str, OrgdevSummaryOut]
    benchmarks: dict[str, dict[str, float]]


class OrgdevChangeOut(Schema):
    before: float | None
    after: float | None


class OrgdevLevelOut(Schema):
    level: int
    name: str
    description: str


class OrgdevQuestionOut(Schema):
    key: str
    text: str


class OrgdevDimensionOut(Schema):
    key: str
    label: str
    levels: list[OrgdevLevelOut]
    questions: list[OrgdevQuestionOut]


class OrgdevFrameworkOut(Schema):
    version: int
    mapping: dict[str, str]
    dimensions: list[OrgdevDimensionOut]


class OrgdevMilestoneOut(Schema):
    id: int
    title: str
    due_on: date | None
    owner: str | None
    done_at: datetime | None


class OrgdevGoalOut(Schema):
    id: int
    dimension: str
    title: str
    description: str
    owner: str | None
    due_on: date | None
    status: str
    need: int | None
    milestones: list[OrgdevMilestoneOut]


class OrgdevGoalIn(Input):
    dimension: DimensionName
    title: Text(200, 1)
    description: Text(4000) = ""
    owner: Text(150) | None = None
    due_on: date | None = None


class OrgdevGapIn(Input):
    dimension: DimensionName
    goal: Annotated[int, Field(ge=1, le=2**62)] | None = None


class OrgdevMilestoneIn(Input):
    title: Text(200, 1)
    owner: Text(150) | None = None
    due_on: date | None = None
