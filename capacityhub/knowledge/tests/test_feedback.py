"""Readers record uses, endorse learning patterns, report problems and ask for translations."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capacityhub.exchange.models import Need
from capacityhub.knowledge.models import Endorsement, ResourceReport, ResourceUse
from capacityhub.knowledge.selectors import resource_use_summary
from capacityhub.knowledge.services.feedback import (
    resource_endorse,
    resource_report,
    resource_translation_request,
    resource_use_record,
)
from capacityhub.taxonomy.tests.factories import CapacityFactory

from .factories import LearningPatternFactory, ResourceFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 1)


def record(actor, resource, **fields):
    values = {
        "region": "ssa",
        "language": "ha",
        "organization_kind": "user_group",
        "audience_size": 25,
        "outcome": "worked_well",
        "rating": 5,
        "comment": "Great for our first workshop.",
        "used_on": DAY,
    }
    return resource_use_record(actor=actor, resource=resource, **{**values, **fields})


def test_a_member_records_where_and_how_a_resource_was_used(owner, other):
    resource = ResourceFactory()

    record(owner, resource)
    record(other, resource, region="sa", rating=3)

    summary = resource_use_summary(resource)
    assert summary.uses == 2
    assert summary.regions == ("sa", "ssa")
    assert summary.average_rating == 4.0


def test_a_second_record_the_same_day_is_refused_not_double_counted(owner):
    resource = ResourceFactory()
    record(owner, resource)

    with pytest.raises(ValidationError) as error:
        record(owner, resource, rating=1)

    assert "used_on" in error.value.message_dict
    assert ResourceUse.objects.count() == 1


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"region": "mars"}, "region"),
        ({"language": "zz"}, "language"),
        ({"organization_kind": "club"}, "organization_kind"),
        ({"audience_size": -1}, "audience_size"),
        ({"outcome": "meh"}, "outcome"),
        ({"rating": 6}, "rating"),
        ({"rating": 0}, "rating"),
        ({"used_on": datetime.date(2999, 1, 1)}, "used_on"),
    ],
)
def test_a_use_with_bad_input_is_refused_naming_the_field(owner, fields, field):
    with pytest.raises(ValidationError) as error:
        record(owner, ResourceFactory(), **fields)

    assert field in error.value.message_dict
    assert not ResourceUse.objects.exists()


def test_anonymous_visitors_cannot_record_endorse_report_or_request(anonymous):
    resource = LearningPatternFactory()

    for attempt in (
        lambda: record(anonymous, resource),
        lambda: resource_endorse(actor=anonymous, resource=resource),
        lambda: resource_report(actor=anonymous, resource=resource, reason="wrong"),
        lambda: resource_translation_request(actor=anonymous, resource=resource, language="ha"),
    ):
        with pytest.raises(PermissionDenied):
            attempt()


def test_a_learning_pattern_is_endorsed_once_per_person(owner):
    pattern = LearningPatternFactory()

    resource_endorse(actor=owner, resource=pattern, comment="Worked for us.")
    with pytest.raises(ValidationError):
        resource_endorse(actor=owner, resource=pattern)

    assert Endorsement.objects.filter(resource=pattern).count() == 1


def test_only_learning_patterns_can_be_endorsed(owner):
    with pytest.raises(ValidationError) as error:
        resource_endorse(actor=owner, resource=ResourceFactory())

    assert "resource" in error.value.message_dict


def test_a_member_reports_a_problem_which_opens_in_the_queue(owner):
    resource = ResourceFactory()

    report = resource_report(actor=owner, resource=resource, reason="broken_link", details="404")

    assert report.status == ResourceReport.Status.OPEN
    with pytest.raises(ValidationError) as error:
        resource_report(actor=owner, resource=resource, reason="boring")
    assert "reason" in error.value.message_dict


def test_a_translation_request_becomes_a_need_on_translation_and_the_resources_capacities(
    owner, taxonomy
):
    CapacityFactory(code="translation", label="Translation")
    resource = ResourceFactory(capacities=[taxonomy["fundraising"]], title="Grant basics")

    need = resource_translation_request(actor=owner, resource=resource, language="ha")

    assert need.requester == owner
    assert need.languages == ["ha"]
    assert set(need.capacities.values_list("code", flat=True)) == {"translation", "fundraising"}
    assert "Grant basics" in need.title
    assert f"/resources/{resource.pk}/" in need.description


def test_a_translation_request_works_without_a_translation_capacity(owner, taxonomy):
    resource = ResourceFactory(capacities=[taxonomy["lua-scripting"]])

    need = resource_translation_request(actor=owner, resource=resource, language="fr")

    assert list(need.capacities.values_list("code", flat=True)) == ["lua-scripting"]


def test_no_translation_is_requested_into_the_resources_own_or_an_existing_language(
    owner, taxonomy
):
    resource = ResourceFactory(capacities=[taxonomy["lua-scripting"]], language="en")
    ResourceFactory(
        capacities=[taxonomy["lua-scripting"]],
        language="fr",
        original=resource,
        relation="translation",
    )

    for language in ("en", "fr", "xx"):
        with pytest.raises(ValidationError) as error:
            resource_translation_request(actor=owner, resource=resource, language=language)
        assert "language" in error.value.message_dict
    assert not Need.objects.exists()
