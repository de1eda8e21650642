import unicodedata

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

code_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]{0,79}$", _("Use lowercase letters, digits and hyphens.")
)
qid_validator = RegexValidator(r"^Q[1-9][0-9]*$", _("A Wikidata item looks like Q42."))


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for label search in any script."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class Capacity(models.Model):
    """A node of the shared taxonomy. The code is stable; labels live in translations."""

    code = models.CharField(_("code"), max_length=80, unique=True, validators=[code_validator])
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    wikidata_qid = models.CharField(
        _("Wikidata item"), max_length=16, blank=True, validators=[qid_validator]
    )
    is_active = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("capacity")
        verbose_name_plural = _("capacities")

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("web:capacity-detail", args=[self.code])


class CapacityTranslation(models.Model):
    capacity = models.ForeignKey(Capacity, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=12)
    label = models.CharField(_("label"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["capacity", "language"], name="uniq_capacity_translation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.label}"

    def save(self, *args, **kwargs):
        self.search_text = fold(" | ".join([self.label, *self.aliases]))
        super().save(*args, **kwargs)


class Method(models.Model):
    """A way of building capacity: the toolbox (mentoring, workshop, circuit rider…)."""

    code = models.CharField(max_length=80, unique=True, validators=[code_validator])
    labels = models.JSONField(default=dict)
    descriptions = models.JSONField(default=dict, blank=True)
    capacities = models.ManyToManyField(Capacity, related_name="methods", blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.code

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels.get("en") or self.code


class CapacityProposal(models.Model):
    """A member's proposal of a new capacity, or of a change to one; staff decide."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    capacity = models.ForeignKey(
        Capacity, null=True, blank=True, on_delete=models.CASCADE, related_name="proposals"
    )
    # Fixed when proposed: approving a new capacity links `capacity` but it stays "new".
    creates_capacity = models.BooleanField(default=True, editable=False)
    code = models.CharField(_("code"), max_length=80, blank=True, validators=[code_validator])
    parent = models.ForeignKey(
        Capacity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(_("language"), max_length=12, default="en")
    label = models.CharField(_("label"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    rationale = models.TextField(_("why"), blank=True, max_length=4000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label

    @property
    def is_new_capacity(self) -> bool:
        return self.creates_capacity
