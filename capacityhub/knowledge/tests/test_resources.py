"""Adding, editing and withdrawing resources, and who may."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capacityhub.community.models import Membership
from capacityhub.core.models import AuditEntry
from capacityhub.knowledge.models import Resource
from capacityhub.knowledge.selectors import resource_can_edit, resource_family
from capacityhub.knowledge.services.resources import (
    resource_create,
    resource_update,
    resource_withdraw,
)

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db


def guide(actor, **fields):
    values = {
        "kind": "guide",
        "title": "Running an edit-a-thon",
        "summary": "A checklist.",
        "language": "en",
        "capacities": ["fundraising"],
        "body": "Book a room.",
    }
    return resource_create(actor=actor, **{**values, **fields})


def test_a_member_adds_a_guide_under_cc_by_sa_by_default(owner, taxonomy):
    resource = guide(owner)

    assert resource.licence == "CC-BY-SA-4.0"
    assert resource.status == "published"
    assert list(resource.capacities.all()) == [taxonomy["fundraising"]]
    assert AuditEntry.objects.filter(action="resource.create", target_id=str(resource.pk)).exists()


def test_an_anonymous_visitor_cannot_add_a_resource(anonymous, taxonomy):
    with pytest.raises(PermissionDenied):
        guide(anonymous)


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"title": "  "}, "title"),
        ({"summary": ""}, "summary"),
        ({"language": "klingon"}, "language"),
        ({"capacities": []}, "capacities"),
        ({"capacities": ["nope"]}, "capacities"),
        ({"kind": "poem"}, "kind"),
        ({"body": "", "url": ""}, "body"),
        ({"kind": "video", "url": ""}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"kind": "learning_pattern", "problem": ""}, "problem"),
        ({"authors": ["ghost"]}, "authors"),
    ],
)
def test_it_refuses_bad_input_naming_the_field(owner, taxonomy, fields, field):
    with pytest.raises(ValidationError) as error:
        guide(owner, **fields)

    assert field in error.value.message_dict
    assert not Resource.objects.exists()


def test_only_members_of_an_organization_publish_in_its_name(
    owner, manager, organization, taxonomy
):
    with pytest.raises(PermissionDenied):
        guide(owner, organization=organization)

    assert guide(manager, organization=organization).organization == organization


def test_a_translation_points_at_the_original_and_is_in_another_language(owner, other, taxonomy):
    original = guide(owner)

    with pytest.raises(ValidationError) as error:
        guide(other, original=original, relation="translation", language="en")
    translation = guide(other, original=original, relation="translation", language="ha")
    adaptation = guide(other, original=translation, relation="adaptation", language="ha")

    assert "language" in error.value.message_dict
    assert adaptation.original == original  # always the original, never a derivative
    assert {r.pk for r in resource_family(translation)} == {
        original.pk,
        translation.pk,
        adaptation.pk,
    }


@pytest.mark.parametrize("who", ["owner", "manager", "staff", "specialist", "author"])
def test_the_creator_authors_managers_specialists_and_staff_may_edit(
    who, owner, manager, staff, specialist, organization, taxonomy, request
):
    from capacityhub.community.tests.factories import UserFactory

    author = UserFactory(username="author")
    resource = ResourceFactory(created_by=owner, organization=organization, authors=[author])
    editor = author if who == "author" else request.getfixturevalue(who)

    assert resource_can_edit(resource=resource, user=editor)
    updated = resource_update(actor=editor, resource=resource, title="Better title")
    assert updated.title == "Better title"


def test_another_member_may_not_edit(owner, other, anonymous, taxonomy):
    resource = ResourceFactory(created_by=owner)

    for intruder in (other, anonymous):
        with pytest.raises(PermissionDenied):
            resource_update(actor=intruder, resource=resource, title="Mine now")
    resource.refresh_from_db()
    assert resource.title != "Mine now"


def test_a_plain_member_of_the_organization_may_not_edit(owner, other, organization, taxonomy):
    Membership.objects.create(organization=organization, user=other)
    resource = ResourceFactory(created_by=owner, organization=organization)

    assert not resource_can_edit(resource=resource, user=other)


def test_a_stale_edit_is_refused_with_a_version_conflict(owner, taxonomy):
    resource = guide(owner)
    resource_update(actor=owner, resource=resource, expected_version=1, title="First")

    with pytest.raises(ValidationError) as error:
        resource_update(actor=owner, resource=resource, expected_version=1, title="Second")

    assert "version" in error.value.message_dict
    resource.refresh_from_db()
    assert resource.title == "First"


def test_editing_capacities_and_authors_replaces_them(owner, other, taxonomy):
    resource = guide(owner)

    resource_update(actor=owner, resource=resource, capacities=["lua-scripting"], authors=["other"])

    assert list(resource.capacities.values_list("code", flat=True)) == ["lua-scripting"]
    assert list(resource.authors.all()) == [other]


def test_an_unknown_field_cannot_be_changed(owner, taxonomy):
    resource = guide(owner)

    with pytest.raises(ValidationError) as error:
        resource_update(actor=owner, resource=resource, status="merged")

    assert "status" in error.value.message_dict


def test_the_creator_withdraws_a_resource_and_others_cannot(owner, other, taxonomy):
    resource = guide(owner)

    with pytest.raises(PermissionDenied):
        resource_withdraw(actor=other, resource=resource)
    resource_withdraw(actor=owner, resource=resource)

    assert resource.status == "withdrawn"
    with pytest.raises(ValidationError):
        resource_update(actor=owner, resource=resource, title="Back")


def test_deleting_an_original_keeps_its_translations(owner, taxonomy):
    original = guide(owner)
    translation = guide(owner, original=original, relation="translation", language="fr")

    original.delete()

    translation.refresh_from_db()
    assert translation.original is None and translation.status == "published"
