"""Amina signs up, says what she knows and offers, and finds herself in the directory by the
broader capacity (a parent of the one she offers)."""

import re

from playwright.sync_api import expect

from journeys.pickers import pick_capacity


def test_a_new_member_signs_up_fills_a_profile_and_finds_herself_by_a_parent_capacity(
    page, starter_taxonomy
):
    # given: a visitor on the sign-up page
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("amina@example.org")
    page.get_by_label("Username").fill("amina")
    page.locator("input[name=password1]").fill("kano-edits-hausa-2030")
    page.locator("input[name=password2]").fill("kano-edits-hausa-2030")
    page.get_by_role("button", name="Create account").click()

    # when: she fills her profile
    page.goto("/me/edit/")
    page.locator("input[name=display_name]").fill("Amina Bello")
    page.locator("select[name=country]").select_option("NG")
    page.get_by_role("button", name=re.compile("Save")).click()
    expect(page.get_by_role("status")).to_contain_text("saved")

    # and: says she knows and offers edit-a-thon organizing
    page.goto("/me/capacities/")
    pick_capacity(page, "edit-a-thon", "edit-a-thon", {"knows": 4, "offers": 3})
    page.get_by_role("button", name="Save capacities").click()
    expect(page.get_by_role("status")).to_be_visible()

    # then: filtering the directory by the parent capacity finds her
    page.goto("/people/")
    page.locator("details.hub-filters > summary").click()  # collapsed on a phone: results first
    page.locator("select[name=capacity]").select_option("event-organizing")
    page.locator("select[name=region]").select_option("ssa")
    page.get_by_role("button", name=re.compile("Filter|Search|Apply")).click()
    expect(page.get_by_role("main")).to_contain_text("Amina Bello")

    # and: her public profile shows the capacity she offers
    page.get_by_role("link", name="Amina Bello").click()
    expect(page.get_by_role("main")).to_contain_text("Edit-a-thons")
