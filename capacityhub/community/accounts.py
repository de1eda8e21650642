"""A person's account as a whole: the export of everything the hub holds about them, and
deleting the account (issue 10). Each app adds its part through `personal_data`."""

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.models import AuditEntry, Notification

from .models import Membership, Organization, Profile, User
from .personal_data import erase_parts, export_parts, when
from .services import PROFILE_FIELDS, is_last_manager, profile_ensure, require_owner_or_staff

# Export ---------------------------------------------------------------------------------------


def user_export_data(*, user: User) -> dict:
    """Everything the hub holds about a person, for them to download (JSON): the account and
    profile here, each app's part (needs, registrations, enrolments, …), notifications and the
    audit entries of what they did or what was done to their account."""
    profile = profile_ensure(user=user)
    return {
        "account": {
            "username": user.username,
            "email": user.email,
            "date_joined": when(user.date_joined),
            "last_login": when(user.last_login),
            "preferred_language": user.preferred_language,
        },
        "profile": {name: getattr(profile, name) for name in sorted(PROFILE_FIELDS)},
        "languages": {pl.language: pl.proficiency for pl in profile.languages.all()},
        "capacities": [
            {"capacity": c.capacity.code, "relation": c.relation, "level": c.level}
            for c in profile.claims.select_related("capacity")
        ],
        "memberships": [
            {"organization": m.organization.slug, "role": m.role}
            for m in user.memberships.select_related("organization")
        ],
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "created_at": when(t.created_at),
                "last_used_at": when(t.last_used_at),
                "revoked_at": when(t.revoked_at),
            }
            for t in user.api_tokens.all()
        ],
        **export_parts(user),
        "notifications": [
            {
                "subject": n.subject,
                "body": n.body,
                "url": n.url,
                "created_at": when(n.created_at),
                "read_at": when(n.read_at),
            }
            for n in Notification.objects.filter(recipient=user).order_by("created_at", "id")
        ],
        "audit": [
            {
                "action": entry.action,
                "target_type": entry.target_type,
                "target_id": entry.target_id,
                "changes": entry.changes,
                "at": when(entry.created_at),
                "by_me": entry.actor_id == user.pk,
            }
            for entry in _own_audit(user).order_by("created_at", "id")
        ],
    }


def _own_targets(user: User) -> Q:
    profile_ids = [str(pk) for pk in Profile.objects.filter(user=user).values_list("pk", flat=True)]
    return Q(target_type="community.user", target_id=str(user.pk)) | Q(
        target_type="community.profile", target_id__in=profile_ids
    )


def _own_audit(user: User):
    return AuditEntry.objects.filter(Q(actor=user) | _own_targets(user))


# Deletion -------------------------------------------------------------------------------------


@transaction.atomic
def user_delete(*, actor, user: User, successors: Mapping[int, str] | None = None) -> None:
    """Delete the account. Personal data goes; contributions stay under an anonymous name.

    An organization whose last manager this is gets the member named in `successors`
    ({organization id: username}) as manager; without one the deletion is refused
    (ValidationError on `successor_<id>`) and nothing changes. Each app then closes what must
    not outlive the person (open needs, pending invitations, seats); the audit log keeps every
    action but not the personal values; others' notifications lose the person's name."""
    require_owner_or_staff(actor, user.pk)
    _hand_over(actor=actor, user=user, successors=successors or {})
    names = _names(user)
    erase_parts(user)
    anonymous = f"deleted-{user.pk}"
    _anonymise_audit(user, names, anonymous)
    _anonymise_notifications(user, names, anonymous)
    Profile.objects.filter(user=user).delete()
    user.memberships.all().delete()
    user.api_tokens.all().delete()
    user.emailaddress_set.all().delete()
    user.socialaccount_set.all().delete()
    user.username = anonymous
    user.email = ""
    user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    audit_log(actor=actor if actor.pk != user.pk else None, action="user.delete", target=user)


def last_managed_organizations(*, user: User) -> list[Organization]:
    """The organizations that would be left without a manager if `user` left."""
    managed = Organization.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.MANAGER
    ).order_by("name")
    return [organization for organization in managed if is_last_manager(organization, user)]


def _hand_over(*, actor, user: User, successors: Mapping[int, str]) -> None:
    errors = {}
    for organization in last_managed_organizations(user=user):
        field = f"successor_{organization.pk}"
        username = (successors.get(organization.pk) or "").strip()
        successor = (
            Membership.objects.filter(
                organization=organization, user__username=username, user__is_active=True
            )
            .exclude(user=user)
            .first()
            if username
            else None
        )
        if successor is None:
            errors[field] = _(
                "You are the last manager of %(organization)s: name a member to take over, or "
                "make someone else a manager first."
            ) % {"organization": organization.name}
            continue
        successor.role = Membership.Role.MANAGER
        successor.save(update_fields=["role"])
        audit_log(
            actor=actor,
            action="membership.set",
            target=organization,
            changes={"user": successor.user.username, "role": Membership.Role.MANAGER},
        )
    if errors:
        raise ValidationError(errors)


def _names(user: User) -> list[str]:
    """The person's names as others may have seen them, longest first."""
    profile = Profile.objects.filter(user=user).first()
    names = {user.username, user.get_full_name(), profile.display_name if profile else ""}
    return sorted((name for name in names if len(name.strip()) >= 2), key=len, reverse=True)


def _replacer(names: list[str], anonymous: str):
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in names), re.IGNORECASE
    )
    return lambda text: pattern.sub(anonymous, text) if names else text


def _scrub(value: Any, replace) -> Any:
    if isinstance(value, str):
        return replace(value)
    if isinstance(value, list):
        return [_scrub(item, replace) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, replace) for key, item in value.items()}
    return value


def _mentioning(queryset, field: str, names: list[str]):
    condition = Q()
    for name in names:
        condition |= Q(**{f"{field}__icontains": name})
    return queryset.filter(condition) if names else queryset.none()


def _anonymise_audit(user: User, names: list[str], anonymous: str) -> None:
    """Entries about the account or profile keep their action and which fields changed, not
    the values (old display name, bio, country, languages, claims); any other entry loses the
    person's name."""
    for entry in AuditEntry.objects.filter(_own_targets(user)):
        entry.changes = dict.fromkeys(entry.changes)
        entry.save(update_fields=["changes"])
    replace = _replacer(names, anonymous)
    texts = AuditEntry.objects.annotate(text=Cast("changes", TextField()))
    for entry in _mentioning(texts, "text", names):
        entry.changes = _scrub(entry.changes, replace)
        entry.save(update_fields=["changes"])


def _anonymise_notifications(user: User, names: list[str], anonymous: str) -> None:
    """The person's own inbox goes; others' notifications keep their news without the name."""
    Notification.objects.filter(recipient=user).delete()
    replace = _replacer(names, anonymous)
    mentions = _mentioning(Notification.objects.all(), "subject", names) | _mentioning(
        Notification.objects.all(), "body", names
    )
    for notification in mentions:
        notification.subject = replace(notification.subject)
        notification.body = replace(notification.body)
        notification.save(update_fields=["subject", "body"])
