"""The one check every app uses for the capacity and method codes it is sent."""

import pytest
from django.core.exceptions import ValidationError

from capacityhub.taxonomy.validation import resolve_capacities, resolve_methods

pytestmark = pytest.mark.django_db


def test_codes_become_capacities_in_the_order_given_each_once(taxonomy):
    found = resolve_capacities(["lua-scripting", "fundraising", "lua-scripting"])
    assert [c.code for c in found] == ["lua-scripting", "fundraising"]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ("lua-scripting", "Give a list of codes."),
        ([1, 2], "Give a list of codes."),
        ([], "Choose at least one capacity."),
        (["no-such-thing"], "Unknown capacity: “no-such-thing”."),
        ([f"c{n}" for n in range(21)], "At most 20 may be chosen."),
    ],
)
def test_bad_capacity_lists_are_refused_naming_the_field(taxonomy, values, message):
    with pytest.raises(ValidationError) as refused:
        resolve_capacities(values, field="targets")
    assert refused.value.message_dict == {"targets": [message]}


def test_an_empty_list_is_fine_where_capacities_are_optional(taxonomy):
    assert resolve_capacities([], required=False) == []


def test_unknown_methods_are_refused():
    with pytest.raises(ValidationError) as refused:
        resolve_methods(["carrier-pigeon"])
    assert refused.value.message_dict == {"methods": ["Unknown method: “carrier-pigeon”."]}
