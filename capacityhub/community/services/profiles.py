"""Writes to people's profiles: their fields, languages and capacities."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log, diff
from capacityhub.core.languages import is_country, is_time_zone
from capacityhub.core.permissions import require_member
from capacityhub.core.validation import (
    clean_int,
    clean_language,
    clean_multiline,
    clean_single_line,
)
from capacityhub.core.versioning import version_bump

from ..models import CapacityClaim, Profile, ProfileLanguage, Relation, User
from ..selectors import FIELD_GROUPS, can_act_for
from .claims import replace_claims, resolve_claims

PROFILE_FIELDS = {"display_name", "wikimedia_username", "pronouns", "bio", "country", "time_zone"}
PROFILE_FIELDS |= {f"{group}_visibility" for group in FIELD_GROUPS}
PROFILE_TEXTS = {"display_name": 120, "wikimedia_username": 120, "pronouns": 40}


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


@transaction.atomic
def profile_set_capacities(
    *, actor, profile: Profile, claims: Iterable[tuple[str, str, int]]
) -> list[CapacityClaim]:
    """Replace what the person knows, offers and wants: [(capacity code, relation, level)].

    A person can only offer what they know (offers ⊆ knows)."""
    require_owner_or_staff(actor, profile.user_id)
    resolved = resolve_claims(claims)
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
    return replace_claims(actor=actor, holder=profile, resolved=resolved)
