"""Staff tools: read-mostly views of programmes and mentorships. Progress, pairing and the
mentorship lifecycle change through the services (pages and API), which check permissions,
caps and conflicts and keep the audit trail; meeting notes are private to the pair and are not
shown here."""

from django.contrib import admin

from .models import (
    AwayPeriod,
    Cohort,
    MenteeRequest,
    MentorProfile,
    Mentorship,
    Participant,
    Programme,
    Stage,
    StageCompletion,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0
    fields = ["position", "title", "completion", "evidence_kind", "evidence_capacity"]
    readonly_fields = fields
    can_delete = False


@admin.register(Programme)
class ProgrammeAdmin(ReadOnly):
    list_display = ["title", "owner_organization", "created_at"]
    inlines = [StageInline]


@admin.register(Cohort)
class CohortAdmin(ReadOnly):
    list_display = ["title", "programme", "starts_on", "ends_on", "intake_call"]


@admin.register(Participant)
class ParticipantAdmin(ReadOnly):
    list_display = ["user", "cohort", "stage", "status", "admitted_at", "completed_at"]
    list_filter = ["status"]


@admin.register(StageCompletion)
class StageCompletionAdmin(ReadOnly):
    list_display = ["participant", "stage", "completed_at", "signed_off_by"]


@admin.register(MentorProfile)
class MentorProfileAdmin(ReadOnly):
    list_display = ["user", "max_mentees", "weight", "is_active", "created_at"]
    list_filter = ["weight", "is_active"]


@admin.register(AwayPeriod)
class AwayPeriodAdmin(ReadOnly):
    list_display = ["mentor", "starts_on", "ends_on"]


@admin.register(MenteeRequest)
class MenteeRequestAdmin(ReadOnly):
    list_display = ["user", "status", "cohort", "created_at"]
    list_filter = ["status"]


@admin.register(Mentorship)
class MentorshipAdmin(ReadOnly):
    list_display = ["pk", "mentor", "mentee", "backup", "status", "cohort", "created_at"]
    list_filter = ["status"]
    exclude = ["explanation"]
