"""Staff views of assessments and plans. Rounds, answers and framework versions are read-only
here (they change only through the services, with an audit row); the dimension → capacity
mapping is configuration staff edit directly."""

from django.contrib import admin

from .models import Answer, DimensionCapacity, FrameworkVersion, Goal, Milestone, Respondent, Round


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(ReadOnlyAdmin):
    list_display = ["number", "created_at"]


class RespondentInline(admin.TabularInline):
    model = Respondent
    extra = 0
    can_delete = False
    readonly_fields = ["user", "role", "invited_at", "submitted_at"]
    fields = readonly_fields


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ["title", "organization", "opened_at", "closed_at", "published"]
    list_filter = ["published"]
    search_fields = ["title", "organization__name"]
    inlines = [RespondentInline]


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ["respondent", "question", "level"]
    list_select_related = ["respondent__user"]


@admin.register(Goal)
class GoalAdmin(ReadOnlyAdmin):
    list_display = ["title", "organization", "dimension", "status", "due_on"]
    list_filter = ["dimension", "status"]


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyAdmin):
    list_display = ["title", "goal", "due_on", "done_at"]


@admin.register(DimensionCapacity)
class DimensionCapacityAdmin(admin.ModelAdmin):
    list_display = ["dimension", "capacity"]
    list_filter = ["dimension"]
    autocomplete_fields = []
