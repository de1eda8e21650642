"""Calls for applications, applications, reviewer assignments and reviews (issue 13).

One workflow for scholarships, honoraria, equipment, internet access, paid-training seats,
rapid grants and programme intakes: a call → applications (answers to a `forms.Form`) →
screening → assignment of non-conflicted reviewers → rubric reviews → ranking → decisions.
Decisions themselves are `integrity.Decision` rows (never edited, superseded); an
application's `status` is the current state those decisions led to.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_SEATS = 100_000
SCALE_MAX = 5


class CallKind(models.TextChoices):
    SCHOLARSHIP = "scholarship", _("Scholarship")
    HONORARIUM = "honorarium", _("Honorarium")
    EQUIPMENT = "equipment", _("Equipment")
    INTERNET_ACCESS = "internet_access", _("Internet access")
    PAID_TRAINING_SEAT = "paid_training_seat", _("Paid training seat")
    RAPID_GRANT = "rapid_grant", _("Rapid grant")
    PROGRAMME_INTAKE = "programme_intake", _("Programme intake")


class Call(models.Model):
    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("Opens soon")
        OPEN = "open", _("Open")
        IN_REVIEW = "in_review", _("Closed, in review")
        DECIDED = "decided", _("Decided")

    # Free CharField (not an enum column) so later apps may add kinds without a migration here.
    kind = models.CharField(_("kind"), max_length=32, choices=CallKind.choices, db_index=True)
    title = models.JSONField(_("title"), default=dict)
    purpose = models.JSONField(_("purpose"), default=dict, blank=True)
    eligible_regions = models.JSONField(_("eligible regions"), default=list, blank=True)
    eligible_languages = models.JSONField(_("eligible languages"), default=list, blank=True)
    eligible_organization_kinds = models.JSONField(
        _("eligible organization kinds"), default=list, blank=True
    )
    minimum_account_age_days = models.PositiveIntegerField(
        _("minimum account age (days)"), default=0, validators=[MaxValueValidator(36500)]
    )
    eligibility_note = models.JSONField(_("other eligibility rules"), default=dict, blank=True)
    form = models.ForeignKey(
        "forms.Form",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calls",
        verbose_name=_("application form"),
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="reviewer_for_calls"
    )
    reviews_per_application = models.PositiveSmallIntegerField(
        _("reviews per application"),
        default=2,
        validators=[MinValueValidator(2), MaxValueValidator(20)],
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"), db_index=True)
    decisions_by = models.DateTimeField(_("decisions by"))
    seats = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, validators=[MaxValueValidator(MAX_SEATS)]
    )
    budget = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    blind = models.BooleanField(_("blind review"), default=False)
    applicants_see_comments = models.BooleanField(
        _("applicants see reviewer comments"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner_organization = models.ForeignKey(
        "community.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calls",
        verbose_name=_("run by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["closes_at", "id"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="call_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        from capacityhub.forms.i18n import label_for

        return label_for(self.title, "en") or f"call {self.pk}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("web:review-call", args=[self.pk])

    def status_at(self, now) -> str:
        if now < self.opens_at:
            return self.Status.UPCOMING
        if now <= self.closes_at:
            return self.Status.OPEN
        if now <= self.decisions_by:
            return self.Status.IN_REVIEW
        return self.Status.DECIDED

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    def is_open_at(self, now) -> bool:
        return self.opens_at <= now <= self.closes_at


class Criterion(models.Model):
    """One line of a call's rubric, scored 0–5 or "not applicable"."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0.01), MaxValueValidator(100)],
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["call", "position", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        from capacityhub.forms.i18n import label_for

        return label_for(self.name, "en") or f"criterion {self.pk}"


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        ELIGIBLE = "eligible", _("Eligible")
        INELIGIBLE = "ineligible", _("Not eligible")
        UNDER_REVIEW = "under_review", _("Under review")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("Waitlisted")
        DECLINED = "declined", _("Declined")
        TAKEN_UP = "taken_up", _("Offer taken up")
        REFUSED = "refused", _("Offer refused")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    organization = models.ForeignKey(
        "community.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        verbose_name=_("on behalf of"),
    )
    response = models.OneToOneField(
        "forms.Response", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    amount_requested = models.DecimalField(
        _("amount requested"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    language = models.CharField(_("language"), max_length=12, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["call", "submitted_at", "id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["call", "applicant"], name="uniq_application_per_call")
        ]

    def __str__(self) -> str:
        return f"application {self.pk} to call {self.call_id}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("web:review-application", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    def conflict_parties(self):
        """(users, organizations) a reviewer may be conflicted with: the applicant, the
        applicant's organizations and the organization applied for (integrity.conflicts).
        Reads `applicant.memberships` so callers can prefetch it for many applications."""
        organizations = {m.organization_id for m in self.applicant.memberships.all()}
        if self.organization_id:
            organizations.add(self.organization_id)
        return [self.applicant_id], sorted(organizations)


class Assignment(models.Model):
    """A reviewer asked to review one application. Reassigning keeps the row, dated and
    with its reason, and adds a new one."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removal_reason = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["application", "assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"],
                condition=Q(removed_at__isnull=True),
                name="uniq_active_assignment",
            )
        ]

    def __str__(self) -> str:
        return f"reviewer {self.reviewer_id} on application {self.application_id}"

    @property
    def is_active(self) -> bool:
        return self.removed_at is None


class Review(models.Model):
    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="review")
    # {criterion id (str): 0–5 or null for "not applicable"}
    scores = models.JSONField(default=dict, blank=True)
    comments = models.JSONField(default=dict, blank=True)  # {criterion id (str): text}
    overall_comment = models.TextField(_("overall comment"), blank=True, max_length=8000)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assignment", "id"]

    def __str__(self) -> str:
        return f"review for assignment {self.assignment_id}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None
