"""The governance app's part of a person's data (decision 0019): their board terms, votes and
advice requests. Terms and votes are the board's public record and stay when an account is
deleted (the person is then shown as a deleted account), but a running term ends that day;
their advice requests that were not published are deleted."""

from capacityhub.community.personal_data import PersonalDataPart, register, when

from .models import AdviceRequest, Term, Vote


def export_governance(user) -> dict:
    return {
        "board_terms": [
            {"board": t.board.slug, "role": t.role, "chosen_by": t.chosen_by,
             "starts_on": when(t.starts_on), "ends_on": when(t.ends_on),
             "ended_on": when(t.ended_on)}
            for t in Term.objects.filter(person=user).select_related("board")
        ],
        "votes": [
            {"motion": v.motion_id, "choice": v.choice, "reason": v.reason,
             "cast_at": when(v.cast_at)}
            for v in Vote.objects.filter(voter=user)
        ],
        "advice_requests": [
            {"title": r.title, "question": r.question, "status": r.status,
             "answer": r.answer, "created_at": when(r.created_at)}
            for r in AdviceRequest.objects.filter(requester=user)
        ],
    }  # fmt: skip


def erase_governance(user) -> None:
    from .services.board import board_member_flags_sync
    from .services.common import current_terms, today

    current_terms().filter(person=user).update(ended_on=today())
    board_member_flags_sync(user_ids=[user.pk])
    AdviceRequest.objects.filter(requester=user).exclude(status="published").delete()


def register_part() -> None:
    register(PersonalDataPart(name="governance", export=export_governance, erase=erase_governance))
