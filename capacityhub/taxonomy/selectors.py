"""Reads of the taxonomy. Labels and the tree are cached: every page shows them."""

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils.translation import get_language

from .models import Capacity, CapacityProposal, CapacityTranslation, Method, fold
from .tree import Tree

T = TypeVar("T")

CACHE_SECONDS = 60
VERSION_CHECK_SECONDS = 1.0
_VERSION_KEY = "taxonomy:version"


@dataclass(frozen=True)
class Label:
    label: str
    description: str
    language: str  # the language the text is actually in (after fallback)


class _Memo:
    """Process-local copies of the cached taxonomy, so a page that shows 500 labels does not
    read the shared cache 500 times. The shared version is re-read at most once a second, so
    another process's change shows here within a second."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.version: int | None = None
        self.checked_at = float("-inf")
        self.values: dict[str, tuple[float, object]] = {}

    def version_now(self) -> int:
        now = time.monotonic()
        if now - self.checked_at > VERSION_CHECK_SECONDS:
            version = cache.get_or_set(_VERSION_KEY, 1, None)
            if version != self.version:
                self.values = {}
            self.version, self.checked_at = version, now
        return self.version

    def get(self, name: str, build: Callable[[], T]) -> T:
        version = self.version_now()
        now = time.monotonic()
        hit = self.values.get(name)
        if hit is not None and now - hit[0] < CACHE_SECONDS:
            return hit[1]
        key = f"taxonomy:{name}:{version}"
        value = cache.get(key)
        if value is None:
            value = build()
            cache.set(key, value, CACHE_SECONDS)
        self.values[name] = (now, value)
        return value


_memo = _Memo()


def taxonomy_changed() -> None:
    """Called (on commit) by every service that writes capacities or their translations."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 2, None)
    _memo.clear()


def taxonomy_cache_clear() -> None:
    """Forget process-local copies (tests call this between cases)."""
    _memo.clear()


def taxonomy_tree() -> Tree:
    def build() -> Tree:
        return Tree.build(Capacity.objects.filter(is_active=True).values_list("id", "parent_id"))

    return _memo.get("tree", build)


def _codes() -> dict[int, str]:
    return _memo.get("codes", lambda: dict(Capacity.objects.values_list("id", "code")))


def _build_labels(language: str) -> dict[int, Label]:
    rank = {language: 0, "en": 1}
    best: dict[int, tuple[int, Label]] = {}
    rows = CapacityTranslation.objects.values_list(
        "capacity_id", "language", "label", "description"
    )
    for capacity_id, lang, label, description in rows:
        score = rank.get(lang, 2)
        if capacity_id not in best or score < best[capacity_id][0]:
            best[capacity_id] = (score, Label(label, description, lang))
    labels = {cid: entry[1] for cid, entry in best.items()}
    for cid, code in _codes().items():
        labels.setdefault(cid, Label(code, "", "en"))
    return labels


def capacity_labels(language: str | None = None) -> dict[int, Label]:
    """{capacity id: Label} in `language`, falling back to English, then any language."""
    language = (language or get_language() or "en").split("-")[0]
    return _memo.get(f"labels:{language}", lambda: _build_labels(language))


def capacity_label(capacity_id: int, language: str | None = None) -> str:
    entry = capacity_labels(language).get(capacity_id)
    return entry.label if entry else ""


def capacity_code_map() -> dict[str, int]:
    return {code: cid for cid, code in _codes().items()}


def capacity_get(*, code: str) -> Capacity:
    return Capacity.objects.select_related("parent").get(code=code)


def capacity_list() -> QuerySet[Capacity]:
    return Capacity.objects.filter(is_active=True).select_related("parent")


def capacity_descendant_ids(capacity_id: int) -> list[int]:
    return taxonomy_tree().subtree(capacity_id)


def capacity_search(query: str, *, limit: int = 50) -> list[int]:
    """Ids of capacities whose label or alias, in any language, contains the query."""
    needle = fold(query.strip())
    if not needle:
        return []
    ids = (
        CapacityTranslation.objects.filter(search_text__contains=needle, capacity__is_active=True)
        .values_list("capacity_id", flat=True)
        .distinct()
    )
    code_ids = Capacity.objects.filter(
        code__contains=needle.replace(" ", "-"), is_active=True
    ).values_list("id", flat=True)
    found = list(dict.fromkeys([*ids[:limit], *code_ids[:limit]]))
    labels = capacity_labels()
    missing = Label("", "", "en")
    return sorted(found, key=lambda cid: labels.get(cid, missing).label.casefold())[:limit]


def capacity_translations(capacity: Capacity) -> list[CapacityTranslation]:
    return list(capacity.translations.all())


def method_list() -> QuerySet[Method]:
    return Method.objects.prefetch_related("capacities")


def proposal_list(*, viewer, status: str | None = None) -> QuerySet[CapacityProposal]:
    """Staff see every proposal; members see their own."""
    proposals = CapacityProposal.objects.select_related("proposer", "capacity", "parent")
    if not viewer.is_authenticated:
        return proposals.none()
    if not viewer.is_staff:
        proposals = proposals.filter(proposer=viewer)
    if status:
        proposals = proposals.filter(status=status)
    return proposals


def capacity_aliases(language: str | None = None) -> dict[int, list[str]]:
    """{capacity id: aliases} in `language` and in English (for a picker that matches both);
    cached like the labels."""
    language = (language or get_language() or "en").split("-")[0]

    def build() -> dict[int, list[str]]:
        aliases: dict[int, list[str]] = {}
        rows = CapacityTranslation.objects.filter(language__in={language, "en"}).values_list(
            "capacity_id", "aliases"
        )
        for capacity_id, names in rows:
            aliases.setdefault(capacity_id, []).extend(n for n in names or [] if n)
        return aliases

    return _memo.get(f"aliases:{language}", build)
