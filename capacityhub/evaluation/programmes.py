"""Evaluation of the apps built beside it: leadership programmes (mentoring) as subjects, with
their retention as level 3 behaviour, and organizations' reassessments (orgdev) as level 4
results for any subject whose participants belong to assessed organizations."""

from statistics import mean

from django.db.models import Count, Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.community.models import Membership, Organization
from capacityhub.mentoring.models import Participant
from capacityhub.mentoring.rules import programme_can_manage
from capacityhub.mentoring.selectors.retention import programme_retention
from capacityhub.orgdev.models import Round
from capacityhub.orgdev.selectors.change import assessment_change

from .sources import Context, Figure, register_provider
from .subjects import SubjectKind, register_subject

PERCENT = "%"


def _programme_ended(programme):
    return programme.cohorts.aggregate(last=Max("ends_on"))["last"]


def retention(ctx: Context) -> list[Figure]:
    """Retained at +30/+90/+365 days after completing the programme (the mentoring issue's
    definition), and alumni who went on to mentor or facilitate."""
    found = programme_retention(programme=ctx.subject)
    figures = [
        Figure(
            key=f"retained_{window.days}",
            label=_("Still active %(days)d days after completing") % {"days": window.days},
            value=None if window.rate is None else round(100 * window.rate, 1),
            n=window.eligible,
            unit=PERCENT,
        )
        for window in found.windows
    ]
    figures.append(
        Figure(
            key="became_leaders",
            label=_("Alumni who became mentors or facilitators within a year"),
            value=None if found.leader_rate is None else round(100 * found.leader_rate, 1),
            n=found.alumni,
            unit=PERCENT,
        )
    )
    return figures


def reassessment(ctx: Context) -> list[Figure]:
    """Of the participants' organizations assessed twice, the share whose mean maturity rose
    between their two latest rounds; `n` counts organizations, and fewer than five are not
    shown."""
    assessed = (
        Round.objects.filter(closed_at__isnull=False)
        .values("organization_id")
        .annotate(rounds=Count("id"))
        .filter(rounds__gte=2)
        .values("organization_id")
    )
    organizations = Organization.objects.filter(
        pk__in=Membership.objects.filter(user_id__in=ctx.participants)
        .filter(organization_id__in=assessed)
        .values("organization_id")
    )
    improved = compared = 0
    for organization in organizations:
        change = assessment_change(organization)
        pairs = [(b, a) for b, a in change.values() if b is not None and a is not None]
        if not pairs:
            continue
        compared += 1
        improved += mean(a for _b, a in pairs) > mean(b for b, _a in pairs)
    value = round(100 * improved / compared, 1) if compared else None
    return [
        Figure(
            key="organizations_improved",
            label=_("Participants' organizations whose self-assessment improved"),
            value=value,
            n=compared,
            unit=PERCENT,
        )
    ]


def register() -> None:
    register_subject(
        SubjectKind(
            subject_type="mentoring.programme",
            label=gettext_lazy("Leadership programme"),
            title=lambda programme: programme.title,
            can_manage=lambda user, programme: programme_can_manage(user, programme),
            participants=lambda programme: Participant.objects.filter(
                cohort__programme=programme
            ).values_list("user_id", flat=True),
            ended_on=_programme_ended,
            capacities=lambda programme: list(programme.capacities.values_list("pk", flat=True)),
            url=lambda programme: programme.get_absolute_url(),
        )
    )
    register_provider("mentoring.programme", 3, retention)
    register_provider("*", 4, reassessment)
