"""Resources that help with a need, for the exchange's matches (exchange/suggestions.py):
published (not outdated) resources on the need's capacities or those beneath them, in the
need's languages, ranked by ranking.py for the need's region, languages and organization."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from capacityhub.core.languages import language_name
from capacityhub.exchange.suggestions import NeedContext, Suggestion

from .models import Resource
from .ranking import Reader, rank, summarize
from .selectors import resource_facts

CANDIDATES = 200
KIND_LABEL = gettext_lazy("Resource")


def _candidates(context: NeedContext) -> list[int]:
    through = Resource.capacities.through.objects.filter(capacity_id__in=context.related_ids)
    resources = Resource.objects.filter(
        status=Resource.Status.PUBLISHED, id__in=through.values("resource_id")
    )
    if context.languages:
        resources = resources.filter(language__in=context.languages)
    return list(resources.order_by("-is_featured", "-id").values_list("pk", flat=True)[:CANDIDATES])


def _reader(context: NeedContext) -> Reader:
    organization = context.need.organization if context.need.organization_id else None
    return Reader(
        region=context.region or "",
        languages=tuple(context.languages),
        organization_kinds=frozenset([organization.kind]) if organization else frozenset(),
    )


def _reasons(facts, context: NeedContext) -> list[str]:
    reasons = []
    if facts.language in context.languages:
        reasons.append(_("In %s") % language_name(facts.language))
    summary = summarize(facts.uses)
    if summary.uses:
        regions = len(summary.regions)
        reasons.append(
            ngettext(
                "Tested in %(n)d region, rated %(rating)s",
                "Tested in %(n)d regions, rated %(rating)s",
                regions,
            )
            % {"n": regions, "rating": summary.average_rating}
        )
    if facts.is_featured:
        reasons.append(_("Featured by information specialists"))
    return reasons


def resource_suggestions(context: NeedContext, limit: int) -> list[Suggestion]:
    if not context.related_ids:
        return []
    candidates = _candidates(context)
    if not candidates:
        return []
    facts = {f.resource_id: f for f in resource_facts(candidates)}
    best = rank(facts.values(), _reader(context))[:limit]
    titles = dict(
        Resource.objects.filter(pk__in=[pk for pk, _s in best]).values_list("pk", "title")
    )
    return [
        Suggestion(
            kind="resource",
            kind_label=str(KIND_LABEL),
            object_id=pk,
            title=titles[pk],
            url=Resource(pk=pk).get_absolute_url(),
            score=score,
            reasons=_reasons(facts[pk], context),
            language=facts[pk].language,
        )
        for pk, score in best
        if pk in titles
    ]
