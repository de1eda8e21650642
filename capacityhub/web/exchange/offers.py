"""Offers pages: the list, my offers, one offer, making, editing and withdrawing an offer, and
one's availability (hours a month, connections at once, away until)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capacityhub.community.models import Organization
from capacityhub.community.selectors import require_can_act_for
from capacityhub.community.services import profile_ensure
from capacityhub.exchange.models import Offer
from capacityhub.exchange.selectors.matching import open_needs_for_offer
from capacityhub.exchange.selectors.offers import (
    availability_for,
    offer_availability,
    offer_get,
    offer_list,
    with_offer_details,
)
from capacityhub.exchange.services.offers import (
    availability_set,
    offer_can_edit,
    offer_create,
    offer_update,
    offer_withdraw,
)
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.core.lookup import object_or_404
from capacityhub.web.exchange.forms_offers import AvailabilityForm, OfferFilterForm, OfferForm


def _decorate(offers: list[Offer]) -> list[Offer]:
    """Attach what the cards show; uses what `with_offer_details` fetched, no queries."""
    language = (get_language() or "en").split("-")[0]
    for offer in offers:
        offer.holder_availability = offer_availability(offer)
        offer.method_labels = [method.label(language) for method in offer.methods.all()]
    return offers


def _offer_or_404(request, pk: int) -> Offer:
    return object_or_404(offer_get, _("No such offer."), viewer=request.user, pk=pk)


def _list_page(request, *, mine: bool):
    form = OfferFilterForm(request.GET)
    offers = with_offer_details(offer_list(viewer=request.user, mine=mine, **form.filters()))
    page_obj = Paginator(offers, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "offers": _decorate(list(page_obj.object_list)),
        "mine": mine,
    }
    return render(request, "web/exchange/offers/list.html", context)


def offer_list_page(request):
    return _list_page(request, mine=False)


@login_required
def my_offers(request):
    return _list_page(request, mine=True)


def offer_detail(request, pk: int):
    offer = _offer_or_404(request, pk)
    context = {
        "offer": _decorate([offer])[0],
        "can_edit": offer_can_edit(offer=offer, user=request.user),
    }
    if offer.is_active:
        context["matching_needs"] = open_needs_for_offer(offer=offer, viewer=request.user, limit=20)
        context["show_matching_needs"] = True
    return render(request, "web/exchange/offers/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def offer_new(request):
    initial = {"capacity": request.GET.get("capacity", "")}
    form = OfferForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            offer = offer_create(
                actor=request.user, organization=form.chosen_organization(), **form.offer_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your offer was published."))
            return redirect("web:offer-detail", pk=offer.pk)
    return render(request, "web/exchange/offers/form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request, pk: int):
    offer = _offer_or_404(request, pk)
    if not offer_can_edit(offer=offer, user=request.user):
        raise PermissionDenied(_("Only the person or organization that offers this can change it."))
    if request.method == "POST":
        form = OfferForm(request.POST, editing=True)
        if form.is_valid():
            try:
                offer_update(actor=request.user, offer=offer, **form.offer_fields())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The offer was saved."))
                return redirect("web:offer-detail", pk=offer.pk)
    else:
        form = OfferForm(initial=OfferForm.initial_for(offer), editing=True)
    return render(request, "web/exchange/offers/form.html", {"form": form, "offer": offer})


@login_required
@require_POST
def offer_withdraw_page(request, pk: int):
    offer = _offer_or_404(request, pk)
    try:
        offer_withdraw(actor=request.user, offer=offer)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The offer was withdrawn. Offer the capacity again to make it visible again."),
        )
    return redirect("web:offer-detail", pk=pk)


def _availability_holder(request):
    """The person, or with ?organization=<slug> an organization they manage."""
    slug = request.GET.get("organization")
    if not slug:
        return profile_ensure(user=request.user), None
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise Http404(_("No such organization."))
    require_can_act_for(request.user, organization=organization)
    return None, organization


@login_required
@require_http_methods(["GET", "POST"])
def availability_page(request):
    profile, organization = _availability_holder(request)
    current = availability_for(profile=profile, organization=organization)
    form = AvailabilityForm(request.POST or None, initial=AvailabilityForm.initial_for(current))
    if request.method == "POST" and form.is_valid():
        try:
            availability_set(
                actor=request.user, profile=profile, organization=organization, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your availability was saved."))
            return redirect(request.get_full_path())
    context = {"form": form, "organization": organization, "current": current}
    return render(request, "web/exchange/offers/availability.html", context)


urlpatterns = [
    path("offers/", offer_list_page, name="offer-list"),
    path("offers/new/", offer_new, name="offer-create"),
    path("offers/<int:pk>/", offer_detail, name="offer-detail"),
    path("offers/<int:pk>/edit/", offer_edit, name="offer-edit"),
    path("offers/<int:pk>/withdraw/", offer_withdraw_page, name="offer-withdraw"),
    path("me/offers/", my_offers, name="my-offers"),
    path("me/availability/", availability_page, name="availability"),
]
