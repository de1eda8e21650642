"""Counts for a course author's dashboard."""

from django.db.models import Count, Q

from ..models import Course


def author_course_counts(*, user) -> dict[str, int]:
    """{courses, drafts, learners, completions} over the courses the user authors, one query."""
    row = Course.objects.filter(authors=user).aggregate(
        courses=Count("id", distinct=True),
        drafts=Count("id", filter=Q(is_published=False), distinct=True),
        learners=Count("enrolments", distinct=True),
        completions=Count(
            "enrolments", filter=Q(enrolments__completed_at__isnull=False), distinct=True
        ),
    )
    return {key: value or 0 for key, value in row.items()}
