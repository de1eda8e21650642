"""Curation pages for information specialists and staff: the queue of reported problems, the
featured and outdated resources; feature, mark outdated or current, merge duplicates.
Included by knowledge.py (which web/urls.py includes)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capacityhub.knowledge.models import Resource, ResourceReport
from capacityhub.knowledge.selectors import (
    is_curator,
    listed_resources,
    report_queue,
    resource_get,
)
from capacityhub.knowledge.services.curation import (
    report_resolve,
    resource_feature,
    resource_mark_current,
    resource_mark_outdated,
    resource_merge,
)
from capacityhub.web.core.lookup import MAX_ID, object_or_404
from capacityhub.web.knowledge.forms_resources import MergeForm, ReportResolveForm

SHORT_LIST = 50


def _require_curator(request) -> None:
    if not is_curator(request.user):
        raise PermissionDenied(_("Only information specialists and staff can curate resources."))


def _resource(request, pk: int) -> Resource:
    return object_or_404(resource_get, _("No such resource."), viewer=request.user, pk=pk)


def _flash(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def curation_page(request):
    _require_curator(request)
    reports = report_queue()
    page_obj = Paginator(reports, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page_obj,
        "reports": [(report, ReportResolveForm()) for report in page_obj.object_list],
        "featured": list(listed_resources().filter(is_featured=True)[:SHORT_LIST]),
        "outdated": list(listed_resources().filter(status=Resource.Status.OUTDATED)[:SHORT_LIST]),
    }
    return render(request, "web/knowledge/curation.html", context)


@login_required
@require_POST
def report_resolve_view(request, pk: int):
    _require_curator(request)
    reports = ResourceReport.objects.select_related("resource", "reporter")
    report = reports.filter(pk=pk).first() if pk <= MAX_ID else None
    if report is None:
        raise Http404(_("No such report."))
    form = ReportResolveForm(request.POST)
    if form.is_valid():
        try:
            report_resolve(actor=request.user, report=report, **form.cleaned_data)
        except ValidationError as error:
            _flash(request, error)
        else:
            messages.success(request, _("The report was closed."))
    else:
        messages.error(request, _("Choose whether the report is resolved or dismissed."))
    return redirect("web:resource-curation")


@login_required
@require_POST
def resource_feature_view(request, pk: int):
    _require_curator(request)
    resource = _resource(request, pk)
    featured = request.POST.get("featured") == "1"
    try:
        resource_feature(actor=request.user, resource=resource, featured=featured)
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(
            request, _("The resource is featured.") if featured else _("No longer featured.")
        )
    return redirect("web:resource-detail", pk=pk)


@login_required
@require_POST
def resource_outdated_view(request, pk: int):
    _require_curator(request)
    resource = _resource(request, pk)
    try:
        if request.POST.get("current") == "1":
            resource_mark_current(actor=request.user, resource=resource)
            messages.success(request, _("The resource is marked current again."))
        else:
            # The service checks the note (required, length) and names the field.
            note = request.POST.get("note", "")
            resource_mark_outdated(actor=request.user, resource=resource, note=note)
            messages.success(request, _("The resource is marked outdated."))
    except ValidationError as error:
        _flash(request, error)
    return redirect("web:resource-detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def resource_merge_view(request, pk: int):
    """Confirm, then merge this resource (the duplicate) into the one to keep."""
    _require_curator(request)
    duplicate = _resource(request, pk)
    form = MergeForm(request.POST or request.GET or None)
    survivor = None
    if form.is_bound and form.is_valid():
        try:
            survivor = resource_get(viewer=request.user, pk=form.cleaned_data["survivor"])
        except Resource.DoesNotExist:
            form.add_error("survivor", _("No such resource."))
    if request.method == "POST" and survivor is not None:
        try:
            resource_merge(actor=request.user, duplicate=duplicate, survivor=survivor)
        except ValidationError as error:
            form.add_error("survivor", error.messages)
        else:
            messages.success(request, _("The resources were merged."))
            return redirect("web:resource-detail", pk=survivor.pk)
    context = {"duplicate": duplicate, "survivor": survivor, "form": form}
    return render(request, "web/knowledge/merge.html", context)


urlpatterns = [
    path("curation/", curation_page, name="resource-curation"),
    path("curation/reports/<int:pk>/", report_resolve_view, name="resource-report-resolve"),
    path("resources/<int:pk>/feature/", resource_feature_view, name="resource-feature"),
    path("resources/<int:pk>/outdated/", resource_outdated_view, name="resource-outdated"),
    path("resources/<int:pk>/merge/", resource_merge_view, name="resource-merge"),
]
