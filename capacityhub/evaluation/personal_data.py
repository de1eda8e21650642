"""Evaluation's part of a person's data (decision 0019): consents, invitations and the answers
linked to them. Deleting the account withdraws consent and unlinks the answers (the anonymous
aggregates stay)."""

from capacityhub.community.personal_data import PersonalDataPart, register, when

from .models import Answer, Consent, Invitation


def export_evaluation(user) -> dict:
    return {
        "consents": [
            {"subject": f"{c.subject_type}:{c.subject_id}", "given_at": when(c.given_at),
             "withdrawn_at": when(c.withdrawn_at)}
            for c in Consent.objects.filter(person=user)
        ],
        "invitations": [
            {"survey": i.survey_id, "sent_at": when(i.sent_at),
             "responded_at": when(i.responded_at)}
            for i in Invitation.objects.filter(person=user)
        ],
        "answers": [
            {"survey": a.survey_id, "answers": a.response.answers,
             "submitted_at": when(a.submitted_at)}
            for a in Answer.objects.filter(person=user).select_related("response")
        ],
    }  # fmt: skip


def close_evaluation(user) -> None:
    from django.utils import timezone

    Consent.objects.filter(person=user, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )
    Answer.objects.filter(person=user).update(person=None)


def register_personal_data() -> None:
    register(PersonalDataPart(name="evaluation", export=export_evaluation, erase=close_evaluation))
