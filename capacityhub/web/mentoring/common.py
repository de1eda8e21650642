"""Helpers the mentoring pages share."""

from django.contrib import messages
from django.core.exceptions import ValidationError

from capacityhub.community.models import User
from capacityhub.web.core.lookup import object_or_404


def users_named(text: str) -> list[User]:
    names = [part.strip() for part in (text or "").split(",") if part.strip()]
    found = list(User.objects.filter(username__in=names, is_active=True))
    missing = set(names) - {u.username for u in found}
    if missing:
        raise ValidationError({"facilitators": ", ".join(sorted(missing))})
    return found


def flash_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


__all__ = ["flash_errors", "object_or_404", "users_named"]
