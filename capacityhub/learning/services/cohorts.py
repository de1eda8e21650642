"""Cohort runs: scheduled and edited (with optimistic locking) by a course's authors and staff,
with facilitators; when a run is marked done (or has ended, see `cohort_close_ended`) each
facilitator gets FACILITATED evidence on the course's capacities, and the run no longer changes."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.community.evidence import evidence_record, evidence_source
from capacityhub.community.models import Evidence, Profile, User
from capacityhub.core.audit import audit_log
from capacityhub.core.validation import clean_single_line
from capacityhub.core.versioning import version_bump

from ..models import CohortRun, Course
from ._checks import require_course_editor

MAX_FACILITATORS = 20


def _facilitators(usernames) -> list[User]:
    if isinstance(usernames, str) or not isinstance(usernames, list | tuple):
        raise ValidationError({"facilitators": _("Give a list of usernames.")})
    names = list(dict.fromkeys(usernames))
    if len(names) > MAX_FACILITATORS or not all(isinstance(n, str) for n in names):
        raise ValidationError({"facilitators": _("Give at most 20 usernames.")})
    found = User.objects.filter(is_active=True).in_bulk(names, field_name="username")
    unknown = [name for name in names if name not in found]
    if unknown:
        raise ValidationError(
            {"facilitators": _("Unknown person: %s.") % ", ".join(f"“{n}”" for n in unknown)}
        )
    return [found[name] for name in names]


def _check_window(starts_on, ends_on) -> None:
    if not isinstance(starts_on, date) or not isinstance(ends_on, date):
        raise ValidationError({"starts_on": _("Give the start and end dates.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("A cohort run cannot end before it starts.")})


@transaction.atomic
def cohort_create(
    *,
    actor,
    course: Course,
    title: str,
    starts_on: date,
    ends_on: date,
    facilitators: list[str] = (),
) -> CohortRun:
    require_course_editor(actor, course)
    title = clean_single_line(title, field="title", max_length=200, required=True)
    _check_window(starts_on, ends_on)
    people = _facilitators(list(facilitators))
    cohort = CohortRun.objects.create(
        course=course, title=title, starts_on=starts_on, ends_on=ends_on
    )
    cohort.facilitators.set(people)
    audit_log(actor=actor, action="course.cohort_create", target=cohort, changes={"title": title})
    return cohort


COHORT_FIELDS = {"title", "starts_on", "ends_on", "facilitators"}


@transaction.atomic
def cohort_update(
    *, actor, cohort: CohortRun, expected_version: int | None = None, **changes
) -> CohortRun:
    """Change the fields given (title, starts_on, ends_on, facilitators: the whole list of
    usernames); the dates are checked together with the ones kept."""
    require_course_editor(actor, cohort.course)
    unknown = set(changes) - COHORT_FIELDS
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("This field cannot be changed.")})
    if cohort.is_done:
        raise ValidationError({"is_done": _("A cohort run marked done can no longer change.")})
    if "title" in changes:
        changes["title"] = clean_single_line(
            changes["title"], field="title", max_length=200, required=True
        )
    _check_window(
        changes.get("starts_on", cohort.starts_on), changes.get("ends_on", cohort.ends_on)
    )
    people = _facilitators(changes.pop("facilitators")) if "facilitators" in changes else None
    version_bump(CohortRun, cohort, expected_version)
    for name, value in changes.items():
        setattr(cohort, name, value)
    cohort.save(update_fields=[*changes, "version"])
    if people is not None:
        cohort.facilitators.set(people)
    fields = sorted([*changes, *(["facilitators"] if people is not None else [])])
    audit_log(actor=actor, action="course.cohort_update", target=cohort, changes={"fields": fields})
    return cohort


def _record_facilitation(cohort: CohortRun, confirmed_by) -> None:
    capacities = list(cohort.course.capacities.all())
    profiles = Profile.objects.filter(user__in=cohort.facilitators.all())
    occurred_on = min(cohort.ends_on, timezone.localdate())
    for profile in profiles:
        for capacity in capacities:
            evidence_record(
                profile=profile,
                capacity=capacity,
                kind=Evidence.Kind.FACILITATED,
                source=evidence_source(cohort),
                occurred_on=occurred_on,
                confirmed_by=confirmed_by,
                note=cohort.course.title[:200],
            )


@transaction.atomic
def cohort_mark_done(*, actor, cohort: CohortRun) -> CohortRun:
    require_course_editor(actor, cohort.course)
    if cohort.is_done:
        raise ValidationError({"is_done": _("This cohort run is already marked done.")})
    cohort.is_done = True
    cohort.save(update_fields=["is_done"])
    _record_facilitation(cohort, actor)
    audit_log(actor=actor, action="course.cohort_done", target=cohort)
    return cohort


@transaction.atomic
def cohort_close_ended(*, today: date | None = None) -> int:
    """Mark done every run that has ended (a scheduled job); returns how many."""
    today = today or timezone.localdate()
    ended = CohortRun.objects.filter(is_done=False, ends_on__lt=today).select_related("course")
    count = 0
    for cohort in ended:
        cohort.is_done = True
        cohort.save(update_fields=["is_done"])
        _record_facilitation(cohort, None)
        count += 1
    return count
