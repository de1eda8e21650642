"""Rounds: who may open, invite, answer, close and publish; bad input changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capacityhub.core.models import AuditEntry
from capacityhub.orgdev.models import Answer, Respondent, Round
from capacityhub.orgdev.selectors import round_can_view, round_get, round_list, round_results
from capacityhub.orgdev.services import answers_save, round_close, round_open, round_publish

from .conftest import answers_at


def test_a_manager_opens_a_round_inviting_three_people(organization, manager, respondents):
    round_ = round_open(
        actor=manager, organization=organization, title="First", respondents=respondents
    )
    assert round_.framework.number == 1
    assert sorted(round_.respondents.values_list("role", flat=True)) == [
        "board",
        "facilitator",
        "volunteer",
    ]
    assert AuditEntry.objects.filter(action="orgdev.round.open").exists()


def test_staff_may_open_a_round_too(organization, staff, respondents):
    assert round_open(actor=staff, organization=organization, title="S", respondents=respondents)


@pytest.mark.parametrize("who", ["owner", "other", "anonymous"])
def test_others_cannot_open_a_round(request, organization, respondents, who):
    with pytest.raises(PermissionDenied):
        round_open(
            actor=request.getfixturevalue(who),
            organization=organization,
            title="No",
            respondents=respondents,
        )
    assert not Round.objects.exists()


def test_fewer_than_three_respondents_are_refused(organization, manager, respondents):
    with pytest.raises(ValidationError) as error:
        round_open(
            actor=manager, organization=organization, title="Few", respondents=respondents[:2]
        )
    assert "respondents" in error.value.message_dict
    assert not Round.objects.exists()


def test_an_unknown_person_or_role_is_refused(organization, manager, respondents):
    for bad in ({"username": "nobody", "role": "board"}, {"username": "vol", "role": "king"}):
        with pytest.raises(ValidationError) as error:
            round_open(
                actor=manager,
                organization=organization,
                title="Bad",
                respondents=[*respondents[:2], bad],
            )
        assert "respondents" in error.value.message_dict
    assert not Round.objects.exists()


def test_a_respondent_answers_and_submits(open_round, owner):
    answers = answers_at(3)
    answers["governance-decisions"] = {"level": 2, "evidence": "Minutes", "notes": "Informal"}
    respondent = answers_save(actor=owner, round_=open_round, answers=answers, submit=True)
    assert respondent.submitted_at is not None
    saved = Answer.objects.get(respondent=respondent, question="governance-decisions")
    assert (saved.level, saved.evidence, saved.notes) == (2, "Minutes", "Informal")


@pytest.mark.parametrize("level", [None, 0, 5, "x", True, ""])
def test_an_answer_without_a_level_is_refused(open_round, owner, level):
    answers = {"governance-decisions": {"level": level, "evidence": "Some"}}
    with pytest.raises(ValidationError) as error:
        answers_save(actor=owner, round_=open_round, answers=answers)
    assert "governance-decisions" in error.value.message_dict
    assert not Answer.objects.exists()


def test_submitting_needs_every_question(open_round, owner):
    answers = answers_at(3)
    del answers["technology-security"]
    with pytest.raises(ValidationError) as error:
        answers_save(actor=owner, round_=open_round, answers=answers, submit=True)
    assert "technology-security" in error.value.message_dict
    assert not Answer.objects.exists()
    assert not Respondent.objects.filter(submitted_at__isnull=False).exists()


def test_a_draft_may_be_partial_and_is_replaced(open_round, owner):
    answers_save(actor=owner, round_=open_round, answers={"strategy-plan": {"level": 1}})
    answers_save(actor=owner, round_=open_round, answers={"strategy-plan": {"level": 4}})
    assert list(Answer.objects.values_list("level", flat=True)) == [4]


@pytest.mark.parametrize("who", ["other", "manager", "staff", "anonymous"])
def test_only_invited_people_answer(request, open_round, who):
    with pytest.raises(PermissionDenied):
        answers_save(actor=request.getfixturevalue(who), round_=open_round, answers=answers_at(2))
    assert not Answer.objects.exists()


def test_a_submitted_answer_is_final(open_round, owner):
    answers_save(actor=owner, round_=open_round, answers=answers_at(2), submit=True)
    with pytest.raises(ValidationError):
        answers_save(actor=owner, round_=open_round, answers=answers_at(4))
    assert set(Answer.objects.values_list("level", flat=True)) == {2}


def test_closing_needs_three_submissions(open_round, manager, owner):
    answers_save(actor=owner, round_=open_round, answers=answers_at(2), submit=True)
    with pytest.raises(ValidationError):
        round_close(actor=manager, round_=open_round)
    open_round.refresh_from_db()
    assert open_round.is_open


def test_results_aggregate_submitted_answers(closed_round):
    results = round_results(closed_round)
    governance = results["dimensions"]["governance"]
    assert governance.median == 2
    assert governance.by_role == {"board": 2, "facilitator": 1, "volunteer": 3}
    assert governance.disagreement


def test_results_are_private_to_the_organization(closed_round, owner, other, manager, anonymous):
    assert round_can_view(manager, closed_round)
    assert round_can_view(owner, closed_round)  # a respondent
    assert not round_can_view(other, closed_round)
    assert not round_can_view(anonymous, closed_round)
    with pytest.raises(PermissionDenied):
        round_get(viewer=other, pk=closed_round.pk)
    assert not round_list(viewer=anonymous).exists()


def test_the_organization_may_publish_its_results(closed_round, manager, other, anonymous):
    round_publish(actor=manager, round_=closed_round, published=True)
    assert round_get(viewer=anonymous, pk=closed_round.pk) == closed_round
    assert list(round_list(viewer=other)) == [closed_round]


def test_only_managers_publish_and_only_closed_rounds(open_round, closed_round, owner, manager):
    with pytest.raises(PermissionDenied):
        round_publish(actor=owner, round_=closed_round, published=True)
    with pytest.raises(ValidationError):
        round_publish(actor=manager, round_=open_round, published=True)
    assert not Round.objects.filter(published=True).exists()


def test_a_persons_answers_are_in_their_export_and_open_rounds_let_go(open_round, owner):
    from capacityhub.community.personal_data import erase_parts, export_parts

    answers_save(actor=owner, round_=open_round, answers={"strategy-plan": {"level": 2}})
    exported = export_parts(owner)["orgdev"]
    assert exported["answers"][0]["question"] == "strategy-plan"
    erase_parts(owner)
    assert not Respondent.objects.filter(user=owner).exists()


def test_results_stay_hidden_while_the_round_is_open(open_round, owner, respondents):
    from capacityhub.community.models import User

    answers_save(actor=owner, round_=open_round, answers=answers_at(4), submit=True)
    vol = User.objects.get(username="vol")
    answers_save(actor=vol, round_=open_round, answers=answers_at(1), submit=True)
    assert round_results(open_round) == {"dimensions": {}, "questions": {}}
