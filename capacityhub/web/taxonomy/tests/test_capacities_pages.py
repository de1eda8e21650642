"""Pages of the taxonomy: browser, capacity detail, proposals and staff decisions."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capacityhub.community.models import CapacityClaim, Relation
from capacityhub.community.tests.factories import UserFactory
from capacityhub.core.models import AuditEntry
from capacityhub.taxonomy.models import Capacity, CapacityProposal, Method
from capacityhub.taxonomy.tests.factories import CapacityFactory

pytestmark = pytest.mark.django_db


def claim(user, capacity, relation, level=3):
    return CapacityClaim.objects.create(
        profile=user.profile, capacity=capacity, relation=relation, level=level
    )


def propose(user, **fields) -> CapacityProposal:
    defaults = {"label": "Edit-a-thon logistics", "language": "en", "parent": None}
    defaults.update(fields)
    return CapacityProposal.objects.create(proposer=user, **defaults)


# The browser


def test_the_browser_shows_the_whole_tree_to_anonymous_visitors(client, taxonomy):
    response = client.get(reverse("web:capacity-list"))

    assert response.status_code == 200
    html = response.content.decode()
    for label in ["Organizational", "Fundraising", "Grant writing", "Lua scripting"]:
        assert label in html
    assert reverse("web:capacity-detail", args=["grant-writing"]) in html
    assert "<details" in html
    assert html.count("<h1") == 1


def test_the_browser_counts_offers_and_wants_in_a_single_query(
    client, taxonomy, owner, other, django_assert_max_num_queries
):
    # given
    claim(owner, taxonomy["lua-scripting"], Relation.KNOWS)
    claim(owner, taxonomy["lua-scripting"], Relation.OFFERS)
    claim(other, taxonomy["lua-scripting"], Relation.OFFERS)
    claim(other, taxonomy["grant-writing"], Relation.WANTS)
    client.get(reverse("web:capacity-list"))  # warms the taxonomy cache

    # when
    with django_assert_max_num_queries(2):
        response = client.get(reverse("web:capacity-list"))

    # then
    html = response.content.decode()
    assert "offered by 2" in html
    assert "wanted by 1" in html


def test_the_browser_does_not_count_capacities_a_person_keeps_private(client, taxonomy, owner):
    owner.profile.capacities_visibility = "private"
    owner.profile.save()
    claim(owner, taxonomy["lua-scripting"], Relation.WANTS)

    response = client.get(reverse("web:capacity-list"))

    assert "wanted by" not in response.content.decode()


def test_searching_the_taxonomy_lists_matches_with_their_path(client, taxonomy):
    response = client.get(reverse("web:capacity-list"), {"q": "grant"})

    assert response.status_code == 200
    results = response.content.decode().split('class="capacity-results"')[1].split("</ul>")[0]
    assert "Grant writing" in results
    assert "Grant reporting" in results
    assert "Fundraising" in results  # the path
    assert "Lua scripting" not in results


def test_an_overlong_search_gets_a_message(client, taxonomy):
    response = client.get(reverse("web:capacity-list"), {"q": "x" * 101})

    assert response.status_code == 200
    assert 'id="id_q_error"' in response.content.decode()


def test_a_search_with_no_match_says_so(client, taxonomy):
    response = client.get(reverse("web:capacity-list"), {"q": "zzzz"})

    assert "No capacity matches" in response.content.decode()


# A capacity


def test_a_capacity_page_shows_its_path_children_methods_and_translations(client, taxonomy):
    fundraising = taxonomy["fundraising"]
    fundraising.wikidata_qid = "Q1"
    fundraising.save()
    fundraising.translations.create(language="fr", label="Collecte de fonds")
    method = Method.objects.create(code="mentoring", labels={"en": "Mentoring"})
    method.capacities.add(fundraising)

    response = client.get(reverse("web:capacity-detail", args=["fundraising"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("web:capacity-detail", args=["organizational"]) in html  # breadcrumb
    assert "Grant writing" in html and "Grant reporting" in html  # children
    assert "Mentoring" in html
    assert "https://www.wikidata.org/wiki/Q1" in html
    assert "Collecte de fonds" in html
    assert "French" in html


def test_a_capacity_page_lists_who_offers_it_or_something_beneath_it(client, taxonomy, owner):
    # given: the owner offers a child of fundraising
    claim(owner, taxonomy["grant-writing"], Relation.KNOWS)
    claim(owner, taxonomy["grant-writing"], Relation.OFFERS)

    # when
    response = client.get(reverse("web:capacity-detail", args=["fundraising"]))

    # then
    html = response.content.decode()
    offers = html.split('id="offers-heading"')[1].split('id="wants-heading"')[0]
    assert reverse("web:profile-detail", args=["owner"]) in offers
    assert "capacity=fundraising&amp;relation=offers" in offers


def test_a_capacity_page_lists_organizations_that_want_it(client, taxonomy, organization):
    CapacityClaim.objects.create(
        organization=organization, capacity=taxonomy["lua-scripting"], relation=Relation.WANTS
    )

    response = client.get(reverse("web:capacity-detail", args=["technology"]))

    wants = response.content.decode().split('id="wants-heading"')[1]
    assert "Wikimedians of Kano" in wants


def test_a_capacity_page_hides_people_who_keep_their_capacities_for_members(
    client, other_client, taxonomy, owner
):
    owner.profile.capacities_visibility = "members"
    owner.profile.save()
    claim(owner, taxonomy["lua-scripting"], Relation.WANTS)
    url = reverse("web:capacity-detail", args=["lua-scripting"])
    profile_url = reverse("web:profile-detail", args=["owner"])

    assert profile_url not in client.get(url).content.decode()
    assert profile_url in other_client.get(url).content.decode()


def test_a_capacity_page_runs_the_same_number_of_queries_however_many_people_offer_it(
    client, taxonomy, organization
):
    def add_people(start: int, count: int) -> None:
        for n in range(start, start + count):
            user = UserFactory(username=f"person{n:02d}")
            user.profile.languages.create(language="ha", proficiency=0)
            claim(user, taxonomy["lua-scripting"], Relation.KNOWS)
            claim(user, taxonomy["lua-scripting"], Relation.OFFERS)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("web:capacity-detail", args=["technology"]))
        assert response.status_code == 200
        return len(captured)

    add_people(0, 2)
    client.get(reverse("web:capacity-detail", args=["technology"]))  # warms the caches
    with_two = queries()
    add_people(2, 10)

    assert queries() == with_two


def test_an_unknown_capacity_code_is_not_found(client, taxonomy):
    assert client.get(reverse("web:capacity-detail", args=["no-such-thing"])).status_code == 404


# Proposals


def test_proposing_a_capacity_needs_a_signed_in_member(client, taxonomy):
    response = client.get(reverse("web:capacity-propose"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_member_proposes_a_new_capacity(owner_client, owner, taxonomy):
    response = owner_client.post(
        reverse("web:capacity-propose"),
        {
            "label": "Donor stewardship",
            "language": "en",
            "description": "Keeping donors informed.",
            "parent": "fundraising",
            "rationale": "Chapters ask for it.",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("web:proposal-list")
    proposal = CapacityProposal.objects.get()
    assert proposal.proposer == owner
    assert proposal.parent == taxonomy["fundraising"]
    assert proposal.status == CapacityProposal.Status.PENDING
    followed = owner_client.get(response["Location"])
    assert "Donor stewardship" in followed.content.decode()
    assert "Staff will review your proposal" in followed.content.decode()


def test_a_new_capacity_needs_a_place_in_the_taxonomy(owner_client, taxonomy):
    response = owner_client.post(
        reverse("web:capacity-propose"), {"label": "Floating", "language": "en", "parent": ""}
    )

    assert response.status_code == 200
    assert "Choose where the new capacity belongs." in response.content.decode()
    assert not CapacityProposal.objects.exists()


def test_a_proposal_with_an_unknown_parent_is_refused_with_a_message(owner_client, taxonomy):
    response = owner_client.post(
        reverse("web:capacity-propose"), {"label": "X", "language": "en", "parent": "nope"}
    )

    assert response.status_code == 200
    assert "cdx-message--error" in response.content.decode()
    assert not CapacityProposal.objects.exists()


def test_a_change_proposal_starts_from_the_current_label(owner_client, taxonomy):
    url = reverse("web:capacity-propose") + "?change=lua-scripting"

    page = owner_client.get(url)
    assert 'value="Lua scripting"' in page.content.decode()
    response = owner_client.post(
        url,
        {"label": "Lua modules", "language": "en", "parent": "technology", "rationale": "Clearer"},
    )

    assert response.status_code == 302
    proposal = CapacityProposal.objects.get()
    assert proposal.capacity == taxonomy["lua-scripting"]


def test_a_change_to_an_unknown_capacity_is_not_found(owner_client, taxonomy):
    response = owner_client.get(reverse("web:capacity-propose") + "?change=nope")

    assert response.status_code == 404


def test_staff_approve_a_proposal_and_the_capacity_is_created_with_its_label(
    staff_client, staff, owner, taxonomy
):
    # given
    proposal = propose(owner, parent=taxonomy["fundraising"], label="Donor stewardship")
    url = reverse("web:proposal-detail", args=[proposal.pk])

    # when
    response = staff_client.post(url, {"decision": "approve", "approve-note": "Welcome"})

    # then
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == CapacityProposal.Status.APPROVED
    assert proposal.decided_by == staff
    capacity = Capacity.objects.get(code="donor-stewardship")
    assert capacity.parent == taxonomy["fundraising"]
    assert capacity.translations.get(language="en").label == "Donor stewardship"
    page = staff_client.get(url).content.decode()
    assert "Approved" in page and "staff" in page and "Welcome" in page
    assert 'name="decision"' not in page  # decided: no more forms


def test_staff_reject_a_proposal_with_a_note(staff_client, staff, owner, owner_client):
    proposal = propose(owner, parent=CapacityFactory(code="community"))
    url = reverse("web:proposal-detail", args=[proposal.pk])

    response = staff_client.post(url, {"decision": "reject", "reject-note": "Already covered"})

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == CapacityProposal.Status.REJECTED
    assert proposal.decided_by == staff
    assert proposal.decision_note == "Already covered"
    assert AuditEntry.objects.filter(action="capacity_proposal.rejected").exists()
    mine = owner_client.get(reverse("web:proposal-list")).content.decode()
    assert "Rejected" in mine and "Already covered" in mine


def test_rejecting_without_a_note_asks_for_one_and_changes_nothing(staff_client, owner):
    proposal = propose(owner, parent=CapacityFactory(code="community"))

    response = staff_client.post(
        reverse("web:proposal-detail", args=[proposal.pk]),
        {"decision": "reject", "reject-note": "  "},
    )

    assert response.status_code == 200
    assert "Tell the proposer why." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == CapacityProposal.Status.PENDING


def test_a_member_cannot_approve_their_own_proposal(owner_client, owner):
    proposal = propose(owner, parent=CapacityFactory(code="community"))

    response = owner_client.post(
        reverse("web:proposal-detail", args=[proposal.pk]), {"decision": "approve"}
    )

    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == CapacityProposal.Status.PENDING
    assert not Capacity.objects.filter(code="edit-a-thon-logistics").exists()


def test_a_member_cannot_see_someone_elses_proposal(other_client, owner):
    proposal = propose(owner, parent=CapacityFactory(code="community"))

    response = other_client.get(reverse("web:proposal-detail", args=[proposal.pk]))

    assert response.status_code == 404
    assert "Edit-a-thon" not in other_client.get(reverse("web:proposal-list")).content.decode()


def test_a_member_sees_their_own_proposal_without_decision_forms(owner_client, owner):
    proposal = propose(owner, parent=CapacityFactory(code="community"))

    response = owner_client.get(reverse("web:proposal-detail", args=[proposal.pk]))

    assert response.status_code == 200
    assert "Edit-a-thon logistics" in response.content.decode()
    assert 'name="decision"' not in response.content.decode()


def test_staff_see_the_pending_queue_by_default_and_can_filter_by_status(staff_client, owner):
    parent = CapacityFactory(code="community")
    propose(owner, parent=parent, label="Waiting one")
    propose(owner, parent=parent, label="Done one", status=CapacityProposal.Status.APPROVED)
    url = reverse("web:proposal-list")

    pending = staff_client.get(url).content.decode()
    approved = staff_client.get(url, {"status": "approved"}).content.decode()
    everything = staff_client.get(url, {"status": "all"}).content.decode()

    assert "Waiting one" in pending and "Done one" not in pending
    assert "Done one" in approved and "Waiting one" not in approved
    assert "Waiting one" in everything and "Done one" in everything


def test_the_proposal_queue_is_paginated_and_survives_a_bad_page_number(
    staff_client, owner, settings
):
    settings.PAGE_SIZE = 2
    parent = CapacityFactory(code="community")
    for n in range(5):
        propose(owner, parent=parent, label=f"Idea {n}")

    for page in ["2", "999", "abc", "-1"]:
        response = staff_client.get(reverse("web:proposal-list"), {"page": page})
        assert response.status_code == 200
    assert (
        "Page 3 of 3"
        in staff_client.get(reverse("web:proposal-list"), {"page": "999"}).content.decode()
    )


def test_proposal_pages_need_a_signed_in_member(client, owner):
    proposal = propose(owner, parent=CapacityFactory(code="community"))

    for url in [reverse("web:proposal-list"), reverse("web:proposal-detail", args=[proposal.pk])]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


# Languages


def test_the_browser_renders_right_to_left_in_arabic(client, taxonomy):
    response = client.get(reverse("web:capacity-list"), HTTP_ACCEPT_LANGUAGE="ar")

    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()
    assert 'lang="ar"' in response.content.decode()


def test_labels_that_fall_back_to_english_are_marked_as_english(taxonomy):
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    taxonomy["technology"].translations.create(language="fr", label="Technologie")

    html = client.get(reverse("web:capacity-detail", args=["technology"])).content.decode()

    assert '<h1 lang="fr">Technologie</h1>' in html
    assert 'lang="en">Lua scripting</a>' in html


def test_the_home_page_shows_live_numbers(client, taxonomy, owner, organization):
    UserFactory(username="amina")

    response = client.get(reverse("web:home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "2 people" in html
    assert "1 organization" in html
    assert "6 capacities" in html


def test_the_home_page_search_box_searches_the_whole_hub(client, db):
    html = client.get(reverse("web:home")).content.decode()

    assert f'action="{reverse("web:search")}"' in html
    assert 'role="search"' in html
