"""The board as Popolo open data (https://www.popoloproject.com/specs/): persons,
organizations, posts, memberships, motions, vote_events and votes, with the spec's field names.

Only what the board's public page shows: a person's display name and profile page, their terms;
closed motions with their counts and each member's vote. A recusal is Popolo's "not voting"
option with `recused: true` (Popolo has no recusal option of its own)."""

from __future__ import annotations

from django.conf import settings

from .models import Board, Motion, Term
from .selectors import popolo_querysets

OPTION = {"for": "yes", "against": "no", "abstain": "abstain", "recused": "not voting"}
RESULT = {Motion.Status.CARRIED: "pass", Motion.Status.FAILED: "fail"}


def _base() -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/")


def _person_id(user_id: int) -> str:
    return f"person/{user_id}"


def _organization(board: Board) -> dict:
    return {
        "id": f"organization/{board.slug}",
        "name": str(board),
        "other_names": [{"name": text, "note": code} for code, text in sorted(board.name.items())],
        "classification": "supervisory board",
        "links": [{"url": _base() + board.get_absolute_url(), "note": "board page"}],
    }


def _posts(board: Board) -> list[dict]:
    from .models import Role

    return [
        {"id": f"post/{board.slug}/{role}", "label": str(label), "role": role,
         "organization_id": f"organization/{board.slug}"}
        for role, label in Role.choices
    ]  # fmt: skip


def _membership(term: Term) -> dict:
    return {
        "id": f"membership/{term.pk}",
        "person_id": _person_id(term.person_id),
        "organization_id": f"organization/{term.board.slug}",
        "post_id": f"post/{term.board.slug}/{term.role}",
        "role": term.role,
        "label": term.get_chosen_by_display(),
        "start_date": term.starts_on.isoformat(),
        "end_date": term.last_day.isoformat(),
    }


def _person(term: Term) -> dict:
    profile = getattr(term.person, "profile", None)
    return {
        "id": _person_id(term.person_id),
        "name": profile.display_name if profile else term.person.username,
        "links": [{"url": _base() + term.person.get_absolute_url(), "note": "profile"}],
    }


def _motion(motion: Motion, board: Board) -> tuple[dict, dict, list[dict]]:
    organization_id = f"organization/{board.slug}"
    result = RESULT.get(motion.status, "")
    motion_out = {
        "id": f"motion/{motion.pk}",
        "organization_id": organization_id,
        "text": motion.title + (f"\n\n{motion.text}" if motion.text else ""),
        "classification": motion.kind,
        "date": motion.opened_at.isoformat(),
        "requirement": "simple majority, with quorum",
        "result": result,
        "legislative_session_id": f"meeting/{motion.meeting_id}",
    }
    if motion.subject_type:
        motion_out["subject"] = {"type": motion.subject_type, "id": motion.subject_id,
                                 "outcome": motion.outcome}  # fmt: skip
    counts = [("yes", motion.votes_for), ("no", motion.votes_against),
              ("abstain", motion.abstentions), ("not voting", motion.recusals)]  # fmt: skip
    event = {
        "id": f"vote_event/{motion.pk}",
        "motion_id": motion_out["id"],
        "organization_id": organization_id,
        "legislative_session_id": motion_out["legislative_session_id"],
        "start_date": motion.opened_at.isoformat(),
        "end_date": motion.closed_at.isoformat() if motion.closed_at else None,
        "result": result,
        "counts": [{"option": option, "value": value} for option, value in counts],
    }
    votes = [
        {"vote_event_id": event["id"], "voter_id": _person_id(vote.voter_id),
         "option": OPTION[vote.choice], **({"recused": True} if vote.choice == "recused" else {})}
        for vote in motion.votes.all()
    ]  # fmt: skip
    return motion_out, event, votes


def popolo_document(board: Board) -> dict:
    data = popolo_querysets(board=board)
    terms = data["terms"]
    people = {t.person_id: _person(t) for t in terms}
    motions, events, votes = [], [], []
    for motion in data["motions"]:
        motion_out, event, motion_votes = _motion(motion, board)
        motions.append(motion_out)
        events.append(event)
        votes.extend(motion_votes)
    return {
        "persons": list(people.values()),
        "organizations": [_organization(board)],
        "posts": _posts(board),
        "memberships": [_membership(t) for t in terms],
        "motions": motions,
        "vote_events": events,
        "votes": votes,
    }
