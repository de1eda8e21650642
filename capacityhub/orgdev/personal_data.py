"""Orgdev's part of a person's data (community.personal_data): the assessments they were
invited to and their answers, goals and milestones they own. Deleting the account withdraws
them from rounds still open (their answers there go with it); answers to closed rounds stay
part of the organization's results."""

from capacityhub.community.models import User
from capacityhub.community.personal_data import PersonalDataPart, register, when

from .models import Answer, Goal, Milestone, Respondent


def export_orgdev(user: User) -> dict:
    invitations = Respondent.objects.filter(user=user).select_related("round__organization")
    answers = Answer.objects.filter(respondent__user=user).order_by("respondent_id", "id")
    return {
        "assessments": [
            {"round": r.round_id, "title": r.round.title, "organization": r.round.organization.slug,
             "role": r.role, "invited_at": when(r.invited_at), "submitted_at": when(r.submitted_at)}
            for r in invitations.order_by("invited_at", "id")
        ],
        "answers": [
            {"round": a.respondent.round_id, "question": a.question, "level": a.level,
             "evidence": a.evidence, "notes": a.notes}
            for a in answers.select_related("respondent")
        ],
        "goals_owned": list(Goal.objects.filter(owner=user).values_list("pk", flat=True)),
        "milestones_owned": list(Milestone.objects.filter(owner=user).values_list("pk", flat=True)),
    }  # fmt: skip


def close_orgdev(user: User) -> None:
    Respondent.objects.filter(user=user, round__closed_at__isnull=True).delete()


def register_part() -> None:
    register(PersonalDataPart(name="orgdev", export=export_orgdev, erase=close_orgdev))
