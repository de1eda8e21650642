"""Knowledge base pages: the resource list, one resource (with its languages and adaptations,
where it was tested, and the forms to record a use, endorse, report or ask for a translation),
adding, editing, translating or adapting a resource. Curation pages: knowledge_curation.py."""

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

from capacityhub.knowledge.models import Resource
from capacityhub.knowledge.selectors import (
    SORT_RELEVANCE,
    is_curator,
    ranked_ids,
    reader_for,
    resource_can_edit,
    resource_endorsements,
    resource_family,
    resource_get,
    resource_list,
    resource_use_summary,
    resource_uses,
    resources_in_order,
    with_resource_details,
)
from capacityhub.knowledge.services.feedback import (
    resource_endorse,
    resource_report,
    resource_translation_request,
    resource_use_record,
)
from capacityhub.knowledge.services.resources import (
    resource_create,
    resource_update,
    resource_withdraw,
)
from capacityhub.web.core.forms import add_service_errors
from capacityhub.web.core.lookup import object_or_404
from capacityhub.web.knowledge.curation import urlpatterns as curation_urlpatterns
from capacityhub.web.knowledge.forms_resources import (
    EndorseForm,
    MergeForm,
    OutdatedForm,
    ReportForm,
    ResourceFilterForm,
    ResourceForm,
    TranslationRequestForm,
    UseForm,
)

RECENT_USES = 10


def resource_or_404(request, pk: int) -> Resource:
    return object_or_404(resource_get, _("No such resource."), viewer=request.user, pk=pk)


def _listed_or_404(request, pk: int) -> Resource:
    resource = resource_or_404(request, pk)
    if not resource.is_listed:
        raise Http404(_("No such resource."))
    return resource


def _flash_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# List ------------------------------------------------------------------------------------------


class _Ranked:
    """Ranked ids posing as a sequence for Paginator; only the shown page is loaded."""

    def __init__(self, ids: list[int]):
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, window):
        return resources_in_order(self.ids[window])


def resource_list_page(request):
    form = ResourceFilterForm(request.GET)
    filters = form.filters()
    resources = resource_list(**filters)
    if filters["sort"] == SORT_RELEVANCE:
        reader = reader_for(request.user, (get_language() or "").split("-")[0])
        ranked = [pk for pk, _score in ranked_ids(resources, reader)]
        source = _Ranked(ranked)
    else:
        source = with_resource_details(resources)
    page_obj = Paginator(source, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page_obj, "resources": list(page_obj.object_list)}
    return render(request, "web/knowledge/list.html", context)


# One resource ----------------------------------------------------------------------------------


def _forms(request, resource: Resource) -> dict:
    signed_in = request.user.is_authenticated
    listed = resource.is_listed
    endorsed = signed_in and any(e.user_id == request.user.pk for e in resource.endorsement_list)
    return {
        "use_form": UseForm() if signed_in and listed else None,
        "report_form": ReportForm() if signed_in else None,
        "translation_form": TranslationRequestForm() if signed_in and listed else None,
        "endorse_form": EndorseForm()
        if signed_in and listed and resource.is_learning_pattern and not endorsed
        else None,
        "outdated_form": OutdatedForm() if is_curator(request.user) and listed else None,
        "merge_form": MergeForm() if is_curator(request.user) and listed else None,
    }


def resource_detail(request, pk: int):
    resource = resource_or_404(request, pk)
    if resource.status == Resource.Status.MERGED and resource.merged_into_id:
        messages.info(request, _("This resource was merged into another one."))
        return redirect("web:resource-detail", pk=resource.merged_into_id)
    resource.endorsement_list = list(resource_endorsements(resource))
    language = (get_language() or "en").split("-")[0]
    context = {
        "resource": resource,
        "family": [r for r in resource_family(resource) if r.pk != resource.pk],
        "summary": resource_use_summary(resource),
        "uses": list(resource_uses(resource)[:RECENT_USES]),
        "endorsements": resource.endorsement_list,
        "methods": [method.label(language) for method in resource.methods.all()],
        "authors": list(resource.authors.select_related("profile")),
        "can_edit": resource_can_edit(resource=resource, user=request.user),
        "is_curator": is_curator(request.user),
        **_forms(request, resource),
    }
    return render(request, "web/knowledge/detail.html", context)


# Writing resources -----------------------------------------------------------------------------


def _kind_or_none(value) -> str | None:
    return value if value in Resource.Kind.values else None


@login_required
@require_http_methods(["GET", "POST"])
def resource_new(request):
    kind = _kind_or_none(request.POST.get("kind") or request.GET.get("kind"))
    if kind is None:
        return render(request, "web/knowledge/choose_kind.html", {"kinds": Resource.Kind.choices})
    form = ResourceForm(request.POST or None, kind=kind, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            resource = resource_create(
                actor=request.user,
                organization=form.cleaned_data.get("organization"),
                **form.resource_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The resource was published."))
            return redirect("web:resource-detail", pk=resource.pk)
    return render(
        request, "web/knowledge/form.html", {"form": form, "kind": kind, "mode": "create"}
    )


@login_required
@require_http_methods(["GET", "POST"])
def resource_derive(request, pk: int):
    """Translate or adapt a resource: a new resource, pre-filled from the original."""
    original = _listed_or_404(request, pk)
    initial = {**ResourceForm.initial_for(original), "relation": request.GET.get("relation")}
    initial.update(language="", authors="", author_names="")
    form = ResourceForm(
        request.POST or None, initial=initial, kind=original.kind, user=request.user, mode="derive"
    )
    if request.method == "POST" and form.is_valid():
        try:
            resource = resource_create(
                actor=request.user,
                organization=form.cleaned_data.get("organization"),
                original=original,
                relation=form.cleaned_data["relation"],
                **{**form.resource_fields(), "kind": original.kind},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you! The new version was published."))
            return redirect("web:resource-detail", pk=resource.pk)
    context = {"form": form, "kind": original.kind, "mode": "derive", "original": original}
    return render(request, "web/knowledge/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def resource_edit(request, pk: int):
    resource = _listed_or_404(request, pk)
    if not resource_can_edit(resource=resource, user=request.user):
        raise PermissionDenied(_("Only the people who wrote this resource can change it."))
    if request.method == "POST":
        form = ResourceForm(request.POST, kind=resource.kind, mode="edit")
        if form.is_valid():
            fields = {**form.resource_fields(), "kind": resource.kind}
            try:
                resource_update(
                    actor=request.user,
                    resource=resource,
                    expected_version=form.cleaned_data["version"],
                    **fields,
                )
            except ValidationError as error:
                add_service_errors(form, error)
                resource = resource_or_404(request, pk)  # the in-memory copy was changed
            else:
                messages.success(request, _("The resource was saved."))
                return redirect("web:resource-detail", pk=pk)
    else:
        form = ResourceForm(
            initial=ResourceForm.initial_for(resource), kind=resource.kind, mode="edit"
        )
    context = {"form": form, "kind": resource.kind, "mode": "edit", "resource": resource}
    return render(request, "web/knowledge/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def resource_withdraw_page(request, pk: int):
    resource = _listed_or_404(request, pk)
    if not resource_can_edit(resource=resource, user=request.user):
        raise PermissionDenied(_("Only the people who wrote this resource can withdraw it."))
    if request.method == "POST":
        try:
            resource_withdraw(actor=request.user, resource=resource)
        except ValidationError as error:
            _flash_errors(request, error)
        else:
            messages.success(request, _("The resource was withdrawn."))
            return redirect("web:resource-list")
    return render(request, "web/knowledge/withdraw.html", {"resource": resource})


# What readers add ------------------------------------------------------------------------------


def _post_form(request, pk: int, form_class, service, success: str, then=None):
    """Validate a small form from the resource page and call the service; then go back to
    the page (or where `then(result)` says)."""
    resource = resource_or_404(request, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("web:resource-detail", pk=pk)
    try:
        result = service(actor=request.user, resource=resource, **form.cleaned_data)
    except ValidationError as error:
        _flash_errors(request, error)
        return redirect("web:resource-detail", pk=pk)
    messages.success(request, success)
    return then(result) if then else redirect("web:resource-detail", pk=pk)


@login_required
@require_POST
def resource_use(request, pk: int):
    success = _("Thank you for telling how it went.")
    return _post_form(request, pk, UseForm, resource_use_record, success)


@login_required
@require_POST
def resource_endorse_view(request, pk: int):
    success = _("You endorsed this learning pattern.")
    return _post_form(request, pk, EndorseForm, resource_endorse, success)


@login_required
@require_POST
def resource_report_view(request, pk: int):
    success = _("Thank you. Information specialists will look at the problem.")
    return _post_form(request, pk, ReportForm, resource_report, success)


@login_required
@require_POST
def resource_request_translation(request, pk: int):
    success = _("Your request is now a need in the exchange, where translators can answer it.")
    return _post_form(
        request,
        pk,
        TranslationRequestForm,
        resource_translation_request,
        success,
        then=lambda need: redirect("web:need-detail", pk=need.pk),
    )


urlpatterns = [
    path("resources/", resource_list_page, name="resource-list"),
    path("resources/new/", resource_new, name="resource-create"),
    path("resources/<int:pk>/", resource_detail, name="resource-detail"),
    path("resources/<int:pk>/edit/", resource_edit, name="resource-edit"),
    path("resources/<int:pk>/derive/", resource_derive, name="resource-derive"),
    path("resources/<int:pk>/withdraw/", resource_withdraw_page, name="resource-withdraw"),
    path("resources/<int:pk>/use/", resource_use, name="resource-use"),
    path("resources/<int:pk>/endorse/", resource_endorse_view, name="resource-endorse"),
    path("resources/<int:pk>/report/", resource_report_view, name="resource-report"),
    path(
        "resources/<int:pk>/translation/",
        resource_request_translation,
        name="resource-request-translation",
    ),
    *curation_urlpatterns,
]
