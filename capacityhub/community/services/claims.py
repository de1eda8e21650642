"""What a person or an organization knows, offers and wants: the claims that profiles.py and
organizations.py replace."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.validation import clean_level
from capacityhub.taxonomy.models import Capacity

from ..models import CapacityClaim, Organization, Profile, Relation


def resolve_claims(
    claims: Iterable[tuple[str, str, int]],
) -> list[tuple[Capacity, str, int]]:
    claims = list(claims)
    codes = {code for code, _relation, _level in claims}
    capacities = Capacity.objects.in_bulk(codes, field_name="code")
    errors: dict[str, str] = {}
    resolved = []
    seen: set[tuple[str, str]] = set()
    for code, relation, level in claims:
        if (code, relation) in seen:
            errors[f"capacities.{code}"] = _("“%s” is listed twice.") % code
        elif code not in capacities:
            errors[f"capacities.{code}"] = _("Unknown capacity “%s”.") % code
        elif relation not in Relation.values:
            errors[f"capacities.{code}"] = _("Relation must be knows, offers or wants.")
        else:
            try:
                clean_level(level, field=f"capacities.{code}")
            except ValidationError as error:
                errors.update({k: v[0] for k, v in error.message_dict.items()})
            else:
                resolved.append((capacities[code], relation, level))
        seen.add((code, relation))
    if errors:
        raise ValidationError(errors)
    return resolved


def replace_claims(
    *, actor, holder: Profile | Organization, resolved: list[tuple[Capacity, str, int]]
) -> list[CapacityClaim]:
    """Make the holder's claims equal `resolved`, keeping the rows that stay (an offer's
    details hang on its claim), and record the new set in the audit log."""
    holder_field = "profile" if isinstance(holder, Profile) else "organization"
    existing = {(c.capacity_id, c.relation): c for c in holder.claims.all()}
    wanted = {(c.pk, relation): (c, relation, level) for c, relation, level in resolved}
    stale = [claim.pk for key, claim in existing.items() if key not in wanted]
    CapacityClaim.objects.filter(pk__in=stale).delete()
    changed = []
    for key, (_capacity, _relation, level) in wanted.items():
        if key in existing and existing[key].level != level:
            existing[key].level = level
            changed.append(existing[key])
    CapacityClaim.objects.bulk_update(changed, ["level"])
    CapacityClaim.objects.bulk_create(
        CapacityClaim(**{holder_field: holder}, capacity=c, relation=relation, level=level)
        for key, (c, relation, level) in wanted.items()
        if key not in existing
    )
    audit_log(
        actor=actor,
        action=f"{holder_field}.capacities",
        target=holder,
        changes={"claims": sorted(f"{c.code}:{r}:{lv}" for c, r, lv in resolved)},
    )
    return list(holder.claims.all())
