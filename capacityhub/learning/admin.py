"""Staff tools for courses. Courses are built on the hub's own pages (authors and staff); the
admin is for finding things, fixing authorship, and the publish actions (through services)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import CohortRun, Course, Enrolment, Lesson, Module, Post
from .services.courses import course_set_published


class ModuleInline(admin.TabularInline):
    model = Module
    extra = 0
    fields = ("title", "position")


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "language", "is_published", "published_at")
    list_filter = ("is_published", "language")
    search_fields = ("title", "slug", "summary")
    filter_horizontal = ("authors", "capacities", "prerequisites")
    readonly_fields = ("is_published", "published_at", "version")
    raw_id_fields = ("translation_of",)
    inlines = [ModuleInline]
    actions = ["publish", "unpublish"]

    def _set_published(self, request, queryset, published: bool) -> None:
        for course in queryset:
            try:
                course_set_published(actor=request.user, course=course, published=published)
            except ValidationError as error:
                self.message_user(request, f"{course}: {' '.join(error.messages)}", messages.ERROR)

    @admin.action(description=_("Publish the selected courses"))
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(description=_("Take the selected courses back to draft"))
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False)


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "module", "required")
    list_filter = ("kind",)
    search_fields = ("title", "module__course__title")
    raw_id_fields = ("module", "resource")


@admin.register(CohortRun)
class CohortRunAdmin(admin.ModelAdmin):
    list_display = ("title", "course", "starts_on", "ends_on", "is_done")
    list_filter = ("is_done",)
    raw_id_fields = ("course",)
    filter_horizontal = ("facilitators",)
    readonly_fields = ("version",)


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ("user", "course", "cohort", "enrolled_at", "completed_at")
    list_filter = ("completed_at",)
    search_fields = ("user__username", "course__title")
    readonly_fields = ("user", "course", "cohort", "completed_at", "certificate_code")


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("author", "cohort", "lesson", "created_at")
    raw_id_fields = ("author", "cohort", "lesson")
