"""Recognition API shapes (class names prefixed: they are unique across the API)."""

from datetime import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from capacityhub.recognition.kinds import BarnstarKind

from ..core.schemas import CapacityCode, Input, PatchVersion, Slug, Text

BarnstarKindCode = Literal[tuple(BarnstarKind.values)]


class RecognitionBarnstarIn(Input):
    recipient: Text(150, 1) = Field(description="The member's username.")
    kind: BarnstarKindCode
    message: Text(2000, 1)
    capacity: CapacityCode | None = None
    activity: Text(80) = Field("", description="e.g. `events.event:12`, `exchange.connection:3`.")


class RecognitionBarnstarOut(Schema):
    id: int
    kind: str
    kind_label: str
    giver: str
    recipient: str
    message: str
    capacity: str | None
    activity: str
    created_at: datetime
    url: str


class RecognitionReasonIn(Input):
    reason: Text(500, 1)


class RecognitionHiddenIn(Input):
    hidden: bool


class RecognitionModerateIn(Input):
    hide: bool
    reason: Text(300) = ""


class RecognitionAchievementIn(Input):
    name: Text(120, 1)
    description: Text(2000, 1)
    criteria: Text(2000, 1)
    image: Literal["star", "book", "bridge", "globe"] = "star"
    organization: Slug | None = Field(None, description="Issued by this organization (slug).")
    capacities: list[CapacityCode] = Field(default_factory=list, max_length=10)
    valid_days: int | None = Field(None, ge=1, le=3650)
    rule_kind: Literal["", "evidence_count", "session_languages", "stage_completion"] = ""
    rule_params: dict[str, Any] = Field(
        default_factory=dict,
        description="evidence_count: {kind, source_model?, capacity?, minimum}; "
        "session_languages: {languages}; "
        "stage_completion: {minimum, programme?, stage? (its position)}.",
    )


class RecognitionAchievementPatch(Input):
    """Only the fields sent change; who issues the badge does not."""

    name: Text(120, 1) | None = None
    description: Text(2000, 1) | None = None
    criteria: Text(2000, 1) | None = None
    image: Literal["star", "book", "bridge", "globe"] | None = None
    capacities: list[CapacityCode] | None = Field(None, max_length=10)
    valid_days: int | None = Field(None, ge=1, le=3650)
    rule_kind: Literal["", "evidence_count", "session_languages", "stage_completion"] | None = None
    rule_params: dict[str, Any] | None = None
    version: PatchVersion = None


class RecognitionAchievementOut(Schema):
    id: int
    name: str
    description: str
    criteria: str
    image: str
    organization: str | None
    capacities: list[str]
    valid_days: int | None
    rule_kind: str
    rule_params: dict[str, Any]
    version: int
    archived_at: datetime | None
    url: str


class RecognitionAwardIn(Input):
    recipient: Text(150, 1) = Field(description="The member's username.")


class RecognitionAwardOut(Schema):
    id: str
    achievement: int
    recipient: str | None
    issued_at: datetime
    valid_until: datetime | None
    revoked_at: datetime | None
    shown_on_profile: bool | None
    verification_url: str
    credential_url: str
    jwt_url: str


class RecognitionShownIn(Input):
    shown: bool


class RecognitionCheckOut(Schema):
    check: str
    passed: bool
    message: str


class RecognitionVerificationOut(Schema):
    status: str
    checks: list[RecognitionCheckOut]


class RecognitionVerifyIn(Input):
    credential: dict[str, Any] | None = Field(None, description="A credential with its proof.")
    jwt: Text(100_000) | None = Field(None, description="Or the credential as a VC-JWT.")
