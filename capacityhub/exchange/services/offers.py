"""Writes to offers and availability.

An offer is the *how* of an `offers` capacity claim (community.CapacityClaim): the claim holds
the capacity and the level, the Offer row adds methods, languages and place. A person can only
offer what they know (offers ⊆ knows, as in community.services.profile_set_capacities); an
organization offers through its managers.

Withdrawing an offer keeps its claim and sets `Offer.is_active = False`: the person still says
they can offer the capacity (their profile shows it), but they are not looking for requests
now, so the offer leaves the exchange's lists and matching. Creating the same offer again
re-activates it with the new details. Removing the capacity from the profile deletes the claim
and, with it, the offer.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from capacityhub.community.models import CapacityClaim, Organization, Profile, Relation
from capacityhub.community.selectors import can_act_for, require_can_act_for
from capacityhub.community.services import profile_ensure
from capacityhub.core.audit import audit_log, diff
from capacityhub.core.permissions import require_member
from capacityhub.core.validation import (
    clean_bool,
    clean_int,
    clean_languages,
    clean_level,
    clean_multiline,
    clean_region,
)
from capacityhub.exchange.selectors.matching_index import matching_index_changed
from capacityhub.taxonomy.models import Capacity
from capacityhub.taxonomy.validation import resolve_methods

from ..models import Availability, Offer

EDITABLE_FIELDS = {"level", "description", "methods", "languages", "online", "region"}


# Permissions -----------------------------------------------------------------------------------


def offer_can_edit(*, offer: Offer, user) -> bool:
    """The person who offers, the managers of the organization that offers, and staff."""
    claim = offer.claim
    owner = claim.profile.user_id if claim.profile_id is not None else None
    return can_act_for(user, owner=owner, organization=claim.organization_id)


def _require_offer_editor(actor, offer: Offer) -> None:
    require_member(actor)
    if not offer_can_edit(offer=offer, user=actor):
        raise PermissionDenied(_("Only the person or organization that offers this can change it."))


# Validation ------------------------------------------------------------------------------------


def _capacity(code) -> Capacity:
    capacity = None
    if isinstance(code, str):
        capacity = Capacity.objects.filter(code=code, is_active=True).first()
    if capacity is None:
        raise ValidationError({"capacity": _("Unknown capacity “%s”.") % code})
    return capacity


def _clean_details(fields: dict) -> dict:
    cleaned = dict(fields)
    if "level" in cleaned:
        clean_level(cleaned["level"], field="level")
    if "description" in cleaned:
        cleaned["description"] = clean_multiline(
            cleaned["description"], field="description", max_length=4000
        )
    if "languages" in cleaned:
        cleaned["languages"] = clean_languages(cleaned["languages"])
    if "region" in cleaned:
        cleaned["region"] = clean_region(cleaned["region"])
    if "online" in cleaned:
        clean_bool(cleaned["online"], field="online")
    if "methods" in cleaned:
        cleaned["methods"] = resolve_methods(cleaned["methods"])
    return cleaned


def _claim_for(holder: Profile | Organization, capacity: Capacity, level: int) -> CapacityClaim:
    holder_field = "profile" if isinstance(holder, Profile) else "organization"
    claim, _created = CapacityClaim.objects.update_or_create(
        **{holder_field: holder},
        capacity=capacity,
        relation=Relation.OFFERS,
        defaults={"level": level},
    )
    return claim


def _require_knows(profile: Profile, capacity: Capacity) -> None:
    knows = CapacityClaim.objects.filter(
        profile=profile, capacity=capacity, relation=Relation.KNOWS
    ).exists()
    if not knows:
        raise ValidationError({"capacity": _("You can only offer a capacity you also know.")})


# Offers ----------------------------------------------------------------------------------------


@transaction.atomic
def offer_create(
    *,
    actor,
    capacity: str,
    level: int = 3,
    description: str = "",
    methods: list[str] = (),
    languages: list[str] = (),
    online: bool = True,
    region: str = "",
    organization: Organization | None = None,
) -> Offer:
    """Offer a capacity, as oneself or (managers and staff) for an organization. Sets the
    `offers` claim's level; an offer withdrawn earlier is re-activated with these details."""
    if organization is not None:
        require_can_act_for(actor, organization=organization)
        holder = organization
    else:
        require_member(actor)
        holder = profile_ensure(user=actor)
    resolved = _capacity(capacity)
    details = _clean_details(
        {
            "level": level,
            "description": description,
            "methods": list(methods),
            "languages": list(languages),
            "online": online,
            "region": region,
        }
    )
    if isinstance(holder, Profile):
        _require_knows(holder, resolved)
    existing = Offer.objects.filter(
        claim__in=holder.claims.filter(capacity=resolved, relation=Relation.OFFERS)
    ).first()
    if existing is not None and existing.is_active:
        raise ValidationError(
            {"capacity": _("This capacity is offered already; change that offer instead.")}
        )
    claim = _claim_for(holder, resolved, details.pop("level"))
    method_objects = details.pop("methods")
    offer, _created = Offer.objects.update_or_create(
        claim=claim, defaults={**details, "is_active": True}
    )
    offer.methods.set(method_objects)
    audit_log(
        actor=actor,
        action="offer.create",
        target=offer,
        changes={"capacity": resolved.code, "level": claim.level, "holder": _holder_name(holder)},
    )
    return offer


def _holder_name(holder: Profile | Organization) -> str:
    return holder.slug if isinstance(holder, Organization) else holder.user.username


@transaction.atomic
def offer_update(*, actor, offer: Offer, **changes) -> Offer:
    """Change an offer's level, description, methods, languages or place."""
    _require_offer_editor(actor, offer)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})
    changes = _clean_details(changes)
    record = {}
    if "level" in changes:
        level = changes.pop("level")
        record.update(diff({"level": offer.claim.level}, {"level": level}))
        CapacityClaim.objects.filter(pk=offer.claim_id).update(level=level)
        transaction.on_commit(matching_index_changed)
        offer.claim.level = level
    methods = changes.pop("methods", None)
    before = {name: getattr(offer, name) for name in changes}
    for name, value in changes.items():
        setattr(offer, name, value)
    offer.full_clean()
    offer.save(update_fields=[*changes, "updated_at"])
    record.update(diff(before, changes))
    if methods is not None:
        offer.methods.set(methods)
        record["methods"] = [m.code for m in methods]
    audit_log(actor=actor, action="offer.update", target=offer, changes=record)
    return offer


@transaction.atomic
def offer_withdraw(*, actor, offer: Offer) -> Offer:
    """Take the offer out of the exchange. The `offers` claim stays (see the module doc)."""
    _require_offer_editor(actor, offer)
    transaction.on_commit(matching_index_changed)
    if not Offer.objects.filter(pk=offer.pk, is_active=True).update(is_active=False):
        raise ValidationError({"offer": _("This offer has been withdrawn already.")})
    offer.is_active = False
    audit_log(actor=actor, action="offer.withdraw", target=offer)
    return offer


# Availability ----------------------------------------------------------------------------------


@transaction.atomic
def availability_set(
    *,
    actor,
    profile: Profile | None = None,
    organization: Organization | None = None,
    hours_per_month: int,
    max_connections: int,
    away_until: date | None = None,
) -> Availability:
    """How much a person or organization can help: hours a month, connections at once, and
    an optional date until which they are away."""
    if (profile is None) == (organization is None):
        raise ValidationError(_("Give either a person or an organization."))
    if organization is not None:
        require_can_act_for(actor, organization=organization)
    else:
        require_member(actor)
        if profile.user_id != actor.pk and not actor.is_staff:
            raise PermissionDenied(_("You can only change your own availability."))
    holder = {"profile": profile} if profile is not None else {"organization": organization}
    availability = Availability.objects.filter(**holder).first() or Availability(**holder)
    before = {
        "hours_per_month": availability.hours_per_month,
        "max_connections": availability.max_connections,
        "away_until": availability.away_until,
    }
    after = {
        "hours_per_month": hours_per_month,
        "max_connections": max_connections,
        "away_until": away_until,
    }
    for name, value in after.items():
        setattr(availability, name, value)
    _clean_availability(availability)
    availability.save()
    changes = diff(before, after)
    if "away_until" in changes:
        changes["away_until"] = [d.isoformat() if d else None for d in changes["away_until"]]
    audit_log(actor=actor, action="availability.set", target=availability, changes=changes)
    return availability


def _clean_availability(availability: Availability) -> None:
    for field, low, high, message in (
        ("hours_per_month", 0, 200, _("Hours per month are between 0 and 200.")),
        ("max_connections", 1, 50, _("The most connections at once is between 1 and 50.")),
    ):
        value = getattr(availability, field)
        clean_int(value, field=field, minimum=low, maximum=high, message=message)
    if availability.away_until is not None and not isinstance(availability.away_until, date):
        raise ValidationError({"away_until": _("Give a date.")})
    availability.full_clean()
