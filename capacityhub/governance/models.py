"""The Capacity Building Unit's supervisory board: terms, meetings, motions and votes, advice
requests and the annual plan. Decisions the board takes are integrity.Decision records."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Board(models.Model):
    """The supervisory board of the Capacity Building Unit (seed R10)."""

    slug = models.SlugField(unique=True, max_length=80)
    name = models.JSONField(_("name"), default=dict)  # {language: text}
    mandate = models.JSONField(_("mandate"), default=dict, blank=True)  # {language: text}
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("board")
        verbose_name_plural = _("boards")

    def __str__(self) -> str:
        return self.name.get("en") or next(iter(self.name.values()), self.slug)

    def get_absolute_url(self) -> str:
        return reverse("web:governance-board", args=[self.slug])


class Role(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    ADVISOR = "advisor", _("Advisor")


VOTING_ROLES = (Role.CHAIR, Role.SECRETARY, Role.MEMBER)
OFFICER_ROLES = (Role.CHAIR, Role.SECRETARY)


class ChosenBy(models.TextChoices):
    ELECTION = "election", _("Election")
    APPOINTMENT = "appointment", _("Appointment")
    CO_OPTION = "co_option", _("Co-option")


class Term(models.Model):
    """A person's seat on the board for a dated period. Ended early: `ended_on` is set; the row
    stays, so the board's history is complete."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="terms")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_terms"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    chosen_by = models.CharField(_("chosen by"), max_length=12, choices=ChosenBy.choices)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    ended_on = models.DateField(_("ended early"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["ends_on", "id"]
        indexes = [models.Index(fields=["board", "starts_on", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="term_ends_after_start"
            )
        ]
        verbose_name = _("board term")
        verbose_name_plural = _("board terms")

    def __str__(self) -> str:
        return f"{self.person_id} {self.role} {self.starts_on}–{self.ends_on}"

    @property
    def last_day(self) -> dt.date:
        return min(self.ends_on, self.ended_on) if self.ended_on else self.ends_on

    def is_current(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.last_day and (
            self.ended_on is None or day < self.ended_on
        )

    @property
    def votes(self) -> bool:
        return self.role in VOTING_ROLES


class Meeting(models.Model):
    class Minutes(models.TextChoices):
        NONE = "none", _("Not drafted")
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    location = models.CharField(_("where"), max_length=200, blank=True)
    minutes = models.TextField(_("minutes"), blank=True, max_length=40000)
    minutes_status = models.CharField(max_length=10, choices=Minutes.choices, default="none")
    minutes_published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("board meeting")
        verbose_name_plural = _("board meetings")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:governance-meeting", args=[self.pk])

    @property
    def minutes_public(self) -> bool:
        return self.minutes_status == self.Minutes.PUBLISHED


class AgendaItem(models.Model):
    """One item of a meeting's agenda, with its paper (a text, a link, or both)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    paper_text = models.TextField(_("paper"), blank=True, max_length=20000)
    paper_url = models.URLField(_("paper link"), blank=True, max_length=500)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_attendance"
    )
    present = models.BooleanField(default=True)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="uniq_attendance")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}:{self.person_id}:{self.present}"


class Motion(models.Model):
    """A proposal put to the vote. A `decision` motion names a subject (any hub object, as
    "app_label.model" + pk) and the outcome it decides on it; a `minutes` motion approves the
    meeting's minutes."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        MINUTES = "minutes", _("Approve the minutes")

    class Status(models.TextChoices):
        OPEN = "open", _("Open for votes")
        CARRIED = "carried", _("Carried")
        FAILED = "failed", _("Failed")

    class Failure(models.TextChoices):
        NONE = "", ""
        NO_QUORUM = "no_quorum", _("No quorum")
        MAJORITY = "majority", _("Not a majority")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="motions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="motions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DECISION)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True, max_length=8000)
    subject_type = models.CharField(max_length=80, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    outcome = models.CharField(_("outcome"), max_length=40, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    failure = models.CharField(max_length=10, choices=Failure.choices, default="", blank=True)
    votes_for = models.PositiveIntegerField(default=0)
    votes_against = models.PositiveIntegerField(default=0)
    abstentions = models.PositiveIntegerField(default=0)
    recusals = models.PositiveIntegerField(default=0)
    present_voting = models.PositiveIntegerField(default=0)
    voting_members = models.PositiveIntegerField(default=0)
    decision = models.OneToOneField(
        "integrity.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["opened_at", "id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:governance-motion", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Choice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")
    RECUSED = "recused", _("Recused")


class Vote(models.Model):
    """One member's vote; `recused` with the reason (their declaration, or the conflict the
    register found, written when the motion closed)."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_votes"
    )
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    from_register = models.BooleanField(default=False)
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cast_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["motion", "voter"], name="one_vote_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.motion_id}:{self.voter_id}:{self.choice}"


class AdviceRequest(models.Model):
    """An affiliate's or organizer's capacity-building question to the board and advisors;
    public only when answered and the requester agreed."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered")
        PUBLISHED = "published", _("Published")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="advice_requests"
    )
    organization = models.ForeignKey(
        "community.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advice_requests",
    )
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"), max_length=8000)
    capacities = models.ManyToManyField("taxonomy.Capacity", related_name="advice_requests")
    languages = models.JSONField(_("languages"), default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(_("answer"), blank=True, max_length=20000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("advice request")
        verbose_name_plural = _("advice requests")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:governance-advice-detail", args=[self.pk])


class AdviceRoute(models.Model):
    """Who a request was sent to, and how well their capacities fit it."""

    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="routes")
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="advice_routes"
    )
    score = models.FloatField(default=0)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "adviser"], name="uniq_advice_route")
        ]

    def __str__(self) -> str:
        return f"{self.request_id}→{self.adviser_id}"


class PlanTarget(models.Model):
    """The annual plan: for a year, a target per seed recommendation and measure."""

    year = models.PositiveSmallIntegerField(_("year"))
    recommendation = models.CharField(_("recommendation"), max_length=4)
    measure = models.CharField(_("measure"), max_length=60)
    baseline = models.PositiveIntegerField(_("baseline"), default=0)
    target = models.PositiveIntegerField(_("target"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["year", "recommendation", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "recommendation", "measure"], name="uniq_plan_target"
            )
        ]
        verbose_name = _("plan target")
        verbose_name_plural = _("plan targets")

    def __str__(self) -> str:
        return f"{self.year} {self.recommendation} {self.measure}"
