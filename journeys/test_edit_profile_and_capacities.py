"""A member says who she is (bio for members only, pronouns, languages) and what she knows,
offers and wants to learn. Offering what she does not know is refused, naming the capacity;
an anonymous visitor does not see her members-only bio."""

import re

from playwright.sync_api import expect

from capacityhub.community.models import Profile
from journeys.conftest import MEMBER_PASSWORD, login
from journeys.pickers import pick_capacity

BIO = "I edit Hausa Wikipedia in the evenings and want to run an edit-a-thon."


def test_a_member_edits_her_profile_and_her_capacities(page, member, taxonomy, fresh_page):
    # given: Amina signs in and lands on her profile
    login(page, "amina", MEMBER_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Amina Bello")

    # when: she edits her bio, pronouns and languages, and shows her bio to members only
    page.get_by_role("link", name="Edit profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit profile")
    page.locator("input[name=pronouns]").fill("she/her")
    page.locator("textarea[name=bio]").fill(BIO)
    page.locator("select[name=bio_visibility]").select_option("members")
    page.locator("select[name=languages-0-language]").select_option("ha")
    page.locator("select[name=languages-0-proficiency]").select_option("0")
    page.locator("select[name=languages-1-language]").select_option("en")
    page.locator("select[name=languages-1-proficiency]").select_option("4")
    page.get_by_role("button", name="Save profile").click()

    # then: her profile says it was saved and shows what she wrote, and who may see the bio
    expect(page.get_by_role("status")).to_have_text("Profile saved.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Amina Bello (she/her)")
    about = page.get_by_role("region", name=re.compile("^About"))
    expect(about).to_contain_text(BIO)
    expect(about.get_by_role("heading")).to_contain_text("visible to: Signed-in members")
    languages = page.get_by_role("region", name=re.compile("^Languages"))
    expect(languages.get_by_role("listitem")).to_have_text(["Hausa — native", "English — advanced"])
    profile = Profile.objects.get(user=member)
    assert profile.bio_visibility == "members"
    assert dict(profile.languages.values_list("language", "proficiency")) == {"ha": 0, "en": 4}

    # when: she says what she knows, offers and wants, but offers Lua scripting she does not know
    page.get_by_role("link", name="Edit capacities").click()
    pick_capacity(page, "grant wri", "grant-writing", {"knows": 4, "offers": 3})
    pick_capacity(page, "lua", "lua-scripting", {"offers": 2})
    pick_capacity(page, "reporting", "grant-reporting", {"wants": 1})
    page.get_by_role("button", name="Save capacities").click()

    # then: the error names the capacity, and nothing was saved
    expect(page.get_by_role("alert")).to_have_text(
        "Lua scripting: You can only offer a capacity you also know."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("My capacities")
    assert not profile.claims.exists()

    # when: she fixes it by saying she knows Lua scripting too
    lua = page.locator(".hub-picker__row[data-code='lua-scripting']")
    expect(lua.locator("#claim-lua-scripting-offers")).to_be_checked()
    lua.locator("#claim-lua-scripting-knows").check()
    lua.locator("#claim-lua-scripting-knows-level").select_option("2")
    page.get_by_role("button", name="Save capacities").click()

    # then: her profile lists what she knows, offers and wants
    expect(page.get_by_role("status")).to_have_text("Capacities saved.")
    capacities = page.get_by_role("region", name=re.compile("^Capacities"))
    columns = capacities.locator(".claim-columns > div")
    knows = columns.filter(has=page.get_by_role("heading", name="Knows", exact=True))
    offers = columns.filter(has=page.get_by_role("heading", name="Offers", exact=True))
    wants = columns.filter(has=page.get_by_role("heading", name="Wants to learn", exact=True))
    expect(knows.get_by_role("link")).to_have_text(["Grant writing", "Lua scripting"])
    expect(offers.get_by_role("listitem")).to_have_text(
        [
            re.compile(r"Grant writing\s+— level 3 \(intermediate\)"),
            re.compile(r"Lua scripting\s+— level 2 \(basic\)"),
        ]
    )
    expect(wants.get_by_role("link")).to_have_text(["Grant reporting"])
    saved = set(profile.claims.values_list("capacity__code", "relation", "level"))
    assert saved == {
        ("grant-writing", "knows", 4),
        ("lua-scripting", "knows", 2),
        ("grant-writing", "offers", 3),
        ("lua-scripting", "offers", 2),
        ("grant-reporting", "wants", 1),
    }

    # when: an anonymous visitor opens her profile in another browser
    visitor = fresh_page()
    visitor.goto("/people/amina/")

    # then: they see her name, pronouns and capacities but not her members-only bio
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Amina Bello (she/her)")
    expect(visitor.get_by_role("main")).to_contain_text("Grant writing")
    expect(visitor.get_by_role("main")).not_to_contain_text(BIO)
    expect(visitor.get_by_role("region", name=re.compile("^About"))).to_have_count(0)
    expect(visitor.get_by_role("button", name="Sign out")).to_have_count(0)
