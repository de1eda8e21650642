"""The subjects and figure providers for what exists below evaluation: courses, events and
calls as subjects; quizzes, completion, evidence, connections, events and courses afterwards,
needs fulfilled and offers of the capacities built. Registered from EvaluationConfig.ready()."""

from datetime import datetime, time

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.community.models import CapacityClaim, Evidence, Profile
from capacityhub.events.models import Registration
from capacityhub.events.services.events import event_can_edit
from capacityhub.exchange.models import Connection, Need
from capacityhub.learning.models import Enrolment, QuizAttempt
from capacityhub.learning.selectors.courses import course_can_edit
from capacityhub.review.models import Application
from capacityhub.review.selectors import call_can_manage

from .sources import Context, Figure, register_provider
from .subjects import SubjectKind, register_subject

PERCENT = "%"


def _course_ended(course):
    return course.cohorts.order_by("-ends_on").values_list("ends_on", flat=True).first()


def _call_title(call) -> str:
    from django.utils.translation import get_language

    titles = call.title or {}
    return titles.get(get_language() or "en") or titles.get("en") or next(iter(titles.values()), "")


def register_subjects() -> None:
    register_subject(
        SubjectKind(
            subject_type="learning.course",
            label=gettext_lazy("Course"),
            title=lambda course: course.title,
            can_manage=lambda user, course: course_can_edit(course=course, user=user),
            participants=lambda course: Enrolment.objects.filter(course=course).values_list(
                "user_id", flat=True
            ),
            ended_on=_course_ended,
            capacities=lambda course: list(course.capacities.values_list("pk", flat=True)),
            url=lambda course: course.get_absolute_url(),
            is_public=lambda course: course.is_published,
        )
    )
    register_subject(
        SubjectKind(
            subject_type="events.event",
            label=gettext_lazy("Event"),
            title=lambda event: event.title,
            can_manage=lambda user, event: event_can_edit(event=event, user=user),
            participants=lambda event: Registration.objects.filter(
                event=event, status=Registration.Status.CONFIRMED
            ).values_list("user_id", flat=True),
            ended_on=lambda event: timezone.localdate(event.ends_at),
            capacities=lambda event: list(event.capacities.values_list("pk", flat=True)),
            url=lambda event: event.get_absolute_url(),
        )
    )
    register_subject(
        SubjectKind(
            subject_type="review.call",
            label=gettext_lazy("Call or programme"),
            title=_call_title,
            can_manage=lambda user, call: call_can_manage(user=user, call=call),
            participants=lambda call: Application.objects.filter(
                call=call,
                status__in=[Application.Status.ACCEPTED, Application.Status.TAKEN_UP],
            ).values_list("applicant_id", flat=True),
            ended_on=lambda call: timezone.localdate(call.decisions_by),
            url=lambda call: call.get_absolute_url(),
            is_public=lambda call: call.opens_at <= timezone.now(),
        )
    )


def _profiles(ctx: Context):
    """The participants' profiles, as a subquery (evidence and claims hang on profiles; a
    list of profile ids is cheaper for the database than a join per evidence row)."""
    return Profile.objects.filter(user_id__in=ctx.participants).values("id")


def _distinct(rows, field: str) -> int:
    """How many different `field` values (one query, no ordering in the way)."""
    return rows.order_by().aggregate(n=Count(field, distinct=True))["n"]


def _share(key: str, label: str, part: int, whole: int) -> Figure:
    value = round(100 * part / whole, 1) if whole else None
    return Figure(key=key, label=label, value=value, n=whole, unit=PERCENT)


def _after(ctx: Context):
    if ctx.ended_on is None:
        return None
    return timezone.make_aware(datetime.combine(ctx.ended_on, time.max))


def quizzes(ctx: Context) -> list[Figure]:
    attempts = QuizAttempt.objects.filter(enrolment__course=ctx.subject)
    tried = _distinct(attempts, "enrolment_id")
    passed = _distinct(attempts.filter(passed=True), "enrolment_id")
    done = Enrolment.objects.filter(course=ctx.subject, completed_at__isnull=False).count()
    return [
        _share("quiz_passed", _("Passed a quiz (of those who tried)"), passed, tried),
        _share("completed", _("Completed the course"), done, ctx.people),
    ]


def evidence_after(ctx: Context) -> list[Figure]:
    rows = Evidence.objects.filter(profile_id__in=_profiles(ctx))
    if ctx.ended_on is not None:
        rows = rows.filter(occurred_on__gt=ctx.ended_on)
    if ctx.capacities:
        rows = rows.filter(capacity_id__in=ctx.capacities)
    people = _distinct(rows, "profile_id")
    return [
        _share("evidence_after", _("Showed the capacity afterwards (evidence)"), people, ctx.people)
    ]


def activity_after(ctx: Context) -> list[Figure]:
    after = _after(ctx)
    connections = Connection.objects.filter(status=Connection.Status.COMPLETED).order_by()
    events = Registration.objects.filter(
        user_id__in=ctx.participants, status=Registration.Status.CONFIRMED
    )
    courses = Enrolment.objects.filter(user_id__in=ctx.participants)
    if after is not None:
        connections = connections.filter(completed_at__gt=after)
        events = events.filter(event__starts_at__gt=after)
        courses = courses.filter(enrolled_at__gt=after)
    if ctx.subject_type == "events.event":
        events = events.exclude(event_id=ctx.subject.pk)
    if ctx.subject_type == "learning.course":
        courses = courses.exclude(course_id=ctx.subject.pk)
    # Participants on either side of a completed connection, each once (UNION drops repeats).
    helped = (
        connections.filter(provider_id__in=ctx.participants)
        .values_list("provider_id")
        .union(
            connections.filter(need__requester_id__in=ctx.participants).values_list(
                "need__requester_id"
            )
        )
        .count()
    )
    return [
        _share("connections_after", _("Completed a peer connection afterwards"),
               helped, ctx.people),
        _share("events_after", _("Went to an event afterwards"),
               _distinct(events, "user_id"), ctx.people),
        _share("courses_after", _("Started another course afterwards"),
               _distinct(courses, "user_id"), ctx.people),
    ]  # fmt: skip


def results(ctx: Context) -> list[Figure]:
    needs = Need.objects.filter(requester_id__in=ctx.participants)
    if ctx.capacities:
        needs = needs.filter(capacities__in=ctx.capacities)
    met = Q(status=Need.Status.FULFILLED)
    after = _after(ctx)
    if after is not None:
        met &= Q(status_changed_at__gt=after)
    counts = needs.order_by().aggregate(
        people=Count("requester_id", distinct=True),
        met=Count("requester_id", distinct=True, filter=met),
    )
    figures = [
        _share("needs_fulfilled", _("Had a need fulfilled afterwards (of those with needs)"),
               counts["met"], counts["people"]),
    ]  # fmt: skip
    if ctx.capacities:
        offering = CapacityClaim.objects.filter(
            profile_id__in=_profiles(ctx),
            capacity_id__in=ctx.capacities,
            relation="offers",
        )
        figures.append(
            _share(
                "now_offering",
                _("Now offer the capacity to others (capacity map supply)"),
                _distinct(offering, "profile_id"),
                ctx.people,
            )
        )
    return figures


def register_providers() -> None:
    register_provider("learning.course", 2, quizzes)
    register_provider("*", 3, evidence_after)
    register_provider("*", 3, activity_after)
    register_provider("*", 4, results)


def ready() -> None:
    register_subjects()
    register_providers()
