"""Who sees an assessment round and its results, and the results themselves."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from capacityhub.community.models import Membership
from capacityhub.community.selectors import can_act_for

from ..aggregate import AnswerValue, Summary, aggregate
from ..framework import BUILTIN_V1, dimension_of
from ..models import Answer, FrameworkVersion, Respondent, Round


def round_can_manage(viewer, round_: Round) -> bool:
    return can_act_for(viewer, organization=round_.organization_id)


def round_can_view(viewer, round_: Round) -> bool:
    """Published results are public; otherwise the organization's managers, the round's
    respondents and staff."""
    if round_.published:
        return True
    if not getattr(viewer, "is_authenticated", False):
        return False
    return round_can_manage(viewer, round_) or round_.respondents.filter(user=viewer).exists()


def _visible(viewer) -> Q:
    if not getattr(viewer, "is_authenticated", False):
        return Q(published=True)
    if viewer.is_staff:
        return Q()
    managed = Membership.objects.filter(user=viewer, role=Membership.Role.MANAGER).values(
        "organization_id"
    )
    invited = Respondent.objects.filter(user=viewer).values("round_id")
    return Q(published=True) | Q(organization_id__in=managed) | Q(pk__in=invited)


def visible_rounds(viewer) -> QuerySet[Round]:
    return Round.objects.filter(_visible(viewer))


def round_get(*, viewer, pk: int) -> Round:
    round_ = Round.objects.select_related("organization", "framework").get(pk=pk)
    if not round_can_view(viewer, round_):
        raise PermissionDenied(_("The results of this assessment are private to the organization."))
    return round_


def round_list(*, viewer, organization=None) -> QuerySet[Round]:
    rounds = visible_rounds(viewer).select_related("organization", "framework")
    if organization is not None:
        rounds = rounds.filter(organization=organization)
    return rounds.order_by("-opened_at", "-id")


def my_invitations(*, viewer) -> QuerySet[Respondent]:
    if not getattr(viewer, "is_authenticated", False):
        return Respondent.objects.none()
    return (
        Respondent.objects.filter(user=viewer)
        .select_related("round__organization")
        .order_by("submitted_at", "-round__opened_at")
    )


def respondent_for(viewer, round_: Round) -> Respondent | None:
    if not getattr(viewer, "is_authenticated", False):
        return None
    return round_.respondents.filter(user=viewer).first()


def round_respondents(round_: Round) -> QuerySet[Respondent]:
    return round_.respondents.select_related("user").order_by("role", "id")


def answer_values(rounds) -> dict[int, list[AnswerValue]]:
    """round id → its submitted answers as plain values (one query for all rounds)."""
    rows = Answer.objects.filter(
        respondent__round__in=rounds, respondent__submitted_at__isnull=False
    ).values_list("respondent__round_id", "respondent_id", "respondent__role", "question", "level")
    found: dict[int, list[AnswerValue]] = {getattr(r, "pk", r): [] for r in rounds}
    for round_id, respondent, role, question, level in rows:
        found.setdefault(round_id, []).append(AnswerValue(respondent, role, question, level))
    return found


def round_results(round_: Round) -> dict[str, dict[str, Summary]]:
    """Per dimension and per question: median, spread, each role's view, disagreement. Only
    submitted answers count, and only once the round is closed (with at least three
    submissions): while it is open, the first answers in would be one person's, readable by
    everyone else invited. Call after round_get (which checks who may see them)."""
    if round_.is_open:
        return {"dimensions": {}, "questions": {}}
    return aggregate(answer_values([round_])[round_.pk], dimension_of)


def my_answers(respondent: Respondent | None) -> dict[str, Answer]:
    if respondent is None:
        return {}
    return {a.question: a for a in respondent.answers.all()}


def framework_current() -> FrameworkVersion:
    """The latest framework version (the built-in one, unsaved, when none is stored)."""
    latest = FrameworkVersion.objects.order_by("-number").first()
    return latest or FrameworkVersion(number=1, questions=list(BUILTIN_V1), mapping={})
