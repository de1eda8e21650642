"""Motions and votes: recusal from the register and declarations, quorum, the decision."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capacityhub.core.models import AuditEntry
from capacityhub.governance.models import Attendance, Meeting, Motion, Vote
from capacityhub.governance.services import (
    minutes_publish,
    minutes_save,
    motion_close,
    motion_propose,
    vote_cast,
)
from capacityhub.integrity import services as integrity_services
from capacityhub.integrity.models import Decision


def _vote_all(motion, people, choice="for"):
    for person in people:
        vote_cast(actor=person, motion=motion, choice=choice)


def test_a_member_votes_once(motion, owner):
    vote_cast(actor=owner, motion=motion, choice="for")
    with pytest.raises(ValidationError) as error:
        vote_cast(actor=owner, motion=motion, choice="against")
    assert "choice" in error.value.message_dict
    assert list(Vote.objects.values_list("choice", flat=True)) == ["for"]


def test_a_conflicted_member_cannot_vote_and_is_told_why(motion, manager):
    with pytest.raises(PermissionDenied) as error:
        vote_cast(actor=manager, motion=motion, choice="for")
    assert "recused" in str(error.value)
    assert not Vote.objects.exists()


def test_a_conflicted_member_may_record_their_recusal(motion, manager):
    vote = vote_cast(actor=manager, motion=motion, choice="recused")
    assert vote.choice == "recused"


def test_a_member_declares_their_own_recusal_with_a_reason(motion, seated):
    with pytest.raises(ValidationError) as error:
        vote_cast(actor=seated["vera"], motion=motion, choice="recused")
    assert "reason" in error.value.message_dict
    vote = vote_cast(actor=seated["vera"], motion=motion, choice="recused", reason="My cousin")
    assert vote.reason == "My cousin"


@pytest.mark.parametrize("who", ["ada", "stranger", "staff"])
def test_advisors_staff_and_others_do_not_vote(motion, seated, staff, who):
    from capacityhub.community.tests.factories import UserFactory

    actor = {"ada": seated["ada"], "staff": staff}.get(who) or UserFactory()
    with pytest.raises(PermissionDenied):
        vote_cast(actor=actor, motion=motion, choice="for")
    assert not Vote.objects.exists()


def test_an_absent_member_cannot_vote(motion, owner):
    Attendance.objects.filter(person=owner).update(present=False)
    with pytest.raises(ValidationError):
        vote_cast(actor=owner, motion=motion, choice="for")


def test_a_carried_motion_records_the_decision_and_recuses_from_the_register(
    motion, seated, organization, monkeypatch
):
    applied = []
    monkeypatch.setitem(integrity_services._EFFECTS, "community.organization", [applied.append])
    _vote_all(motion, [seated[n] for n in ("chair", "other", "owner", "vera")])
    closed = motion_close(actor=seated["other"], motion=motion)
    assert closed.status == "carried" and closed.votes_for == 4
    assert closed.recusals == 1  # the manager, found by the register, did not vote
    recusal = Vote.objects.get(voter=seated["manager"])
    assert recusal.choice == "recused" and recusal.from_register
    decision = Decision.objects.get()
    assert closed.decision == decision and applied == [decision]
    assert decision.subject_id == str(organization.pk) and decision.outcome == "approved"
    assert decision.data["motion"] == motion.pk and seated["manager"].pk in decision.data["recused"]


def test_a_motion_fails_without_quorum(motion, meeting, seated):
    Attendance.objects.filter(person__username__in=["chair", "vera", "wale"]).update(present=False)
    _vote_all(motion, [seated["other"], seated["owner"]])
    closed = motion_close(actor=seated["other"], motion=motion)
    assert (closed.status, closed.failure) == ("failed", "no_quorum")
    assert closed.decision is None and not Decision.objects.exists()


def test_a_tie_fails(motion, seated):
    _vote_all(motion, [seated["chair"], seated["other"]], "for")
    _vote_all(motion, [seated["owner"], seated["vera"]], "against")
    assert motion_close(actor=seated["chair"], motion=motion).failure == "majority"


def test_only_officers_close_a_motion(motion, owner, manager):
    for actor in (owner, manager):
        with pytest.raises(PermissionDenied):
            motion_close(actor=actor, motion=motion)
    assert Motion.objects.get().status == "open"


def test_minutes_are_drafted_approved_by_vote_and_published(meeting, seated):
    secretary = seated["other"]
    minutes_save(actor=secretary, meeting=meeting, minutes="We met. We decided.")
    motion = motion_propose(actor=secretary, meeting=meeting, kind="minutes", title="Minutes")
    _vote_all(motion, [seated[n] for n in ("chair", "owner", "vera")])
    motion_close(actor=secretary, motion=motion)
    meeting.refresh_from_db()
    assert meeting.minutes_status == "approved"
    with pytest.raises(ValidationError):
        minutes_save(actor=secretary, meeting=meeting, minutes="Changed")
    minutes_publish(actor=secretary, meeting=meeting)
    assert Meeting.objects.get().minutes_status == "published"


def test_minutes_cannot_be_approved_without_quorum(meeting, seated):
    secretary = seated["other"]
    minutes_save(actor=secretary, meeting=meeting, minutes="We met.")
    motion = motion_propose(actor=secretary, meeting=meeting, kind="minutes", title="Minutes")
    _vote_all(motion, [seated["chair"], secretary])
    Attendance.objects.exclude(person__username__in=["chair", "other"]).update(present=False)
    audit_rows = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        motion_close(actor=secretary, motion=motion)
    assert "quorum" in error.value.message_dict
    assert Motion.objects.get(pk=motion.pk).status == "open"
    assert Meeting.objects.get().minutes_status == "draft"
    assert AuditEntry.objects.count() == audit_rows


def test_a_motion_names_a_real_subject(meeting, seated):
    for subject_type, subject_id, field in [
        ("nope.model", "1", "subject_type"),
        ("community.organization", "999999", "subject_id"),
        ("community.organization", "abc", "subject_id"),
        ("community.apitoken", "1", "subject_type"),
        ("auth.group", "1", "subject_type"),
    ]:
        with pytest.raises(ValidationError) as error:
            motion_propose(
                actor=seated["other"],
                meeting=meeting,
                title="X",
                subject_type=subject_type,
                subject_id=subject_id,
                outcome="approved",
            )
        assert field in error.value.message_dict
    assert not Motion.objects.exists()


def test_voting_members_are_told_when_a_motion_opens(meeting, seated):
    from capacityhub.core.models import Notification

    motion_propose(actor=seated["other"], meeting=meeting, title="Adopt the plan",
                   subject_type="governance.board", subject_id=str(meeting.board_id),
                   outcome="adopted")  # fmt: skip
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {"chair", "owner", "manager", "vera", "wale"}  # not the proposer, no advisor
