"""Staff tools: read-mostly views of calls and their workflow. Decisions and statuses change
through the services (pages and API), never here, so every change keeps its Decision record."""

from django.contrib import admin

from .models import Application, Assignment, Call, Criterion, Review


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "opens_at", "closes_at", "decisions_by", "seats"]
    list_filter = ["kind", "blind"]
    inlines = [CriterionInline]
    raw_id_fields = ["form", "owner_organization", "created_by"]
    filter_horizontal = ["reviewers"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["pk", "call", "applicant", "status", "language", "submitted_at"]
    list_filter = ["status", "language"]
    raw_id_fields = ["call", "applicant", "organization", "response"]
    readonly_fields = ["status", "submitted_at", "waitlisted_at"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["pk", "application", "reviewer", "assigned_at", "removed_at"]
    raw_id_fields = ["application", "reviewer", "assigned_by"]
    readonly_fields = ["removed_at", "removal_reason"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["pk", "assignment", "submitted_at"]
    raw_id_fields = ["assignment"]
    readonly_fields = ["scores", "comments", "overall_comment", "submitted_at"]
