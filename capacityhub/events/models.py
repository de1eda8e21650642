"""Live sessions and events in context (seed recommendations R3 and R7).

One model holds both: a live session is an event of kind "session" (online, hosted by any
member, with a call link, a Q&A board and a recording); the other kinds are organized by an
organization (conferences, gatherings, immersion visits, workshops, cohort meetings, on-site
technical assistance visits). Registrations, the waitlist, attendance and calendars are shared
(docs/decisions/0012-registrations-without-oversubscription.md).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from capacityhub.core.regions import REGION_CHOICES

MAX_SEATS = 100_000


class Event(models.Model):
    class Kind(models.TextChoices):
        SESSION = "session", _("Live session")
        CONFERENCE = "conference", _("Regional conference")
        GATHERING = "gathering", _("Thematic gathering")
        IMMERSION = "immersion", _("Immersion visit")
        WORKSHOP = "workshop", _("Workshop")
        COHORT = "cohort", _("Cohort meeting")
        ASSISTANCE = "assistance", _("On-site technical assistance visit")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=8000)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hosted_events"
    )
    organization = models.ForeignKey(
        "community.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
        help_text=_("The organizer."),
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    online = models.BooleanField(_("online"), default=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=8, choices=REGION_CHOICES, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    interpretation_languages = models.JSONField(_("interpretation into"), default=list, blank=True)
    capacities = models.ManyToManyField("taxonomy.Capacity", related_name="events", blank=True)
    seats = models.PositiveIntegerField(
        _("seats"), default=30, validators=[MinValueValidator(1), MaxValueValidator(MAX_SEATS)]
    )
    registration_deadline = models.DateTimeField(_("registration closes"), null=True, blank=True)
    call_url = models.URLField(_("call link"), blank=True, max_length=500)
    recording_url = models.URLField(_("recording"), blank=True, max_length=500)
    resources = models.ManyToManyField("knowledge.Resource", related_name="events", blank=True)
    # Called off by its host or organizers: registrations are kept, registering is refused.
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancellation_reason = models.TextField(_("why it was cancelled"), blank=True, max_length=1000)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["kind", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="event_has_seats"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(f"web:{self.section}-detail", args=[self.pk])

    @property
    def is_session(self) -> bool:
        return self.kind == self.Kind.SESSION

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def section(self) -> str:
        """The URL prefix of its pages: "session" or "event"."""
        return "session" if self.is_session else "event"


class Registration(models.Model):
    """A person's place at an event: confirmed, on the waitlist, or cancelled."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    # The waitlist's order: when the person (last) asked for a seat.
    queued_at = models.DateTimeField()
    attended = models.BooleanField(_("attended"), default=False)
    attendance_marked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["queued_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person")
        ]
        indexes = [models.Index(fields=["event", "status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} at {self.event_id}: {self.status}"


class Question(models.Model):
    """A question asked on a live session's Q&A board."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_questions"
    )
    body = models.TextField(_("question"), max_length=1000)
    answered = models.BooleanField(_("answered"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]


class QuestionVote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="question_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "voter"], name="one_vote_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.voter_id} → {self.question_id}"


class CalendarFeed(models.Model):
    """The secret address of a person's calendar feed: calendar apps cannot sign in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"calendar of {self.user_id}"
