"""A newcomer signs up, signs out, and signs in again with username and password; a mistyped
password is refused and leaves her signed out."""

from playwright.sync_api import expect

from capacityhub.community.models import User

PASSWORD = "kano-edits-hausa-2030"


def test_a_newcomer_signs_up_signs_out_and_signs_in_again_to_her_profile(page):
    # given: a visitor signs up
    page.goto("/accounts/signup/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    page.locator("input[name=email]").fill("amina@example.org")
    page.locator("input[name=username]").fill("amina")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    # then: she is signed in and lands on her own profile
    expect(page.get_by_role("status")).to_contain_text("Successfully signed in as amina")
    expect(page.get_by_role("heading", level=1)).to_contain_text("amina")
    expect(page.get_by_role("link", name="Edit profile")).to_be_visible()
    assert User.objects.filter(username="amina", email="amina@example.org").exists()

    # when: she signs out with the button in the header's menu
    page.locator("summary.hub-menu__button").click()
    page.get_by_role("button", name="Sign out").click()

    # then: she is told so and the header offers to sign in again
    expect(page.get_by_role("status")).to_contain_text("You have signed out.")
    page.locator("summary.hub-menu__button").click()  # account links are in the header's menu
    expect(page.locator(".hub-menu__panel").get_by_role("link", name="Sign in")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)

    # when: she signs in again with her username and password
    page.locator(".hub-menu__panel").get_by_role("link", name="Sign in").click()
    page.locator("input[name=login]").fill("amina")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    # then: she lands on her own profile, signed in
    expect(page).to_have_url("/people/amina/")
    expect(page.get_by_role("status")).to_contain_text("Successfully signed in as amina")
    expect(page.get_by_role("link", name="Edit profile")).to_be_visible()
    page.locator("summary.hub-menu__button").click()  # account links are in the header's menu
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_a_wrong_password_shows_an_error_and_does_not_sign_in(page, member):
    # given: a member on the sign-in page
    page.goto("/accounts/login/")

    # when: she mistypes her password
    page.locator("input[name=login]").fill(member.username)
    page.locator("input[name=password]").fill("not-my-password")
    page.get_by_role("button", name="Sign In").click()

    # then: the form says so, and she is still signed out
    expect(page.get_by_role("alert")).to_contain_text("not correct")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.locator("summary.hub-menu__button").click()  # account links are in the header's menu
    expect(page.locator(".hub-menu__panel").get_by_role("link", name="Sign in")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)

    # and: her profile editor still asks her to sign in
    page.goto("/me/edit/")
    expect(page).to_have_url("/accounts/login/?next=/me/edit/")
