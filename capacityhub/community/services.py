"""Writes to people, organizations, memberships and API tokens."""

import secrets
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log, diff
from capacityhub.core.languages import is_country, is_language, is_time_zone
from capacityhub.core.permissions import require_member
from capacityhub.core.ratelimit import RateLimited, hit, seconds_left
from capacityhub.core.validation import (
    clean_int,
    clean_language,
    clean_languages,
    clean_level,
    clean_multiline,
    clean_region,
    clean_single_line,
)
from capacityhub.core.versioning import version_bump
from capacityhub.taxonomy.models import Capacity

from .models import (
    ApiToken,
    CapacityClaim,
    Membership,
    Organization,
    OrganizationLanguage,
    Profile,
    ProfileLanguage,
    Relation,
    User,
)
from .selectors import FIELD_GROUPS, can_act_for, require_can_act_for

PROFILE_FIELDS = {"display_name", "wikimedia_username", "pronouns", "bio", "country", "time_zone"}
PROFILE_FIELDS |= {f"{group}_visibility" for group in FIELD_GROUPS}
PROFILE_TEXTS = {"display_name": 120, "wikimedia_username": 120, "pronouns": 40}
ORGANIZATION_FIELDS = {"name", "names", "kind", "description", "countries", "region", "website"}


def require_owner_or_staff(actor, owner_id: int) -> None:
    require_member(actor)
    if not can_act_for(actor, owner=owner_id):
        raise PermissionDenied(_("You can only change your own profile."))


def profile_ensure(*, user: User) -> Profile:
    profile, _created = Profile.objects.get_or_create(
        user=user, defaults={"display_name": user.get_full_name() or user.username}
    )
    return profile


@transaction.atomic
def profile_update(
    *, actor, profile: Profile, expected_version: int | None = None, **changes
) -> Profile:
    require_owner_or_staff(actor, profile.user_id)
    unknown = set(changes) - PROFILE_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})
    if changes.get("country"):
        changes["country"] = changes["country"].upper()
        if not is_country(changes["country"]):
            raise ValidationError({"country": _("Unknown country code.")})
    if changes.get("time_zone") and not is_time_zone(changes["time_zone"]):
        raise ValidationError({"time_zone": _("Unknown time zone.")})
    _clean_profile_texts(changes)
    before = {name: getattr(profile, name) for name in changes}
    for name, value in changes.items():
        setattr(profile, name, value)
    profile.full_clean(exclude=["user"])
    version_bump(Profile, profile, expected_version)
    profile.save(update_fields=[*changes, "updated_at"])
    audit_log(actor=actor, action="profile.update", target=profile, changes=diff(before, changes))
    return profile


def _clean_profile_texts(changes: dict) -> None:
    for name, limit in PROFILE_TEXTS.items():
        if name in changes:
            required = name == "display_name"
            changes[name] = clean_single_line(
                changes[name], field=name, max_length=limit, required=required
            )
    if "bio" in changes:
        changes["bio"] = clean_multiline(changes["bio"], field="bio", max_length=4000)


def _clean_languages(languages: dict[str, int]) -> dict[str, int]:
    if not isinstance(languages, dict):
        raise ValidationError({"languages": _("Give each language with its proficiency.")})
    message = _("Proficiency is native (0) or a level from 1 to 5.")
    for code, proficiency in languages.items():
        field = f"languages.{code}"
        clean_language(code, field=field)
        clean_int(proficiency, field=field, minimum=0, maximum=5, message=message)
    return languages


@transaction.atomic
def profile_set_languages(*, actor, profile: Profile, languages: dict[str, int]) -> None:
    """Replace the person's languages: {code: proficiency (0 = native, 1..5)}."""
    require_owner_or_staff(actor, profile.user_id)
    _clean_languages(languages)
    profile.languages.all().delete()
    ProfileLanguage.objects.bulk_create(
        ProfileLanguage(profile=profile, language=code, proficiency=level)
        for code, level in languages.items()
    )
    audit_log(
        actor=actor, action="profile.languages", target=profile, changes={"languages": languages}
    )


def _resolve_claims(
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


def _replace_claims(
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


@transaction.atomic
def profile_set_capacities(
    *, actor, profile: Profile, claims: Iterable[tuple[str, str, int]]
) -> list[CapacityClaim]:
    """Replace what the person knows, offers and wants: [(capacity code, relation, level)].

    A person can only offer what they know (offers ⊆ knows)."""
    require_owner_or_staff(actor, profile.user_id)
    resolved = _resolve_claims(claims)
    known = {c.code for c, relation, _level in resolved if relation == Relation.KNOWS}
    unknown_offers = [
        c.code
        for c, relation, _level in resolved
        if relation == Relation.OFFERS and c.code not in known
    ]
    if unknown_offers:
        raise ValidationError(
            {
                f"capacities.{code}": _("You can only offer a capacity you also know.")
                for code in unknown_offers
            }
        )
    return _replace_claims(actor=actor, holder=profile, resolved=resolved)


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
    resolved = _resolve_claims(claims)
    if any(relation == Relation.KNOWS for _c, relation, _level in resolved):
        raise ValidationError({"capacities": _("Organizations offer or want capacities.")})
    return _replace_claims(actor=actor, holder=organization, resolved=resolved)


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


# A script that mints tokens in a loop is a bug or an attack; a person needs a handful.
TOKENS_PER_HOUR = 10


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Returns the token and its secret. The secret is shown once and never stored.

    At most TOKENS_PER_HOUR per person (RateLimited, a ValidationError on `name`, beyond)."""
    require_member(user)
    message = _("Give the token a name, e.g. “chapter website”.")
    name = clean_single_line(name, field="name", max_length=80, required=True, message=message)
    if not hit(f"api_token_create:{user.pk}", TOKENS_PER_HOUR, 3600):
        raise RateLimited(
            {"name": _("Too many tokens created; try again later.")}, retry_after=seconds_left(3600)
        )
    key = "chub_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:80], prefix=key[:12], key_hash=ApiToken.hash(key)
    )
    audit_log(actor=user, action="api_token.create", target=token, changes={"name": name})
    return token, key


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> None:
    require_owner_or_staff(actor, token.user_id)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log(actor=actor, action="api_token.revoke", target=token)


def api_tokens_revoke_all(*, user: User, reason: str) -> int:
    """Revoke every active token of `user` (after a password change: a token stolen with the old
    password must not outlive it). Returns how many were revoked."""
    with transaction.atomic():
        revoked = user.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        if revoked:
            audit_log(
                actor=None,
                action="api_token.revoke_all",
                target=user,
                changes={"reason": reason, "tokens": revoked},
            )
    return revoked


def api_token_authenticate(key: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def user_set_language(*, user: User, language: str) -> None:
    from django.conf import settings

    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("This language is not available.")})
    if getattr(user, "is_authenticated", False):
        User.objects.filter(pk=user.pk).update(preferred_language=language)
