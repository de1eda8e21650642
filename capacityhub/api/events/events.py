"""Live sessions and events: the list (sessions are the kind `session`), one event, scheduling
and changing one, registering (or joining the waitlist) and cancelling, attendance, and the
Q&A board of a live session.

Events are public; the call link is given only to people with a confirmed seat, hosts,
organizers and staff, and the list of who registered only to hosts, organizers and staff."""

from django.http import HttpRequest
from ninja import Query, Router, Status

from capacityhub.core.languages import language_name
from capacityhub.events.models import Event, Registration
from capacityhub.events.selectors.events import (
    can_see_call,
    event_get,
    event_list,
    registration_of,
    registrations_for_hosts,
    registrations_of_user,
    with_details,
)
from capacityhub.events.services.cancellation import event_cancel
from capacityhub.events.services.events import event_can_edit, event_create, event_update
from capacityhub.events.services.registrations import (
    attendance_mark,
    attendance_unmark,
    registration_cancel,
    registration_create,
)
from capacityhub.taxonomy.selectors import capacity_labels

from ..core.language import content_language
from ..core.pagination import page_out, paginate
from ..core.refs import (
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
    IfMatch,
    LanguageCode,
    ObjectId,
    required_version,
)
from ..taxonomy.capacities import capacity_id_for
from .assistance import router as assistance_router
from .questions import router as questions_router
from .schemas_events import (
    AttendanceIn,
    CancellationIn,
    EventDetail,
    EventIn,
    EventPage,
    EventPatch,
    EventQuery,
    MyRegistrationOut,
    RegistrationOut,
)

router = Router(tags=["events"])
# The Q&A board of live sessions lives in its own module, under the same paths and tag.
router.add_router("", questions_router)
router.add_router("", assistance_router)


# Serializers -----------------------------------------------------------------------------------


def _languages(codes: list[str], language: str) -> list[dict]:
    return [{"code": c, "name": language_name(c, language)} for c in codes]


def event_out(event: Event, language: str, labels) -> dict:
    def label(capacity) -> str:
        entry = labels.get(capacity.pk)
        return entry.label if entry else capacity.code

    organization = event.organization
    return {
        "id": event.pk,
        "kind": event.kind,
        "kind_label": str(event.get_kind_display()),
        "title": event.title,
        "description": event.description,
        "host": person_ref(event.host),
        "organization": {"slug": organization.slug, "name": organization.localized_name(language)}
        if organization
        else None,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "time_zone": event.time_zone,
        "online": event.online,
        "place": event.place,
        "region": event.region,
        "languages": _languages(event.languages, language),
        "interpretation_languages": _languages(event.interpretation_languages, language),
        "capacities": [{"code": c.code, "label": label(c)} for c in event.capacities.all()],
        "seats": event.seats,
        "confirmed": getattr(event, "confirmed_count", 0),
        "registration_deadline": event.registration_deadline,
        "recording_url": event.recording_url,
        "cancelled_at": event.cancelled_at,
        "cancellation_reason": event.cancellation_reason,
        "version": event.version,
    }


def _registration_out(registration: Registration) -> dict:
    return {
        "username": registration.user.username,
        "status": registration.status,
        "attended": registration.attended,
    }


def event_detail(request: HttpRequest, pk: int, lang: str | None = None) -> dict:
    event = event_get(pk=pk)
    language = content_language(lang)
    registration = registration_of(event=event, user=request.user)
    can_edit = event_can_edit(event=event, user=request.user)
    mine = None
    if registration is not None:
        registration.user = request.user
        mine = _registration_out(registration)
    return {
        **event_out(event, language, capacity_labels(language)),
        "can_edit": can_edit,
        "call_url": event.call_url
        if can_see_call(event=event, user=request.user, registration=registration)
        else None,
        "my_registration": mine,
        "registrations": [
            _registration_out(r) for r in registrations_for_hosts(event=event, viewer=request.user)
        ]
        if can_edit
        else None,
        "resources": [r.pk for r in event.resources.all()],
    }


# Endpoints -------------------------------------------------------------------------------------


@router.get("/events", response={200: EventPage, **READ_ERRORS}, **READ)
def list_events(request: HttpRequest, filters: Query[EventQuery]):
    """Sessions and events, by default those not over yet, soonest first."""
    events = event_list(
        section=filters.section,
        kind=filters.kind,
        when=filters.when,
        language=filters.language,
        capacity_id=capacity_id_for(filters.capacity, "capacity"),
        region=filters.region,
        organization_id=organization_id_for(filters.organization),
        q=filters.q,
        sort=filters.sort,
    )
    items, count = paginate(with_details(events), filters.page, filters.page_size)
    language = content_language(filters.lang)
    labels = capacity_labels(language)
    results = [event_out(event, language, labels) for event in items]
    return page_out(request, results, count, filters.page, filters.page_size)


@router.post("/events", response={201: EventDetail, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_event(request: HttpRequest, payload: EventIn):
    """Any member hosts a live session; other kinds are organized by an organization's
    managers (and staff). Ending before it starts, an unknown zone or code: 422."""
    fields = payload.model_dump(exclude={"organization"})
    event = event_create(
        actor=request.user, organization=organization_for(payload.organization), **fields
    )
    return Status(201, event_detail(request, event.pk))


@router.get("/events/{event_id}", response={200: EventDetail, **DETAIL_ERRORS}, **READ)
def get_event(request: HttpRequest, event_id: ObjectId, lang: LanguageCode | None = None):
    return event_detail(request, event_id, lang)


@router.patch(
    "/events/{event_id}", response={200: EventDetail, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH
)
def update_event(
    request: HttpRequest, event_id: ObjectId, payload: EventPatch, if_match: IfMatch = None
):
    """Its host, organizers and staff. Seats below those confirmed: 422.

    Send the `version` you read (or `If-Match`): missing, 422; stale, 409."""
    changes = payload.model_dump(exclude_unset=True)
    expected_version = required_version(changes.pop("version", None), if_match)
    event_update(
        actor=request.user,
        event=event_get(pk=event_id),
        expected_version=expected_version,
        **changes,
    )
    return event_detail(request, event_id)


@router.post(
    "/events/{event_id}/registration",
    response={201: RegistrationOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def register_for_event(request: HttpRequest, event_id: ObjectId):
    """A confirmed seat, or the waitlist when every seat is taken. Twice, after the deadline
    or once it started: 422."""
    registration = registration_create(actor=request.user, event=event_get(pk=event_id))
    registration.user = request.user
    return Status(201, _registration_out(registration))


@router.delete(
    "/events/{event_id}/registration",
    response={200: RegistrationOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def cancel_registration(request: HttpRequest, event_id: ObjectId):
    """Give up your seat or waitlist place; the first on the waitlist moves up."""
    registration = registration_cancel(actor=request.user, event=event_get(pk=event_id))
    registration.user = request.user
    return _registration_out(registration)


@router.post(
    "/events/{event_id}/attendance",
    response={200: list[RegistrationOut], **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def mark_attendance(request: HttpRequest, event_id: ObjectId, payload: AttendanceIn):
    """Hosts, organizers and staff, once it started; everyone named must hold a confirmed
    seat (422 otherwise). Records evidence of attending and facilitating."""
    marked = attendance_mark(
        actor=request.user, event=event_get(pk=event_id), usernames=payload.usernames
    )
    return [_registration_out(r) for r in marked]


@router.post(
    "/events/{event_id}/attendance/undo",
    response={200: list[RegistrationOut], **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def unmark_attendance(request: HttpRequest, event_id: ObjectId, payload: AttendanceIn):
    """Undo attendance marked by mistake (hosts, organizers, staff); withdraws the evidence
    of attending. Someone not marked as attended: 422."""
    unmarked = attendance_unmark(
        actor=request.user, event=event_get(pk=event_id), usernames=payload.usernames
    )
    return [_registration_out(r) for r in unmarked]


@router.post(
    "/events/{event_id}/cancellation",
    response={200: EventDetail, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def cancel_event(request: HttpRequest, event_id: ObjectId, payload: CancellationIn):
    """Call it off (host, organizers, staff), with a reason everyone registered is sent.
    Registrations are kept; registering is refused. Already cancelled or over: 422."""
    event_cancel(actor=request.user, event=event_get(pk=event_id), reason=payload.reason)
    return event_detail(request, event_id)


@router.get(
    "/me/registrations", response={200: list[MyRegistrationOut], **READ_ERRORS}, auth=WRITE_AUTH
)
def list_my_registrations(request: HttpRequest):
    """Your current registrations (confirmed or on the waitlist), soonest first."""
    registrations = registrations_of_user(user=request.user)[:500]
    return [
        {
            "event_id": r.event_id,
            "title": r.event.title,
            "starts_at": r.event.starts_at,
            "status": r.status,
            "attended": r.attended,
        }
        for r in registrations
    ]
