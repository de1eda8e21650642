"""A visitor browses the capacity taxonomy: opens a branch of the tree, opens a capacity and
sees where it sits and who offers it, then finds it again by an alias and by an accent-less
query in Spanish."""

import re

import pytest
from playwright.sync_api import expect

from capacityhub.community.services import profile_set_capacities, profile_update
from capacityhub.community.tests.factories import UserFactory


@pytest.fixture
def lua_mentor(starter_taxonomy):
    """Ravi, in India, knows and offers Lua scripting."""
    user = UserFactory(username="ravi")
    profile_update(actor=user, profile=user.profile, display_name="Ravi Kumar", country="IN")
    profile_set_capacities(
        actor=user,
        profile=user.profile,
        claims=[("lua-scripting", "knows", 5), ("lua-scripting", "offers", 4)],
    )
    return user


def test_a_visitor_browses_the_tree_opens_a_capacity_and_finds_it_by_alias(page, lua_mentor):
    # given: a visitor on the taxonomy page
    page.goto("/capacities/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Capacities")
    tree = page.get_by_role("region", name="All capacities")
    technology = tree.get_by_role("link", name="Technology", exact=True)
    lua = tree.get_by_role("link", name="Lua scripting", exact=True)
    on_wiki = tree.get_by_role("link", name="On-wiki technical skills", exact=True)

    # then: top-level branches are open, narrower ones are closed
    expect(technology.locator("xpath=following-sibling::details")).to_have_attribute("open", "")
    expect(on_wiki).to_be_visible()
    branch = on_wiki.locator("xpath=following-sibling::details")
    expect(branch).not_to_have_attribute("open", "")
    expect(lua).to_be_hidden()

    # when: they expand "On-wiki technical skills"
    branch.locator("summary").click()

    # then: its narrower capacities show, with how many offer Lua scripting
    expect(branch).to_have_attribute("open", "")
    expect(lua).to_be_visible()
    expect(lua.locator("xpath=..")).to_contain_text("offered by 1")

    # when: they open Lua scripting
    lua.click()

    # then: the breadcrumb shows where it sits, and Ravi offers it
    expect(page.get_by_role("heading", level=1)).to_have_text("Lua scripting")
    breadcrumb = page.get_by_role("navigation", name="Breadcrumb").get_by_role("listitem")
    expect(breadcrumb).to_have_text(
        ["Capacities", "Technology", "On-wiki technical skills", "Lua scripting"]
    )
    offers = page.get_by_role("region", name="Who offers it")
    expect(offers.get_by_role("listitem")).to_have_text([re.compile(r"^Ravi Kumar · South Asia")])
    expect(page.get_by_role("region", name="Who wants to learn it")).to_contain_text("No one yet.")

    # when: they search the taxonomy by the alias "Scribunto"
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Capacities").click()
    page.get_by_role("searchbox", name="Search capacities").fill("Scribunto")
    page.get_by_role("button", name="Search").click()

    # then: Lua scripting is the one match, with its broader capacities
    results = page.get_by_role("region", name=re.compile("match"))
    expect(results.get_by_role("heading")).to_have_text("1 capacity matches “Scribunto”")
    expect(results.get_by_role("link")).to_have_text(["Lua scripting"])
    expect(results.get_by_role("list", name="Broader capacities")).to_have_text(
        re.compile(r"Technology\s*On-wiki technical skills")
    )

    # when: they search in Spanish without the accent ("Programación en Lua")
    page.get_by_role("searchbox", name="Search capacities").fill("programacion en lua")
    page.get_by_role("button", name="Search").click()

    # then: the same capacity is found, shown in the reader's language
    expect(results.get_by_role("heading")).to_have_text("1 capacity matches “programacion en lua”")
    expect(results.get_by_role("link")).to_have_text(["Lua scripting"])

    # and: "recaudacion" finds Fundraising ("Recaudación de fondos") and its narrower capacities
    page.get_by_role("searchbox", name="Search capacities").fill("recaudacion")
    page.get_by_role("button", name="Search").click()
    expect(results.get_by_role("link", name="Fundraising", exact=True)).to_be_visible()
    results.get_by_role("link", name="Fundraising", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fundraising")
    expect(page).to_have_url("/capacities/fundraising/")
