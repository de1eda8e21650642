"""The one search: capacities, people, organizations and needs, as one viewer may see them."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from capacityhub.community.models import Organization, Profile
from capacityhub.taxonomy.selectors import capacity_code_map, capacity_labels

from .backends import Hit, backend
from .models import SearchDocument

Level = SearchDocument.Level
KINDS = {
    "capacity": _("Capacities"),
    "profile": _("People"),
    "organization": _("Organizations"),
    "need": _("Needs"),
}
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Result:
    kind: str
    object_id: int
    title: str
    snippet: SafeString
    url: str


@dataclass
class SearchResults:
    query: str
    results: list[Result]
    total: int
    page: int
    page_size: int
    facets: dict[str, int] = field(default_factory=dict)


def viewer_levels(viewer) -> set[str]:
    """Anonymous: public; members: public and members-only; staff: everything."""
    if not getattr(viewer, "is_authenticated", False) or not viewer.is_active:
        return {Level.PUBLIC}
    if viewer.is_staff:
        return set(Level.values)
    return {Level.PUBLIC, Level.MEMBERS}


def search(*, viewer, query: str, kinds=None, page: int = 1, page_size: int = 20) -> SearchResults:
    """Hits on one page with their URLs, the total, and counts per kind for the facets.
    A fixed number of queries whatever the page size (at most five)."""
    kinds = [kind for kind in (kinds or []) if kind in KINDS] or None
    page, page_size = max(1, page), max(1, min(page_size, MAX_PAGE_SIZE))
    levels = viewer_levels(viewer)
    owner_id = viewer.pk if levels != {Level.PUBLIC} else None
    engine = backend()
    facets = engine.facets(query, levels=levels, owner_id=owner_id)
    total = sum(n for kind, n in facets.items() if kinds is None or kind in kinds)
    hits: list[Hit] = []
    if total and (page - 1) * page_size < total:
        hits, total = engine.search(
            query,
            kinds=kinds,
            levels=levels,
            owner_id=owner_id,
            limit=page_size,
            offset=(page - 1) * page_size,
        )
    return SearchResults(query, _results(hits), total, page, page_size, facets)


def _lookups(hits: list[Hit]) -> dict:
    """What the hits' URLs and titles need: one query per kind that needs one."""
    ids: dict[str, list[int]] = {kind: [] for kind in KINDS}
    for hit in hits:
        ids[hit.kind].append(hit.object_id)
    language = (get_language() or "en").split("-")[0]
    found = {"language": language, "usernames": {}, "organizations": {}, "codes": {}}
    if ids["profile"]:
        # A deactivated account may still be indexed (no signal on users); never show it.
        profiles = Profile.objects.filter(pk__in=ids["profile"], user__is_active=True)
        found["usernames"] = dict(profiles.values_list("pk", "user__username"))
    if ids["organization"]:
        organizations = Organization.objects.filter(pk__in=ids["organization"])
        found["organizations"] = {o.pk: o for o in organizations}
    if ids["capacity"]:
        found["codes"] = {cid: code for code, cid in capacity_code_map().items()}
        found["labels"] = capacity_labels(language)
    return found


def _locate(hit: Hit, found: dict) -> tuple[str, str | None]:
    """(title in the viewer's language, URL) of a hit; no URL if the object is gone."""
    if hit.kind == "capacity" and hit.object_id in found["codes"]:
        label = found["labels"].get(hit.object_id)
        url = reverse("web:capacity-detail", args=[found["codes"][hit.object_id]])
        return (label.label if label else hit.title), url
    if hit.kind == "profile" and hit.object_id in found["usernames"]:
        return hit.title, reverse("web:profile-detail", args=[found["usernames"][hit.object_id]])
    if hit.kind == "organization" and hit.object_id in found["organizations"]:
        organization = found["organizations"][hit.object_id]
        url = reverse("web:organization-detail", args=[organization.slug])
        return organization.localized_name(found["language"]), url
    if hit.kind == "need":
        return hit.title, reverse("web:need-detail", args=[hit.object_id])
    return hit.title, None


def _results(hits: list[Hit]) -> list[Result]:
    found = _lookups(hits)
    results = []
    for hit in hits:
        title, url = _locate(hit, found)
        if url is not None:  # an object deleted since it was indexed is left out
            results.append(Result(hit.kind, hit.object_id, title, hit.snippet, url))
    return results
