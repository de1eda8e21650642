"""Which resources to show a reader first: those proven in contexts like the reader's.

Pure functions over plain data (no ORM), used by the resource list ("relevant for me") and by
the exchange's need suggestions. A resource's score, from 0 to 1, adds:

- language (0.30): it is written in a language the reader reads (the first one counts fully,
  later ones a little less);
- proven nearby (0.20 region, 0.10 language, 0.10 kind of organization): people who used it in
  the reader's region / in a language the reader reads / in the kind of organization the reader
  belongs to, and rated it 3 or more; two such people give the full weight;
- quality (0.20): the average rating, each person counted once (their own average), damped
  while few people have rated it (n / (n + 2));
- curation (0.05 featured, 0.05 endorsements: five endorsements give the full weight).

A reader without a profile (anonymous, or no region or languages) is ranked on quality and
curation alone, so the order stays meaningful for everyone. Ties go to the newest resource.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

WEIGHT_LANGUAGE = 0.30
WEIGHT_REGION = 0.20
WEIGHT_USED_LANGUAGE = 0.10
WEIGHT_ORGANIZATION_KIND = 0.10
WEIGHT_QUALITY = 0.20
WEIGHT_FEATURED = 0.05
WEIGHT_ENDORSED = 0.05
PROVEN_PEOPLE = 2  # people in a similar context who rated it well, for the full weight
GOOD_RATING = 3
FULL_ENDORSEMENTS = 5


@dataclass(frozen=True)
class UseFact:
    """One record of use, as ranking needs it."""

    user_id: int
    region: str
    language: str
    organization_kind: str
    rating: int


@dataclass(frozen=True)
class ResourceFacts:
    resource_id: int
    language: str
    uses: tuple[UseFact, ...] = ()
    endorsements: int = 0
    is_featured: bool = False


@dataclass(frozen=True)
class Reader:
    """Who is reading: their region, the languages they read (best first), and the kinds
    of the organizations they belong to. Empty for an anonymous reader."""

    region: str = ""
    languages: tuple[str, ...] = ()
    organization_kinds: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class UseSummary:
    """Where a resource was tested and how it went."""

    uses: int
    people: int
    average_rating: float | None
    regions: tuple[str, ...]
    languages: tuple[str, ...]
    organization_kinds: tuple[str, ...]


def person_ratings(uses: Iterable[UseFact]) -> dict[int, float]:
    """Each person's average rating: someone who records many uses counts once."""
    ratings: dict[int, list[int]] = defaultdict(list)
    for use in uses:
        ratings[use.user_id].append(use.rating)
    return {user_id: sum(values) / len(values) for user_id, values in ratings.items()}


def summarize(uses: Sequence[UseFact]) -> UseSummary:
    people = person_ratings(uses)
    average = round(sum(people.values()) / len(people), 1) if people else None
    return UseSummary(
        uses=len(uses),
        people=len(people),
        average_rating=average,
        regions=tuple(sorted({u.region for u in uses if u.region})),
        languages=tuple(sorted({u.language for u in uses if u.language})),
        organization_kinds=tuple(
            sorted({u.organization_kind for u in uses if u.organization_kind})
        ),
    )


def _language_score(language: str, reader: Reader) -> float:
    if language not in reader.languages:
        return 0.0
    # The reader's first language counts fully; each later one a little less.
    return max(0.6, 1.0 - 0.2 * reader.languages.index(language))


def _proven_share(uses: Sequence[UseFact], similar) -> float:
    people = {u.user_id for u in uses if u.rating >= GOOD_RATING and similar(u)}
    return min(1.0, len(people) / PROVEN_PEOPLE)


def _quality(uses: Sequence[UseFact]) -> float:
    people = person_ratings(uses)
    if not people:
        return 0.0
    average = sum(people.values()) / len(people)
    return (average - 1) / 4 * len(people) / (len(people) + 2)


def score(facts: ResourceFacts, reader: Reader) -> float:
    """How well this resource suits this reader, from 0 to 1 (see the module docstring)."""
    uses = facts.uses
    total = WEIGHT_LANGUAGE * _language_score(facts.language, reader)
    if reader.region:
        total += WEIGHT_REGION * _proven_share(uses, lambda u: u.region == reader.region)
    if reader.languages:
        total += WEIGHT_USED_LANGUAGE * _proven_share(
            uses, lambda u: u.language in reader.languages
        )
    if reader.organization_kinds:
        total += WEIGHT_ORGANIZATION_KIND * _proven_share(
            uses, lambda u: u.organization_kind in reader.organization_kinds
        )
    total += WEIGHT_QUALITY * _quality(uses)
    total += WEIGHT_FEATURED * facts.is_featured
    total += WEIGHT_ENDORSED * min(1.0, facts.endorsements / FULL_ENDORSEMENTS)
    return round(min(1.0, total), 4)


def rank(resources: Iterable[ResourceFacts], reader: Reader) -> list[tuple[int, float]]:
    """(resource id, score), best first; equal scores put the newest (highest id) first."""
    scored = [(facts.resource_id, score(facts, reader)) for facts in resources]
    scored.sort(key=lambda pair: (-pair[1], -pair[0]))
    return scored


# "What worked": outcome scores that apps above knowledge contribute --------------------------
#
# Knowledge sits below the apps that measure outcomes (evaluation), so it cannot ask them; they
# register a function here from their AppConfig.ready() instead. Each returns
# {resource_id: score} (higher is better) for the resources it has evidence about; resources
# no function knows sort after all scored ones under the "What worked" order.

BOOSTS: list = []


def register_boost(fn) -> None:
    """Register `fn() -> {resource_id: score}` (idempotent)."""
    if fn not in BOOSTS:
        BOOSTS.append(fn)


def boost_scores() -> dict[int, float]:
    """Every registered function's scores, added up per resource."""
    total: dict[int, float] = defaultdict(float)
    for fn in BOOSTS:
        for resource_id, value in fn().items():
            total[int(resource_id)] += float(value)
    return dict(total)
