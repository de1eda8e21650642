import pytest

from capacityhub.api.core.tests import API, bearer, error_fields
from capacityhub.community.models import (
    CapacityClaim,
    Membership,
    Organization,
    OrganizationLanguage,
    Profile,
)
from capacityhub.community.tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _send(client, method, path, data=None, **headers):
    return getattr(client, method)(
        f"{API}{path}", data or {}, content_type="application/json", headers=headers
    )


@pytest.fixture
def chapters(taxonomy, organization):
    """wm-kano (user group, SSA, Hausa, offers grant writing) and a chapter in Brazil."""
    OrganizationLanguage.objects.create(organization=organization, language="ha")
    CapacityClaim.objects.create(
        organization=organization, capacity=taxonomy["grant-writing"], relation="offers", level=4
    )
    brazil = OrganizationFactory(
        slug="wmbr", name="Wikimedia Brasil", kind="chapter", region="lac", countries=["BR"]
    )
    CapacityClaim.objects.create(
        organization=brazil, capacity=taxonomy["lua-scripting"], relation="wants", level=2
    )
    return organization, brazil


def _slugs(client, query=""):
    response = client.get(f"{API}/organizations?{query}")
    assert response.status_code == 200, response.content
    return [organization["slug"] for organization in response.json()["results"]]


# --- reading -----------------------------------------------------------------------------------


def test_the_organization_list_is_paginated_with_offers_and_wants(client, chapters):
    body = client.get(f"{API}/organizations?page_size=1").json()

    assert body["count"] == 2
    assert "page=2" in body["next"]
    brazil = body["results"][0]
    assert brazil["slug"] == "wmbr"
    assert brazil["region_name"] == "Latin America and the Caribbean"
    assert brazil["wants"] == [{"capacity": "lua-scripting", "label": "Lua scripting", "level": 2}]
    assert brazil["offers"] == []


def test_organizations_are_filtered_by_kind_region_language_capacity_and_name(client, chapters):
    assert _slugs(client, "kind=chapter") == ["wmbr"]
    assert _slugs(client, "region=ssa") == ["wm-kano"]
    assert _slugs(client, "language=ha") == ["wm-kano"]
    assert _slugs(client, "capacity=fundraising&relation=offers") == ["wm-kano"]
    assert _slugs(client, "capacity=fundraising&relation=wants") == []
    assert _slugs(client, "q=brasil") == ["wmbr"]


def test_bad_organization_filters_are_422_naming_the_field(client, chapters):
    assert error_fields(client.get(f"{API}/organizations?kind=club")) == {"kind"}
    assert error_fields(client.get(f"{API}/organizations?capacity=astrology")) == {"capacity"}


def test_the_name_comes_in_the_requested_language_when_known(client, chapters):
    organization, _brazil = chapters
    organization.names = {"fr": "Wikimédiens de Kano"}
    organization.save()

    detail = client.get(f"{API}/organizations/wm-kano?lang=fr").json()

    assert detail["name"] == "Wikimédiens de Kano"
    assert detail["names"] == {"fr": "Wikimédiens de Kano"}
    assert detail["languages"] == [{"code": "ha", "name": "haoussa"}]


def test_the_detail_lists_members_with_name_username_and_role_only(client, chapters, manager):
    member = UserFactory(username="musa", email="musa@example.org")
    Membership.objects.create(organization=chapters[0], user=member)

    response = client.get(f"{API}/organizations/wm-kano")

    detail = response.json()
    assert response.status_code == 200
    assert detail["version"] == 1
    assert detail["can_edit"] is False
    assert sorted(detail["members"], key=lambda m: m["username"]) == [
        {"username": "manager", "display_name": "Manager", "role": "manager"},
        {"username": "musa", "display_name": "Musa", "role": "member"},
    ]
    assert b"@example.org" not in response.content


def test_members_who_hide_their_affiliations_are_not_listed(client, other_client, chapters):
    member = UserFactory(username="musa")
    Profile.objects.filter(user=member).update(affiliations_visibility="members")
    Membership.objects.create(organization=chapters[0], user=member)

    anonymous_view = client.get(f"{API}/organizations/wm-kano").json()
    member_view = other_client.get(f"{API}/organizations/wm-kano").json()

    assert "musa" not in {m["username"] for m in anonymous_view["members"]}
    assert "musa" in {m["username"] for m in member_view["members"]}


def test_managers_are_told_they_can_edit(manager_client, organization):
    assert manager_client.get(f"{API}/organizations/wm-kano").json()["can_edit"] is True


def test_an_unknown_organization_is_a_json_404(client, db):
    response = client.get(f"{API}/organizations/nowhere")

    assert response.status_code == 404
    assert response.json()["detail"]


# --- creating and editing ----------------------------------------------------------------------


def test_a_member_registers_an_organization_and_becomes_its_manager(owner_client, owner):
    response = _send(
        owner_client,
        "post",
        "/organizations",
        {"name": "Wikimedians of Accra", "kind": "user_group", "countries": ["gh"]},
    )

    detail = response.json()
    assert response.status_code == 201
    assert detail["slug"] == "wikimedians-of-accra"
    assert detail["countries"] == ["GH"]
    assert detail["members"] == [{"username": "owner", "display_name": "Owner", "role": "manager"}]
    assert detail["can_edit"] is True


def test_an_anonymous_caller_cannot_register_an_organization(client, db):
    response = _send(client, "post", "/organizations", {"name": "X", "kind": "chapter"})

    assert response.status_code == 401
    assert not Organization.objects.exists()


def test_invalid_organization_fields_are_named(owner_client):
    countries = _send(
        owner_client,
        "post",
        "/organizations",
        {"name": "X", "kind": "chapter", "countries": ["ZZ"]},
    )
    kind = _send(owner_client, "post", "/organizations", {"name": "X", "kind": "club"})
    website = _send(
        owner_client,
        "post",
        "/organizations",
        {"name": "X", "kind": "chapter", "website": "not a url"},
    )
    blank = _send(owner_client, "post", "/organizations", {"name": "  ", "kind": "chapter"})

    assert error_fields(countries) == {"countries"}
    assert error_fields(kind) == {"kind"}
    assert error_fields(website) == {"website"}
    assert error_fields(blank) == {"name"}
    assert not Organization.objects.exists()


def test_a_manager_edits_the_organization(manager_client, organization):
    response = _send(
        manager_client,
        "patch",
        "/organizations/wm-kano",
        {"description": "Hausa Wikipedians.", "version": 1},
    )

    assert response.status_code == 200
    assert response.json()["description"] == "Hausa Wikipedians."
    assert response.json()["version"] == 2


def test_staff_edit_any_organization(staff_client, organization):
    response = _send(
        staff_client, "patch", "/organizations/wm-kano", {"website": "https://x.org", "version": 1}
    )

    assert response.status_code == 200


def test_another_member_cannot_edit_someone_elses_organization(other_client, organization):
    response = _send(
        other_client, "patch", "/organizations/wm-kano", {"name": "Mine now", "version": 1}
    )

    assert response.status_code == 403
    assert Organization.objects.get(pk=organization.pk).name == "Wikimedians of Kano"


def test_an_anonymous_caller_cannot_edit_an_organization(client, organization):
    assert _send(client, "patch", "/organizations/wm-kano", {"name": "X"}).status_code == 401


def test_a_stale_organization_version_is_a_409(manager_client, organization):
    _send(manager_client, "patch", "/organizations/wm-kano", {"name": "A", "version": 1})

    response = _send(manager_client, "patch", "/organizations/wm-kano", {"name": "B", "version": 1})

    assert response.status_code == 409
    assert error_fields(response) == {"version"}


def test_editing_an_unknown_organization_is_a_404(manager_client, db):
    body = {"name": "X", "version": 1}
    assert _send(manager_client, "patch", "/organizations/nowhere", body).status_code == 404


def test_an_organization_patch_without_version_is_422_and_changes_nothing(
    manager_client, organization
):
    response = _send(manager_client, "patch", "/organizations/wm-kano", {"name": "Mine"})

    assert response.status_code == 422
    assert error_fields(response) == {"version"}
    assert Organization.objects.get(pk=organization.pk).name == "Wikimedians of Kano"


def test_a_manager_sets_languages_with_a_bearer_token(client, manager, organization):
    response = _send(
        client,
        "put",
        "/organizations/wm-kano/languages",
        {"languages": ["ha", "en"]},
        **bearer(manager),
    )

    assert response.status_code == 200
    assert {lang["code"] for lang in response.json()["languages"]} == {"ha", "en"}


def test_unknown_organization_languages_are_named(manager_client, organization):
    response = _send(
        manager_client, "put", "/organizations/wm-kano/languages", {"languages": ["xx"]}
    )

    assert response.status_code == 422
    assert error_fields(response) == {"languages"}


def test_another_member_cannot_set_an_organizations_languages(other_client, organization):
    response = _send(other_client, "put", "/organizations/wm-kano/languages", {"languages": []})

    assert response.status_code == 403


def test_a_manager_sets_what_the_organization_offers_and_wants(manager_client, taxonomy, manager):
    response = _send(
        manager_client,
        "put",
        "/organizations/wm-kano/capacities",
        {
            "claims": [
                {"capacity": "grant-writing", "relation": "offers", "level": 5},
                {"capacity": "lua-scripting", "relation": "wants"},
            ]
        },
    )

    detail = response.json()
    assert response.status_code == 200
    assert [c["capacity"] for c in detail["offers"]] == ["grant-writing"]
    assert [c["capacity"] for c in detail["wants"]] == ["lua-scripting"]


def test_an_organization_cannot_claim_to_know(manager_client, taxonomy, manager):
    response = _send(
        manager_client,
        "put",
        "/organizations/wm-kano/capacities",
        {"claims": [{"capacity": "grant-writing", "relation": "knows"}]},
    )

    assert response.status_code == 422
    assert error_fields(response) == {"capacities"}


def test_another_member_cannot_set_an_organizations_capacities(other_client, organization):
    response = _send(other_client, "put", "/organizations/wm-kano/capacities", {"claims": []})

    assert response.status_code == 403


# --- members -----------------------------------------------------------------------------------


def test_a_manager_adds_a_member_and_changes_their_role(manager_client, other, organization):
    added = _send(manager_client, "put", "/organizations/wm-kano/members/other", {"role": "member"})
    promoted = _send(
        manager_client, "put", "/organizations/wm-kano/members/other", {"role": "manager"}
    )

    assert added.status_code == 200
    assert added.json() == {"username": "other", "display_name": "Other", "role": "member"}
    assert promoted.json()["role"] == "manager"
    assert Membership.objects.get(user=other).role == "manager"


def test_another_member_cannot_add_members(other_client, owner, organization):
    response = _send(
        other_client, "put", "/organizations/wm-kano/members/owner", {"role": "member"}
    )

    assert response.status_code == 403
    assert not Membership.objects.filter(user=owner).exists()


def test_adding_an_unknown_person_or_an_unknown_role_is_refused(manager_client, other):
    nobody = _send(
        manager_client, "put", "/organizations/wm-kano/members/nobody", {"role": "member"}
    )
    role = _send(manager_client, "put", "/organizations/wm-kano/members/other", {"role": "boss"})

    assert nobody.status_code == 404
    assert role.status_code == 422
    assert error_fields(role) == {"role"}


def test_a_manager_removes_a_member(manager_client, other, organization):
    Membership.objects.create(organization=organization, user=other)

    response = manager_client.delete(f"{API}/organizations/wm-kano/members/other")

    assert response.status_code == 204
    assert not Membership.objects.filter(user=other).exists()


def test_a_member_may_leave_but_not_remove_others(other_client, owner, other, organization):
    Membership.objects.create(organization=organization, user=owner)
    Membership.objects.create(organization=organization, user=other)

    removing_owner = other_client.delete(f"{API}/organizations/wm-kano/members/owner")
    leaving = other_client.delete(f"{API}/organizations/wm-kano/members/other")

    assert removing_owner.status_code == 403
    assert leaving.status_code == 204
    assert Membership.objects.filter(user=owner).exists()


def test_the_last_manager_cannot_leave(manager_client, organization):
    response = manager_client.delete(f"{API}/organizations/wm-kano/members/manager")

    assert response.status_code == 422
    assert error_fields(response) == {"user"}


def test_removing_someone_who_is_not_a_member_names_the_field(manager_client, other):
    response = manager_client.delete(f"{API}/organizations/wm-kano/members/other")

    assert response.status_code == 422
    assert error_fields(response) == {"user"}


def test_an_anonymous_caller_cannot_manage_members(client, other, organization):
    assert (
        _send(client, "put", "/organizations/wm-kano/members/other", {"role": "member"}).status_code
        == 401
    )
    assert client.delete(f"{API}/organizations/wm-kano/members/other").status_code == 401
