"""The board's voting rules, pure: quorum and the result of a motion.

Quorum: more than half of the voting members (chair, secretary, members — advisors do not vote)
holding a current term on the meeting's day are present. A motion carries when, with quorum, more
members vote for it than against it; abstentions and recusals count for neither side."""

from __future__ import annotations

from dataclasses import dataclass

CARRIED, FAILED = "carried", "failed"
NO_QUORUM, MAJORITY = "no_quorum", "majority"


def has_quorum(*, voting_members: int, present_voting: int) -> bool:
    return voting_members > 0 and 2 * present_voting > voting_members


def quorum_needed(voting_members: int) -> int:
    """The fewest voting members present that make a quorum."""
    return voting_members // 2 + 1


@dataclass(frozen=True)
class Tally:
    votes_for: int = 0
    votes_against: int = 0
    abstentions: int = 0
    recusals: int = 0


def tally(choices: list[str]) -> Tally:
    return Tally(
        votes_for=choices.count("for"),
        votes_against=choices.count("against"),
        abstentions=choices.count("abstain"),
        recusals=choices.count("recused"),
    )


def result(*, counts: Tally, voting_members: int, present_voting: int) -> tuple[str, str]:
    """(status, failure): ("carried", "") or ("failed", "no_quorum" | "majority")."""
    if not has_quorum(voting_members=voting_members, present_voting=present_voting):
        return FAILED, NO_QUORUM
    if counts.votes_for > counts.votes_against:
        return CARRIED, ""
    return FAILED, MAJORITY
