"""The shapes of the events API: what it takes and what it returns."""

from datetime import UTC, datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator

from capacityhub.events.models import MAX_SEATS, Event, Registration
from capacityhub.events.selectors.events import SORTS, WHEN

from ..community.people import LanguageOut
from ..core.refs import OrganizationRef, PersonRef
from ..core.schemas import (
    CapacityCode,
    Input,
    LanguageCode,
    ObjectId,
    Page,
    PageQuery,
    PatchVersion,
    RegionCode,
    RegionOrNone,
    Slug,
    Text,
)
from ..taxonomy.capacities import CapacityRef

KindName = Literal[tuple(Event.Kind.values)]
Section = Literal["session", "event"]
Seats = Annotated[int, Field(ge=1, le=MAX_SEATS)]
Username = Annotated[str, Field(min_length=1, max_length=150, pattern=r"^[\w.@+-]+$")]
Url = Text(500)
EARLIEST, LATEST = datetime(2000, 1, 1, tzinfo=UTC), datetime(2200, 1, 1, tzinfo=UTC)


def _in_range(value: datetime) -> datetime:
    # Far-off years overflow when converted between zones; nobody schedules that far.
    if value.tzinfo is None:
        raise ValueError("give a time zone offset, e.g. 2030-05-01T14:00:00+01:00")
    if not EARLIEST <= value <= LATEST:
        raise ValueError("must be between the years 2000 and 2200")
    return value


When = Annotated[datetime, AfterValidator(_in_range)]


class EventOut(Schema):
    id: int
    kind: KindName
    kind_label: str
    title: str
    description: str
    host: PersonRef
    organization: OrganizationRef | None
    starts_at: datetime
    ends_at: datetime
    time_zone: str = Field(description="The zone the host scheduled it in.")
    online: bool
    place: str
    region: str
    languages: list[LanguageOut]
    interpretation_languages: list[LanguageOut]
    capacities: list[CapacityRef]
    seats: int
    confirmed: int = Field(description="Seats taken.")
    registration_deadline: datetime | None
    recording_url: str
    cancelled_at: datetime | None = Field(description="Set once called off; it will not happen.")
    cancellation_reason: str
    version: int


class EventPage(Page[EventOut]):
    pass


class RegistrationOut(Schema):
    username: str
    status: Literal[tuple(Registration.Status.values)]
    attended: bool


class EventDetail(EventOut):
    can_edit: bool
    call_url: str | None = Field(description="Only for confirmed registrants, hosts, staff.")
    my_registration: RegistrationOut | None
    registrations: list[RegistrationOut] | None = Field(description="Hosts and staff only.")
    resources: list[int] = Field(description="Ids of knowledge-base resources used.")


class EventQuery(PageQuery):
    section: Section | None = Field(None, description="`session` or `event` (the other kinds).")
    kind: KindName | None = None
    when: Literal[WHEN] = "upcoming"
    language: LanguageCode | None = Field(None, description="Held in it or interpreted into it.")
    capacity: CapacityCode | None = Field(None, description="Includes capacities beneath.")
    region: RegionCode | None = None
    organization: Slug | None = None
    q: Text(200) | None = None
    sort: Literal[tuple(SORTS)] | None = None
    lang: LanguageCode | None = None


class EventIn(Input):
    kind: KindName
    title: Text(200, min_length=1)
    starts_at: When
    ends_at: When
    time_zone: Text(64) = "UTC"
    organization: Slug | None = Field(None, description="Organizer; required except sessions.")
    description: Text(8000) = ""
    capacities: list[CapacityCode] = Field(default_factory=list, max_length=20)
    languages: list[LanguageCode] = Field(default_factory=list, max_length=30)
    interpretation_languages: list[LanguageCode] = Field(default_factory=list, max_length=30)
    online: bool = True
    place: Text(200) = ""
    region: RegionOrNone = ""
    seats: Seats = 30
    registration_deadline: When | None = None
    call_url: Url = ""


class EventPatch(Input):
    version: PatchVersion = None
    title: Text(200, min_length=1) = None
    starts_at: When = None
    ends_at: When = None
    time_zone: Text(64) = None
    description: Text(8000) = None
    capacities: list[CapacityCode] = Field(None, max_length=20)
    languages: list[LanguageCode] = Field(None, max_length=30)
    interpretation_languages: list[LanguageCode] = Field(None, max_length=30)
    online: bool = None
    place: Text(200) = None
    region: RegionOrNone = None
    seats: Seats = None
    registration_deadline: When | None = None
    call_url: Url = None
    recording_url: Url = None
    resources: list[ObjectId] = Field(None, max_length=30)


class CancellationIn(Input):
    reason: Text(1000, min_length=1) = Field(description="Sent to everyone registered.")


class AttendanceIn(Input):
    usernames: list[Username] = Field(min_length=1, max_length=1000)


class MyRegistrationOut(Schema):
    event_id: int
    title: str
    starts_at: datetime
    status: str
    attended: bool
