"""Staff see recognition records in the admin; awards, reports and keys are read-only there
(issuing, revoking and moderating go through the services, which sign and audit)."""

from django.contrib import admin

from .models import Achievement, Award, Barnstar, BarnstarReport, SigningKey


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Barnstar)
class BarnstarAdmin(ReadOnly):
    list_display = (
        "id",
        "kind",
        "giver",
        "recipient",
        "created_at",
        "hidden_by_recipient",
        "moderated_at",
    )
    list_filter = ("kind",)


@admin.register(BarnstarReport)
class BarnstarReportAdmin(ReadOnly):
    list_display = ("id", "barnstar", "reporter", "created_at", "resolved_at")


@admin.register(Achievement)
class AchievementAdmin(admin.ModelAdmin):
    list_display = ("id", "name", "organization", "rule_kind", "archived_at")
    readonly_fields = ("rule_kind", "rule_params", "created_by", "version")


@admin.register(Award)
class AwardAdmin(ReadOnly):
    list_display = ("id", "achievement", "recipient", "issued_at", "revoked_at")


@admin.register(SigningKey)
class SigningKeyAdmin(ReadOnly):
    list_display = ("key_id", "algorithm", "created_at", "retired_at")
    exclude = ("private_pem",)
