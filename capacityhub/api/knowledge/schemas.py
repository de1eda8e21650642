"""Request and response shapes of the knowledge API (api/knowledge/resources.py)."""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from capacityhub.core.regions import REGIONS
from capacityhub.knowledge.models import ORGANIZATION_KIND_CHOICES, Resource, ResourceReport
from capacityhub.knowledge.models import ResourceUse as Use
from capacityhub.knowledge.selectors import SORTS

from ..core.schemas import (
    CapacityCode,
    Input,
    LanguageCode,
    MethodCode,
    ObjectId,
    Page,
    PageQuery,
    PatchVersion,
    Slug,
    Text,
)
from ..taxonomy.capacities import CapacityRef

KindName = Literal[tuple(Resource.Kind.values)]
AudienceName = Literal[tuple(Resource.Audience.values)]
LevelName = Literal[tuple(Resource.Level.values)]
LicenceName = Literal[tuple(Resource.Licence.values)]
RelationName = Literal["translation", "adaptation"]
SortName = Literal[tuple(SORTS)]
RegionName = Literal[tuple(REGIONS)]
OrganizationKindName = Literal[tuple(value for value, _label in ORGANIZATION_KIND_CHOICES)]
OutcomeName = Literal[tuple(Use.Outcome.values)]
ReasonName = Literal[tuple(ResourceReport.Reason.values)]
Username = Text(150, min_length=1)
Url = Text(500)

# Schemas ---------------------------------------------------------------------------------------


class ResourceOut(Schema):
    id: int
    uid: str = Field(description="Stable identifier, also in the open-data dumps.")
    kind: KindName
    title: str
    summary: str
    url: str
    duration_minutes: int | None = Field(description="Videos only.")
    language: str
    capacities: list[CapacityRef]
    audience: AudienceName
    level: LevelName
    licence: LicenceName
    status: str = Field(description="published, outdated, merged or withdrawn.")
    is_featured: bool
    original_id: int | None = Field(description="The original, for a translation or adaptation.")
    relation: str = Field(description="`translation`, `adaptation`, or empty for an original.")
    use_count: int
    average_rating: float | None
    created_at: datetime


class ResourcePage(Page[ResourceOut]):
    pass


class FamilyOut(Schema):
    id: int
    title: str
    language: str
    relation: str


class UseSummaryOut(Schema):
    uses: int
    people: int
    average_rating: float | None = Field(description="Each person counted once.")
    regions: list[str]
    languages: list[str]
    organization_kinds: list[str]


class ResourceDetail(ResourceOut):
    body: str = Field(description="Markdown.")
    problem: str
    solution: str
    considerations: str
    when_to_use: str
    methods: list[str]
    author_names: str
    authors: list[str] = Field(description="Usernames of authors with an account.")
    organization: str | None = Field(description="Slug.")
    outdated_note: str
    merged_into: int | None
    family: list[FamilyOut] = Field(description="The original, translations and adaptations.")
    tested: UseSummaryOut
    can_edit: bool
    version: int


class ResourceQuery(PageQuery):
    capacity: CapacityCode | None = Field(None, description="Code; includes capacities beneath.")
    kind: KindName | None = None
    language: LanguageCode | None = None
    audience: AudienceName | None = None
    level: LevelName | None = None
    featured: bool = False
    q: Text(200) | None = Field(None, description="Title or summary contains.")
    sort: SortName = Field(
        "new",
        description="`relevance` ranks by contexts like the caller's (see ranking.py); "
        "`worked` puts resources used by practices with the best measured outcomes first "
        "(evaluation), the others after, newest first.",
    )
    lang: LanguageCode | None = Field(
        None,
        description="Language of capacity labels; for `relevance`, also the language "
        "read when the caller's profile names none.",
    )


class ResourceFields(Input):
    summary: Text(500, min_length=1)
    body: Text(50000) = ""
    url: Url = ""
    duration_minutes: int | None = Field(None, ge=1, le=100000)
    methods: list[MethodCode] = Field(default_factory=list, max_length=30)
    audience: AudienceName = "everyone"
    level: LevelName = "introductory"
    licence: LicenceName = "CC-BY-SA-4.0"
    author_names: Text(300) = ""
    authors: list[Username] = Field(default_factory=list, max_length=20)
    problem: Text(8000) = ""
    solution: Text(8000) = ""
    considerations: Text(8000) = ""
    when_to_use: Text(8000) = ""


class ResourceIn(ResourceFields):
    kind: KindName
    title: Text(200, min_length=1)
    language: LanguageCode
    capacities: list[CapacityCode] = Field(min_length=1, max_length=20)
    organization: Slug | None = Field(None, description="Publish for it (its members only).")
    original: ObjectId | None = Field(None, description="Translate or adapt this resource.")
    relation: RelationName | None = None


class ResourcePatch(Input):
    version: PatchVersion = None
    title: Text(200, min_length=1) = None
    summary: Text(500, min_length=1) = None
    body: Text(50000) = None
    url: Url = None
    duration_minutes: int | None = Field(None, ge=1, le=100000)
    language: LanguageCode = None
    capacities: list[CapacityCode] = Field(None, min_length=1, max_length=20)
    methods: list[MethodCode] = Field(None, max_length=30)
    audience: AudienceName = None
    level: LevelName = None
    licence: LicenceName = None
    author_names: Text(300) = None
    authors: list[Username] = Field(None, max_length=20)
    problem: Text(8000) = None
    solution: Text(8000) = None
    considerations: Text(8000) = None
    when_to_use: Text(8000) = None


class UseIn(Input):
    region: RegionName
    language: LanguageCode
    organization_kind: OrganizationKindName
    audience_size: int = Field(ge=0, le=1_000_000, description="People it was used with.")
    outcome: OutcomeName
    rating: int = Field(ge=1, le=5)
    comment: Text(4000) = ""
    used_on: date | None = Field(None, description="Default today; not in the future.")


class UseOut(Schema):
    id: int
    resource_id: int
    used_on: date


class CommentIn(Input):
    comment: Text(2000) = ""


class ReportIn(Input):
    reason: ReasonName
    details: Text(4000) = ""


class ReportOut(Schema):
    id: int
    resource_id: int
    resource_title: str
    reason: ReasonName
    details: str
    status: str
    reporter: str | None
    created_at: datetime


class ReportPage(Page[ReportOut]):
    pass


class TranslationRequestIn(Input):
    language: LanguageCode = Field(description="The language wanted.")


class NeedRef(Schema):
    need_id: int = Field(description="The need opened in the exchange.")


class FeatureIn(Input):
    featured: bool = True


class OutdatedIn(Input):
    note: Text(2000, min_length=1) = Field(description="Shown to readers as a banner.")


class MergeIn(Input):
    survivor: ObjectId = Field(description="The resource to keep.")


class ResolveIn(Input):
    status: Literal["resolved", "dismissed"]
    note: Text(2000) = ""


class ReportQuery(PageQuery):
    status: Literal["open", "resolved", "dismissed"] = "open"
