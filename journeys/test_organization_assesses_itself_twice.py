"""An organization runs two self-assessment rounds and sees change: its manager opens the
second round on the page, a board member answers every question on the page (the other two
respondents answer too), the manager closes the round, sees the change since the first round
and turns the finance gap into a need, whose page shows who could help (a peer organization
offering fundraising)."""

import re

import pytest
from playwright.sync_api import expect

from capacityhub.community.models import Membership, User
from capacityhub.community.tests.factories import OrganizationFactory, UserFactory
from capacityhub.exchange.tests.factories_needs import offer_of
from capacityhub.orgdev.framework import BUILTIN_V1
from capacityhub.orgdev.models import Round
from capacityhub.orgdev.services import answers_save, round_close, round_open
from journeys.conftest import login

PASSWORD = "pass-word-1234"
PEOPLE = [("owner", "board"), ("vol", "volunteer"), ("facil", "facilitator")]


def _answers(level: int) -> dict:
    return {key: {"level": level} for key in BUILTIN_V1}


@pytest.fixture
def kano(organization, manager, owner, taxonomy):
    """Wikimedians of Kano with a first, closed round (everyone said 1); a peer offers
    fundraising."""
    for username in ("vol", "facil"):
        UserFactory(username=username)
    for username, _role in PEOPLE[:2]:
        Membership.objects.create(
            organization=organization, user=User.objects.get(username=username)
        )
    invited = [{"username": u, "role": r} for u, r in PEOPLE]
    first = round_open(actor=manager, organization=organization, title="2025", respondents=invited)
    for username, _role in PEOPLE:
        user = User.objects.get(username=username)
        answers_save(actor=user, round_=first, answers=_answers(1), submit=True)
    round_close(actor=manager, round_=first)
    peer = OrganizationFactory(slug="wm-lagos", name="Wikimedians of Lagos", region="ssa")
    offer_of(peer, taxonomy["fundraising"], level=4)
    return organization


def test_an_organization_assesses_itself_twice_and_asks_for_help(page, kano, fresh_page):
    # given: the manager opens a second round on the page
    login(page, "manager", PASSWORD)
    page.goto("/organizational-development/o/wm-kano/")
    page.get_by_role("link", name="Open an assessment round").click()
    page.get_by_label("Title").fill("2026")
    lines = "\n".join(f"{u}, {r}" for u, r in PEOPLE)
    page.get_by_label("People to invite").fill(lines)
    page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2026")
    round_url = page.url

    # when: the board member answers every question with level 3 and submits
    board = fresh_page()
    login(board, "owner", PASSWORD)
    board.goto(round_url + "answer/")
    for key in BUILTIN_V1:
        board.locator(f"input[name='{key}'][value='3']").check()
    board.locator("textarea[name='finance-budget__evidence']").fill("Audited accounts")
    board.get_by_role("button", name="Submit answers").click()
    expect(board.get_by_role("status")).to_have_text("Your answers are submitted.")
    second = Round.objects.get(title="2026")
    for username in ("vol", "facil"):
        user = User.objects.get(username=username)
        answers_save(actor=user, round_=second, answers=_answers(2), submit=True)

    # then: the manager closes the round and sees the change since the first
    page.reload()
    page.get_by_role("button", name="Close the round").click()
    expect(page.get_by_role("status")).to_have_text("The round is closed.")
    expect(page.get_by_role("heading", name=re.compile("Change since"))).to_be_visible()
    finance = page.get_by_role("row", name=re.compile("^Finance and fundraising"))
    expect(finance.first).to_contain_text("2")
    page.goto("/organizational-development/o/wm-kano/")
    expect(page.locator(".hub-chart svg")).to_have_count(1)

    # when: she turns the finance gap into a need
    page.goto(round_url)
    finance.first.get_by_role("button", name="Turn into a need").click()

    # then: the need page shows who could help
    expect(page.get_by_role("status")).to_have_text("The need is open; here is who can help.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Strengthen our finance")
    helpers = page.get_by_role("region", name="Who could help")
    expect(helpers.get_by_role("link", name="Wikimedians of Lagos").first).to_be_visible()
