"""Template helpers: capacity labels, CLDR names, proficiency words. No queries."""

from django import template

from capacityhub.core.languages import country_name as _country_name
from capacityhub.core.languages import language_name as _language_name
from capacityhub.core.regions import region_name as _region_name
from capacityhub.presentation import matching as words
from capacityhub.taxonomy.selectors import capacity_labels

register = template.Library()


def _capacity_id(value) -> int | None:
    return getattr(value, "pk", value)


@register.filter
def capacity_label(value) -> str:
    entry = capacity_labels().get(_capacity_id(value))
    return entry.label if entry else ""


@register.filter
def capacity_description(value) -> str:
    entry = capacity_labels().get(_capacity_id(value))
    return entry.description if entry else ""


@register.filter
def capacity_lang(value) -> str:
    """The language a label is actually in, for lang="" when it fell back."""
    entry = capacity_labels().get(_capacity_id(value))
    return entry.language if entry else ""


@register.filter
def language_name(code) -> str:
    return _language_name(code or "")


@register.filter
def country_name(code) -> str:
    return _country_name(code)


@register.filter
def region_name(code) -> str:
    return _region_name(code)


@register.filter
def proficiency(level) -> str:
    return words.proficiency(level)


@register.filter
def level_name(level) -> str:
    return words.level_name(level)


@register.simple_tag(takes_context=True)
def panels(context, place: str, obj=None):
    """The sections other apps add to this page (see capacityhub/web/core/panels.py)."""
    from capacityhub.web.core.panels import render_panels

    return render_panels(place, context["request"], obj)


@register.filter(name="markdown")
def markdown_filter(text: str):
    """Sanitised HTML of Markdown written by people (capacityhub/core/markdown.py)."""
    from capacityhub.core.markdown import render_markdown

    return render_markdown(text)
