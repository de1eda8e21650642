"""The knowledge base in the Django admin, for information specialists and staff.

Resources are read here and curated with actions that call the services (so every change is
audited and re-indexed); content is edited on the hub's own pages."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Endorsement, Resource, ResourceReport, ResourceUse
from .selectors import is_curator
from .services.curation import report_resolve, resource_feature, resource_mark_current


def _each(request, objects, action, done) -> None:
    count = 0
    for obj in objects:
        try:
            action(obj)
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, f"{obj}: {' '.join(getattr(error, 'messages', [str(error)]))}")
        else:
            count += 1
    if count:
        messages.success(request, done % {"n": count})


class ReadOnlyAdmin(admin.ModelAdmin):
    """Curators (staff in the admin) see everything and act through the actions."""

    def has_module_permission(self, request) -> bool:
        return is_curator(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_curator(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ResourceUseInline(admin.TabularInline):
    model = ResourceUse
    extra = 0
    can_delete = False
    fields = ("used_on", "user", "region", "language", "organization_kind", "rating", "outcome")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Resource)
class ResourceAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "language", "status", "is_featured", "created_at")
    list_filter = ("status", "kind", "is_featured", "language", "audience", "level")
    search_fields = ("title", "summary", "author_names", "uid")
    date_hierarchy = "created_at"
    inlines = [ResourceUseInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["feature", "stop_featuring", "mark_current"]

    @admin.action(description=_("Feature the chosen resources"))
    def feature(self, request, queryset):
        _each(
            request,
            queryset,
            lambda r: resource_feature(actor=request.user, resource=r, featured=True),
            _("%(n)d resources featured."),
        )

    @admin.action(description=_("Stop featuring the chosen resources"))
    def stop_featuring(self, request, queryset):
        _each(
            request,
            queryset,
            lambda r: resource_feature(actor=request.user, resource=r, featured=False),
            _("%(n)d resources no longer featured."),
        )

    @admin.action(description=_("Mark the chosen outdated resources as current"))
    def mark_current(self, request, queryset):
        _each(
            request,
            queryset,
            lambda r: resource_mark_current(actor=request.user, resource=r),
            _("%(n)d resources marked current."),
        )


@admin.register(ResourceReport)
class ResourceReportAdmin(ReadOnlyAdmin):
    list_display = ("resource", "reason", "status", "reporter", "created_at")
    list_filter = ("status", "reason")
    search_fields = ("resource__title", "details")
    actions = ["resolve", "dismiss"]

    def _close(self, request, queryset, status: str, done):
        _each(
            request,
            queryset,
            lambda report: report_resolve(actor=request.user, report=report, status=status),
            done,
        )

    @admin.action(description=_("Resolve the chosen reports"))
    def resolve(self, request, queryset):
        self._close(request, queryset, ResourceReport.Status.RESOLVED, _("%(n)d reports resolved."))

    @admin.action(description=_("Dismiss the chosen reports"))
    def dismiss(self, request, queryset):
        self._close(
            request, queryset, ResourceReport.Status.DISMISSED, _("%(n)d reports dismissed.")
        )


@admin.register(Endorsement)
class EndorsementAdmin(ReadOnlyAdmin):
    list_display = ("resource", "user", "created_at")
    search_fields = ("resource__title", "user__username")
