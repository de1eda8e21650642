"""Matching: the people and organizations who could help with a need, and the open needs an
offer could answer, best first, each with a score and a short explanation in the reader's
language (`lang`, else the request's language).

Only a need or offer the caller may see has matches (else 404), and only people who show the
caller their capacities are matched; hidden languages and locations neither count nor show.
"""

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import override
from ninja import Field, Query, Router, Schema

from capacityhub.exchange.selectors.matching import (
    MAX_LIMIT,
    exact_matches_in_other_languages,
    matches_for_need,
    need_for_matching,
    open_needs_for_offer,
)
from capacityhub.exchange.selectors.offers import offer_get
from capacityhub.exchange.suggestions import suggestions_for_need
from capacityhub.presentation import matching as words

from ..core.language import content_language
from ..core.schemas import DETAIL_ERRORS, READ, LanguageCode, ObjectId
from ..taxonomy.capacities import capacity_codes

router = Router(tags=["matching"])


class ComponentsOut(Schema):
    """Each part of the score, from 0 to 1 (see the matching documentation for weights)."""

    closeness: float = Field(description="Taxonomy closeness of the capacities.")
    level: float = Field(description="Offered level against the level wanted.")
    language: float = Field(description="Shared languages, weighted by proficiency.")
    place: float = Field(description="Same region, or online with overlapping time zones.")
    load: float = Field(description="Room for more connections.")
    feedback: float = Field(description="Ratings from earlier connections.")


class MatchOut(Schema):
    kind: Literal["person", "organization"]
    name: str
    username: str | None = Field(description="For a person.")
    organization: str | None = Field(description="Slug, for an organization.")
    offer: int = Field(description="Id of the offer that matched best.")
    capacity: str = Field(description="Code of the offered capacity.")
    score: float = Field(ge=0, le=1)
    quality: Literal["strong", "good", "close", "related"] = Field(
        description="strong or good: the capacity asked for; close: its parent or a child; "
        "related: further away in the taxonomy."
    )
    label: str = Field(description="The quality in words.")
    explanation: str
    reasons: list[str] = Field(description="The explanation in parts.")
    languages: list[str] = Field(description="Languages the provider works in, as you may see.")
    components: ComponentsOut


class NeedMatchOut(Schema):
    need: int
    title: str
    organization: str | None = Field(description="Name of the organization stating the need.")
    score: float = Field(ge=0, le=1)
    quality: Literal["strong", "good", "close", "related"]
    label: str
    explanation: str
    reasons: list[str]
    components: ComponentsOut


class MatchQuery(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="How many, 1 to 50.")
    lang: LanguageCode | None = Field(None, description="Language of the explanations.")


@router.get(
    "/needs/{need_id}/matches", response={200: list[MatchOut], **DETAIL_ERRORS}, **READ
)  # fmt: skip
def list_need_matches(request: HttpRequest, need_id: ObjectId, filters: Query[MatchQuery]):
    """People and organizations who could help with a need, best first."""
    need = need_for_matching(viewer=request.user, pk=need_id)
    matches = matches_for_need(need=need, viewer=request.user, limit=filters.limit)
    with override(content_language(filters.lang)):
        codes = capacity_codes()
        return [_match_out(m, codes) for m in matches]


@router.get(
    "/needs/{need_id}/matches/other-languages",
    response={200: list[MatchOut], **DETAIL_ERRORS},
    **READ,
)
def list_need_matches_in_other_languages(
    request: HttpRequest, need_id: ObjectId, filters: Query[MatchQuery]
):
    """When nobody offers exactly the capacity asked for in the need's languages: those who
    offer exactly it in other languages (see `languages`: "if you can work in …"). Empty
    otherwise."""
    need = need_for_matching(viewer=request.user, pk=need_id)
    shown = matches_for_need(need=need, viewer=request.user, limit=filters.limit)
    others = exact_matches_in_other_languages(
        need=need, viewer=request.user, shown=shown, limit=filters.limit
    )
    with override(content_language(filters.lang)):
        codes = capacity_codes()
        return [_match_out(m, codes) for m in others]


def _match_out(match, codes: dict[int, str]) -> dict:
    reasons = words.reasons(match.parts, organization=match.kind == "organization")
    return {
        "kind": match.kind,
        "name": match.name,
        "username": match.username,
        "organization": match.slug,
        "offer": match.offer_id,
        "capacity": codes.get(match.capacity_id, ""),
        "score": match.score,
        "quality": match.quality,
        "label": words.quality_label(match.quality),
        "explanation": " · ".join(reasons),
        "reasons": reasons,
        "languages": list(match.languages),
        "components": match.components,
    }


class SuggestionOut(Schema):
    kind: str = Field(description="resource, course, session or event.")
    id: int
    title: str
    url: str = Field(description="Its page on the web.")
    score: float = Field(ge=0, le=1)
    reasons: list[str]
    starts_at: datetime | None = Field(description="For sessions and events.")
    language: str


@router.get(
    "/needs/{need_id}/suggestions", response={200: list[SuggestionOut], **DETAIL_ERRORS}, **READ
)  # fmt: skip
def list_need_suggestions(request: HttpRequest, need_id: ObjectId, filters: Query[MatchQuery]):
    """Resources, courses, live sessions and events that could help with a need, best first."""
    need = need_for_matching(viewer=request.user, pk=need_id)
    with override(content_language(filters.lang)):
        return _suggestions_out(request, need, filters.limit)


def _suggestions_out(request: HttpRequest, need, limit: int) -> list[dict]:
    return [
        {
            "kind": s.kind,
            "id": s.object_id,
            "title": s.title,
            "url": request.build_absolute_uri(s.url),
            "score": s.score,
            "reasons": [str(reason) for reason in s.reasons],
            "starts_at": s.starts_at,
            "language": s.language,
        }
        for s in suggestions_for_need(need=need, viewer=request.user, limit=limit)
    ]


@router.get("/offers/{offer_id}/needs", response={200: list[NeedMatchOut], **DETAIL_ERRORS}, **READ)
def list_offer_needs(request: HttpRequest, offer_id: ObjectId, filters: Query[MatchQuery]):
    """Open needs, visible to the caller, that an offer could answer, best first."""
    offer = offer_get(viewer=request.user, pk=offer_id)
    matches = open_needs_for_offer(offer=offer, viewer=request.user, limit=filters.limit)
    with override(content_language(filters.lang)):
        return [_need_match_out(m) for m in matches]


def _need_match_out(match) -> dict:
    reasons = words.reasons(match.parts)
    return {
        "need": match.need_id,
        "title": match.title,
        "organization": match.organization,
        "score": match.score,
        "quality": match.quality,
        "label": words.quality_label(match.quality),
        "explanation": " · ".join(reasons),
        "reasons": reasons,
        "components": match.components,
    }
