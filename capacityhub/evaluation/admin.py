from django.contrib import admin

from .models import Answer, Consent, Indicator, Invitation, LogicModel, Survey


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(LogicModel)
class LogicModelAdmin(admin.ModelAdmin):
    list_display = ["title", "subject_type", "subject_id", "updated_at"]
    list_filter = ["subject_type"]
    inlines = [IndicatorInline]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["subject_type", "subject_id", "kind", "activity_ends_on"]
    list_filter = ["kind", "subject_type"]
    raw_id_fields = ["form", "created_by"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Consent, invitations and answers are written by the people themselves."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["person", "subject_type", "subject_id", "given_at", "withdrawn_at"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["survey", "person", "sent_at", "reminded_at", "responded_at"]


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ["survey", "score", "region", "language", "submitted_at"]
