"""The knowledge base: resources (list, detail, add, translate or adapt, edit, withdraw), what
readers add (uses, endorsements, reported problems, translation requests) and curation
(feature, outdated, merge, the reports queue).

Published and outdated resources are public; a withdrawn one is a 404 except for its editors
and curators; a merged one answers with `status: merged` and `merged_into`."""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from capacityhub.core.regions import REGIONS
from capacityhub.knowledge.models import ORGANIZATION_KIND_CHOICES, Resource, ResourceReport
from capacityhub.knowledge.models import ResourceUse as Use
from capacityhub.knowledge.selectors import (
    SORT_RELEVANCE,
    SORTS,
    is_curator,
    ranked_ids,
    reader_for,
    report_queue,
    resource_can_edit,
    resource_family,
    resource_get,
    resource_list,
    resource_use_summary,
    resources_in_order,
    with_resource_details,
)
from capacityhub.knowledge.services.curation import (
    report_resolve,
    resource_feature,
    resource_mark_current,
    resource_mark_outdated,
    resource_merge,
)
from capacityhub.knowledge.services.feedback import (
    resource_endorse,
    resource_report,
    resource_translation_request,
    resource_use_record,
)
from capacityhub.knowledge.services.resources import (
    resource_create,
    resource_update,
    resource_withdraw,
)
from capacityhub.taxonomy.selectors import capacity_labels

from .exchange_needs import MethodCode, organization_for
from .pagination import page_out, paginate
from .people import READ
from .schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
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
    Version,
)
from .taxonomy import CapacityRef, capacity_id_for, content_language

router = Router(tags=["knowledge"])

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
        "new", description="`relevance` ranks by contexts like the caller's (see ranking.py)."
    )
    lang: LanguageCode | None = Field(None, description="Language of capacity labels.")


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
    version: Version = Field(None, description="The version you read; a stale one gets 409.")
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


# Serializers -----------------------------------------------------------------------------------


def resource_out(resource: Resource, labels) -> dict:
    def label(capacity) -> str:
        entry = labels.get(capacity.pk)
        return entry.label if entry else capacity.code

    average = getattr(resource, "average_rating", None)
    return {
        "id": resource.pk,
        "uid": str(resource.uid),
        "kind": resource.kind,
        "title": resource.title,
        "summary": resource.summary,
        "url": resource.url,
        "duration_minutes": resource.duration_minutes,
        "language": resource.language,
        "capacities": [{"code": c.code, "label": label(c)} for c in resource.capacities.all()],
        "audience": resource.audience,
        "level": resource.level,
        "licence": resource.licence,
        "status": resource.status,
        "is_featured": resource.is_featured,
        "original_id": resource.original_id,
        "relation": resource.relation,
        "use_count": getattr(resource, "use_count", 0) or 0,
        "average_rating": round(average, 1) if average is not None else None,
        "created_at": resource.created_at,
    }


def resource_detail(request: HttpRequest, pk: int, lang: str | None = None) -> dict:
    resource = resource_get(viewer=request.user, pk=pk)
    summary = resource_use_summary(resource)
    fields = ("body", "problem", "solution", "considerations", "when_to_use", "author_names")
    return {
        **resource_out(resource, capacity_labels(content_language(lang))),
        **{name: getattr(resource, name) for name in fields},
        "methods": [m.code for m in resource.methods.all()],
        "authors": [a.username for a in resource.authors.all()],
        "organization": resource.organization.slug if resource.organization else None,
        "outdated_note": resource.outdated_note,
        "merged_into": resource.merged_into_id,
        "family": [
            {"id": r.pk, "title": r.title, "language": r.language, "relation": r.relation}
            for r in resource_family(resource)
            if r.pk != resource.pk
        ],
        "tested": {**summary.__dict__},
        "can_edit": resource_can_edit(resource=resource, user=request.user),
        "version": resource.version,
    }


def _resource(request: HttpRequest, pk: int) -> Resource:
    return resource_get(viewer=request.user, pk=pk)


def _original(request: HttpRequest, pk: int | None) -> Resource | None:
    if pk is None:
        return None
    try:
        return _resource(request, pk)
    except Resource.DoesNotExist:
        raise ValidationError({"original": _("No such resource.")}) from None


# Resources -------------------------------------------------------------------------------------


@router.get("/resources", response={200: ResourcePage, **READ_ERRORS}, **READ)
def list_resources(request: HttpRequest, filters: Query[ResourceQuery]):
    """Published and outdated resources, filtered; newest first unless `sort` says otherwise."""
    resources = resource_list(
        capacity_id=capacity_id_for(filters.capacity, "capacity"),
        kind=filters.kind,
        language=filters.language,
        audience=filters.audience,
        level=filters.level,
        featured=filters.featured,
        q=filters.q,
        sort=filters.sort,
    )
    if filters.sort == SORT_RELEVANCE:
        ids = [pk for pk, _score in ranked_ids(resources, reader_for(request.user))]
        page_ids, count = paginate(ids, filters.page, filters.page_size)
        items = resources_in_order(page_ids)
    else:
        items, count = paginate(with_resource_details(resources), filters.page, filters.page_size)
    labels = capacity_labels(content_language(filters.lang))
    results = [resource_out(resource, labels) for resource in items]
    return page_out(request, results, count, filters.page, filters.page_size)


@router.post("/resources", response={201: ResourceDetail, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_resource(request: HttpRequest, payload: ResourceIn):
    """Add a resource (any member). With `original` and `relation`, a translation or local
    adaptation of it. Unknown codes, a missing body or link, a video without a link or a
    learning pattern without problem and solution are refused (422) and nothing is saved."""
    fields = payload.model_dump(exclude={"organization", "original", "relation"})
    original = _original(request, payload.original)
    resource = resource_create(
        actor=request.user,
        organization=organization_for(payload.organization),
        original=original,
        relation=payload.relation or "",
        **fields,
    )
    return Status(201, resource_detail(request, resource.pk))


@router.get("/resources/{resource_id}", response={200: ResourceDetail, **DETAIL_ERRORS}, **READ)
def get_resource(request: HttpRequest, resource_id: ObjectId, lang: LanguageCode | None = None):
    """One resource with its languages and adaptations and where it was tested."""
    return resource_detail(request, resource_id, lang)


@router.patch(
    "/resources/{resource_id}",
    response={200: ResourceDetail, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def update_resource(request: HttpRequest, resource_id: ObjectId, payload: ResourcePatch):
    """Its creator, authors, organization's managers, information specialists and staff.
    Send `version` to be told (409) of a concurrent change."""
    changes = payload.model_dump(exclude_unset=True)
    expected_version = changes.pop("version", None)
    resource = _resource(request, resource_id)
    resource_update(
        actor=request.user, resource=resource, expected_version=expected_version, **changes
    )
    return resource_detail(request, resource_id)


@router.post(
    "/resources/{resource_id}/withdraw",
    response={200: ResourceDetail, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def withdraw_resource(request: HttpRequest, resource_id: ObjectId):
    """Take the resource out of lists and search (its editors)."""
    resource_withdraw(actor=request.user, resource=_resource(request, resource_id))
    return resource_detail(request, resource_id)


# What readers add ------------------------------------------------------------------------------


@router.post(
    "/resources/{resource_id}/uses",
    response={201: UseOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def record_use(request: HttpRequest, resource_id: ObjectId, payload: UseIn):
    """Record that you used the resource: where, in which language, with whom, how it went.
    One record per person, resource and day (a second one is 422)."""
    use = resource_use_record(
        actor=request.user, resource=_resource(request, resource_id), **payload.model_dump()
    )
    return Status(201, {"id": use.pk, "resource_id": use.resource_id, "used_on": use.used_on})


@router.post(
    "/resources/{resource_id}/endorsements",
    response={201: ResourceDetail, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def endorse_resource(request: HttpRequest, resource_id: ObjectId, payload: CommentIn):
    """Endorse a learning pattern, once."""
    resource_endorse(
        actor=request.user, resource=_resource(request, resource_id), comment=payload.comment
    )
    return Status(201, resource_detail(request, resource_id))


@router.post(
    "/resources/{resource_id}/reports",
    response={201: ReportOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def report_resource(request: HttpRequest, resource_id: ObjectId, payload: ReportIn):
    """Report a problem to the information specialists."""
    report = resource_report(
        actor=request.user, resource=_resource(request, resource_id), **payload.model_dump()
    )
    return Status(201, report_out(report))


@router.post(
    "/resources/{resource_id}/translation-requests",
    response={201: NeedRef, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def request_translation(request: HttpRequest, resource_id: ObjectId, payload: TranslationRequestIn):
    """Ask for a translation: it becomes a public need in the exchange that translators answer."""
    need = resource_translation_request(
        actor=request.user, resource=_resource(request, resource_id), language=payload.language
    )
    return Status(201, {"need_id": need.pk})


# Curation --------------------------------------------------------------------------------------


@router.post(
    "/resources/{resource_id}/feature",
    response={200: ResourceDetail, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def feature_resource(request: HttpRequest, resource_id: ObjectId, payload: FeatureIn):
    """Information specialists and staff: feature (or stop featuring) a resource."""
    resource_feature(
        actor=request.user, resource=_resource(request, resource_id), featured=payload.featured
    )
    return resource_detail(request, resource_id)


@router.post(
    "/resources/{resource_id}/outdated",
    response={200: ResourceDetail, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def mark_outdated(request: HttpRequest, resource_id: ObjectId, payload: OutdatedIn):
    """Information specialists and staff: mark outdated, with a note readers see."""
    resource_mark_outdated(
        actor=request.user, resource=_resource(request, resource_id), note=payload.note
    )
    return resource_detail(request, resource_id)


@router.post(
    "/resources/{resource_id}/current",
    response={200: ResourceDetail, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def mark_current(request: HttpRequest, resource_id: ObjectId):
    """Information specialists and staff: an outdated resource is current again."""
    resource_mark_current(actor=request.user, resource=_resource(request, resource_id))
    return resource_detail(request, resource_id)


@router.post(
    "/resources/{resource_id}/merge",
    response={200: ResourceDetail, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def merge_resource(request: HttpRequest, resource_id: ObjectId, payload: MergeIn):
    """Information specialists and staff: merge this duplicate into `survivor`; returns the
    survivor."""
    duplicate = _resource(request, resource_id)
    survivor = resource_merge(
        actor=request.user, duplicate=duplicate, survivor=_resource(request, payload.survivor)
    )
    return resource_detail(request, survivor.pk)


def report_out(report: ResourceReport) -> dict:
    return {
        "id": report.pk,
        "resource_id": report.resource_id,
        "resource_title": report.resource.title,
        "reason": report.reason,
        "details": report.details,
        "status": report.status,
        "reporter": report.reporter.username if report.reporter else None,
        "created_at": report.created_at,
    }


@router.get(
    "/resource-reports",
    response={200: ReportPage, 403: WRITE_ERRORS[403], **READ_ERRORS},
    auth=WRITE_AUTH,
)
def list_reports(request: HttpRequest, filters: Query[ReportQuery]):
    """Information specialists and staff: reported problems, oldest first."""
    if not is_curator(request.user):
        raise PermissionDenied(_("Only information specialists and staff can curate resources."))
    items, count = paginate(report_queue(status=filters.status), filters.page, filters.page_size)
    results = [report_out(report) for report in items]
    return page_out(request, results, count, filters.page, filters.page_size)


@router.post(
    "/resource-reports/{report_id}/resolve",
    response={200: ReportOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def resolve_report(request: HttpRequest, report_id: ObjectId, payload: ResolveIn):
    """Information specialists and staff: close a report as resolved or dismissed."""
    if not is_curator(request.user):
        raise PermissionDenied(_("Only information specialists and staff can curate resources."))
    report = report_queue(status=None).get(pk=report_id)
    report_resolve(actor=request.user, report=report, **payload.model_dump())
    return report_out(report)
