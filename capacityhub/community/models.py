import hashlib

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from capacityhub.core.models import Visibility
from capacityhub.core.regions import REGION_CHOICES


class User(AbstractUser):
    """An account. Roles: member (everyone), organization manager (via Membership), staff of
    the Capacity Building Unit (is_staff), supervisory board member (is_board_member),
    information specialist (curates the knowledge base) and course author (builds courses);
    staff grant the last two in the admin."""

    email = models.EmailField(_("e-mail address"), blank=True)
    preferred_language = models.CharField(_("interface language"), max_length=8, blank=True)
    is_board_member = models.BooleanField(_("board member"), default=False)
    is_information_specialist = models.BooleanField(_("information specialist"), default=False)
    is_course_author = models.BooleanField(_("course author"), default=False)
    is_demo = models.BooleanField(default=False, editable=False)

    def get_absolute_url(self) -> str:
        return reverse("web:profile-detail", args=[self.username])


def visibility_field(default=Visibility.PUBLIC):
    return models.CharField(max_length=8, choices=Visibility.choices, default=default)


class Profile(models.Model):
    """What a person says about themselves. Each field group carries its own visibility."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(_("display name"), max_length=120)
    wikimedia_username = models.CharField(_("Wikimedia username"), max_length=120, blank=True)
    wikimedia_username_visibility = visibility_field()
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    pronouns_visibility = visibility_field()
    bio = models.TextField(_("about me"), blank=True, max_length=4000)
    bio_visibility = visibility_field()
    country = models.CharField(_("country"), max_length=2, blank=True, db_index=True)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    location_visibility = visibility_field()
    languages_visibility = visibility_field()
    affiliations_visibility = visibility_field()
    capacities_visibility = visibility_field()
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name", "id"]
        indexes = [models.Index(fields=["display_name"])]

    def __str__(self) -> str:
        return self.display_name


class ProfileLanguage(models.Model):
    """A language a person reads or speaks; proficiency 0 = native, 1..5 = beginner..fluent."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(max_length=12)
    proficiency = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["proficiency", "language"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "language"], name="uniq_profile_language"),
            models.CheckConstraint(condition=Q(proficiency__lte=5), name="proficiency_range"),
        ]
        indexes = [models.Index(fields=["language", "profile"])]

    def __str__(self) -> str:
        return f"{self.language}:{self.proficiency}"


class OrganizationKind(models.TextChoices):
    CHAPTER = "chapter", _("Chapter")
    THEMATIC = "thematic", _("Thematic organization")
    USER_GROUP = "user_group", _("User group")
    HUB = "hub", _("Hub")
    INFORMAL = "informal", _("Informal group")
    PARTNER = "partner", _("Partner")


class Organization(models.Model):
    slug = models.SlugField(unique=True, max_length=80)
    kind = models.CharField(_("kind"), max_length=12, choices=OrganizationKind.choices)
    name = models.CharField(_("name"), max_length=200)
    names = models.JSONField(_("name in other languages"), default=dict, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=8000)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    region = models.CharField(_("region"), max_length=8, choices=REGION_CHOICES, blank=True)
    website = models.URLField(_("website"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("web:organization-detail", args=[self.slug])

    def localized_name(self, language: str) -> str:
        return self.names.get(language) or self.name


class OrganizationLanguage(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="languages"
    )
    language = models.CharField(max_length=12)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "language"], name="uniq_org_language")
        ]

    def __str__(self) -> str:
        return self.language


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MANAGER = "manager", _("Manager")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="uniq_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.organization_id} ({self.role})"


class Relation(models.TextChoices):
    KNOWS = "knows", _("Knows")
    OFFERS = "offers", _("Offers")
    WANTS = "wants", _("Wants to learn")


class CapacityClaim(models.Model):
    """(person or organization) × capacity × relation, with a self-assessed level 1..5."""

    profile = models.ForeignKey(
        Profile, null=True, blank=True, on_delete=models.CASCADE, related_name="claims"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="claims"
    )
    capacity = models.ForeignKey(
        "taxonomy.Capacity", on_delete=models.CASCADE, related_name="claims"
    )
    relation = models.CharField(max_length=8, choices=Relation.choices)
    level = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(profile__isnull=False, organization__isnull=True)
                | Q(profile__isnull=True, organization__isnull=False),
                name="claim_has_one_holder",
            ),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="level_range"),
            models.UniqueConstraint(
                fields=["profile", "capacity", "relation"], name="uniq_profile_claim"
            ),
            models.UniqueConstraint(
                fields=["organization", "capacity", "relation"], name="uniq_org_claim"
            ),
        ]
        # Covers the directory filter "who claims these capacities" without touching rows.
        indexes = [models.Index(fields=["capacity", "relation", "profile"])]

    def __str__(self) -> str:
        return f"{self.relation} {self.capacity_id} (level {self.level})"


class Evidence(models.Model):
    """A dated record that a person or organization exercised or gained a capacity.

    Written by the modules where things happen (a completed connection, a course, an event,
    a mentorship); read by profiles, badges, the capacity map and evaluation. `source` names
    the activity as "<app>.<model>:<id>" so any module can point at its own records."""

    class Kind(models.TextChoices):
        LEARNED = "learned", _("Learned")
        TAUGHT = "taught", _("Taught")
        FACILITATED = "facilitated", _("Facilitated")
        ATTENDED = "attended", _("Attended")
        COMPLETED = "completed", _("Completed")

    profile = models.ForeignKey(
        Profile, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    capacity = models.ForeignKey(
        "taxonomy.Capacity", on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    source = models.CharField(max_length=80, help_text="<app>.<model>:<id>")
    note = models.CharField(max_length=300, blank=True)
    confirmed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    occurred_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(profile__isnull=False, organization__isnull=True)
                | Q(profile__isnull=True, organization__isnull=False),
                name="evidence_has_one_holder",
            ),
            models.UniqueConstraint(
                fields=["profile", "capacity", "kind", "source"], name="uniq_profile_evidence"
            ),
            models.UniqueConstraint(
                fields=["organization", "capacity", "kind", "source"], name="uniq_org_evidence"
            ),
        ]
        indexes = [
            models.Index(fields=["capacity", "kind"]),
            # Evaluation reads evidence of a capacity after a date, per holder (decision 0031).
            models.Index(
                fields=["capacity", "occurred_on", "profile"], name="evidence_capacity_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.capacity_id} ({self.source})"


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
