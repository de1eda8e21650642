"""Checks shared by the knowledge services: codes, languages, the fields of each kind."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from capacityhub.core.languages import is_language
from capacityhub.taxonomy.models import Capacity, Method

from ..models import Resource

MAX_CAPACITIES = 20
MAX_METHODS = 30
MAX_AUTHORS = 20


def codes(values, field: str, limit: int) -> list[str]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ValidationError({field: _("Give a list of codes.")})
    found = list(dict.fromkeys(values))
    if not all(isinstance(code, str) for code in found):
        raise ValidationError({field: _("Give a list of codes.")})
    if len(found) > limit:
        raise ValidationError({field: _("At most %(n)d may be chosen.") % {"n": limit}})
    return found


def resolve_capacities(values) -> list[Capacity]:
    wanted = codes(values, "capacities", MAX_CAPACITIES)
    if not wanted:
        raise ValidationError({"capacities": _("Choose at least one capacity.")})
    found = Capacity.objects.filter(is_active=True).in_bulk(wanted, field_name="code")
    unknown = [code for code in wanted if code not in found]
    if unknown:
        raise ValidationError(
            {"capacities": _("Unknown capacity: %s.") % ", ".join(f"“{c}”" for c in unknown)}
        )
    return [found[code] for code in wanted]


def resolve_methods(values) -> list[Method]:
    wanted = codes(values, "methods", MAX_METHODS)
    found = Method.objects.in_bulk(wanted, field_name="code")
    unknown = [code for code in wanted if code not in found]
    if unknown:
        raise ValidationError(
            {"methods": _("Unknown method: %s.") % ", ".join(f"“{c}”" for c in unknown)}
        )
    return [found[code] for code in wanted]


def resolve_authors(values) -> list:
    from capacityhub.community.models import User

    names = codes(values, "authors", MAX_AUTHORS)
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
