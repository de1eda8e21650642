"""Needs pages: the list, my needs, one need, stating, editing and moving a need along.

The need page shows matches and invitation buttons when the matching and connections slices
provide them (`_matches.html`, `_connections.html`); without them it still works."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capacityhub.exchange.models import Need
from capacityhub.exchange.selectors.connections import can_act_for_need
from capacityhub.exchange.selectors.matching import matches_for_need
from capacityhub.exchange.selectors.needs import STATUS_ANY, need_get, need_list, with_need_details
from capacityhub.exchange.services.needs import (
    TRANSITIONS,
    need_can_edit,
    need_create,
    need_set_status,
    need_update,
)
from capacityhub.exchange.suggestions import suggestions_for_need
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.core.lookup import object_or_404
from capacityhub.web.exchange.forms_needs import (
    STATUS_TARGETS,
    NeedFilterForm,
    NeedForm,
    NeedStatusForm,
)


def _need_or_404(request, pk: int) -> Need:
    return object_or_404(need_get, _("No such need."), viewer=request.user, pk=pk)


def _editable_need_or_403(request, pk: int) -> Need:
    need = _need_or_404(request, pk)
    if not need_can_edit(need=need, user=request.user):
        raise PermissionDenied(_("Only the person who stated this need can change it."))
    return need


def _list_page(request, *, mine: bool, template_context: dict):
    default_status = STATUS_ANY if mine else "active"
    form = NeedFilterForm(request.GET, default_status=default_status)
    needs = with_need_details(need_list(viewer=request.user, mine=mine, **form.filters()))
    page_obj = Paginator(needs, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page_obj, "needs": list(page_obj.object_list)}
    return render(request, "web/exchange/needs/list.html", {**context, **template_context})


def need_list_page(request):
    return _list_page(request, mine=False, template_context={"mine": False})


@login_required
def my_needs(request):
    return _list_page(request, mine=True, template_context={"mine": True})


def _status_form(need: Need) -> NeedStatusForm | None:
    allowed = TRANSITIONS.get(need.status, set())
    if not allowed:
        return None
    form = NeedStatusForm()
    form.fields["status"].choices = [(v, label) for v, label in STATUS_TARGETS if v in allowed]
    return form


def _status_label(status: str) -> str:
    return Need.Status(status).label if status in Need.Status.values else status


def need_detail(request, pk: int):
    need = _need_or_404(request, pk)
    can_edit = need_can_edit(need=need, user=request.user)
    language = (get_language() or "en").split("-")[0]
    context = {
        "need": need,
        "history": [
            (event, _status_label(event.from_status), _status_label(event.to_status))
            for event in need.events.all()
        ],
        "methods": [method.label(language) for method in need.methods.all()],
        "can_edit": can_edit,
        "status_form": _status_form(need) if can_edit else None,
        "connections_enabled": True,
    }
    if need.is_active:
        context["matches"] = matches_for_need(need=need, viewer=request.user, limit=20)
        context["show_matches"] = True
        context["can_invite"] = can_act_for_need(need=need, user=request.user)
        context["suggestions"] = suggestions_for_need(need=need, viewer=request.user)
    return render(request, "web/exchange/needs/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def need_new(request):
    form = NeedForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            need = need_create(
                actor=request.user, organization=form.chosen_organization(), **form.need_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your need was published."))
            return redirect("web:need-detail", pk=need.pk)
    return render(request, "web/exchange/needs/form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request, pk: int):
    need = _editable_need_or_403(request, pk)
    if request.method == "POST":
        form = NeedForm(request.POST, editing=True)
        if form.is_valid():
            try:
                need_update(
                    actor=request.user,
                    need=need,
                    expected_version=form.cleaned_data["version"],
                    **form.need_fields(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
                need = _need_or_404(request, pk)  # the in-memory copy was changed
            else:
                messages.success(request, _("The need was saved."))
                return redirect("web:need-detail", pk=need.pk)
    else:
        form = NeedForm(initial=NeedForm.initial_for(need), editing=True)
    return render(request, "web/exchange/needs/form.html", {"form": form, "need": need})


@login_required
@require_POST
def need_status(request, pk: int):
    need = _need_or_404(request, pk)
    form = NeedStatusForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("web:need-detail", pk=pk)
    try:
        need_set_status(
            actor=request.user,
            need=need,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Status changed to “%s”.") % Need.Status(need.status).label)
    return redirect("web:need-detail", pk=pk)


urlpatterns = [
    path("needs/", need_list_page, name="need-list"),
    path("needs/new/", need_new, name="need-create"),
    path("needs/<int:pk>/", need_detail, name="need-detail"),
    path("needs/<int:pk>/edit/", need_edit, name="need-edit"),
    path("needs/<int:pk>/status/", need_status, name="need-status"),
    path("me/needs/", my_needs, name="my-needs"),
]
