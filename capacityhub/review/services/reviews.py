"""Scoring: a reviewer's scores per criterion (0–5 or not applicable) with comments."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.permissions import require_member

from ..models import SCALE_MAX, Assignment, Review
from ..selectors import reviewer_conflicts

MAX_COMMENT = 4000


def _clean_scores(criteria_ids: set[str], scores: Mapping[str, Any], submit: bool) -> dict:
    cleaned: dict[str, int | None] = {}
    for key, value in scores.items():
        key = str(key)
        if key not in criteria_ids:
            raise ValidationError({f"score_{key}": _("This is not a criterion of the call.")})
        if value is None or value == "na":
            cleaned[key] = None
            continue
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValidationError({f"score_{key}": _("A score is a whole number from 0 to 5.")})
        try:
            number = int(value)
        except ValueError:
            raise ValidationError(
                {f"score_{key}": _("A score is a whole number from 0 to 5.")}
            ) from None
        if not 0 <= number <= SCALE_MAX:
            raise ValidationError({f"score_{key}": _("A score is a whole number from 0 to 5.")})
        cleaned[key] = number
    missing = sorted(criteria_ids - set(cleaned))
    if submit and missing:
        raise ValidationError({f"score_{missing[0]}": _("Score every criterion (or mark N/A).")})
    return cleaned


def _clean_comments(criteria_ids: set[str], comments: Mapping[str, Any]) -> dict[str, str]:
    cleaned = {}
    for key, text in comments.items():
        if str(key) not in criteria_ids or not isinstance(text, str):
            raise ValidationError({f"comment_{key}": _("This is not a criterion of the call.")})
        if len(text) > MAX_COMMENT:
            raise ValidationError({f"comment_{key}": _("At most 4,000 characters.")})
        if text.strip():
            cleaned[str(key)] = text.strip()
    return cleaned


@transaction.atomic
def review_save(
    *,
    actor,
    assignment: Assignment,
    scores: Mapping[str, Any],
    comments: Mapping[str, str] | None = None,
    overall_comment: str = "",
    submit: bool = False,
) -> Review:
    """Save (or submit) the assigned reviewer's review. A submitted review is final."""
    require_member(actor)
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("application__call")
        .get(pk=assignment.pk)
    )
    if assignment.reviewer_id != actor.pk or assignment.removed_at is not None:
        raise PermissionDenied(_("You are not assigned to review this application."))
    conflicts = reviewer_conflicts(user=actor, application=assignment.application)
    if conflicts:
        raise PermissionDenied(str(conflicts[0].reason))
    call = assignment.application.call
    criteria_ids = {str(pk) for pk in call.criteria.values_list("pk", flat=True)}
    review = Review.objects.filter(assignment=assignment).first() or Review(assignment=assignment)
    if review.is_submitted:
        raise ValidationError({"review": _("This review was submitted; it is final.")})
    if not isinstance(overall_comment, str) or len(overall_comment) > 8000:
        raise ValidationError({"overall_comment": _("At most 8,000 characters.")})
    review.scores = _clean_scores(criteria_ids, scores, submit)
    review.comments = _clean_comments(criteria_ids, comments or {})
    review.overall_comment = overall_comment.strip()
    if submit:
        review.submitted_at = timezone.now()
    review.save()
    if submit:
        audit_log(actor=actor, action="review.review.submit", target=review)
    return review
