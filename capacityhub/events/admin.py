"""Staff tools for sessions and events: browse and inspect; changes go through the pages and
services (which keep the waitlist and the audit log right), so the admin is read-mostly."""

from django.contrib import admin

from .models import CalendarFeed, Event, Question, Registration


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ("user", "status", "queued_at", "attended")
    readonly_fields = fields
    can_delete = False
    show_change_link = False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "starts_at", "organization", "host", "seats", "cancelled_at")
    list_filter = ("kind", "online", "region")
    search_fields = ("title", "description", "place")
    date_hierarchy = "starts_at"
    raw_id_fields = ("host", "organization")
    filter_horizontal = ("capacities",)
    readonly_fields = ("version", "created_at", "updated_at")
    inlines = [RegistrationInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("event", "user", "status", "attended", "queued_at")
    list_filter = ("status", "attended")
    raw_id_fields = ("event", "user")
    readonly_fields = ("event", "user", "status", "queued_at", "attended", "attendance_marked_at")

    def has_add_permission(self, request) -> bool:
        return False  # registering goes through registration_create (seats, waitlist)


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("body", "event", "author", "answered", "created_at")
    list_filter = ("answered",)
    raw_id_fields = ("event", "author")


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at")
    exclude = ("token",)  # the token is the person's secret
    raw_id_fields = ("user",)
