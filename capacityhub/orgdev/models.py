"""Organizational self-assessment: framework versions, rounds, respondents, answers;
development plans (goals, milestones) and the dimension → capacity mapping (decision 0027)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .framework import DIMENSIONS

DIMENSION_CHOICES = [(key, label) for key, label in DIMENSIONS.items()]


class FrameworkVersion(models.Model):
    """Which questions a version asks (keys of framework.QUESTIONS) and, from the version
    before, old question key → new key ("" = dropped). Immutable once a round uses it."""

    number = models.PositiveIntegerField(unique=True)
    questions = models.JSONField(default=list)
    mapping = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"framework v{self.number}"

    def save(self, *args, **kwargs):
        # A version is a record: rounds keep the version they answered, so a change is a new
        # version with a mapping (services.framework_version_create), never an edit.
        if not self._state.adding:
            raise ValidationError(_("A framework version is never changed; create a new one."))
        super().save(*args, **kwargs)


class Role(models.TextChoices):
    BOARD = "board", _("Board")
    STAFF = "staff", _("Staff")
    VOLUNTEER = "volunteer", _("Volunteer")
    FACILITATOR = "facilitator", _("External facilitator")


class Round(models.Model):
    organization = models.ForeignKey(
        "community.Organization", on_delete=models.CASCADE, related_name="assessment_rounds"
    )
    framework = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(_("title"), max_length=200)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["organization", "closed_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:orgdev-round", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Respondent(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="respondents")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_invitations"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="uniq_orgdev_respondent")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


class Answer(models.Model):
    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=64)
    level = models.PositiveSmallIntegerField()
    evidence = models.TextField(_("evidence"), blank=True, max_length=2000)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)

    class Meta:
        ordering = ["respondent", "id"]
        constraints = [
            models.UniqueConstraint(fields=["respondent", "question"], name="uniq_orgdev_answer"),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=4), name="orgdev_answer_level_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}={self.level}"


class Goal(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    organization = models.ForeignKey(
        "community.Organization", on_delete=models.CASCADE, related_name="development_goals"
    )
    dimension = models.CharField(_("dimension"), max_length=16, choices=DIMENSION_CHOICES)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="development_goals",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    need = models.ForeignKey(
        "exchange.Need", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization", "dimension", "due_on", "id"]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["goal", "due_on", "id"]

    def __str__(self) -> str:
        return self.title


class DimensionCapacity(models.Model):
    """Staff's choice of capacities for a dimension's needs; none for a dimension → the
    starter taxonomy's (framework.DEFAULT_CAPACITIES)."""

    dimension = models.CharField(max_length=16, choices=DIMENSION_CHOICES)
    capacity = models.ForeignKey("taxonomy.Capacity", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["dimension", "capacity"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "capacity"], name="uniq_dimension_capacity"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension} → {self.capacity_id}"
