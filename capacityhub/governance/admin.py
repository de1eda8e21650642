"""Staff tools for governance: read-only. Terms, meetings, motions and votes are written through
the services, which check the rules and keep the audit trail; votes are never edited."""

from django.contrib import admin

from .models import AdviceRequest, Board, Meeting, Motion, PlanTarget, Term, Vote


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Board)
class BoardAdmin(ReadOnly):
    list_display = ("slug", "created_at")


@admin.register(Term)
class TermAdmin(ReadOnly):
    list_display = ("person", "board", "role", "chosen_by", "starts_on", "ends_on", "ended_on")
    list_filter = ("role", "chosen_by")


@admin.register(Meeting)
class MeetingAdmin(ReadOnly):
    list_display = ("title", "board", "starts_at", "minutes_status")


@admin.register(Motion)
class MotionAdmin(ReadOnly):
    list_display = ("title", "meeting", "kind", "status", "failure", "decision")
    list_filter = ("status", "kind")


@admin.register(Vote)
class VoteAdmin(ReadOnly):
    list_display = ("motion", "voter", "choice", "from_register", "cast_at")


@admin.register(AdviceRequest)
class AdviceRequestAdmin(ReadOnly):
    list_display = ("title", "requester", "status", "created_at")
    list_filter = ("status",)


@admin.register(PlanTarget)
class PlanTargetAdmin(ReadOnly):
    list_display = ("year", "recommendation", "measure", "baseline", "target")
