"""Leadership programmes (programme → stages → cohorts → participants) and mentorship
(mentor profiles, mentee requests, mentorships with their meetings). Decision 0023."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL
CAPACITY = "taxonomy.Capacity"
EVIDENCE_KINDS = [  # community.Evidence.Kind, repeated so the migration needs no import of it
    ("learned", _("Learned")),
    ("taught", _("Taught")),
    ("facilitated", _("Facilitated")),
    ("attended", _("Attended")),
    ("completed", _("Completed")),
]


class Programme(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=8000)
    capacities = models.ManyToManyField(CAPACITY, related_name="+", verbose_name=_("capacities"))
    languages = models.JSONField(_("languages"), default=list, blank=True)
    owner_organization = models.ForeignKey(
        "community.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("run by"),
    )
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:mentoring-programme", args=[self.pk])


class Stage(models.Model):
    class Completion(models.TextChoices):
        EVIDENCE = "evidence", _("Evidence the hub records")
        SIGN_OFF = "sign_off", _("A facilitator's sign-off")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(_("title"), max_length=200)
    entry_criteria = models.TextField(_("entry criteria"), blank=True, max_length=4000)
    completion = models.CharField(
        _("completed by"), max_length=12, choices=Completion.choices, default=Completion.SIGN_OFF
    )
    evidence_kind = models.CharField(
        _("evidence kind"), max_length=16, blank=True, choices=EVIDENCE_KINDS
    )
    evidence_capacity = models.ForeignKey(
        CAPACITY, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["programme", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "position"], name="uniq_stage_position")
        ]

    def __str__(self) -> str:
        return self.title


class StageActivity(models.Model):
    class Kind(models.TextChoices):
        COURSE = "course", _("Course")
        SESSION = "session", _("Live session")
        EVENT = "event", _("Event")
        MENTORSHIP = "mentorship", _("Mentorship")
        PROJECT = "project", _("Project")

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    link = models.CharField(_("link"), max_length=300, blank=True)

    class Meta:
        ordering = ["stage", "id"]

    def __str__(self) -> str:
        return self.title


class Cohort(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cohorts")
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    facilitators = models.ManyToManyField(
        USER, blank=True, related_name="programme_cohorts_facilitated"
    )
    intake_call = models.OneToOneField(
        "review.Call", null=True, blank=True, on_delete=models.SET_NULL, related_name="cohort"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="cohort_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:mentoring-cohort", args=[self.pk])


class Participant(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="participations")
    stage = models.ForeignKey(Stage, null=True, blank=True, on_delete=models.PROTECT)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    application_id = models.BigIntegerField(null=True, blank=True)
    admitted_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["cohort", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="uniq_cohort_participant")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.cohort})"


class StageCompletion(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="completions"
    )
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="completions")
    completed_at = models.DateTimeField(auto_now_add=True)
    signed_off_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True, max_length=4000)

    class Meta:
        ordering = ["participant", "stage__position"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "stage"], name="uniq_stage_completion")
        ]

    def __str__(self) -> str:
        return f"{self.participant}: {self.stage}"


class MentorProfile(models.Model):
    WEIGHTS = (0, 1, 2, 4)

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="mentor_profile")
    capacities = models.ManyToManyField(CAPACITY, related_name="+")
    languages = models.JSONField(default=list)
    time_zone = models.CharField(max_length=64, blank=True)
    hours_per_month = models.PositiveSmallIntegerField(
        default=4, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    max_mentees = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    weight = models.PositiveSmallIntegerField(default=1, choices=[(w, str(w)) for w in WEIGHTS])
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.user)


class AwayPeriod(models.Model):
    mentor = models.ForeignKey(MentorProfile, on_delete=models.CASCADE, related_name="away")
    starts_on = models.DateField()
    ends_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "id"]

    def __str__(self) -> str:
        return f"{self.starts_on} – {self.ends_on}"


class MenteeRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for a mentor")
        ASSIGNED = "assigned", _("Assigned")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="mentee_requests")
    capacities = models.ManyToManyField(CAPACITY, related_name="+")
    level_wanted = models.PositiveSmallIntegerField(default=3)
    languages = models.JSONField(default=list)
    time_zone = models.CharField(max_length=64, blank=True)
    preferences = models.TextField(blank=True, max_length=2000)
    cohort = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_status_display()})"


class Mentorship(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        ENDED = "ended", _("Ended early")

    LIVE = (Status.PROPOSED, Status.ACCEPTED, Status.ACTIVE)

    mentor = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="mentorships_given")
    mentee = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="mentorships_taken")
    backup = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    request = models.ForeignKey(
        MenteeRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="pairs"
    )
    cohort = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.SET_NULL, related_name="mentorships"
    )
    goals = models.ManyToManyField(CAPACITY, related_name="+")
    goals_note = models.TextField(blank=True, max_length=2000)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    ended_reason = models.TextField(blank=True, max_length=2000)
    explanation = models.JSONField(default=list, blank=True)
    override_reason = models.TextField(blank=True, max_length=2000)
    fit_ok = models.BooleanField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        indexes = [models.Index(fields=["mentor", "status"])]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"

    def get_absolute_url(self) -> str:
        return reverse("web:mentoring-mentorship", args=[self.pk])

    def conflict_parties(self):
        return [self.mentor_id, self.mentee_id], []


class Meeting(models.Model):
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="meetings")
    met_on = models.DateField()
    notes = models.TextField(blank=True, max_length=8000)
    logged_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-met_on", "-id"]

    def __str__(self) -> str:
        return str(self.met_on)
