"""Staff tools for integrity: read-only. Declarations and decisions are made through the pages
and services, which keep the audit trail; a decision is never edited."""

from django.contrib import admin

from .models import Decision, Interest


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ("declarant", "kind", "organization", "person", "declared_at", "withdrawn_at")
    list_filter = ("kind",)
    raw_id_fields = ("declarant", "organization", "person")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("subject_type", "subject_id", "outcome", "decided_by", "decided_at")
    list_filter = ("subject_type", "outcome")
    search_fields = ("subject_id", "reason")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
