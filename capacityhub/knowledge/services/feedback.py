"""What readers add to a resource: evidence of use, endorsements, reported problems, and
requests for a translation (which become needs in the exchange)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.languages import language_name
from capacityhub.core.permissions import require_member
from capacityhub.core.ratelimit import hit
from capacityhub.core.validation import clean_int, clean_multiline, clean_region
from capacityhub.exchange.models import Need
from capacityhub.exchange.services.needs import need_create
from capacityhub.taxonomy.models import Capacity

from ..models import ORGANIZATION_KIND_CHOICES, Endorsement, Resource, ResourceReport, ResourceUse
from .validation import MAX_CAPACITIES, clean_language

TRANSLATION_CAPACITY = "translation"
REPORTS_PER_HOUR = 20


def _require_listed(resource: Resource) -> None:
    if not resource.is_listed:
        raise ValidationError({"resource": _("This resource was merged or withdrawn.")})


def _clean_use(
    *, region, language, organization_kind, audience_size, outcome, rating, comment, used_on
) -> None:
    clean_region(region, required=True)
    clean_language(language)
    if organization_kind not in {value for value, _label in ORGANIZATION_KIND_CHOICES}:
        raise ValidationError({"organization_kind": _("Choose a kind of organization.")})
    message = _("Give a number of people.")
    clean_int(audience_size, field="audience_size", minimum=0, maximum=10**6, message=message)
    if outcome not in ResourceUse.Outcome.values:
        raise ValidationError({"outcome": _("Say how it went.")})
    clean_int(rating, field="rating", minimum=1, maximum=5, message=_("Rate it from 1 to 5."))
    if not isinstance(used_on, date) or used_on > timezone.localdate():
        raise ValidationError({"used_on": _("Give the date you used it (not in the future).")})


@transaction.atomic
def resource_use_record(
    *,
    actor,
    resource: Resource,
    region: str,
    language: str,
    organization_kind: str,
    audience_size: int,
    outcome: str,
    rating: int,
    comment: str = "",
    used_on: date | None = None,
) -> ResourceUse:
    """Record that the actor used the resource: where, in which language, with whom, how it
    went. One record per person and day; a second one that day is refused, not double-counted."""
    require_member(actor)
    _require_listed(resource)
    used_on = used_on or timezone.localdate()
    fields = {
        "region": region,
        "language": language,
        "organization_kind": organization_kind,
        "audience_size": audience_size,
        "outcome": outcome,
        "rating": rating,
        "comment": clean_multiline(comment, field="comment", max_length=4000),
        "used_on": used_on,
    }
    _clean_use(**fields)
    if ResourceUse.objects.filter(resource=resource, user=actor, used_on=used_on).exists():
        raise ValidationError(
            {"used_on": _("You already recorded a use of this resource on that day.")}
        )
    use = ResourceUse.objects.create(resource=resource, user=actor, **fields)
    audit_log(
        actor=actor,
        action="resource.use",
        target=resource,
        changes={"use": use.pk, "region": region, "rating": rating},
    )
    return use


@transaction.atomic
def resource_endorse(*, actor, resource: Resource, comment: str = "") -> Endorsement:
    """Vouch for a learning pattern, once."""
    require_member(actor)
    _require_listed(resource)
    if not resource.is_learning_pattern:
        raise ValidationError({"resource": _("Only learning patterns can be endorsed.")})
    comment = clean_multiline(comment, field="comment", max_length=2000)
    if Endorsement.objects.filter(resource=resource, user=actor).exists():
        raise ValidationError({"resource": _("You already endorsed this learning pattern.")})
    return Endorsement.objects.create(resource=resource, user=actor, comment=comment)


@transaction.atomic
def resource_report(*, actor, resource: Resource, reason: str, details: str = "") -> ResourceReport:
    """Tell the information specialists about a problem with a resource."""
    require_member(actor)
    if reason not in ResourceReport.Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    details = clean_multiline(details, field="details", max_length=4000)
    if not hit(f"resource-report:{actor.pk}", REPORTS_PER_HOUR, 3600):
        raise ValidationError({"reason": _("You reported many problems; try again later.")})
    return ResourceReport.objects.create(
        resource=resource, reporter=actor, reason=reason, details=details
    )


def _translation_capacities(resource: Resource) -> list[str]:
    codes = [c.code for c in resource.capacities.all() if c.is_active]
    if Capacity.objects.filter(code=TRANSLATION_CAPACITY, is_active=True).exists():
        codes = [TRANSLATION_CAPACITY, *(c for c in codes if c != TRANSLATION_CAPACITY)]
    return codes[:MAX_CAPACITIES]


@transaction.atomic
def resource_translation_request(*, actor, resource: Resource, language: str) -> Need:
    """Ask for a translation into `language`: a public need in the exchange, on the
    "translation" capacity (when the taxonomy has it) and the resource's capacities, that
    translators can answer."""
    require_member(actor)
    _require_listed(resource)
    clean_language(language)
    if language == resource.language:
        raise ValidationError({"language": _("The resource is already in this language.")})
    family = Resource.objects.filter(original_id=resource.original_id or resource.pk)
    if family.filter(language=language, status__in=[Resource.Status.PUBLISHED]).exists():
        raise ValidationError({"language": _("There is already a version in this language.")})
    url = resource.get_absolute_url()
    name = language_name(language)
    need = need_create(
        actor=actor,
        title=(
            _("Translate “%(title)s” into %(language)s")
            % {"title": resource.title, "language": name}
        )[:200],
        description=_("A translation of the resource “%(title)s” (%(url)s) into %(language)s.")
        % {"title": resource.title, "url": url, "language": name},
        capacities=_translation_capacities(resource),
        languages=[language],
    )
    audit_log(
        actor=actor,
        action="resource.translation_request",
        target=resource,
        changes={"need": need.pk, "language": language},
    )
    return need
