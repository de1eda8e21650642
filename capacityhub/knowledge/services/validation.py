"""Checks shared by the knowledge services: codes, languages, the fields of each kind."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.core.validation import (  # noqa: F401 (clean_language re-exported)
    clean_language,
    clean_multiline,
    clean_single_line,
)
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


SINGLE_LINE = {"title": 200, "summary": 500, "url": 500, "author_names": 300}
MULTILINE = {
    "body": 50000,
    "problem": 8000,
    "solution": 8000,
    "considerations": 8000,
    "when_to_use": 8000,
    "outdated_note": 2000,
}
REQUIRED = {
    "title": gettext_lazy("Give the resource a title."),
    "summary": gettext_lazy("Say in a sentence or two what the resource is."),
}


def clean_scalars(fields: dict) -> dict:
    """Normalise the plain fields present in `fields`."""
    cleaned = dict(fields)
    for name, limit in SINGLE_LINE.items():
        if name in cleaned:
            cleaned[name] = clean_single_line(
                cleaned[name],
                field=name,
                max_length=limit,
                required=name in REQUIRED,
                message=REQUIRED.get(name),
            )
    for name, limit in MULTILINE.items():
        if name in cleaned:
            cleaned[name] = clean_multiline(cleaned[name], field=name, max_length=limit)
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
