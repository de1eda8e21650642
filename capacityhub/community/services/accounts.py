"""API tokens and the interface language of an account."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.permissions import require_member
from capacityhub.core.ratelimit import RateLimited, hit, seconds_left
from capacityhub.core.validation import clean_single_line

from ..models import ApiToken, User
from .profiles import require_owner_or_staff

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
