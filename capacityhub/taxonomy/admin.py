from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .importer import import_summary, taxonomy_export_text, taxonomy_import_text
from .interchange import FORMATS, InterchangeError
from .models import Capacity, CapacityProposal, CapacityTranslation, Method
from .selectors import capacity_label, taxonomy_changed
from .services import capacity_proposal_approve, capacity_proposal_reject

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class TaxonomyImportForm(forms.Form):
    file = forms.FileField(label=_("File"))
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("Tell from the file name"))]
        + [(key, fmt.name) for key, fmt in FORMATS.items()],
    )
    default_parent = forms.ModelChoiceField(
        label=_("Default parent"),
        queryset=Capacity.objects.all(),
        to_field_name="code",
        required=False,
        help_text=_(
            "Commons tabular data only: where new rows without a parent go. "
            "Leave empty to make them top-level capacities."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        try:
            self.text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(_("The file is not UTF-8 text.")) from error
        return upload


class CapacityTranslationInline(admin.TabularInline):
    model = CapacityTranslation
    extra = 0
    fields = ["language", "label", "description", "aliases"]


def _export_action(fmt: str):
    def export(modeladmin, request, queryset):
        codes = list(queryset.values_list("code", flat=True))
        spec = FORMATS[fmt]
        response = HttpResponse(
            taxonomy_export_text(fmt, codes), content_type=f"{spec.content_type}; charset=utf-8"
        )
        filename = f"capacities.{spec.extension}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    export.__name__ = f"export_{fmt}"
    names = {
        "json": _("Export selected as JSON"),
        "csv": _("Export selected as CSV"),
        "skos": _("Export selected as SKOS (Turtle)"),
        "tab": _("Export selected as Commons tabular data"),
    }
    return admin.action(description=names[fmt])(export)


@admin.register(Capacity)
class CapacityAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "parent", "wikidata_qid", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["parent"]
    search_fields = ["code", "translations__label"]
    autocomplete_fields = ["parent"]
    inlines = [CapacityTranslationInline]
    actions = [_export_action(fmt) for fmt in FORMATS]

    @admin.display(description=_("label"))
    def label(self, capacity: Capacity) -> str:
        return capacity_label(capacity.pk)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        transaction.on_commit(taxonomy_changed)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(taxonomy_changed)

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="taxonomy_capacity_import"), *super().get_urls()]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = TaxonomyImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            parent = data["default_parent"]
            try:
                result = taxonomy_import_text(
                    actor=request.user,
                    name=data["file"].name,
                    text=form.text,
                    fmt=data["format"] or None,
                    default_parent=parent.code if parent else None,
                )
            except InterchangeError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, import_summary(result), messages.SUCCESS)
                return redirect("admin:taxonomy_capacity_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": gettext("Import capacities"),
        }
        return TemplateResponse(request, "admin/taxonomy/capacity/import_form.html", context)


@admin.register(Method)
class MethodAdmin(admin.ModelAdmin):
    list_display = ["code", "position"]
    search_fields = ["code"]
    filter_horizontal = ["capacities"]


@admin.register(CapacityProposal)
class CapacityProposalAdmin(admin.ModelAdmin):
    list_display = ["label", "language", "capacity", "parent", "proposer", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["capacity", "parent", "proposer"]
    search_fields = ["label", "code"]
    readonly_fields = ["proposer", "status", "decided_by", "decided_at", "decision_note"]
    actions = ["approve", "reject"]

    def _decide(self, request, queryset, decide) -> int:
        done = 0
        for proposal in queryset.filter(status=CapacityProposal.Status.PENDING):
            try:
                decide(proposal)
            except (ValidationError, IntegrityError) as error:
                text = " ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"{proposal.label}: {text}", messages.ERROR)
            else:
                done += 1
        return done

    @admin.action(description=_("Approve selected proposals"))
    def approve(self, request, queryset):
        def decide(proposal):
            capacity_proposal_approve(actor=request.user, proposal=proposal)

        done = self._decide(request, queryset, decide)
        message = ngettext("%d proposal approved.", "%d proposals approved.", done)
        self.message_user(request, message % done, messages.SUCCESS)

    @admin.action(description=_("Reject selected proposals"))
    def reject(self, request, queryset):
        note = gettext("Rejected in admin")

        def decide(proposal):
            capacity_proposal_reject(actor=request.user, proposal=proposal, note=note)

        done = self._decide(request, queryset, decide)
        message = ngettext("%d proposal rejected.", "%d proposals rejected.", done)
        self.message_user(request, message % done, messages.SUCCESS)
