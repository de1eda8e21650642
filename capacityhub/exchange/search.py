"""Needs in search: kind "need", as visible as the need itself, with capacity, language and
region facets. Registered from ExchangeConfig.ready(), as every app registers its own kinds."""

from django.utils.translation import gettext_lazy as _

from capacityhub.search.indexing import document
from capacityhub.search.models import SearchDocument
from capacityhub.search.registry import SearchKind, register

from .models import Need


def need_documents(need: Need) -> list[SearchDocument]:
    doc = document(
        "need",
        need.pk,
        need.title,
        [need.description],
        visibility=need.visibility,
        owner_id=need.requester_id,
    )
    doc.facets = [("capacity", str(capacity.pk)) for capacity in need.capacities.all()]
    doc.facets += [("language", code) for code in need.languages or [] if isinstance(code, str)]
    if need.region:
        doc.facets.append(("region", need.region))
    return [doc]


def locate_needs(ids: list[int], language: str) -> dict[int, tuple[str, str]]:
    return {
        pk: (title, Need(pk=pk).get_absolute_url())
        for pk, title in Need.objects.filter(pk__in=ids).values_list("pk", "title")
    }


def register_exchange_kinds() -> None:
    register(
        SearchKind(
            name="need",
            label=_("Needs"),
            load=lambda ids: Need.objects.filter(pk__in=ids).prefetch_related("capacities"),
            documents=need_documents,
            locate=locate_needs,
            watch=((Need, "pk"),),
        )
    )
