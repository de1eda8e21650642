"""Facets beyond the kind: what a reader may filter on, how a filter reads, how values are named.

Documents carry values as `doc.facets = [(name, value), ...]` (stored as SearchFacet rows by
indexing.reindex). Readers filter with capacity codes, language codes, region codes and type
names; capacities are stored by id and a capacity filter also matches its descendants.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.core.languages import is_language, language_name
from capacityhub.core.regions import REGIONS, region_name
from capacityhub.taxonomy.selectors import (
    capacity_code_map,
    capacity_descendant_ids,
    capacity_labels,
)

CAPACITY, LANGUAGE, TYPE, REGION = "capacity", "language", "type", "region"
FACETS = {
    CAPACITY: gettext_lazy("Capacity"),
    LANGUAGE: gettext_lazy("Language"),
    TYPE: gettext_lazy("Type"),
    REGION: gettext_lazy("Region"),
}
TOP_VALUES = 10  # values shown per facet, most frequent first
MAX_VALUES = 20  # values a reader may choose per facet
_TYPE = re.compile(r"^[a-z0-9_-]{1,32}$")

# Apps name their values of a facet from their AppConfig.ready() (the knowledge base its
# resource types), so search needs to know none of them.
_VALUE_LABELS: dict[str, dict[str, str]] = {}


def register_labels(name: str, labels: Iterable[tuple[str, str]]) -> None:
    """Name values of a facet: `register_labels("type", Resource.Kind.choices)`."""
    _VALUE_LABELS.setdefault(name, {}).update(labels)


@dataclass(frozen=True)
class FacetValue:
    value: str  # as a reader passes it back: a capacity's code, a language code, …
    label: str
    count: int
    selected: bool


def _valid(name: str, value: str, codes: Mapping[str, int]) -> bool:
    if name == CAPACITY:
        return value in codes
    if name == LANGUAGE:
        return is_language(value)
    if name == REGION:
        return value in REGIONS
    return bool(_TYPE.match(value))


def clean_filters(raw: Mapping[str, Iterable[str]] | None, *, strict: bool) -> dict[str, list[str]]:
    """The chosen values per facet, as readers write them. Unknown values are refused
    (ValidationError naming the facet) when `strict`, else dropped."""
    codes = capacity_code_map()
    chosen: dict[str, list[str]] = {}
    for name in FACETS:
        values = [str(v).strip() for v in (raw or {}).get(name) or () if str(v).strip()]
        values = list(dict.fromkeys(values))
        bad = [value for value in values if not _valid(name, value, codes)]
        if strict and (bad or len(values) > MAX_VALUES):
            message = _("Unknown value: %(value)s") % {"value": bad[0]} if bad else ""
            raise ValidationError({name: message or _("Too many values.")})
        values = [value for value in values if value not in bad][:MAX_VALUES]
        if values:
            chosen[name] = values
    return chosen


def stored_filters(chosen: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Readers' values as stored: capacity codes become the ids of the capacities and all
    their descendants."""
    stored = dict(chosen)
    if CAPACITY in chosen:
        codes = capacity_code_map()
        ids: set[int] = set()
        for code in chosen[CAPACITY]:
            ids.update(capacity_descendant_ids(codes[code]) or [codes[code]])
            ids.add(codes[code])
        stored[CAPACITY] = [str(cid) for cid in sorted(ids)]
    return stored


def _type_label(value: str) -> str:
    return value.replace("_", " ").replace("-", " ").capitalize()


def labelled(
    counts: Mapping[str, Mapping[str, int]], chosen: Mapping[str, list[str]], language: str
) -> dict[str, list[FacetValue]]:
    """The top values of each facet, named in the reader's language, chosen ones always
    included (so they can be removed)."""
    codes = {cid: code for code, cid in capacity_code_map().items()}
    labels = capacity_labels(language) if counts.get(CAPACITY) or chosen.get(CAPACITY) else {}
    out: dict[str, list[FacetValue]] = {}
    for name in FACETS:
        values = dict(counts.get(name) or {})
        if name == CAPACITY:
            values = {
                codes[int(v)]: n for v, n in values.items() if v.isdigit() and int(v) in codes
            }
        top = sorted(values.items(), key=lambda item: (-item[1], item[0]))[:TOP_VALUES]
        shown = dict(top)
        for value in chosen.get(name, []):
            shown.setdefault(value, values.get(value, 0))
        out[name] = [
            FacetValue(
                value, _label(name, value, labels, language), n, value in chosen.get(name, [])
            )
            for value, n in shown.items()
        ]
    return {name: values for name, values in out.items() if values}


def _label(name: str, value: str, labels, language: str) -> str:
    named = _VALUE_LABELS.get(name, {})
    if value in named:
        return str(named[value])
    if name == CAPACITY:
        cid = capacity_code_map().get(value)
        entry = labels.get(cid)
        return entry.label if entry else value
    if name == LANGUAGE:
        return language_name(value, language)
    if name == REGION:
        return region_name(value) or value
    return _type_label(value)
