"""An organization's manager opens its page from her profile, edits its description, working
languages and what it offers, and sees the change; an ordinary member of the same
organization who opens the edit page is turned away."""

import re

import pytest
from playwright.sync_api import expect

from capacityhub.community.models import Membership
from capacityhub.community.services import organization_set_capacities, organization_set_languages
from journeys.conftest import login

PASSWORD = "pass-word-1234"  # what the root conftest's UserFactory gives everyone


@pytest.fixture
def kano(organization, manager, other, taxonomy):
    """Wikimedians of Kano (works in Hausa, offers Grant writing); `other` is a plain member."""
    organization_set_languages(actor=manager, organization=organization, languages=["ha"])
    organization_set_capacities(
        actor=manager, organization=organization, claims=[("grant-writing", "offers", 3)]
    )
    Membership.objects.create(organization=organization, user=other, role=Membership.Role.MEMBER)
    return organization


def test_a_manager_edits_her_organization(page, kano, fresh_page):
    # given: the manager signs in and opens her organization from her profile
    login(page, "manager", PASSWORD)
    page.get_by_role("region", name=re.compile("^Organizations")).get_by_role(
        "link", name="Wikimedians of Kano"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wikimedians of Kano")
    offered = page.locator("h2:text-is('Capacities offered') + ul").get_by_role("listitem")
    expect(offered).to_have_text(["Grant writing (intermediate)"])

    # when: she edits the description, working languages and the capacity offered
    page.get_by_role("link", name="Edit", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit Wikimedians of Kano")
    expect(page.locator("select[name=capacities-0-capacity]")).to_have_value("grant-writing")
    page.locator("textarea[name=description]").fill("Edit-a-thons and Lua clinics in Kano.")
    page.locator("select[name=languages]").select_option(["ha", "en"])
    page.locator("select[name=capacities-0-capacity]").select_option("lua-scripting")
    page.locator("select[name=capacities-0-level]").select_option("4")
    page.get_by_role("button", name="Save").click()

    # then: she sees the confirmation and the changed page
    expect(page.get_by_role("status")).to_have_text("The organization was saved.")
    expect(page).to_have_url("/organizations/wm-kano/")
    expect(page.get_by_role("main")).to_contain_text("Edit-a-thons and Lua clinics in Kano.")
    expect(page.locator("dt:text-is('Languages') + dd")).to_have_text("English, Hausa")
    expect(offered).to_have_text(["Lua scripting (advanced)"])
    kano.refresh_from_db()
    assert kano.description == "Edit-a-thons and Lua clinics in Kano."
    assert sorted(kano.languages.values_list("language", flat=True)) == ["en", "ha"]
    assert list(kano.claims.values_list("capacity__code", "relation", "level")) == [
        ("lua-scripting", "offers", 4)
    ]

    # when: an ordinary member of the organization opens the edit page
    member_page = fresh_page()
    login(member_page, "other", PASSWORD)
    member_page.goto("/organizations/wm-kano/")
    expect(member_page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    response = member_page.goto("/organizations/wm-kano/edit/")

    # then: they get the "not allowed" page, and nothing changed
    assert response is not None and response.status == 403
    expect(member_page.get_by_role("heading", level=1)).to_have_text("Not allowed")
    expect(member_page.get_by_role("main")).to_contain_text(
        "You do not have permission to see or change this page."
    )
    expect(member_page.locator("textarea[name=description]")).to_have_count(0)
