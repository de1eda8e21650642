"""An affiliate asks for on-site technical assistance (a circuit rider's visit): the request
becomes a need of the organization with the method "on-site-technical-assistance", matched
like any other need. Its managers and staff only."""

from datetime import date

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema, Status

from capacityhub.events.services.assistance import assistance_request

from ..core.refs import organization_for
from ..core.schemas import (
    WRITE_AUTH,
    WRITE_ERRORS,
    CapacityCode,
    Input,
    LanguageCode,
    RegionOrNone,
    Slug,
    Text,
)

router = Router(tags=["events"])


class AssistanceIn(Input):
    organization: Slug = Field(description="The organization asking; you must manage it.")
    title: Text(200, min_length=1)
    capacities: list[CapacityCode] = Field(min_length=1, max_length=20)
    description: Text(8000) = ""
    languages: list[LanguageCode] = Field(default_factory=list, max_length=30)
    region: RegionOrNone = Field("", description="Defaults to the organization's region.")
    starts_on: date | None = None
    ends_on: date | None = Field(None, description="On or after `starts_on`, not in the past.")


class AssistanceOut(Schema):
    id: int = Field(description="The need the request became.")
    url: str = Field(description="Its page on the hub.")
    api_url: str


@router.post("/assistance-requests", response={201: AssistanceOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def request_assistance(request: HttpRequest, payload: AssistanceIn):
    """Ask for on-site technical assistance for an organization you manage (403 otherwise).
    Unknown codes or a window ending before it starts: 422, and nothing is saved."""
    fields = payload.model_dump(exclude={"organization"})
    need = assistance_request(
        actor=request.user, organization=organization_for(payload.organization), **fields
    )
    return Status(
        201,
        {
            "id": need.pk,
            "url": need.get_absolute_url(),
            "api_url": reverse("api-1:get_need", kwargs={"need_id": need.pk}),
        },
    )
