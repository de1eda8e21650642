"""Change over time: rounds compared per dimension and per question (through the framework
versions' mappings), the history for charts, and peer benchmarks."""

from django.core.cache import cache
from django.db.models import QuerySet

from capacityhub.community.models import Organization

from ..aggregate import aggregate, change, map_forward, peer_medians
from ..framework import dimension_of
from ..models import FrameworkVersion, Round
from .rounds import answer_values, visible_rounds


def closed_rounds(organization, viewer=None) -> QuerySet[Round]:
    """The organization's closed rounds, oldest first; with a viewer, only those they see."""
    rounds = Round.objects if viewer is None else visible_rounds(viewer)
    return (
        rounds.filter(organization=organization, closed_at__isnull=False)
        .select_related("framework")
        .order_by("closed_at", "id")
    )


def question_mapping(before: FrameworkVersion, after: FrameworkVersion) -> dict[str, str]:
    """Each question of `before` → its successor in `after` ("" = dropped), composing the
    mappings of every version in between."""
    current = {key: key for key in before.questions}
    between = FrameworkVersion.objects.filter(
        number__gt=before.number, number__lte=after.number
    ).order_by("number")
    for version in between:
        asked = set(version.questions)
        current = {
            old: (version.mapping.get(now, now) if now else "") for old, now in current.items()
        }
        current = {old: (now if now in asked else "") for old, now in current.items()}
    return current


def _medians(summaries) -> dict[str, float]:
    return {key: summary.median for key, summary in summaries.items()}


def round_change(before: Round, after: Round) -> dict[str, dict]:
    """{"dimensions": {dimension: (before, after)}, "questions": {new key: (before, after)}}"""
    values = answer_values([before, after])
    old = aggregate(values[before.pk], dimension_of)
    new = aggregate(values[after.pk], dimension_of)
    mapping = question_mapping(before.framework, after.framework)
    return {
        "dimensions": change(_medians(old["dimensions"]), _medians(new["dimensions"])),
        "questions": change(
            map_forward(_medians(old["questions"]), mapping), _medians(new["questions"])
        ),
        "mapping": {old: new for old, new in mapping.items() if old != new},
    }


def assessment_change(
    organization: Organization, *, viewer=None
) -> dict[str, tuple[float | None, float | None]]:
    """dimension → (median before, median after) between the organization's two latest
    closed rounds; {} with fewer than two. The evaluation app reads this. Pass `viewer` to
    count only the rounds they may see."""
    rounds = list(closed_rounds(organization, viewer))
    if len(rounds) < 2:
        return {}
    return round_change(rounds[-2], rounds[-1])["dimensions"]


def dimension_history(organization, viewer) -> list[tuple[Round, dict[str, float]]]:
    """Each closed round the viewer sees, oldest first, with its dimension medians."""
    rounds = list(closed_rounds(organization, viewer))
    values = answer_values(rounds)
    return [(r, _medians(aggregate(values[r.pk], dimension_of)["dimensions"])) for r in rounds]


def _latest_medians() -> tuple[dict[int, dict[str, float]], list[Round]]:
    latest: dict[int, Round] = {}
    for round_ in Round.objects.filter(closed_at__isnull=False).order_by("closed_at", "id"):
        latest[round_.organization_id] = round_
    values = answer_values(list(latest.values()))
    return (
        {
            org: _medians(aggregate(values[r.pk], dimension_of)["dimensions"])
            for org, r in latest.items()
        },
        list(latest.values()),
    )


BENCHMARK_CACHE = "orgdev:peer-medians"
BENCHMARK_SECONDS = 300


def _all_peer_medians() -> dict[str, dict]:
    """Peer medians by kind and by region over every organization's latest closed round,
    cached five minutes (benchmarks move slowly; every round page reads them)."""
    cached = cache.get(BENCHMARK_CACHE)
    if cached is not None:
        return cached
    medians, _rounds = _latest_medians()
    organizations = Organization.objects.filter(pk__in=list(medians)).values_list(
        "pk", "kind", "region"
    )
    kinds = {pk: kind for pk, kind, _region in organizations}
    regions = {pk: region for pk, _kind, region in organizations}
    found = {"kind": peer_medians(medians, kinds), "region": peer_medians(medians, regions)}
    cache.set(BENCHMARK_CACHE, found, BENCHMARK_SECONDS)
    return found


def peer_benchmarks(organization: Organization) -> dict[str, dict[str, float]]:
    """{"kind": {dimension: median}, "region": {…}} over organizations of the same kind /
    region with a closed round, only where at least five organizations count (aggregate.
    MIN_PEER_GROUP); an empty dict for a group too small."""
    found = _all_peer_medians()
    return {
        "kind": found["kind"].get(organization.kind, {}),
        "region": found["region"].get(organization.region, {}) if organization.region else {},
    }
