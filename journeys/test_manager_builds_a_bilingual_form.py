"""An organization's manager builds a form in English and Spanish from her profile, previews it
as a Spanish speaker would see it, and finds it in the version history; a member declares an
interest in that organization and then withdraws it."""

import pytest
from playwright.sync_api import expect

from capacityhub.forms.models import Form
from capacityhub.integrity.models import Interest
from journeys.conftest import login

PASSWORD = "pass-word-1234"  # what the root conftest's UserFactory gives everyone


@pytest.fixture
def kano(organization, manager, other):
    return organization


def test_a_manager_builds_a_bilingual_form_and_previews_it_in_spanish(page, kano):
    # given: the manager signs in and finds the form builder on her own profile
    login(page, "manager", PASSWORD)
    page.goto("/me/")
    page.get_by_role("region", name="Integrity").get_by_role("link", name="Forms").click()
    page.get_by_role("link", name="New form").click()

    # when: she writes a title and one required question in English and Spanish
    page.locator("select[name=organization]").select_option(label="Wikimedians of Kano")
    page.locator("input[name=title_en]").fill("Conference scholarship")
    page.locator("input[name=title_es]").fill("Beca para la conferencia")
    page.locator("input[name=q-0-key]").fill("motivation")
    page.locator("select[name=q-0-kind]").select_option("long_text")
    page.locator("input[name=q-0-required]").check()
    page.locator("input[name=q-0-label_en]").fill("Why do you want to attend?")
    page.locator("input[name=q-0-label_es]").fill("¿Por qué quiere asistir?")
    page.get_by_role("button", name="Save").click()

    # then: the form exists, with its first version, and the Spanish preview speaks Spanish
    expect(page.get_by_role("status")).to_have_text("The form is saved.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Conference scholarship")
    expect(page.locator("table tbody tr")).to_have_count(1)
    page.get_by_role("link", name="español").click()
    preview = page.get_by_role("region", name="Beca para la conferencia")
    expect(preview).to_contain_text("¿Por qué quiere asistir? (required)")
    form = Form.objects.get()
    assert form.owner_organization == kano and form.title["es"] == "Beca para la conferencia"


def test_a_member_declares_an_interest_and_withdraws_it(page, kano):
    login(page, "other", PASSWORD)
    page.goto("/me/")
    page.get_by_role("region", name="Integrity").get_by_role(
        "link", name="My declared interests"
    ).click()

    page.locator("select[name=kind]").select_option("organization_role")
    page.locator("input[name=organization]").fill(kano.slug)
    page.locator("textarea[name=description]").fill("Treasurer since 2024")
    page.get_by_role("button", name="Declare").click()

    expect(page.get_by_role("status")).to_have_text("Your interest is declared.")
    expect(page.locator("table")).to_contain_text("Treasurer since 2024")
    page.get_by_role("button", name="Withdraw").click()
    expect(page.locator("table")).to_contain_text("Withdrawn on")
    assert Interest.objects.get().withdrawn_at is not None
