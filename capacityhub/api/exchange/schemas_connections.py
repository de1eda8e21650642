"""The shapes of the connections and inbox API: what it takes and what it returns."""

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from capacityhub.exchange.models import Connection

from ..core.schemas import Input, ObjectId, Page, PageQuery, Text

StatusName = Literal[tuple(Connection.Status.values)]
SideName = Literal["requester", "provider"]
Username = Annotated[str, Field(min_length=1, max_length=150, pattern=r"^[\w.@+-]+$")]
OrganizationSlug = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")]


class PartyOut(Schema):
    kind: Literal["person", "organization"]
    username: str | None = Field(description="For a person.")
    slug: str | None = Field(description="For an organization.")
    name: str


class NeedRefOut(Schema):
    id: int
    title: str
    status: str


class ConnectionSummaryOut(Schema):
    id: int
    need: NeedRefOut
    requester: PartyOut = Field(description="The person who stated the need.")
    requesting_organization: PartyOut | None = Field(description="For an organization's need.")
    provider: PartyOut
    offer: int | None = Field(description="The offer the invitation was made through, if any.")
    status: StatusName
    requester_done: bool
    provider_done: bool
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None
    your_sides: list[SideName] = Field(description="Which sides you act for (none for staff).")


class ConnectionOut(ConnectionSummaryOut):
    actions: list[str] = Field(
        description="What you may do now: accept, decline, withdraw, done, message, feedback."
    )


class ConnectionPage(Page[ConnectionSummaryOut]):
    pass


class ConnectionQuery(PageQuery):
    side: SideName | None = Field(None, description="Only where you ask, or only where you help.")
    status: StatusName | None = None


class InviteIn(Input):
    provider: Username | None = Field(None, description="Username of the person to invite.")
    organization: OrganizationSlug | None = Field(None, description="Or an organization's slug.")
    offer: ObjectId | None = Field(None, description="Or the id of one of their offers.")
    message: Text(8000, min_length=1) = Field(description="The first message of the thread.")


class MessageIn(Input):
    body: Text(8000, min_length=1)


class MessageOut(Schema):
    id: int
    sender: str | None = Field(description="Username; null for a deleted account.")
    sender_name: str
    body: str
    created_at: datetime


class MessagePage(Page[MessageOut]):
    pass


class FeedbackIn(Input):
    rating: int = Field(ge=1, le=5, description="1 (not helpful) to 5 (excellent).")
    comment: Text(4000) = ""


class FeedbackOut(Schema):
    id: int
    rating: int
    comment: str
    created_at: datetime


class NotificationOut(Schema):
    id: int
    subject: str
    body: str
    url: str = Field(description="Path of the page it is about, on the web site; may be empty.")
    read: bool
    read_at: datetime | None
    created_at: datetime


class NotificationPage(Page[NotificationOut]):
    unread_count: int


class NotificationQuery(PageQuery):
    unread: bool = Field(False, description="Only unread notifications.")


class MarkedOut(Schema):
    marked: int = Field(description="How many notifications were unread.")
