"""The kind search itself makes searchable: capacities (the taxonomy sits below search).
Every other app registers its own kinds from its AppConfig.ready(): people and organizations
(community/search.py), needs (exchange/search.py), resources, courses, sessions and events."""

from django.utils.translation import gettext_lazy as _

from capacityhub.taxonomy.models import Capacity, CapacityTranslation
from capacityhub.taxonomy.selectors import capacity_code_map, capacity_labels

from .indexing import document
from .models import SearchDocument
from .registry import SearchKind, register


def capacity_documents(capacity: Capacity) -> list[SearchDocument]:
    """One document: labels, aliases and descriptions in every language."""
    if not capacity.is_active:
        return []
    translations = sorted(
        capacity.translations.all(), key=lambda t: (t.language != "en", t.language)
    )
    title = translations[0].label if translations else capacity.code
    parts = [capacity.code.replace("-", " ")]
    for translation in translations:
        parts += [translation.label, *translation.aliases, translation.description]
    return [document("capacity", capacity.pk, title, parts)]


def locate_capacities(ids: list[int], language: str) -> dict[int, tuple[str, str]]:
    codes = {cid: code for code, cid in capacity_code_map().items()}
    labels = capacity_labels(language)
    found = {}
    for cid in ids:
        if cid in codes:
            label = labels.get(cid)
            title = label.label if label else codes[cid]
            found[cid] = (title, Capacity(code=codes[cid]).get_absolute_url())
    return found


def register_capacity_kind() -> None:
    register(
        SearchKind(
            name="capacity",
            label=_("Capacities"),
            load=lambda ids: Capacity.objects.filter(pk__in=ids).prefetch_related("translations"),
            documents=capacity_documents,
            locate=locate_capacities,
            watch=((Capacity, "pk"), (CapacityTranslation, "capacity_id")),
        )
    )
