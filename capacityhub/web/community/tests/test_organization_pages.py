import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capacityhub.community.models import (
    CapacityClaim,
    Membership,
    Organization,
    OrganizationLanguage,
)
from capacityhub.community.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)
from capacityhub.core.models import AuditEntry

pytestmark = pytest.mark.django_db

LIST = reverse("web:organization-list")


def _edit_url(organization):
    return reverse("web:organization-edit", args=[organization.slug])


def _members_url(organization):
    return reverse("web:organization-members", args=[organization.slug])


def _edit_data(organization, **overrides):
    data = {
        "name": organization.name,
        "names": "",
        "kind": organization.kind,
        "description": organization.description,
        "region": organization.region,
        "website": organization.website,
        "version": organization.version,
        "capacities-TOTAL_FORMS": "3",
        "capacities-INITIAL_FORMS": "0",
        "capacities-MIN_NUM_FORMS": "0",
        "capacities-MAX_NUM_FORMS": "1000",
    }
    for i in range(3):
        data.update(
            {f"capacities-{i}-capacity": "", f"capacities-{i}-relation": "offers"}
            | {f"capacities-{i}-level": "2"}
        )
    data.update(overrides)
    return data


# --- directory -------------------------------------------------------------------------------


def test_the_directory_lists_organizations_with_localized_names(client, organization):
    organization.names = {"fr": "Wikimédiens de Kano"}
    organization.save()
    OrganizationLanguage.objects.create(organization=organization, language="ha")

    english = client.get(LIST)
    french = client.get(LIST, HTTP_ACCEPT_LANGUAGE="fr")

    assert english.status_code == 200
    assert "Wikimedians of Kano" in english.content.decode()
    assert "Hausa" in english.content.decode()
    assert "Sub-Saharan Africa" in english.content.decode()
    assert "Wikimédiens de Kano" in french.content.decode()


def test_the_directory_filters_by_kind_region_language_and_q(client, organization):
    OrganizationFactory(name="Wikimedia Argentina", kind="chapter", region="lac")
    OrganizationLanguage.objects.create(organization=organization, language="ha")

    assert "Wikimedia Argentina" in client.get(LIST, {"kind": "chapter"}).content.decode()
    assert "Kano" not in client.get(LIST, {"kind": "chapter"}).content.decode()
    assert "Kano" not in client.get(LIST, {"region": "lac"}).content.decode()
    assert "Kano" in client.get(LIST, {"language": "ha"}).content.decode()
    assert "Argentina" not in client.get(LIST, {"language": "ha"}).content.decode()
    assert "Argentina" in client.get(LIST, {"q": "argen"}).content.decode()


def test_the_capacity_filter_includes_descendants_and_relation(client, organization, taxonomy):
    CapacityClaim.objects.create(
        organization=organization, capacity=taxonomy["grant-writing"], relation="offers"
    )
    OrganizationFactory(name="Lua Friends")

    offers = client.get(LIST, {"capacity": "fundraising", "relation": "offers"}).content.decode()
    wants = client.get(LIST, {"capacity": "fundraising", "relation": "wants"}).content.decode()

    assert "Wikimedians of Kano" in offers
    assert "Lua Friends" not in offers
    assert "Wikimedians of Kano" not in wants
    assert "No organization matches" in wants


def test_the_capacity_filter_can_leave_narrower_capacities_out(client, organization, taxonomy):
    CapacityClaim.objects.create(
        organization=organization, capacity=taxonomy["grant-writing"], relation="offers"
    )

    exact = client.get(LIST, {"capacity": "fundraising", "exact": "on"}).content.decode()

    assert "Wikimedians of Kano" not in exact


def test_the_directory_ignores_bad_filters_and_bad_pages(client, organization):
    for params in [
        {"kind": "nope"},
        {"region": "<x>"},
        {"capacity": "unknown"},
        {"page": "abc"},
        {"page": "999"},
        {"page": "-1"},
    ]:
        response = client.get(LIST, params)
        assert response.status_code == 200, params
        assert "Wikimedians of Kano" in response.content.decode()


def test_the_directory_paginates(client, settings):
    settings.PAGE_SIZE = 2
    for n in range(5):
        OrganizationFactory(name=f"Group {n}")

    page_3 = client.get(LIST, {"page": 3}).content.decode()

    assert "Group 4" in page_3
    assert "Group 0" not in page_3
    assert "Page 3 of 3" in page_3


def test_the_directory_shows_an_empty_state(client):
    assert "No organization matches" in client.get(LIST).content.decode()


def _directory_queries(client, count: int, taxonomy) -> int:
    Organization.objects.all().delete()
    for n in range(count):
        organization = OrganizationFactory(name=f"Org {n:02}")
        OrganizationLanguage.objects.create(organization=organization, language="fr")
        OrganizationLanguage.objects.create(organization=organization, language="es")
        CapacityClaim.objects.create(
            organization=organization, capacity=taxonomy["lua-scripting"], relation="offers"
        )
    client.get(LIST)  # warm the taxonomy cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_the_directory_runs_the_same_number_of_queries_for_5_or_30_organizations(
    owner_client, taxonomy, settings
):
    settings.PAGE_SIZE = 30

    few = _directory_queries(owner_client, 5, taxonomy)
    many = _directory_queries(owner_client, 30, taxonomy)

    assert few == many
    assert many <= 8


# --- detail ----------------------------------------------------------------------------------


def test_the_detail_page_shows_facts_capacities_and_people(client, organization, manager, taxonomy):
    organization.countries = ["NG", "GH"]
    organization.website = "https://kano.example.org"
    organization.save()
    OrganizationLanguage.objects.create(organization=organization, language="ha")
    CapacityClaim.objects.create(
        organization=organization, capacity=taxonomy["grant-writing"], relation="offers", level=4
    )
    CapacityClaim.objects.create(
        organization=organization, capacity=taxonomy["lua-scripting"], relation="wants"
    )
    MembershipFactory(organization=organization, user=UserFactory(username="visible"))
    hidden = UserFactory(username="hidden")
    hidden.profile.affiliations_visibility = "private"
    hidden.profile.save()
    MembershipFactory(organization=organization, user=hidden)

    page = client.get(reverse("web:organization-detail", args=["wm-kano"])).content.decode()

    assert "Nigeria" in page and "Ghana" in page
    assert "Hausa" in page
    assert "https://kano.example.org" in page
    assert "Grant writing" in page and "Lua scripting" in page
    assert "Manager" in page  # display name of the manager
    assert "Visible" in page
    assert "Hidden" not in page
    assert _edit_url(organization) not in page


def test_the_detail_page_offers_an_edit_link_to_managers_only(
    manager_client, other_client, organization
):
    url = reverse("web:organization-detail", args=[organization.slug])

    assert _edit_url(organization) in manager_client.get(url).content.decode()
    assert _edit_url(organization) not in other_client.get(url).content.decode()


def test_an_unknown_organization_is_a_404(client, db):
    assert client.get(reverse("web:organization-detail", args=["nope"])).status_code == 404


# --- create ----------------------------------------------------------------------------------


def test_a_member_registers_an_organization_and_manages_it(owner_client, owner):
    response = owner_client.post(
        reverse("web:organization-create"),
        {
            "name": "Wikimedistas de Bolivia",
            "names": "en: Wikimedians of Bolivia",
            "kind": "user_group",
            "countries": ["BO"],
            "region": "lac",
            "languages": ["es", "qu"],
        },
    )

    organization = Organization.objects.get(name="Wikimedistas de Bolivia")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:organization-detail", args=[organization.slug])
    assert organization.names == {"en": "Wikimedians of Bolivia"}
    assert organization.countries == ["BO"]
    assert {ol.language for ol in organization.languages.all()} == {"es", "qu"}
    assert Membership.objects.get(organization=organization, user=owner).role == "manager"


def test_registering_needs_a_sign_in(client, db):
    response = client.get(reverse("web:organization-create"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_bad_names_lines_are_refused_with_the_line_number(owner_client):
    response = owner_client.post(
        reverse("web:organization-create"),
        {"name": "X", "kind": "chapter", "names": "fr: Un nom\nxx: Nope\nno colon here"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Line 2" in page and "Line 3" in page
    assert not Organization.objects.filter(name="X").exists()


# --- edit ------------------------------------------------------------------------------------


def test_a_manager_edits_the_organization(manager_client, manager, organization, taxonomy):
    data = _edit_data(
        organization,
        name="Wikimedians of Kano State",
        names="fr: Wikimédiens de Kano\nha: Wikimedia Kano",
        countries=["NG"],
        languages=["ha", "en"],
        website="kano.example.org",
        **{
            "capacities-0-capacity": "grant-writing",
            "capacities-0-relation": "offers",
            "capacities-0-level": "4",
            "capacities-1-capacity": "lua-scripting",
            "capacities-1-relation": "wants",
        },
    )

    response = manager_client.post(_edit_url(organization), data)

    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name == "Wikimedians of Kano State"
    assert organization.names == {"fr": "Wikimédiens de Kano", "ha": "Wikimedia Kano"}
    assert organization.countries == ["NG"]
    assert organization.website == "https://kano.example.org"
    assert organization.version == 2
    assert {ol.language for ol in organization.languages.all()} == {"ha", "en"}
    assert {(c.capacity.code, c.relation, c.level) for c in organization.claims.all()} == {
        ("grant-writing", "offers", 4),
        ("lua-scripting", "wants", 2),
    }
    entry = AuditEntry.objects.filter(action="organization.update").get()
    assert entry.actor == manager
    assert entry.changes["name"] == ["Wikimedians of Kano", "Wikimedians of Kano State"]


def test_the_edit_form_is_prefilled(manager_client, organization, taxonomy):
    CapacityClaim.objects.create(
        organization=organization, capacity=taxonomy["grant-writing"], relation="offers", level=3
    )
    organization.names = {"fr": "Wikimédiens de Kano"}
    organization.save()

    page = manager_client.get(_edit_url(organization)).content.decode()

    assert "fr: Wikimédiens de Kano" in page
    assert 'value="grant-writing" selected' in page
    assert 'name="version" value="1"' in page


def test_another_member_cannot_edit(other_client, other, organization):
    MembershipFactory(organization=organization, user=other)

    assert other_client.get(_edit_url(organization)).status_code == 403
    response = other_client.post(_edit_url(organization), _edit_data(organization, name="Mine"))
    assert response.status_code == 403
    organization.refresh_from_db()
    assert organization.name == "Wikimedians of Kano"


def test_anonymous_is_sent_to_sign_in(client, organization):
    response = client.get(_edit_url(organization))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_staff_can_edit_any_organization(staff_client, organization):
    response = staff_client.post(_edit_url(organization), _edit_data(organization, name="Renamed"))

    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name == "Renamed"


def test_a_stale_version_is_a_conflict_and_changes_nothing(manager_client, organization):
    Organization.objects.filter(pk=organization.pk).update(version=2)

    response = manager_client.post(
        _edit_url(organization), _edit_data(organization, name="Stale", version=1, languages=["fr"])
    )

    assert response.status_code == 200
    assert "Someone else changed this in the meantime" in response.content.decode()
    organization.refresh_from_db()
    assert organization.name == "Wikimedians of Kano"
    assert organization.version == 2
    assert not organization.languages.exists()
    assert not AuditEntry.objects.exists()


def test_an_invalid_country_code_is_refused_and_nothing_changes(manager_client, organization):
    response = manager_client.post(
        _edit_url(organization), _edit_data(organization, name="Changed", countries=["ZZ"])
    )

    assert response.status_code == 200
    assert "Select a valid choice. ZZ" in response.content.decode()
    organization.refresh_from_db()
    assert organization.name == "Wikimedians of Kano"
    assert organization.countries == []


def test_a_failing_later_write_rolls_back_the_earlier_ones(
    manager_client, organization, taxonomy, monkeypatch
):
    from django.core.exceptions import ValidationError

    from capacityhub.web.community import organizations as views

    def failing(**kwargs):
        raise ValidationError({"capacities.lua-scripting": "Level must be between 1 and 5."})

    monkeypatch.setattr(views, "organization_set_capacities", failing)

    response = manager_client.post(
        _edit_url(organization), _edit_data(organization, name="Half", languages=["fr"])
    )

    assert response.status_code == 200
    assert "Lua scripting: Level must be between 1 and 5." in response.content.decode()
    organization.refresh_from_db()
    assert organization.name == "Wikimedians of Kano"
    assert organization.version == 1
    assert not organization.languages.exists()


def test_the_same_capacity_twice_is_refused(manager_client, organization, taxonomy):
    data = _edit_data(
        organization,
        **{"capacities-0-capacity": "lua-scripting", "capacities-1-capacity": "lua-scripting"},
    )

    response = manager_client.post(_edit_url(organization), data)

    assert response.status_code == 200
    assert "listed twice" in response.content.decode()
    assert not organization.claims.exists()


def test_a_broken_formset_is_an_error_not_a_500(manager_client, organization):
    data = {k: v for k, v in _edit_data(organization).items() if not k.startswith("capacities")}

    assert manager_client.post(_edit_url(organization), data).status_code == 200


# --- members ---------------------------------------------------------------------------------


def test_a_manager_adds_a_member_changes_the_role_and_removes_them(
    manager_client, organization, other
):
    url = _members_url(organization)

    added = manager_client.post(url, {"action": "add", "username": "other", "role": "member"})
    membership = Membership.objects.get(organization=organization, user=other)
    promoted = manager_client.post(url, {"action": "role", "username": "other", "role": "manager"})
    membership.refresh_from_db()
    promoted_role = membership.role
    removed = manager_client.post(url, {"username": "other", "remove": "1"})

    assert added.status_code == promoted.status_code == removed.status_code == 302
    assert promoted_role == "manager"
    assert not Membership.objects.filter(organization=organization, user=other).exists()
    assert AuditEntry.objects.filter(action="membership.remove").count() == 1


def test_the_members_page_lists_members(manager_client, organization, other):
    MembershipFactory(organization=organization, user=other)

    page = manager_client.get(_members_url(organization)).content.decode()

    assert "(other)" in page and "(manager)" in page


def test_an_unknown_username_is_a_clear_error(manager_client, organization):
    response = manager_client.post(
        _members_url(organization), {"action": "add", "username": "ghost", "role": "member"}
    )

    assert response.status_code == 200
    assert "No one has the username “ghost”" in response.content.decode()


def test_the_last_manager_cannot_be_removed(manager_client, organization, manager):
    response = manager_client.post(
        _members_url(organization), {"username": "manager", "remove": "1"}, follow=True
    )

    assert "An organization needs at least one manager." in response.content.decode()
    assert Membership.objects.filter(organization=organization, user=manager).exists()


def test_only_managers_and_staff_manage_members(other_client, staff_client, client, organization):
    url = _members_url(organization)

    assert other_client.get(url).status_code == 403
    assert other_client.post(url, {"action": "add", "username": "other"}).status_code == 403
    assert staff_client.get(url).status_code == 200
    assert reverse("account_login") in client.get(url)["Location"]
