"""Checks shared by the knowledge services: codes, languages, the fields of each kind."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from capacityhub.core.languages import is_language
from capacityhub.taxonomy.validation import (  # noqa: F401 (re-exported for this app)
    MAX_CAPACITIES,
    code_list,
    resolve_capacities,
    resolve_methods,
)

from ..models import Resource

MAX_AUTHORS = 20


def resolve_authors(values) -> list:
    from capacityhub.community.models import User

    names = code_list(values, "authors", MAX_AUTHORS)
    found = User.objects.filter(is_active=True).in_bulk(names, field_name="username")
    unknown = [name for name in names if name not in found]
    if unknown:
        raise ValidationError(
            {"authors": _("Unknown user: %s.") % ", ".join(f"“{n}”" for n in unknown)}
        )
    return [found[name] for name in names]


def clean_language(code, field: str = "language") -> str:
    if not isinstance(code, str) or not is_language(code):
        raise ValidationError({field: _("Choose a known language.")})
    return code


def _strip(fields: dict, names: Iterable[str]) -> None:
    for name in names:
        if name in fields:
            fields[name] = (fields[name] or "").strip()


def clean_scalars(fields: dict) -> dict:
    """Normalise the plain fields present in `fields`."""
    cleaned = dict(fields)
    _strip(cleaned, ["title", "summary", "body", "url", "author_names", "outdated_note"])
    _strip(cleaned, ["problem", "solution", "considerations", "when_to_use"])
    for name, message in (
        ("title", _("Give the resource a title.")),
        ("summary", _("Say in a sentence or two what the resource is.")),
    ):
        if name in cleaned and not cleaned[name]:
            raise ValidationError({name: message})
    if "language" in cleaned:
        clean_language(cleaned["language"])
    for name, choices in (
        ("kind", Resource.Kind),
        ("audience", Resource.Audience),
        ("level", Resource.Level),
        ("licence", Resource.Licence),
    ):
        if name in cleaned and cleaned[name] not in choices.values:
            raise ValidationError({name: _("Choose one of the options.")})
    return cleaned


def check_kind_fields(resource: Resource) -> None:
    """What each kind needs: a video a link, a learning pattern its problem and solution,
    anything else a body or a link."""
    if resource.kind == Resource.Kind.VIDEO and not resource.url:
        raise ValidationError({"url": _("Give the link to the video.")})
    if resource.kind == Resource.Kind.LEARNING_PATTERN:
        if not resource.problem:
            raise ValidationError({"problem": _("Describe the problem the pattern solves.")})
        if not resource.solution:
            raise ValidationError({"solution": _("Describe the solution.")})
    elif not resource.body and not resource.url:
        raise ValidationError({"body": _("Write the resource here or give a link to it.")})
    if resource.duration_minutes is not None and resource.kind != Resource.Kind.VIDEO:
        resource.duration_minutes = None
