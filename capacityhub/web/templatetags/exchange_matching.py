"""Matches in words on the page (`capacityhub/presentation/matching.py` says them), and the
exact offers in other languages for a need nobody can help with in its own."""

from django import template

from capacityhub.exchange.selectors.matching import exact_matches_in_other_languages
from capacityhub.presentation import matching as words

register = template.Library()


@register.filter
def match_label(match) -> str:
    return words.quality_label(match.quality)


@register.filter
def match_reasons(match) -> str:
    return " · ".join(words.reasons(match.parts, organization=match.kind == "organization"))


@register.filter
def need_match_reasons(match) -> str:
    return " · ".join(words.reasons(match.parts))


@register.filter
def works_in(match) -> str:
    return words.works_in(match.languages)


@register.simple_tag(takes_context=True)
def exact_elsewhere(context, need, matches) -> list:
    request = context.get("request")
    viewer = getattr(request, "user", None) or context.get("user")
    return exact_matches_in_other_languages(need=need, viewer=viewer, shown=list(matches or []))
