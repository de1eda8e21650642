"""An affiliate asks for on-site technical assistance: the request enters the exchange as a
need of the organization, with the method "on-site technical assistance", so it is matched
like any other need."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from capacityhub.community.models import Organization
from capacityhub.community.selectors import can_act_for
from capacityhub.core.permissions import require_member
from capacityhub.exchange.models import Need
from capacityhub.exchange.services.needs import need_create
from capacityhub.taxonomy.models import Method

ASSISTANCE_METHOD = "on-site-technical-assistance"


@transaction.atomic
def assistance_request(
    *,
    actor,
    organization: Organization | None,
    title: str,
    capacities: list[str],
    description: str = "",
    languages: list[str] = (),
    region: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> Need:
    """Managers of the organization (and staff) ask."""
    require_member(actor)
    if organization is None:
        raise ValidationError({"organization": _("Choose the organization that needs help.")})
    if not can_act_for(actor, organization=organization):
        raise PermissionDenied(_("Only this organization's managers and staff can ask."))
    if not Method.objects.filter(code=ASSISTANCE_METHOD).exists():
        raise ValidationError({"methods": _("On-site technical assistance is not in the toolbox.")})
    return need_create(
        actor=actor,
        organization=organization,
        title=title,
        capacities=capacities,
        description=description,
        languages=list(languages),
        online=False,
        region=region or organization.region,
        methods=[ASSISTANCE_METHOD],
        starts_on=starts_on,
        ends_on=ends_on,
    )
