"""Information specialists feature, mark outdated, merge duplicates and close reports."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capacityhub.core.models import Notification
from capacityhub.knowledge.models import Resource, ResourceReport
from capacityhub.knowledge.services.curation import (
    report_resolve,
    resource_feature,
    resource_mark_current,
    resource_mark_outdated,
    resource_merge,
)

from .factories import (
    EndorsementFactory,
    LearningPatternFactory,
    ResourceFactory,
    ResourceReportFactory,
    ResourceUseFactory,
)

pytestmark = pytest.mark.django_db


def test_specialists_and_staff_feature_resources(specialist, staff):
    resource = ResourceFactory()

    resource_feature(actor=specialist, resource=resource)
    assert resource.is_featured
    resource_feature(actor=staff, resource=resource, featured=False)
    assert not resource.is_featured


@pytest.mark.parametrize("who", ["owner", "other", "manager", "anonymous"])
def test_nobody_else_curates(who, request):
    actor = request.getfixturevalue(who)
    resource = ResourceFactory()
    duplicate = ResourceFactory()
    report = ResourceReportFactory(resource=resource)

    for attempt in (
        lambda: resource_feature(actor=actor, resource=resource),
        lambda: resource_mark_outdated(actor=actor, resource=resource, note="old"),
        lambda: resource_merge(actor=actor, duplicate=duplicate, survivor=resource),
        lambda: report_resolve(actor=actor, report=report, status="resolved"),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    resource.refresh_from_db()
    assert not resource.is_featured and resource.status == "published"


def test_an_outdated_resource_carries_a_note_and_can_be_made_current_again(specialist):
    resource = ResourceFactory()

    with pytest.raises(ValidationError) as error:
        resource_mark_outdated(actor=specialist, resource=resource, note=" ")
    resource_mark_outdated(actor=specialist, resource=resource, note="The tool was retired.")

    assert "outdated_note" in error.value.message_dict
    assert (resource.status, resource.outdated_note) == ("outdated", "The tool was retired.")
    resource_mark_current(actor=specialist, resource=resource)
    assert (resource.status, resource.outdated_note) == ("published", "")


def test_merging_moves_family_capacities_uses_and_endorsements_to_the_survivor(
    specialist, owner, other, taxonomy
):
    # given a duplicate with a translation, a use, an endorsement and its own capacity
    survivor = LearningPatternFactory(capacities=[taxonomy["fundraising"]])
    duplicate = LearningPatternFactory(capacities=[taxonomy["lua-scripting"]], url="https://x.org")
    translation = ResourceFactory(original=duplicate, relation="translation", language="fr")
    ResourceUseFactory(resource=duplicate, user=owner)
    ResourceUseFactory(resource=survivor, user=other)
    ResourceUseFactory(resource=duplicate, user=other)  # same person, same day: survivor's wins
    EndorsementFactory(resource=duplicate, user=owner)
    EndorsementFactory(resource=survivor, user=other)
    EndorsementFactory(resource=duplicate, user=other)

    # when a specialist merges it
    resource_merge(actor=specialist, duplicate=duplicate, survivor=survivor)

    # then everything lives on the survivor and the duplicate points at it
    duplicate.refresh_from_db()
    translation.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == ("merged", survivor)
    assert translation.original == survivor
    assert set(survivor.capacities.values_list("code", flat=True)) == {
        "fundraising",
        "lua-scripting",
    }
    assert set(survivor.uses.values_list("user__username", flat=True)) == {"owner", "other"}
    assert survivor.uses.count() == 2
    assert survivor.endorsements.count() == 2
    assert survivor.url == "https://x.org"


def test_merging_into_a_translation_of_the_duplicate_makes_it_the_original(specialist):
    duplicate = ResourceFactory(language="en")
    survivor = ResourceFactory(original=duplicate, relation="translation", language="fr")
    sibling = ResourceFactory(original=duplicate, relation="translation", language="es")

    resource_merge(actor=specialist, duplicate=duplicate, survivor=survivor)

    survivor.refresh_from_db()
    sibling.refresh_from_db()
    assert (survivor.original, survivor.relation) == (None, "")
    assert sibling.original == survivor


def test_a_resource_cannot_be_merged_into_itself_or_into_a_merged_one(specialist):
    resource, gone = ResourceFactory(), ResourceFactory(status=Resource.Status.MERGED)

    with pytest.raises(ValidationError):
        resource_merge(actor=specialist, duplicate=resource, survivor=resource)
    with pytest.raises(ValidationError):
        resource_merge(actor=specialist, duplicate=resource, survivor=gone)


def test_resolving_a_report_closes_it_once_and_tells_the_reporter(
    specialist, owner, django_capture_on_commit_callbacks
):
    report = ResourceReportFactory(reporter=owner)

    with django_capture_on_commit_callbacks(execute=True):
        report_resolve(actor=specialist, report=report, status="resolved", note="Link fixed.")

    assert report.status == ResourceReport.Status.RESOLVED
    assert report.resolved_by == specialist
    assert Notification.objects.filter(recipient=owner).exists()
    with pytest.raises(ValidationError):
        report_resolve(actor=specialist, report=report, status="dismissed")
    with pytest.raises(ValidationError):
        report_resolve(actor=specialist, report=ResourceReportFactory(), status="open")


def test_uses_are_dated(owner):
    use = ResourceUseFactory(user=owner)
    assert isinstance(use.used_on, datetime.date)
