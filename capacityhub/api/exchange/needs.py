"""Needs: the list (with filters), one need with its history, stating and changing a need,
moving it along its lifecycle, and the caller's own needs.

Visibility as on the pages: anonymous callers see public needs, members also members-only
ones, and a private need is seen only by its requester, its organization's managers and
staff (anyone else gets 404)."""

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from capacityhub.core.languages import language_name
from capacityhub.core.models import Visibility
from capacityhub.core.regions import region_name
from capacityhub.exchange.models import Need
from capacityhub.exchange.selectors.needs import (
    SORTS,
    STATUS_ACTIVE,
    STATUS_ANY,
    need_get,
    need_list,
    with_need_details,
)
from capacityhub.exchange.services.needs import (
    need_can_edit,
    need_create,
    need_set_status,
    need_update,
)
from capacityhub.taxonomy.selectors import capacity_labels

from ..community.people import LanguageOut
from ..core.language import content_language
from ..core.pagination import page_out, paginate
from ..core.refs import (
    OrganizationRef,
    PersonRef,
    organization_for,
    organization_id_for,
    person_ref,
)
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ,
    READ_ERRORS,
    WRITE_AUTH,
    WRITE_ERRORS,
    CapacityCode,
    IfMatch,
    Input,
    LanguageCode,
    Level,
    MethodCode,
    ObjectId,
    Page,
    PageQuery,
    PatchVersion,
    RegionCode,
    RegionOrNone,
    Slug,
    Text,
    required_version,
)
from ..taxonomy.capacities import CapacityRef, MethodRef, capacity_id_for

router = Router(tags=["needs"])

StatusName = Literal[tuple(Need.Status.values)]
StatusFilter = Literal[(STATUS_ACTIVE, STATUS_ANY, *Need.Status.values)]
TargetStatus = Literal["in_progress", "fulfilled", "closed"]
VisibilityName = Literal[tuple(Visibility.values)]
SortName = Literal[tuple(SORTS)]

# Schemas ---------------------------------------------------------------------------------------


class NeedEventOut(Schema):
    from_status: str = Field(description="Empty for the need's creation.")
    to_status: str
    actor: str | None = Field(description="Username; null when the hub did it (expiry).")
    note: str
    created_at: datetime


class NeedOut(Schema):
    id: int
    title: str
    description: str
    requester: PersonRef
    organization: OrganizationRef | None = Field(description="When stated for an organization.")
    capacities: list[CapacityRef]
    desired_level: int
    languages: list[LanguageOut] = Field(description="Acceptable languages; empty means any.")
    online: bool = Field(description="Online help is fine.")
    region: str
    region_name: str
    methods: list[MethodRef]
    starts_on: date | None
    ends_on: date | None
    visibility: str
    status: StatusName
    status_changed_at: datetime
    version: int
    created_at: datetime


class NeedPage(Page[NeedOut]):
    pass


class NeedDetail(NeedOut):
    can_edit: bool
    events: list[NeedEventOut] = Field(description="Each change of status, oldest first.")


class NeedQuery(PageQuery):
    capacity: CapacityCode | None = Field(None, description="Code; includes capacities beneath.")
    exact: bool = Field(False, description="Match the capacity itself only.")
    status: StatusFilter = Field(
        STATUS_ACTIVE, description="A status, `active` (open or in progress) or `any`."
    )
    region: RegionCode | None = None
    language: LanguageCode | None = Field(None, description="Accepts this language.")
    organization: Slug | None = Field(None, description="Stated for this organization.")
    q: Text(200) | None = Field(None, description="Title or description contains.")
    sort: SortName = "new"
    lang: LanguageCode | None = Field(None, description="Language of labels and names.")


class MyNeedQuery(NeedQuery):
    status: StatusFilter = Field(
        STATUS_ANY, description="A status, `active` (open or in progress) or `any`."
    )


class NeedIn(Input):
    title: Text(200, min_length=1)
    capacities: list[CapacityCode] = Field(min_length=1, max_length=20)
    description: Text(8000) = ""
    desired_level: Level = 3
    languages: list[LanguageCode] = Field(default_factory=list, max_length=30)
    online: bool = True
    region: RegionOrNone = ""
    methods: list[MethodCode] = Field(default_factory=list, max_length=30)
    starts_on: date | None = None
    ends_on: date | None = Field(None, description="On or after `starts_on`, not in the past.")
    visibility: VisibilityName = Visibility.PUBLIC.value
    organization: Slug | None = Field(
        None, description="State it for this organization (its managers and staff only)."
    )


class NeedPatch(Input):
    version: PatchVersion = None
    title: Text(200, min_length=1) = None
    capacities: list[CapacityCode] = Field(None, min_length=1, max_length=20)
    description: Text(8000) = None
    desired_level: Level = None
    languages: list[LanguageCode] = Field(None, max_length=30)
    online: bool = None
    region: RegionOrNone = None
    methods: list[MethodCode] = Field(None, max_length=30)
    starts_on: date | None = None
    ends_on: date | None = None
    visibility: VisibilityName = None


class NeedStatusIn(Input):
    status: TargetStatus = Field(description="`expired` happens by itself when the window ends.")
    note: Text(2000) = ""


# Serializers -----------------------------------------------------------------------------------


def need_out(need: Need, language: str, labels) -> dict:
    def label(capacity_id: int, code: str) -> str:
        entry = labels.get(capacity_id)
        return entry.label if entry else code

    organization = need.organization
    return {
        "id": need.pk,
        "title": need.title,
        "description": need.description,
        "requester": person_ref(need.requester),
        "organization": {"slug": organization.slug, "name": organization.localized_name(language)}
        if organization
        else None,
        "capacities": [
            {"code": c.code, "label": label(c.pk, c.code)} for c in need.capacities.all()
        ],
        "desired_level": need.desired_level,
        "languages": [{"code": c, "name": language_name(c, language)} for c in need.languages],
        "online": need.online,
        "region": need.region,
        "region_name": region_name(need.region),
        "methods": [{"code": m.code, "label": m.label(language)} for m in need.methods.all()],
        "starts_on": need.starts_on,
        "ends_on": need.ends_on,
        "visibility": need.visibility,
        "status": need.status,
        "status_changed_at": need.status_changed_at,
        "version": need.version,
        "created_at": need.created_at,
    }


def need_detail(request: HttpRequest, pk: int, lang: str | None = None) -> dict:
    need = need_get(viewer=request.user, pk=pk)
    language = content_language(lang)
    return {
        **need_out(need, language, capacity_labels(language)),
        "can_edit": need_can_edit(need=need, user=request.user),
        "events": [
            {
                "from_status": event.from_status,
                "to_status": event.to_status,
                "actor": event.actor.username if event.actor else None,
                "note": event.note,
                "created_at": event.created_at,
            }
            for event in need.events.all()
        ],
    }


def _needs_page(request: HttpRequest, filters: NeedQuery, *, mine: bool) -> dict:
    needs = need_list(
        viewer=request.user,
        capacity_id=capacity_id_for(filters.capacity, "capacity"),
        descendants=not filters.exact,
        status=filters.status,
        region=filters.region,
        language=filters.language,
        organization_id=organization_id_for(filters.organization),
        mine=mine,
        q=filters.q,
        sort=filters.sort,
    )
    items, count = paginate(with_need_details(needs), filters.page, filters.page_size)
    language = content_language(filters.lang)
    labels = capacity_labels(language)
    results = [need_out(need, language, labels) for need in items]
    return page_out(request, results, count, filters.page, filters.page_size)


# Endpoints -------------------------------------------------------------------------------------


@router.get("/needs", response={200: NeedPage, **READ_ERRORS}, **READ)
def list_needs(request: HttpRequest, filters: Query[NeedQuery]):
    """Needs you may see; by default the open and in-progress ones, newest first."""
    return _needs_page(request, filters, mine=False)


@router.post("/needs", response={201: NeedDetail, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_need(request: HttpRequest, payload: NeedIn):
    """State a need, for yourself or (managers and staff) for an organization. Unknown
    capacity or method codes, a level outside 1–5, or a window that ends before it starts
    are refused (422) and nothing is saved."""
    fields = payload.model_dump(exclude={"organization"})
    need = need_create(
        actor=request.user, organization=organization_for(payload.organization), **fields
    )
    return Status(201, need_detail(request, need.pk))


@router.get("/needs/{need_id}", response={200: NeedDetail, **DETAIL_ERRORS}, **READ)
def get_need(request: HttpRequest, need_id: ObjectId, lang: LanguageCode | None = None):
    """One need with its history. A need you may not see is a 404."""
    return need_detail(request, need_id, lang)


@router.patch(
    "/needs/{need_id}", response={200: NeedDetail, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH
)
def update_need(
    request: HttpRequest, need_id: ObjectId, payload: NeedPatch, if_match: IfMatch = None
):
    """The requester, the organization's managers and staff; while the need is open or in
    progress. Send the `version` you read (or `If-Match`): missing, 422; stale, 409."""
    changes = payload.model_dump(exclude_unset=True)
    expected_version = required_version(changes.pop("version", None), if_match)
    need = need_get(viewer=request.user, pk=need_id)
    need_update(actor=request.user, need=need, expected_version=expected_version, **changes)
    return need_detail(request, need_id)


@router.post(
    "/needs/{need_id}/status", response={200: NeedDetail, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH
)
def set_need_status(request: HttpRequest, need_id: ObjectId, payload: NeedStatusIn):
    """Open → in_progress → fulfilled; open or in_progress → closed. Anything else is 422."""
    need = need_get(viewer=request.user, pk=need_id)
    need_set_status(actor=request.user, need=need, status=payload.status, note=payload.note)
    return need_detail(request, need_id)


@router.get("/me/needs", response={200: NeedPage, **READ_ERRORS}, auth=WRITE_AUTH)
def list_my_needs(request: HttpRequest, filters: Query[MyNeedQuery]):
    """Needs you stated and those of the organizations you manage, in any status by default."""
    return _needs_page(request, filters, mine=True)
