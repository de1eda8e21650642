import pytest

from capacityhub.api.core.tests import API, error_fields
from capacityhub.taxonomy.models import (
    Capacity,
    CapacityProposal,
    CapacityTranslation,
    Method,
)
from capacityhub.taxonomy.services import capacity_proposal_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def french(taxonomy):
    CapacityTranslation.objects.create(
        capacity=taxonomy["grant-writing"],
        language="fr",
        label="Rédaction de demandes de subvention",
        description="Écrire une demande.",
        aliases=["demande de financement", "subvention"],
    )
    return taxonomy


# --- list and search ---------------------------------------------------------------------------


def test_the_capacity_list_is_paginated_with_stable_fields(client, taxonomy):
    response = client.get(f"{API}/capacities?page_size=4")

    body = response.json()
    assert response.status_code == 200
    assert set(body) == {"count", "page", "page_size", "next", "previous", "results"}
    assert body["count"] == 6
    assert len(body["results"]) == 4
    assert body["previous"] is None
    assert "page=2" in body["next"]
    assert set(body["results"][0]) == {
        "code",
        "parent",
        "label",
        "label_language",
        "wikidata_qid",
    }


def test_the_last_page_has_no_next_and_a_page_past_the_end_is_empty(client, taxonomy):
    last = client.get(f"{API}/capacities?page=2&page_size=4").json()
    beyond = client.get(f"{API}/capacities?page=9&page_size=4")

    assert last["next"] is None
    assert "page=1" in last["previous"]
    assert len(last["results"]) == 2
    assert beyond.status_code == 200
    assert beyond.json()["results"] == []
    assert beyond.json()["count"] == 6


def test_the_parent_filter_lists_only_direct_children(client, taxonomy):
    body = client.get(f"{API}/capacities?parent=fundraising").json()

    assert {c["code"] for c in body["results"]} == {"grant-writing", "grant-reporting"}
    assert {c["parent"] for c in body["results"]} == {"fundraising"}


def test_an_unknown_parent_is_a_422_naming_the_field(client, taxonomy):
    response = client.get(f"{API}/capacities?parent=no-such-thing")

    assert response.status_code == 422
    assert error_fields(response) == {"parent"}


def test_search_finds_a_capacity_by_an_alias_in_another_language(client, french):
    response = client.get(f"{API}/capacities?q=financement")

    assert [c["code"] for c in response.json()["results"]] == ["grant-writing"]


def test_search_ignores_case_and_accents(client, french):
    response = client.get(f"{API}/capacities?q=REDACTION")

    assert [c["code"] for c in response.json()["results"]] == ["grant-writing"]


def test_labels_come_in_the_requested_language_and_fall_back_to_english(client, french):
    results = client.get(f"{API}/capacities?lang=fr&parent=fundraising").json()["results"]
    by_code = {c["code"]: c for c in results}

    assert by_code["grant-writing"]["label"] == "Rédaction de demandes de subvention"
    assert by_code["grant-writing"]["label_language"] == "fr"
    assert by_code["grant-reporting"]["label"] == "Grant reporting"
    assert by_code["grant-reporting"]["label_language"] == "en"


def test_labels_follow_the_accept_language_header_without_lang(client, french):
    results = client.get(
        f"{API}/capacities?parent=fundraising", headers={"Accept-Language": "fr"}
    ).json()["results"]

    assert "Rédaction de demandes de subvention" in {c["label"] for c in results}


def test_an_invalid_language_code_is_a_422(client, taxonomy):
    response = client.get(f"{API}/capacities?lang=not a language")

    assert response.status_code == 422
    assert error_fields(response) == {"lang"}


def test_inactive_capacities_are_not_listed(client, taxonomy):
    Capacity.objects.filter(code="lua-scripting").update(is_active=False)

    codes = {c["code"] for c in client.get(f"{API}/capacities").json()["results"]}

    assert "lua-scripting" not in codes


# --- tree and detail ---------------------------------------------------------------------------


def test_the_tree_nests_capacities_with_labels_in_the_requested_language(client, french):
    tree = client.get(f"{API}/capacities/tree?lang=fr").json()

    roots = {node["code"]: node for node in tree}
    assert set(roots) == {"organizational", "technology"}
    fundraising = roots["organizational"]["children"][0]
    assert fundraising["code"] == "fundraising"
    labels = {child["label"] for child in fundraising["children"]}
    assert "Rédaction de demandes de subvention" in labels
    assert roots["technology"]["children"][0]["children"] == []


def test_the_detail_shows_translations_place_in_the_tree_and_methods(client, french):
    method = Method.objects.create(code="mentoring", labels={"en": "Mentoring", "fr": "Mentorat"})
    method.capacities.add(french["grant-writing"])

    response = client.get(f"{API}/capacities/grant-writing?lang=fr")

    body = response.json()
    assert response.status_code == 200
    assert body["code"] == "grant-writing"
    assert body["parent"] == "fundraising"
    assert body["label"] == "Rédaction de demandes de subvention"
    assert body["label_language"] == "fr"
    assert body["description"] == "Écrire une demande."
    translations = {t["language"]: t for t in body["translations"]}
    assert translations["fr"]["aliases"] == ["demande de financement", "subvention"]
    assert translations["fr"]["language_name"] == "français"
    assert translations["en"]["label"] == "Grant writing"
    assert [a["code"] for a in body["ancestors"]] == ["organizational", "fundraising"]
    assert body["children"] == []
    assert body["methods"] == [{"code": "mentoring", "label": "Mentorat"}]


def test_the_detail_falls_back_to_english_and_says_so(client, taxonomy):
    body = client.get(f"{API}/capacities/fundraising?lang=ar").json()

    assert body["label"] == "Fundraising"
    assert body["label_language"] == "en"
    assert set(body["children"]) == {"grant-writing", "grant-reporting"}


def test_an_unknown_capacity_is_a_json_404(client, taxonomy):
    response = client.get(f"{API}/capacities/no-such-capacity")

    assert response.status_code == 404
    assert response.json()["detail"]


def test_a_capacity_code_of_an_impossible_shape_is_a_422(client, taxonomy):
    response = client.get(f"{API}/capacities/Not_A_Code")

    assert response.status_code == 422
    assert error_fields(response) == {"code"}


def test_methods_are_listed_with_their_capacities(client, taxonomy):
    method = Method.objects.create(
        code="circuit-rider", labels={"en": "Circuit rider"}, descriptions={"en": "Travels."}
    )
    method.capacities.add(taxonomy["lua-scripting"])

    response = client.get(f"{API}/methods?lang=es")

    assert response.json() == [
        {
            "code": "circuit-rider",
            "label": "Circuit rider",
            "description": "Travels.",
            "capacities": ["lua-scripting"],
        }
    ]


# --- proposals ---------------------------------------------------------------------------------


def _propose(client, **data):
    return client.post(f"{API}/capacity-proposals", data, content_type="application/json")


def test_a_member_proposes_a_new_capacity_under_a_parent(owner_client, taxonomy):
    response = _propose(
        owner_client, label="Grant budgeting", parent="fundraising", rationale="Often asked."
    )

    body = response.json()
    assert response.status_code == 201
    assert body["status"] == "pending"
    assert body["parent"] == "fundraising"
    assert body["capacity"] is None
    assert body["proposer"] == "owner"


def test_an_anonymous_caller_cannot_propose(client, taxonomy):
    assert _propose(client, label="X", parent="fundraising").status_code == 401


def test_a_proposal_with_an_unknown_parent_names_the_field(owner_client, taxonomy):
    response = _propose(owner_client, label="X", parent="nowhere")

    assert response.status_code == 422
    assert error_fields(response) == {"parent"}


def test_a_proposal_without_a_label_or_a_place_names_the_fields(owner_client, taxonomy):
    no_label = _propose(owner_client, parent="fundraising")
    no_place = _propose(owner_client, label="Floating")

    assert no_label.status_code == 422
    assert error_fields(no_label) == {"label"}
    assert no_place.status_code == 422
    assert error_fields(no_place) == {"parent"}


def test_a_proposal_with_a_badly_shaped_code_names_the_field(owner_client, taxonomy):
    response = _propose(owner_client, label="Budget", parent="fundraising", code="Bad Code!")

    assert response.status_code == 422
    assert error_fields(response) == {"code"}


@pytest.fixture
def proposals(owner, other, taxonomy):
    mine = capacity_proposal_create(actor=owner, label="Budgeting", parent=taxonomy["fundraising"])
    theirs = capacity_proposal_create(actor=other, label="Gadgets", parent=taxonomy["technology"])
    return mine, theirs


def test_members_see_only_their_own_proposals(owner_client, proposals):
    body = owner_client.get(f"{API}/capacity-proposals").json()

    assert [p["label"] for p in body["results"]] == ["Budgeting"]


def test_staff_see_every_proposal_and_can_filter_by_status(staff_client, proposals):
    CapacityProposal.objects.filter(label="Gadgets").update(status="rejected")

    everyone = staff_client.get(f"{API}/capacity-proposals").json()
    pending = staff_client.get(f"{API}/capacity-proposals?status=pending").json()

    assert everyone["count"] == 2
    assert [p["label"] for p in pending["results"]] == ["Budgeting"]


def test_an_anonymous_caller_cannot_list_proposals(client):
    assert client.get(f"{API}/capacity-proposals").status_code == 401


def test_an_unknown_status_filter_is_a_422(staff_client):
    response = staff_client.get(f"{API}/capacity-proposals?status=maybe")

    assert response.status_code == 422
    assert error_fields(response) == {"status"}


def _decide(client, proposal, verdict, note=""):
    return client.post(
        f"{API}/capacity-proposals/{proposal.pk}/{verdict}",
        {"note": note},
        content_type="application/json",
    )


def test_staff_approve_a_proposal_and_the_capacity_joins_the_taxonomy(
    client, staff_client, proposals
):
    mine, _theirs = proposals

    response = _decide(staff_client, mine, "approve", "Welcome.")

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "approved"
    assert body["decided_by"] == "staff"
    assert body["capacity"] == "budgeting"
    assert client.get(f"{API}/capacities/budgeting").json()["parent"] == "fundraising"


def test_a_member_cannot_approve_even_their_own_proposal(owner_client, proposals):
    mine, _theirs = proposals

    response = _decide(owner_client, mine, "approve")

    assert response.status_code == 403
    assert CapacityProposal.objects.get(pk=mine.pk).status == "pending"


def test_a_member_cannot_see_or_decide_someone_elses_proposal(owner_client, proposals):
    _mine, theirs = proposals

    assert _decide(owner_client, theirs, "reject", "No.").status_code == 404


def test_an_anonymous_caller_cannot_decide(client, proposals):
    mine, _theirs = proposals

    assert _decide(client, mine, "approve").status_code == 401


def test_rejecting_needs_a_note(staff_client, proposals):
    mine, _theirs = proposals

    response = _decide(staff_client, mine, "reject")

    assert response.status_code == 422
    assert error_fields(response) == {"note"}


def test_staff_reject_with_a_note_and_cannot_decide_twice(staff_client, proposals):
    mine, _theirs = proposals

    rejected = _decide(staff_client, mine, "reject", "Already covered by grant writing.")
    again = _decide(staff_client, mine, "approve")

    assert rejected.status_code == 200
    assert rejected.json()["decision_note"] == "Already covered by grant writing."
    assert again.status_code == 422
    assert error_fields(again) == {"status"}


def test_an_unknown_proposal_is_a_404(staff_client, db):
    response = staff_client.post(
        f"{API}/capacity-proposals/999999/approve", {}, content_type="application/json"
    )

    assert response.status_code == 404
