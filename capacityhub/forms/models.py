"""Forms: versioned questions with translations, and the responses that answer one version.

Every text a respondent reads (title, label, help, choice label) is a JSON object
{language code: text}; `forms.i18n.label_for` picks the reader's language. A response keeps the
version it answered, so editing a form that has answers makes a new version (services)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .storage import private_storage


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    SCALE = "scale", _("Scale")
    FILE = "file", _("File")
    CONSENT = "consent", _("Consent")


class Form(models.Model):
    title = models.JSONField(_("title"), default=dict)
    owner_organization = models.ForeignKey(
        "community.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forms",
        verbose_name=_("owner organization"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("form")
        verbose_name_plural = _("forms")

    def __str__(self) -> str:
        from .i18n import label_for

        return label_for(self.title, "en") or f"form {self.pk}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("web:formbuilder-detail", args=[self.pk])


class FormVersion(models.Model):
    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["form", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["form", "number"], name="uniq_form_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.form} v{self.number}"


class Question(models.Model):
    version = models.ForeignKey(FormVersion, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("key"), max_length=64)
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices)
    required = models.BooleanField(_("required"), default=False)
    label = models.JSONField(_("label"), default=dict)
    help = models.JSONField(_("help text"), default=dict, blank=True)
    # [{"value": "yes", "label": {"en": "Yes", "es": "Sí"}}, …]
    choices = models.JSONField(_("choices"), default=list, blank=True)
    scale_min = models.IntegerField(null=True, blank=True)
    scale_max = models.IntegerField(null=True, blank=True)
    scale_min_label = models.JSONField(default=dict, blank=True)
    scale_max_label = models.JSONField(default=dict, blank=True)
    # {"question": "key", "equals": value} or {"question": "key", "in": [values]}
    show_if = models.JSONField(_("show if"), null=True, blank=True)
    # min / max / max_length / pattern / max_file_bytes / allowed_types
    validation = models.JSONField(_("validation"), default=dict, blank=True)

    class Meta:
        ordering = ["version", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="uniq_question_key_per_version")
        ]

    def __str__(self) -> str:
        return self.key


class Response(models.Model):
    version = models.ForeignKey(FormVersion, on_delete=models.PROTECT, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="form_responses",
    )
    answers = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["version", "submitted_at"])]

    def __str__(self) -> str:
        return f"response {self.pk} to {self.version_id}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


def _response_file_path(instance: "ResponseFile", filename: str) -> str:
    # The stored name never carries the uploader's file name (kept in original_name instead).
    import uuid

    return f"responses/{instance.response_id}/{uuid.uuid4().hex}"


class ResponseFile(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="files")
    question_key = models.SlugField(max_length=64)
    file = models.FileField(upload_to=_response_file_path, storage=private_storage, max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    original_name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question_key"], name="uniq_response_file_per_question"
            ),
            models.CheckConstraint(condition=Q(size__gte=0), name="response_file_size_positive"),
        ]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("web:formbuilder-file", args=[self.pk])
