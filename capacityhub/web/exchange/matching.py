"""Matching pages: who could help with a need, and which open needs an offer could answer.

The need and offer pages include the same lists (`needs/_matches.html`, `offers/_needs.html`);
these standalone pages show longer lists (`?limit=`, up to 50)."""

from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from capacityhub.exchange.selectors.connections import can_act_for_need
from capacityhub.exchange.selectors.matching import (
    MAX_LIMIT,
    matches_for_need,
    need_for_matching,
    open_needs_for_offer,
)
from capacityhub.exchange.selectors.offers import offer_get
from capacityhub.exchange.suggestions import suggestions_for_need
from capacityhub.web.core.lookup import object_or_404

DEFAULT_LIMIT = 20


def _limit(request) -> int:
    value = request.GET.get("limit", "")
    return max(1, min(int(value), MAX_LIMIT)) if value.isdigit() else DEFAULT_LIMIT


def need_matches(request, pk: int):
    need = object_or_404(need_for_matching, _("No such need."), viewer=request.user, pk=pk)
    limit = _limit(request)
    context = {
        "need": need,
        "matches": matches_for_need(need=need, viewer=request.user, limit=limit),
        "can_invite": can_act_for_need(need=need, user=request.user),
        "limit": limit,
        "more": limit < MAX_LIMIT,
        "more_limit": MAX_LIMIT,
        "suggestions": suggestions_for_need(need=need, viewer=request.user, limit=limit),
    }
    return render(request, "web/exchange/matching/need_matches.html", context)


def offer_needs(request, pk: int):
    offer = object_or_404(offer_get, _("No such offer."), viewer=request.user, pk=pk)
    limit = _limit(request)
    context = {
        "offer": offer,
        "matching_needs": open_needs_for_offer(offer=offer, viewer=request.user, limit=limit),
        "limit": limit,
        "more": limit < MAX_LIMIT,
        "more_limit": MAX_LIMIT,
    }
    return render(request, "web/exchange/matching/offer_needs.html", context)


urlpatterns = [
    path("needs/<int:pk>/matches/", need_matches, name="need-matches"),
    path("offers/<int:pk>/needs/", offer_needs, name="offer-needs"),
]
