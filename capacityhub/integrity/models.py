"""Integrity: the conflict-of-interest register and decision records.

Review, mentoring, funding and governance call `integrity.conflicts` and
`integrity.services.decision_record`; they never re-implement either."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class InterestKind(models.TextChoices):
    ORGANIZATION_ROLE = "organization_role", _("A role in an organization")
    PERSONAL_RELATIONSHIP = "personal_relationship", _("A close personal relationship")
    FINANCIAL = "financial", _("A financial interest")
    COLLABORATION = "collaboration", _("A collaboration in the past 3 years")


class Interest(models.Model):
    """Something a person declares that may bias their judgement; dated, never deleted
    (withdrawing keeps the row with `withdrawn_at`)."""

    declarant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="declared_interests"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=InterestKind.choices)
    organization = models.ForeignKey(
        "community.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="declared_interests",
        verbose_name=_("organization"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="interests_declared_about",
        verbose_name=_("person"),
    )
    description = models.TextField(_("description"), blank=True, max_length=2000)
    started_on = models.DateField(_("since"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-declared_at", "-id"]
        indexes = [models.Index(fields=["declarant", "withdrawn_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | Q(person__isnull=False),
                name="interest_names_a_party",
            )
        ]
        verbose_name = _("declared interest")
        verbose_name_plural = _("declared interests")

    def __str__(self) -> str:
        return f"{self.declarant_id}: {self.kind}"

    def clean(self) -> None:
        errors = {}
        if self.kind == InterestKind.ORGANIZATION_ROLE and not self.organization_id:
            errors["organization"] = _("Name the organization in which you have a role.")
        if self.kind == InterestKind.PERSONAL_RELATIONSHIP and not self.person_id:
            errors["person"] = _("Name the person you have a close relationship with.")
        if not self.organization_id and not self.person_id and "organization" not in errors:
            errors.setdefault("person", _("Name a person or an organization."))
        if self.person_id and self.person_id == self.declarant_id:
            errors["person"] = _("You cannot declare an interest in yourself.")
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("The end date is before the start date.")
        if errors:
            raise ValidationError(errors)


class Decision(models.Model):
    """What was decided, by whom, when, why, on which object. Never edited: a change is a new
    decision that supersedes the old one (at most once)."""

    subject_type = models.CharField(max_length=80)
    subject_id = models.CharField(max_length=64)
    outcome = models.CharField(_("outcome"), max_length=40)
    reason = models.TextField(_("reason"), blank=True, max_length=8000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True, db_index=True)
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "decided_at"])]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.outcome} on {self.subject_type}:{self.subject_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError("Decisions are never edited; record a new one that supersedes.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("web:integrity-decision", args=[self.pk])
