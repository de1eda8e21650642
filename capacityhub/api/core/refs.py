"""References to people and organizations: the short shapes other objects embed, and
organizations named by slug in a filter or a body (an unknown slug is a 422)."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext as _
from ninja import Schema

from capacityhub.community.models import Organization
from capacityhub.community.selectors import organization_get


class PersonRef(Schema):
    username: str
    display_name: str


class OrganizationRef(Schema):
    slug: str
    name: str


def person_ref(user) -> dict:
    profile = getattr(user, "profile", None)
    return {
        "username": user.username,
        "display_name": profile.display_name if profile else user.username,
    }


def organization_for(slug: str | None) -> Organization | None:
    if slug is None:
        return None
    try:
        return organization_get(slug=slug)
    except ObjectDoesNotExist:
        raise ValidationError({"organization": _("Unknown organization “%s”.") % slug}) from None


def organization_id_for(slug: str | None) -> int | None:
    organization = organization_for(slug)
    return organization.pk if organization else None
