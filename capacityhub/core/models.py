from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may see a personal field. E-mail is never shown at all, whatever this says."""

    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Signed-in members")
    PRIVATE = "private", _("Only me")


class AuditEntry(models.Model):
    """Who did what to which record, when, and from what to what."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=80, db_index=True)
    target_type = models.CharField(max_length=80)
    target_id = models.CharField(max_length=64)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.action} {self.target_type}:{self.target_id}"


class Notification(models.Model):
    """An in-hub message (the inbox); an e-mail copy is sent after the transaction commits."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # Shown as data: the message's source text (msgid) and its values, translated into the
    # reader's language each time it is shown. `subject`/`body` keep the text as rendered for
    # the recipient when it was sent (the e-mail, and rows from before the keys existed).
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True, max_length=8000)
    subject_key = models.CharField(max_length=500, blank=True, default="")
    body_key = models.TextField(blank=True, default="")
    params = models.JSONField(blank=True, default=dict)
    url = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject
