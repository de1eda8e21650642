"""Staff tools for the exchange: the matching change records, read-only (they are written by
saves of what matching reads, and every process applies them)."""

from django.contrib import admin

from .models import MatchingChange


@admin.register(MatchingChange)
class MatchingChangeAdmin(admin.ModelAdmin):
    list_display = ["pk", "scope", "provider", "created_at"]
    list_filter = ["scope"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
