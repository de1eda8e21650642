"""Why a match fits, as message ids with parameters (`Part`); the delivery layers put them
into words in the reader's language (`capacityhub/presentation/matching.py`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from capacityhub.taxonomy.tree import Tree

from .scoring import PROFICIENCY_WEIGHT, NeedSpec, OfferRow, Part, closeness, hours_apart


def capacity_part(offered: int, needed: int, tree: Tree, *, reverse: bool = False) -> Part:
    """Why the capacities fit, from the provider's side ("offers …") or the need's ("needs …")."""
    prefix = "needs" if reverse else "offers"
    mine, theirs = (needed, offered) if reverse else (offered, needed)
    if offered == needed:
        return f"{prefix}_capacity", {"capacity": mine}
    if theirs in tree.ancestors(mine):
        return f"{prefix}_capacity_part_of", {"capacity": mine, "ancestor": theirs}
    if mine in tree.ancestors(theirs):
        return f"{prefix}_broader_capacity", {"capacity": mine, "narrower": theirs}
    return f"{prefix}_related_capacity", {"capacity": mine, "related": theirs}


def language_part(asked: Sequence[str], spoken: Mapping[str, int]) -> Part | None:
    shared = [c for c in asked if c in spoken]
    if not shared:
        return None
    best = max(shared, key=lambda c: PROFICIENCY_WEIGHT[spoken[c]])
    if spoken[best] == 0:
        return "speaks_natively", {"language": best}
    return "speaks_language", {"language": best, "proficiency": spoken[best]}


def place_parts(need_region, need_online, need_offset, region, online, offset) -> list[Part]:
    if need_region and need_region == region:
        return [("same_region", {"region": region})]
    parts: list[Part] = [("online", {})] if need_online and online else []
    apart = hours_apart(need_offset, offset)
    if apart is not None:
        parts.append(("time_zone_overlap", {"hours": round(apart)}))
    return parts


def offer_parts(need: NeedSpec, offer: OfferRow, nearest: int, tree: Tree) -> tuple[Part, ...]:
    parts = [capacity_part(offer.capacity_id, nearest, tree)]
    if offer.level < need.desired_level:
        parts.append(("level_below", {"level": offer.level, "wanted": need.desired_level}))
    language = language_part(need.languages, dict(offer.languages))
    parts += [language] if language else []
    parts += place_parts(
        need.region, need.online, need.utc_offset, offer.region, offer.online, offer.utc_offset
    )
    free = offer.max_connections - offer.active_connections
    parts.append(("has_capacity_for_more", {"free": free, "most": offer.max_connections}))
    if offer.feedback_count:
        mean = offer.feedback_sum / offer.feedback_count
        if mean >= 4:
            parts.append(("well_rated", {"rating": round(mean, 1), "count": offer.feedback_count}))
    return tuple(parts)


EXACT, CLOSE, RELATED = "exact", "close", "related"
STRONG_SCORE = 0.8


def fit(closeness_value: float) -> str:
    """How near the offered capacity is to the one asked for: the same capacity (EXACT), its
    parent or a child (CLOSE), or further away in the tree (RELATED)."""
    if closeness_value >= closeness(0):
        return EXACT
    return CLOSE if closeness_value >= closeness(1) else RELATED


def quality(closeness_value: float, score: float) -> str:
    """A match's label key. It follows closeness first and the score second, so a provider of
    a capacity three steps away is never called a good match: "strong" (the same capacity and
    a high score), "good" (the same capacity), "close" (parent or child), "related" (further)."""
    kind = fit(closeness_value)
    if kind == EXACT:
        return "strong" if score >= STRONG_SCORE else "good"
    return kind
