"""Reassessment (change per dimension and question, across framework versions), peer
benchmarks, development plans and a gap turned into a need."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from capacityhub.community.models import CapacityClaim, Relation
from capacityhub.community.tests.factories import OrganizationFactory
from capacityhub.exchange.models import Need
from capacityhub.orgdev.framework import BUILTIN_V1
from capacityhub.orgdev.models import FrameworkVersion, Goal, Milestone
from capacityhub.orgdev.selectors import (
    assessment_change,
    dimension_capacity_codes,
    peer_benchmarks,
    plan_can_view,
    round_change,
    supporting_organizations,
)
from capacityhub.orgdev.services import (
    framework_version_create,
    gap_need_create,
    goal_create,
    milestone_add,
    milestone_complete,
)

from .conftest import answers_at, run_round


def test_assessment_change_compares_the_two_latest_rounds(organization, manager, respondents):
    assert assessment_change(organization) == {}
    run_round(organization, manager, respondents, [1, 2, 2], title="Before")
    run_round(organization, manager, respondents, [3, 3, 4], title="After")
    change = assessment_change(organization)
    assert change["governance"] == (2, 3)
    assert set(change) == {
        "governance", "strategy", "finance", "programmes", "partnerships", "people",
        "communications", "evaluation", "technology",
    }  # fmt: skip


def test_a_new_framework_version_maps_old_questions(organization, manager, staff, respondents):
    before = run_round(organization, manager, respondents, [2, 2, 2], title="v1")
    asked = [q for q in BUILTIN_V1 if q != "strategy-priorities"]
    framework_version_create(
        actor=staff, questions=asked, mapping={"strategy-priorities": "strategy-plan"}
    )
    after_answers = {k: v for k, v in answers_at(3).items() if k != "strategy-priorities"}
    after = run_round(organization, manager, respondents, [after_answers] * 3, title="v2")
    assert after.framework.number == 2
    change = round_change(before, after)
    assert "strategy-priorities" not in change["questions"]
    assert change["questions"]["strategy-plan"] == (2, 3)
    assert change["mapping"] == {"strategy-priorities": "strategy-plan"}


def test_framework_versions_are_checked_and_staff_only(manager, staff):
    with pytest.raises(PermissionDenied):
        framework_version_create(actor=manager, questions=list(BUILTIN_V1))
    with pytest.raises(ValidationError) as error:
        framework_version_create(actor=staff, questions=["nope"])
    assert "questions" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        framework_version_create(actor=staff, questions=list(BUILTIN_V1), mapping={"x": "y"})
    assert "mapping" in error.value.message_dict
    assert FrameworkVersion.objects.count() == 1


def test_peer_benchmarks_appear_only_for_five_organizations(organization, manager, respondents):
    from capacityhub.community.models import Membership

    run_round(organization, manager, respondents, [2, 2, 2])
    assert peer_benchmarks(organization) == {"kind": {}, "region": {}}
    for n in range(4):
        peer = OrganizationFactory(kind=organization.kind, region="cee", slug=f"peer-{n}")
        Membership.objects.create(organization=peer, user=manager, role="manager")
        run_round(peer, manager, respondents, [4, 4, 4], title=f"peer {n}")
    cache.clear()  # benchmarks are cached five minutes
    found = peer_benchmarks(organization)
    assert found["kind"]["governance"] == 4
    assert found["region"] == {}


def test_a_manager_plans_goals_with_milestones(organization, manager, owner, respondents):
    goal = goal_create(
        actor=manager,
        organization=organization,
        dimension="finance",
        title="Two funders",
        owner=owner.username,
        due_on="2027-06-30",
    )
    milestone = milestone_add(actor=manager, goal=goal, title="Draft a proposal")
    milestone_complete(actor=manager, milestone=milestone)
    assert Milestone.objects.get().done_at is not None
    assert plan_can_view(owner, organization)


@pytest.mark.parametrize(
    "fields",
    [
        {"dimension": "cooking"},
        {"title": ""},
        {"due_on": "tomorrow"},
        {"owner": "other"},  # not a member
    ],
)
def test_bad_goals_are_refused(organization, manager, other, fields):
    data = {"dimension": "finance", "title": "Goal", **fields}
    with pytest.raises(ValidationError) as error:
        goal_create(actor=manager, organization=organization, **data)
    assert set(error.value.message_dict) & set(fields)
    assert not Goal.objects.exists()


@pytest.mark.parametrize("who", ["owner", "other", "anonymous"])
def test_only_managers_plan(request, organization, who):
    with pytest.raises(PermissionDenied):
        goal_create(
            actor=request.getfixturevalue(who),
            organization=organization,
            dimension="finance",
            title="No",
        )


def test_a_gap_becomes_a_need_in_one_action(organization, manager, taxonomy):
    goal = gap_need_create(actor=manager, organization=organization, dimension="finance")
    need = Need.objects.get()
    assert goal.need == need
    assert need.organization == organization
    assert set(need.capacities.values_list("code", flat=True)) == {"fundraising", "grant-writing"}


def test_a_gap_without_mapped_capacities_is_refused(organization, manager, taxonomy):
    with pytest.raises(ValidationError) as error:
        gap_need_create(actor=manager, organization=organization, dimension="governance")
    assert "dimension" in error.value.message_dict
    assert not Need.objects.exists() and not Goal.objects.exists()


def test_others_cannot_turn_a_gap_into_a_need(organization, other, taxonomy):
    with pytest.raises(PermissionDenied):
        gap_need_create(actor=other, organization=organization, dimension="finance")
    assert not Need.objects.exists()


def test_organizations_offering_the_dimension_are_shown(organization, taxonomy):
    helper = OrganizationFactory(slug="helper")
    CapacityClaim.objects.create(
        organization=helper, capacity=taxonomy["fundraising"], relation=Relation.OFFERS
    )
    assert dimension_capacity_codes("technology") == ["technology"]
    assert list(supporting_organizations("finance", exclude=organization)) == [helper]
    assert list(supporting_organizations("technology")) == []


def test_a_framework_version_is_never_edited(db):
    from capacityhub.orgdev.services import framework_ensure

    version = framework_ensure()
    version.questions = ["strategy-plan"]
    with pytest.raises(ValidationError):
        version.save()
    version.refresh_from_db()
    assert version.questions == list(BUILTIN_V1)
