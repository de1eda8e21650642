"""The knowledge base API: /api/v1/resources and /api/v1/resource-reports."""

import pytest

from capacityhub.exchange.models import Need
from capacityhub.knowledge.models import Resource, ResourceUse
from capacityhub.knowledge.tests.factories import (
    LearningPatternFactory,
    ResourceFactory,
    ResourceReportFactory,
    ResourceUseFactory,
)

pytestmark = pytest.mark.django_db
API = "/api/v1"
GUIDE = {
    "kind": "guide",
    "title": "Edit-a-thon checklist",
    "summary": "Everything to prepare.",
    "language": "en",
    "capacities": ["fundraising"],
    "body": "1. Book a room",
}


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


def test_anyone_lists_published_resources_paginated(client, taxonomy):
    for _ in range(3):
        ResourceFactory(capacities=[taxonomy["fundraising"]])
    ResourceFactory(status=Resource.Status.WITHDRAWN)

    body = client.get(f"{API}/resources", {"page_size": 2}).json()

    assert body["count"] == 3
    assert len(body["results"]) == 2 and body["next"]


@pytest.mark.parametrize("sort", ["new", "relevance", "rated"])
def test_the_list_runs_a_bounded_number_of_queries(
    owner_client, taxonomy, sort, django_assert_max_num_queries
):
    for _ in range(20):
        ResourceUseFactory(resource=ResourceFactory(capacities=[taxonomy["fundraising"]]))

    with django_assert_max_num_queries(14):
        response = owner_client.get(f"{API}/resources", {"sort": sort, "page_size": 20})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 20


def test_the_list_filters_by_capacity_kind_and_language(client, taxonomy):
    ResourceFactory(title="A", capacities=[taxonomy["grant-writing"]], language="fr")
    ResourceFactory(title="B", capacities=[taxonomy["lua-scripting"]], language="fr")

    body = client.get(
        f"{API}/resources", {"capacity": "fundraising", "kind": "guide", "language": "fr"}
    ).json()

    assert [r["title"] for r in body["results"]] == ["A"]


def test_an_unknown_capacity_or_kind_is_a_422_naming_it(client, taxonomy):
    assert client.get(f"{API}/resources", {"capacity": "nope"}).status_code == 422
    assert client.get(f"{API}/resources", {"kind": "poem"}).status_code == 422


def test_a_member_adds_a_resource_and_anonymous_cannot(owner_client, client, taxonomy):
    assert post(client, f"{API}/resources", GUIDE).status_code == 401

    response = post(owner_client, f"{API}/resources", GUIDE)

    assert response.status_code == 201
    body = response.json()
    assert body["licence"] == "CC-BY-SA-4.0" and body["can_edit"]
    assert body["capacities"][0]["code"] == "fundraising"


def test_a_bad_resource_is_refused_naming_the_field(owner_client, taxonomy):
    response = post(owner_client, f"{API}/resources", {**GUIDE, "body": "", "url": ""})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body"
    assert not Resource.objects.exists()


def test_a_translation_through_the_api_joins_the_family(owner_client, other_client, taxonomy):
    original = post(owner_client, f"{API}/resources", GUIDE).json()

    translation = post(
        other_client,
        f"{API}/resources",
        {**GUIDE, "language": "pt", "original": original["id"], "relation": "translation"},
    ).json()
    detail = other_client.get(f"{API}/resources/{original['id']}").json()

    assert translation["original_id"] == original["id"]
    assert detail["family"] == [
        {
            "id": translation["id"],
            "title": GUIDE["title"],
            "language": "pt",
            "relation": "translation",
        }
    ]


def test_only_editors_patch_and_a_stale_version_is_a_409(
    owner_client, other_client, owner, taxonomy
):
    resource = ResourceFactory(created_by=owner, capacities=[taxonomy["fundraising"]])
    url = f"{API}/resources/{resource.pk}"

    assert patch(other_client, url, {"title": "Mine", "version": 1}).status_code == 403
    assert patch(owner_client, url, {"title": "New", "version": 1}).status_code == 200
    assert patch(owner_client, url, {"title": "Newer", "version": 1}).status_code == 409
    resource.refresh_from_db()
    assert resource.title == "New"


def test_a_withdrawn_resource_is_a_404_for_others(client, owner_client, owner):
    resource = ResourceFactory(created_by=owner)
    post(owner_client, f"{API}/resources/{resource.pk}/withdraw", {})

    assert client.get(f"{API}/resources/{resource.pk}").status_code == 404
    assert owner_client.get(f"{API}/resources/{resource.pk}").json()["status"] == "withdrawn"


def test_members_record_uses_once_a_day(owner_client):
    resource = ResourceFactory()
    use = {
        "region": "ssa",
        "language": "ha",
        "organization_kind": "none",
        "audience_size": 8,
        "outcome": "worked_with_changes",
        "rating": 4,
        "used_on": "2026-02-01",
    }

    assert post(owner_client, f"{API}/resources/{resource.pk}/uses", use).status_code == 201
    second = post(owner_client, f"{API}/resources/{resource.pk}/uses", use)

    assert second.status_code == 422
    assert ResourceUse.objects.count() == 1
    tested = owner_client.get(f"{API}/resources/{resource.pk}").json()["tested"]
    assert tested["regions"] == ["ssa"] and tested["average_rating"] == 4.0


def test_endorse_report_and_request_a_translation(owner_client, taxonomy):
    pattern = LearningPatternFactory(capacities=[taxonomy["fundraising"]])
    base = f"{API}/resources/{pattern.pk}"

    assert post(owner_client, f"{base}/endorsements", {"comment": "Great"}).status_code == 201
    assert post(owner_client, f"{base}/endorsements", {}).status_code == 422
    assert post(owner_client, f"{base}/reports", {"reason": "licence"}).status_code == 201
    response = post(owner_client, f"{base}/translation-requests", {"language": "sw"})

    assert response.status_code == 201
    assert Need.objects.get(pk=response.json()["need_id"]).languages == ["sw"]


def test_curation_is_for_specialists_and_staff(owner_client, specialist_client, staff_client):
    resource, duplicate = ResourceFactory(), ResourceFactory()
    report = ResourceReportFactory(resource=resource)
    base = f"{API}/resources/{resource.pk}"

    assert post(owner_client, f"{base}/feature", {"featured": True}).status_code == 403
    assert owner_client.get(f"{API}/resource-reports").status_code == 403
    assert post(specialist_client, f"{base}/feature", {"featured": True}).json()["is_featured"]
    assert (
        post(specialist_client, f"{base}/outdated", {"note": "Old"}).json()["status"] == "outdated"
    )
    assert post(staff_client, f"{base}/current", {}).json()["status"] == "published"
    assert staff_client.get(f"{API}/resource-reports").json()["count"] == 1
    resolved = post(
        staff_client, f"{API}/resource-reports/{report.pk}/resolve", {"status": "dismissed"}
    )
    assert resolved.json()["status"] == "dismissed"
    merged = post(
        specialist_client, f"{API}/resources/{duplicate.pk}/merge", {"survivor": resource.pk}
    )
    assert merged.json()["id"] == resource.pk
    assert client_status(specialist_client, duplicate) == ("merged", resource.pk)


def client_status(client, resource):
    body = client.get(f"{API}/resources/{resource.pk}").json()
    return body["status"], body["merged_into"]


def test_an_unknown_original_is_a_422_naming_it(owner_client, taxonomy):
    response = post(
        owner_client, f"{API}/resources", {**GUIDE, "original": 999999, "relation": "adaptation"}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "original"
