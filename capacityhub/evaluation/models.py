"""Evaluation models: logic models with indicators, evaluation surveys (built with the shared
forms), consent to link answers to a person, invitations and the answers' anonymised facts.

A subject is generic: ("app_label.model", pk) — a course, a call, an event, later a mentoring
programme — resolved through `evaluation.subjects`, so this app imports none of them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """Kirkpatrick's four levels."""

    REACTION = 1, _("Reaction")
    LEARNING = 2, _("Learning")
    BEHAVIOUR = 3, _("Behaviour")
    RESULTS = 4, _("Results")


class LogicModel(models.Model):
    subject_type = models.CharField(_("subject type"), max_length=60)
    subject_id = models.CharField(_("subject"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    inputs = models.JSONField(_("inputs"), default=list, blank=True)
    activities = models.JSONField(_("activities"), default=list, blank=True)
    outputs = models.JSONField(_("outputs"), default=list, blank=True)
    outcomes = models.JSONField(_("outcomes"), default=list, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id"], name="uniq_logic_model_subject"
            )
        ]
        verbose_name = _("logic model")
        verbose_name_plural = _("logic models")

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    logic_model = models.ForeignKey(LogicModel, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=200)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    target = models.FloatField(_("target"), null=True, blank=True)
    # The key of a figure in the Kirkpatrick matrix that gives the current value, if any.
    figure = models.CharField(_("figure"), max_length=60, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["logic_model", "level", "position", "id"]

    def __str__(self) -> str:
        return self.name


class SurveyKind(models.TextChoices):
    REACTION = "reaction", _("Reaction")
    PRE = "pre", _("Before (pre)")
    POST = "post", _("After (post)")
    RETRO_PRE = "retro_pre", _("Looking back (retrospective pre)")
    FOLLOW_UP_30 = "follow_up_30", _("Follow-up after 30 days")
    FOLLOW_UP_90 = "follow_up_90", _("Follow-up after 90 days")
    FOLLOW_UP_365 = "follow_up_365", _("Follow-up after 365 days")


FOLLOW_UP_DAYS = {
    SurveyKind.FOLLOW_UP_30: 30,
    SurveyKind.FOLLOW_UP_90: 90,
    SurveyKind.FOLLOW_UP_365: 365,
}


class Survey(models.Model):
    subject_type = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=40)
    kind = models.CharField(_("kind"), max_length=16, choices=SurveyKind.choices)
    form = models.ForeignKey(
        "forms.Form", on_delete=models.PROTECT, related_name="+", verbose_name=_("form")
    )
    # The scale or number question whose answers are compared (pre/post, reaction).
    score_key = models.SlugField(_("score question"), max_length=64, blank=True)
    activity_ends_on = models.DateField(_("activity ends on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["subject_type", "subject_id", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "kind"], name="uniq_survey_subject_kind"
            )
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.subject_type}:{self.subject_id})"

    @property
    def is_follow_up(self) -> bool:
        return self.kind in FOLLOW_UP_DAYS


class Consent(models.Model):
    """A person agreed that their answers about a subject are linked to them (so pre and post
    can be paired and follow-ups sent). Without it answers are kept unlinked."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evaluation_consents"
    )
    subject_type = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=40)
    given_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "subject_type", "subject_id"], name="uniq_evaluation_consent"
            )
        ]

    def __str__(self) -> str:
        return f"consent {self.person_id} {self.subject_type}:{self.subject_id}"


class Invitation(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    sent_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "person"], name="uniq_survey_invitation")
        ]

    def __str__(self) -> str:
        return f"invitation {self.pk}"


class Answer(models.Model):
    """One submitted survey response, with the facts evaluation aggregates: the score, and the
    respondent's region and language at the time. `person` is set only with consent."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="answers")
    response = models.OneToOneField(
        "forms.Response", on_delete=models.CASCADE, related_name="evaluation_answer"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluation_answers",
    )
    score = models.FloatField(null=True, blank=True)
    region = models.CharField(max_length=8, blank=True)
    language = models.CharField(max_length=12, blank=True)
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        # Covers the pairing of before and after scores (matrix.pair_moments).
        indexes = [models.Index(fields=["survey", "person", "score"])]

    def __str__(self) -> str:
        return f"answer {self.pk}"
