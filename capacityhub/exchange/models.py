"""Needs, offers, availability and connections: the exchange (seed recommendation R2)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from capacityhub.core.models import Visibility
from capacityhub.core.regions import REGION_CHOICES

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Need(models.Model):
    """A request for help with capacities, by a person or (through a manager) an organization."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        FULFILLED = "fulfilled", _("Fulfilled")
        CLOSED = "closed", _("Closed")
        EXPIRED = "expired", _("Expired")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="needs"
    )
    organization = models.ForeignKey(
        "community.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="needs",
        help_text=_("Stated on behalf of this organization."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=8000)
    capacities = models.ManyToManyField("taxonomy.Capacity", related_name="needs")
    desired_level = models.PositiveSmallIntegerField(
        _("desired level"), default=3, validators=LEVEL_VALIDATORS
    )
    languages = models.JSONField(_("acceptable languages"), default=list, blank=True)
    online = models.BooleanField(_("online is fine"), default=True)
    region = models.CharField(_("region"), max_length=8, choices=REGION_CHOICES, blank=True)
    methods = models.ManyToManyField("taxonomy.Method", related_name="needs", blank=True)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "visibility", "region"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="need_window_order",
            ),
            models.CheckConstraint(
                condition=Q(desired_level__gte=1, desired_level__lte=5), name="need_level_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:need-detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status in {self.Status.OPEN, self.Status.IN_PROGRESS}


class NeedEvent(models.Model):
    """Each lifecycle change of a need: dated and attributed."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    note = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.need_id}: {self.from_status} → {self.to_status}"


class Offer(models.Model):
    """How a provider offers a capacity. The *what* and *level* are the provider's
    `offers` capacity claim (community.CapacityClaim); this adds methods, languages, place."""

    claim = models.OneToOneField(
        "community.CapacityClaim", on_delete=models.CASCADE, related_name="offer"
    )
    description = models.TextField(_("description"), blank=True, max_length=4000)
    methods = models.ManyToManyField("taxonomy.Method", related_name="offers", blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    online = models.BooleanField(_("online"), default=True)
    region = models.CharField(_("region"), max_length=8, choices=REGION_CHOICES, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"offer of claim {self.claim_id}"

    def get_absolute_url(self) -> str:
        return reverse("web:offer-detail", args=[self.pk])


class Availability(models.Model):
    """A provider's capacity to help: hours a month, connections at once, away until."""

    profile = models.OneToOneField(
        "community.Profile",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="availability",
    )
    organization = models.OneToOneField(
        "community.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="availability",
    )
    hours_per_month = models.PositiveSmallIntegerField(
        _("hours per month"), default=4, validators=[MaxValueValidator(200)]
    )
    max_connections = models.PositiveSmallIntegerField(
        _("most connections at once"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    away_until = models.DateField(_("away until"), null=True, blank=True)

    class Meta:
        verbose_name_plural = _("availabilities")
        constraints = [
            models.CheckConstraint(
                condition=Q(profile__isnull=False, organization__isnull=True)
                | Q(profile__isnull=True, organization__isnull=False),
                name="availability_has_one_holder",
            )
        ]

    def __str__(self) -> str:
        return f"{self.hours_per_month} h/month, {self.max_connections} at once"


class Connection(models.Model):
    """A requester invites a provider to help with a need; both mark it done."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        COMPLETED = "completed", _("Completed")

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="connections")
    offer = models.ForeignKey(
        Offer, null=True, blank=True, on_delete=models.SET_NULL, related_name="connections"
    )
    provider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="provided_connections",
    )
    provider_organization = models.ForeignKey(
        "community.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="provided_connections",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    requester_done = models.BooleanField(default=False)
    provider_done = models.BooleanField(default=False)
    # Who marked each side done: they confirm the other side's evidence.
    requester_done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    provider_done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(provider__isnull=False, provider_organization__isnull=True)
                | Q(provider__isnull=True, provider_organization__isnull=False),
                name="connection_has_one_provider",
            ),
            models.UniqueConstraint(
                fields=["need", "provider"],
                condition=Q(status__in=["invited", "accepted"]),
                name="one_live_connection_per_person",
            ),
            models.UniqueConstraint(
                fields=["need", "provider_organization"],
                condition=Q(status__in=["invited", "accepted"]),
                name="one_live_connection_per_organization",
            ),
        ]
        indexes = [models.Index(fields=["provider", "status"])]

    def __str__(self) -> str:
        return f"connection {self.pk} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("web:connection-detail", args=[self.pk])


class Message(models.Model):
    """A message inside a connection, kept in the hub."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=8000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:40]


class Feedback(models.Model):
    """A rating and comment left by one side of a completed connection about the other."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(validators=LEVEL_VALIDATORS)
    comment = models.TextField(blank=True, max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["connection", "author"], name="one_feedback_each"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5"


class MapSnapshot(models.Model):
    """A monthly copy of the capacity map, so change over time is visible."""

    month = models.DateField(unique=True, help_text=_("First day of the month."))
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month"]

    def __str__(self) -> str:
        return self.month.isoformat()


class MatchingChange(models.Model):
    """Something matching reads has changed: one provider's offers (or their activity), the
    open needs, or everything. Every process applies the records newer than the last it saw
    (`exchange/selectors/matching_index.py`), so the ids are one version for all of them."""

    class Scope(models.TextChoices):
        PROVIDER = "provider", _("one provider")
        NEEDS = "needs", _("open needs")
        ALL = "all", _("everything")

    scope = models.CharField(max_length=8, choices=Scope.choices)
    # matching.columns.provider_code: organizations 0…, people 2⁴⁰ + profile id.
    provider = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.pk}: {self.scope} {self.provider or ''}".strip()
