"""Writes to organizations and their memberships."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log, diff
from capacityhub.core.languages import is_country, is_language
from capacityhub.core.permissions import require_member
from capacityhub.core.validation import (
    clean_languages,
    clean_multiline,
    clean_region,
    clean_single_line,
)
from capacityhub.core.versioning import version_bump

from ..models import CapacityClaim, Membership, Organization, OrganizationLanguage, Relation, User
from ..selectors import require_can_act_for
from .claims import replace_claims, resolve_claims

ORGANIZATION_FIELDS = {"name", "names", "kind", "description", "countries", "region", "website"}
RESERVED_SLUGS = {"new"}  # organizations/new/ is the creation page


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organization"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Organization.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _clean_organization(organization: Organization) -> None:
    bad = [c for c in organization.countries if not isinstance(c, str) or not is_country(c)]
    if bad:
        raise ValidationError(
            {"countries": _("Unknown country code(s): %s") % ", ".join(map(str, bad))}
        )
    organization.region = clean_region(organization.region)
    if not isinstance(organization.names, dict) or not all(
        is_language(k) and isinstance(v, str) for k, v in organization.names.items()
    ):
        raise ValidationError({"names": _("Names are given per language code.")})
    organization.names = {
        code: clean_single_line(name, field="names", max_length=200)
        for code, name in organization.names.items()
    }
    organization.name = clean_single_line(
        organization.name, field="name", max_length=200, required=True
    )
    organization.description = clean_multiline(
        organization.description, field="description", max_length=8000
    )
    organization.full_clean()


@transaction.atomic
def organization_create(*, actor, name: str, kind: str, **fields) -> Organization:
    """Any member may register an organization and becomes its first manager."""
    require_member(actor)
    unknown = set(fields) - ORGANIZATION_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in unknown})
    name = clean_single_line(name, field="name", max_length=200, required=True)
    organization = Organization(name=name, kind=kind, slug=_unique_slug(name), **fields)
    organization.countries = [str(c).upper() for c in organization.countries]
    _clean_organization(organization)
    organization.save()
    Membership.objects.create(organization=organization, user=actor, role=Membership.Role.MANAGER)
    audit_log(actor=actor, action="organization.create", target=organization, changes=fields)
    return organization


@transaction.atomic
def organization_update(
    *, actor, organization: Organization, expected_version: int | None = None, **changes
) -> Organization:
    require_can_act_for(actor, organization=organization)
    unknown = set(changes) - ORGANIZATION_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})
    before = {name: getattr(organization, name) for name in changes}
    for name, value in changes.items():
        setattr(organization, name, value)
    organization.countries = [str(c).upper() for c in organization.countries]
    _clean_organization(organization)
    version_bump(Organization, organization, expected_version)
    # Only the fields this caller changed: a concurrent edit of other fields survives.
    organization.save(update_fields=[*changes, "updated_at"])
    audit_log(
        actor=actor,
        action="organization.update",
        target=organization,
        changes=diff(before, changes),
    )
    return organization


@transaction.atomic
def organization_set_languages(*, actor, organization: Organization, languages: list[str]) -> None:
    require_can_act_for(actor, organization=organization)
    languages = clean_languages(languages)
    organization.languages.all().delete()
    OrganizationLanguage.objects.bulk_create(
        OrganizationLanguage(organization=organization, language=code) for code in set(languages)
    )


@transaction.atomic
def organization_set_capacities(
    *, actor, organization: Organization, claims: Iterable[tuple[str, str, int]]
) -> list[CapacityClaim]:
    """Replace what the organization offers and wants: [(code, 'offers'|'wants', level)]."""
    require_can_act_for(actor, organization=organization)
    resolved = resolve_claims(claims)
    if any(relation == Relation.KNOWS for _c, relation, _level in resolved):
        raise ValidationError({"capacities": _("Organizations offer or want capacities.")})
    return replace_claims(actor=actor, holder=organization, resolved=resolved)


def is_last_manager(organization: Organization, user: User) -> bool:
    managers = set(
        organization.memberships.filter(role=Membership.Role.MANAGER).values_list(
            "user_id", flat=True
        )
    )
    return managers == {user.pk}


@transaction.atomic
def membership_set(*, actor, organization: Organization, user: User, role: str) -> Membership:
    """Managers and staff add people or change their role."""
    require_can_act_for(actor, organization=organization)
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Role must be member or manager.")})
    if role == Membership.Role.MEMBER and is_last_manager(organization, user):
        raise ValidationError({"role": _("An organization needs at least one manager.")})
    membership, _created = Membership.objects.update_or_create(
        organization=organization, user=user, defaults={"role": role}
    )
    audit_log(
        actor=actor,
        action="membership.set",
        target=organization,
        changes={"user": user.username, "role": role},
    )
    return membership


@transaction.atomic
def membership_remove(*, actor, organization: Organization, user: User) -> None:
    """Managers and staff remove members; anyone may leave. The last manager cannot leave."""
    if getattr(actor, "pk", None) != user.pk:
        require_can_act_for(actor, organization=organization)
    membership = Membership.objects.filter(organization=organization, user=user).first()
    if membership is None:
        raise ValidationError({"user": _("This person is not a member.")})
    if is_last_manager(organization, user):
        raise ValidationError({"user": _("An organization needs at least one manager.")})
    membership.delete()
    audit_log(
        actor=actor,
        action="membership.remove",
        target=organization,
        changes={"user": user.username},
    )
