"""The knowledge base: resources, their translations and adaptations, evidence of use,
endorsements and reported problems (seed recommendations R2 and R6)."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from capacityhub.community.models import OrganizationKind
from capacityhub.core.regions import REGION_CHOICES

NO_ORGANIZATION = "none"
ORGANIZATION_KIND_CHOICES = [
    *OrganizationKind.choices,
    (NO_ORGANIZATION, _("No organization")),
]


class Resource(models.Model):
    """A guide, toolkit, template, video, slide deck, case study or learning pattern."""

    class Kind(models.TextChoices):
        GUIDE = "guide", _("Guide")
        TOOLKIT = "toolkit", _("Toolkit")
        TEMPLATE = "template", _("Template")
        VIDEO = "video", _("Video")
        SLIDES = "slides", _("Slide deck")
        CASE_STUDY = "case_study", _("Case study")
        LEARNING_PATTERN = "learning_pattern", _("Learning pattern")

    class Audience(models.TextChoices):
        NEWCOMERS = "newcomers", _("Newcomers")
        EDITORS = "editors", _("Editors")
        ORGANIZERS = "organizers", _("Organizers")
        TRAINERS = "trainers", _("Trainers")
        AFFILIATE_STAFF = "affiliate_staff", _("Affiliate staff")
        EVERYONE = "everyone", _("Everyone")

    class Level(models.TextChoices):
        INTRODUCTORY = "introductory", _("Introductory")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    class Licence(models.TextChoices):
        CC_BY_SA_4 = "CC-BY-SA-4.0", _("CC BY-SA 4.0")
        CC_BY_4 = "CC-BY-4.0", _("CC BY 4.0")
        CC0 = "CC0-1.0", _("CC0 1.0 (public domain)")
        OTHER = "other", _("Other licence")

    class Relation(models.TextChoices):
        NONE = "", _("Original")
        TRANSLATION = "translation", _("Translation")
        ADAPTATION = "adaptation", _("Local adaptation")

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        OUTDATED = "outdated", _("Outdated")
        MERGED = "merged", _("Merged")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500)
    body = models.TextField(_("body"), blank=True, max_length=50000)
    url = models.URLField(_("link"), blank=True, max_length=500)
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), null=True, blank=True, validators=[MaxValueValidator(100000)]
    )
    language = models.CharField(_("language"), max_length=12)
    capacities = models.ManyToManyField("taxonomy.Capacity", related_name="resources")
    methods = models.ManyToManyField("taxonomy.Method", related_name="resources", blank=True)
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.EVERYONE
    )
    level = models.CharField(
        _("level"), max_length=12, choices=Level.choices, default=Level.INTRODUCTORY
    )
    licence = models.CharField(
        _("licence"), max_length=16, choices=Licence.choices, default=Licence.CC_BY_SA_4
    )
    author_names = models.CharField(_("authors (names)"), max_length=300, blank=True)
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="authored_resources", blank=True
    )
    organization = models.ForeignKey(
        "community.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
    )
    original = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="derivatives"
    )
    relation = models.CharField(
        _("relation to the original"), max_length=12, choices=Relation.choices, blank=True
    )
    # Learning patterns (the movement's format): problem, solution, things to consider, when.
    problem = models.TextField(_("problem"), blank=True, max_length=8000)
    solution = models.TextField(_("solution"), blank=True, max_length=8000)
    considerations = models.TextField(_("things to consider"), blank=True, max_length=8000)
    when_to_use = models.TextField(_("when to use"), blank=True, max_length=8000)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PUBLISHED, db_index=True
    )
    outdated_note = models.TextField(_("why it is outdated"), blank=True, max_length=2000)
    is_featured = models.BooleanField(_("featured"), default=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="created_resources",
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "language", "kind"])]
        constraints = [
            # One way only: deleting an original leaves its translations as translations
            # (of a resource that is gone) rather than failing.
            models.CheckConstraint(
                condition=Q(original__isnull=True) | Q(relation__in=["translation", "adaptation"]),
                name="resource_original_has_relation",
            ),
            models.CheckConstraint(
                condition=~Q(original=models.F("id")), name="resource_not_its_own_original"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:resource-detail", args=[self.pk])

    @property
    def is_listed(self) -> bool:
        """Shown in lists, search and suggestions (merged and withdrawn ones are not)."""
        return self.status in {self.Status.PUBLISHED, self.Status.OUTDATED}

    @property
    def is_learning_pattern(self) -> bool:
        return self.kind == self.Kind.LEARNING_PATTERN


class ResourceUse(models.Model):
    """Evidence of use: someone used a resource somewhere, with someone, and says how it went.
    One record per person, resource and day, so a double submission never counts twice."""

    class Outcome(models.TextChoices):
        WORKED_WELL = "worked_well", _("Worked well")
        WORKED_WITH_CHANGES = "worked_with_changes", _("Worked with changes")
        DID_NOT_WORK = "did_not_work", _("Did not work")

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="uses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resource_uses"
    )
    region = models.CharField(_("region"), max_length=8, choices=REGION_CHOICES)
    language = models.CharField(_("language"), max_length=12)
    organization_kind = models.CharField(
        _("kind of organization"), max_length=12, choices=ORGANIZATION_KIND_CHOICES
    )
    audience_size = models.PositiveIntegerField(
        _("number of people"), validators=[MaxValueValidator(1_000_000)]
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    used_on = models.DateField(_("used on"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-used_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "user", "used_on"], name="one_use_per_person_and_day"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="resource_use_rating_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} used {self.used_on} ({self.rating}/5)"


class Endorsement(models.Model):
    """Someone vouches for a learning pattern; one endorsement per person."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="endorsements")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="endorsements"
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "user"], name="one_endorsement_each")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} endorses {self.resource_id}"


class ResourceReport(models.Model):
    """A problem with a resource, reported by a reader, for information specialists."""

    class Reason(models.TextChoices):
        BROKEN_LINK = "broken_link", _("Broken link")
        OUTDATED = "outdated", _("Outdated")
        WRONG = "wrong", _("Wrong or misleading")
        DUPLICATE = "duplicate", _("Duplicate")
        LICENCE = "licence", _("Licence problem")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")
        DISMISSED = "dismissed", _("Dismissed")

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="resource_reports",
    )
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    details = models.TextField(_("details"), blank=True, max_length=4000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on {self.resource_id}"
