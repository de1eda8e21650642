"""Besides people and organizations, a need is answered by things to learn from: resources of
the knowledge base, courses, live sessions and events. Each app registers a provider; the need
page, the matches page and `GET /api/v1/needs/{id}/suggestions` show what they suggest.

A provider is `provider(context: NeedContext, limit: int) -> list[Suggestion]`, called with a
need the viewer may see; it must return only what that viewer may see, in a bounded number of
queries, each suggestion with a score from 0 to 1 and its reasons in the reader's language.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from capacityhub.community.models import ProfileLanguage
from capacityhub.community.visibility import visible_levels
from capacityhub.taxonomy.selectors import capacity_descendant_ids

from .models import Need


@dataclass(frozen=True)
class NeedContext:
    need: Need
    viewer: object
    capacity_ids: frozenset[int]  # the need's capacities
    related_ids: frozenset[int]  # the same, with all their descendants
    # The need's languages, then those the requester reads (where the viewer may see them).
    languages: tuple[str, ...]
    region: str


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "resource", "course", "session", "event"
    kind_label: str
    object_id: int
    title: str
    url: str
    score: float
    reasons: list[str] = field(default_factory=list)
    starts_at: datetime | None = None
    language: str = ""


Provider = Callable[[NeedContext, int], list[Suggestion]]
PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)
    return provider


def need_context(need: Need, viewer) -> NeedContext:
    capacity_ids = frozenset(c.pk for c in need.capacities.all())
    related = set(capacity_ids)
    for capacity_id in capacity_ids:
        related.update(capacity_descendant_ids(capacity_id))
    languages = list(need.languages or [])
    # The requester's own languages count only where this viewer may see them.
    spoken = ProfileLanguage.objects.filter(
        profile__user_id=need.requester_id,
        profile__languages_visibility__in=visible_levels(viewer, need.requester_id),
    )
    for language in spoken.values_list("language", flat=True):
        if language not in languages:
            languages.append(language)
    return NeedContext(
        need=need,
        viewer=viewer,
        capacity_ids=capacity_ids,
        related_ids=frozenset(related),
        languages=tuple(languages),
        region=need.region,
    )


def suggestions_for_need(*, need: Need, viewer, limit: int = 10) -> list[Suggestion]:
    """The best `limit` suggestions of all providers, best first."""
    if not PROVIDERS:
        return []
    context = need_context(need, viewer)
    found = [s for provider in PROVIDERS for s in provider(context, limit)]
    found.sort(key=lambda s: (-s.score, s.kind, s.object_id))
    return found[:limit]
