"""Staff tools for forms: browse and inspect. Building goes through the form builder (which
versions forms correctly); answers are read-only here."""

from django.contrib import admin

from .models import Form, FormVersion, Question, Response, ResponseFile


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ("position", "key", "kind", "required", "label")
    readonly_fields = fields
    can_delete = False


@admin.register(Form)
class FormAdmin(admin.ModelAdmin):
    list_display = ("__str__", "owner_organization", "created_by", "created_at")
    raw_id_fields = ("owner_organization", "created_by")


@admin.register(FormVersion)
class FormVersionAdmin(admin.ModelAdmin):
    list_display = ("form", "number", "created_at")
    inlines = [QuestionInline]
    readonly_fields = ("form", "number")


class ResponseFileInline(admin.TabularInline):
    model = ResponseFile
    extra = 0
    fields = ("question_key", "original_name", "content_type", "size")
    readonly_fields = fields
    can_delete = False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ("id", "version", "respondent", "submitted_at", "updated_at")
    list_filter = ("submitted_at",)
    raw_id_fields = ("version", "respondent")
    readonly_fields = ("version", "respondent", "answers", "submitted_at")
    inlines = [ResponseFileInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("key", "kind", "required", "version", "position")
    list_filter = ("kind",)
    search_fields = ("key",)
    raw_id_fields = ("version",)

    def has_change_permission(self, request, obj=None):
        return False  # questions change through the builder, which versions the form


@admin.register(ResponseFile)
class ResponseFileAdmin(admin.ModelAdmin):
    list_display = ("original_name", "question_key", "content_type", "size", "created_at")
    raw_id_fields = ("response",)
    exclude = ("file",)  # the admin would link to it; downloads go through the checked view

    def has_change_permission(self, request, obj=None):
        return False
