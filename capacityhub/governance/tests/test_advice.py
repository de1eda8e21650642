"""Advice: routed by capacity, answered by an adviser, published when the requester agrees."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capacityhub.community.models import CapacityClaim
from capacityhub.core.models import Notification
from capacityhub.governance.models import AdviceRequest
from capacityhub.governance.selectors import advice_can_view, advice_list
from capacityhub.governance.services import advice_answer, advice_publish, advice_request


@pytest.fixture
def knowing(seated, taxonomy):
    CapacityClaim.objects.create(
        profile=seated["ada"].profile, capacity=taxonomy["grant-writing"], relation="offers"
    )
    CapacityClaim.objects.create(
        profile=seated["vera"].profile, capacity=taxonomy["grant-reporting"], relation="knows"
    )
    CapacityClaim.objects.create(
        profile=seated["wale"].profile, capacity=taxonomy["lua-scripting"], relation="knows"
    )
    return seated


def _ask(actor, **fields):
    values = {"title": "Grant reports", "question": "How do we report?",
              "capacities": ["grant-writing"], "languages": ["fr"]} | fields  # fmt: skip
    return advice_request(actor=actor, **values)


def test_a_request_goes_to_the_advisers_who_know_the_capacity(knowing, stranger):
    request = _ask(stranger)
    routed = list(request.routes.values_list("adviser__username", flat=True))
    assert routed == ["ada", "vera"]  # the exact capacity, then its sibling; not lua
    assert Notification.objects.filter(recipient=knowing["ada"]).exists()


def test_with_nobody_near_the_officers_receive_it(seated, taxonomy, stranger):
    request = _ask(stranger, capacities=["lua-scripting"])
    assert set(request.routes.values_list("adviser__username", flat=True)) == {"chair", "other"}


def test_bad_input_names_the_field_and_changes_nothing(seated, taxonomy, stranger):
    for fields, field in [({"capacities": ["nope"]}, "capacities"), ({"title": ""}, "title"),
                          ({"languages": ["xx-nope"]}, "languages")]:  # fmt: skip
        with pytest.raises(ValidationError) as error:
            _ask(stranger, **fields)
        assert field in error.value.message_dict
    assert not AdviceRequest.objects.exists()


def test_asking_for_an_organization_needs_to_manage_it(seated, taxonomy, owner, organization):
    with pytest.raises(PermissionDenied):
        _ask(owner, organization=organization)


def test_answered_then_published_only_with_the_requesters_agreement(knowing, stranger, owner):
    request = _ask(stranger)
    assert not advice_can_view(owner, request)
    with pytest.raises(PermissionDenied):
        advice_answer(actor=owner, request=request, answer="Hmm")
    advice_answer(actor=knowing["ada"], request=request, answer="Use the template.")
    with pytest.raises(ValidationError):
        advice_answer(actor=knowing["vera"], request=request, answer="Twice")
    assert list(advice_list(viewer=None)) == []
    with pytest.raises(PermissionDenied):
        advice_publish(actor=knowing["ada"], request=request)
    advice_publish(actor=stranger, request=request)
    assert list(advice_list(viewer=None)) == [request]
    assert advice_can_view(None, AdviceRequest.objects.get())


@pytest.fixture
def stranger(db):
    from capacityhub.community.tests.factories import UserFactory

    return UserFactory(username="organizer")
