"""The knowledge base: resources (list, detail, add, translate or adapt, edit, withdraw), what
readers add (uses, endorsements, reported problems, translation requests) and curation
(feature, outdated, merge, the reports queue).

Published and outdated resources are public; a withdrawn one is a 404 except for its editors
and curators; a merged one answers with `status: merged` and `merged_into`."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from capacityhub.knowledge.models import Resource, ResourceReport
from capacityhub.knowledge.selectors import (
    SORT_RELEVANCE,
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

from ..core.language import content_language
from ..core.pagination import page_out, paginate
from ..core.refs import organization_for
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ,
    READ_ERRORS,
    WRITE_AUTH,
    WRITE_ERRORS,
    IfMatch,
    LanguageCode,
    ObjectId,
    required_version,
)
from ..taxonomy.capacities import capacity_id_for
from .schemas import (
    CommentIn,
    FeatureIn,
    MergeIn,
    NeedRef,
    OutdatedIn,
    ReportIn,
    ReportOut,
    ReportPage,
    ReportQuery,
    ResolveIn,
    ResourceDetail,
    ResourceIn,
    ResourcePage,
    ResourcePatch,
    ResourceQuery,
    TranslationRequestIn,
    UseIn,
    UseOut,
)

router = Router(tags=["knowledge"])

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
        ids = [
            pk for pk, _score in ranked_ids(resources, reader_for(request.user, filters.lang or ""))
        ]
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
def update_resource(
    request: HttpRequest, resource_id: ObjectId, payload: ResourcePatch, if_match: IfMatch = None
):
    """Its creator, authors, organization's managers, information specialists and staff.
    Send the `version` you read (or `If-Match`): missing, 422; stale, 409."""
    changes = payload.model_dump(exclude_unset=True)
    expected_version = required_version(changes.pop("version", None), if_match)
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
