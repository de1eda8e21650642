"""Recognition: barnstars (thanks between members) and achievements (badges) whose awards are
issued as Open Badges 3.0 credentials (decisions 0025, 0026)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .kinds import BADGE_IMAGES, BarnstarKind, badge_image, barnstar_image

USER = settings.AUTH_USER_MODEL


class Barnstar(models.Model):
    """One member thanking another for a capacity-building contribution."""

    giver = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="barnstars_given")
    recipient = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="barnstars_received")
    kind = models.CharField(_("kind"), max_length=16, choices=BarnstarKind.choices)
    message = models.TextField(_("message"), max_length=2000)
    capacity = models.ForeignKey(
        "taxonomy.Capacity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The activity it is for, as an evidence source: "exchange.connection:12", "events.event:3".
    activity = models.CharField(_("activity"), max_length=80, blank=True)
    hidden_by_recipient = models.BooleanField(default=False)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderation_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(giver=models.F("recipient")), name="no_self_barnstar"
            )
        ]
        indexes = [models.Index(fields=["giver", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.giver_id}→{self.recipient_id}"

    def get_absolute_url(self) -> str:
        return reverse("web:barnstar-detail", args=[self.pk])

    @property
    def image_path(self) -> str:
        return barnstar_image(self.kind)

    @property
    def is_hidden(self) -> bool:
        return self.hidden_by_recipient or self.moderated_at is not None


class BarnstarReport(models.Model):
    barnstar = models.ForeignKey(Barnstar, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["barnstar", "reporter"], name="uniq_barnstar_report")
        ]

    def __str__(self) -> str:
        return f"report {self.barnstar_id} by {self.reporter_id}"


class Achievement(models.Model):
    """A badge: what it recognises, its criteria in words, its alignment to capacities, and
    how it is earned (by hand, or by a rule over evidence)."""

    organization = models.ForeignKey(
        "community.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="achievements",
        help_text=_("Issued by this organization through the hub; empty: by the hub."),
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), max_length=2000)
    criteria = models.TextField(_("criteria"), max_length=2000)
    image = models.CharField(_("image"), max_length=16, choices=BADGE_IMAGES, default="star")
    capacities = models.ManyToManyField("taxonomy.Capacity", related_name="+", blank=True)
    rule_kind = models.CharField(_("rule"), max_length=40, blank=True)
    rule_params = models.JSONField(default=dict, blank=True)
    valid_days = models.PositiveIntegerField(_("valid for (days)"), null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    archived_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["rule_kind"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("web:achievement-detail", args=[self.pk])

    @property
    def image_path(self) -> str:
        return badge_image(self.image)


class Award(models.Model):
    """An achievement awarded to a person, issued as a signed OpenBadgeCredential. The signed
    credential is stored as issued, so every download is byte-for-byte the verified one."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    achievement = models.ForeignKey(Achievement, on_delete=models.PROTECT, related_name="awards")
    recipient = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="awards")
    awarded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    evidence_ids = models.JSONField(default=list, blank=True)
    status_index = models.PositiveIntegerField(unique=True, null=True)
    issued_at = models.DateTimeField()
    valid_until = models.DateTimeField(null=True, blank=True)
    credential = models.JSONField(default=dict)
    jwt = models.TextField(blank=True)
    subject_salt = models.CharField(max_length=32)
    shown_on_profile = models.BooleanField(default=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revocation_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["achievement", "recipient"], name="uniq_award")
        ]

    def __str__(self) -> str:
        return f"{self.achievement_id} → {self.recipient_id}"

    def get_absolute_url(self) -> str:
        return reverse("web:credential-verify", args=[self.public_id])


class SigningKey(models.Model):
    """An issuer key, generated per deployment on first use (never in the repository). A
    rotated key is retired, not deleted: it stays published so old credentials verify."""

    class Algorithm(models.TextChoices):
        ED25519 = "Ed25519", "Ed25519"
        RSA = "RS256", "RSA (RS256)"

    key_id = models.CharField(max_length=40, unique=True)
    algorithm = models.CharField(max_length=8, choices=Algorithm.choices)
    private_pem = models.TextField()
    public_pem = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.algorithm} {self.key_id}"
