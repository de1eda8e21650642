"""A board member's data: exported; on deletion the running term ends, unpublished advice goes."""

from capacityhub.community.models import User
from capacityhub.community.personal_data import erase_parts, export_parts
from capacityhub.governance.models import AdviceRequest, Term, Vote


def test_the_export_holds_terms_votes_and_advice(motion, owner):
    Vote.objects.create(motion=motion, voter=owner, choice="for")
    AdviceRequest.objects.create(requester=owner, title="Q", question="How?")
    part = export_parts(owner)["governance"]
    assert part["board_terms"][0]["role"] == "member"
    assert part["votes"][0]["choice"] == "for"
    assert part["advice_requests"][0]["title"] == "Q"


def test_erasing_ends_the_term_and_keeps_the_votes(motion, owner):
    Vote.objects.create(motion=motion, voter=owner, choice="for")
    AdviceRequest.objects.create(requester=owner, title="Q", question="How?")
    erase_parts(owner)
    assert Term.objects.get(person=owner).ended_on is not None
    assert not User.objects.get(pk=owner.pk).is_board_member
    assert Vote.objects.filter(voter=owner).exists()
    assert not AdviceRequest.objects.exists()
