"""Courses (seed recommendations R7 and R3): course → modules → lessons, quizzes, cohort runs,
enrolments with progress per lesson, completion certificates."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Course(models.Model):
    """A self-paced course; cohort runs add dates, facilitators and discussions."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=20000)
    language = models.CharField(_("language"), max_length=12, default="en")
    capacities = models.ManyToManyField(
        "taxonomy.Capacity", related_name="courses", verbose_name=_("capacities it builds")
    )
    estimated_minutes = models.PositiveIntegerField(_("estimated time (minutes)"), default=60)
    prerequisites = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="required_by"
    )
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        verbose_name=_("translation of"),
    )
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="authored_courses")
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-created_at", "-id"]
        indexes = [models.Index(fields=["is_published", "language"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:course-detail", args=[self.slug])


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        VIDEO = "video", _("Video")
        RESOURCE = "resource", _("Resource from the knowledge base")
        QUIZ = "quiz", _("Quiz")

    class Reveal(models.TextChoices):
        PASSED = "after_passing", _("After passing")
        ATTEMPTS = "after_attempts", _("After a number of attempts (or passing)")
        NEVER = "never", _("Never")

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    body = models.TextField(_("text (Markdown)"), blank=True, max_length=50000)
    video_url = models.URLField(_("video link"), blank=True, max_length=500)
    resource = models.ForeignKey(
        "knowledge.Resource",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lessons",
        verbose_name=_("resource from the knowledge base"),
    )
    required = models.BooleanField(_("required for completion"), default=True)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=70)
    # A quiz's answer key is the author's to give: which answers are right (and why) is shown
    # after the learner passed, after a number of attempts, or never.
    reveal_answers = models.CharField(
        _("show the right answers"), max_length=16, choices=Reveal.choices, default=Reveal.PASSED
    )
    reveal_after_attempts = models.PositiveSmallIntegerField(
        _("show them after this many attempts"), default=3
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed (empty: no limit)"), null=True, blank=True
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="lesson_pass_mark_range"),
            models.CheckConstraint(
                condition=Q(reveal_after_attempts__gte=1) & Q(reveal_after_attempts__lte=100),
                name="lesson_reveal_after_attempts_range",
            ),
            models.CheckConstraint(
                condition=Q(max_attempts__isnull=True)
                | (Q(max_attempts__gte=1) & Q(max_attempts__lte=1000)),
                name="lesson_max_attempts_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_quiz(self) -> bool:
        return self.kind == self.Kind.QUIZ


class Question(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=1000)
    multiple = models.BooleanField(_("several answers may be right"), default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.CharField(_("answer"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    explanation = models.CharField(_("explanation"), max_length=1000, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class CohortRun(models.Model):
    """A run of a course with dates, facilitators and a discussion per lesson."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="cohorts")
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="facilitated_cohorts", blank=True
    )
    is_done = models.BooleanField(_("done"), default=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="cohort_window_order"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    cohort = models.ForeignKey(
        CohortRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="enrolments"
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Unguessable: the public verification page is found only through the certificate.
    certificate_code = models.CharField(max_length=40, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["-enrolled_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_course")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.course_id}"

    def get_absolute_url(self) -> str:
        # The certificate of a completed course (its page is found by course).
        return reverse("web:certificate-detail", args=[self.course.slug])


class LessonProgress(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="one_progress_per_lesson")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: lesson {self.lesson_id} done"


class QuizAttempt(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    choices = models.JSONField(default=dict)  # {question id: [answer ids]}
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: lesson {self.lesson_id}, {self.score}%"


class Post(models.Model):
    """A message in a cohort run's discussion of one lesson."""

    cohort = models.ForeignKey(CohortRun, on_delete=models.CASCADE, related_name="posts")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_posts"
    )
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]
