"""Editing (PATCH with version) and archiving badges through the API."""

import pytest

from capacityhub.api.core.tests import API, error_fields
from capacityhub.recognition.models import Achievement
from capacityhub.recognition.services.achievements import achievement_create

pytestmark = pytest.mark.django_db


def patch(client, path, data):
    return client.patch(f"{API}{path}", data, content_type="application/json")


def post(client, path, data=None):
    return client.post(f"{API}{path}", data or {}, content_type="application/json")


@pytest.fixture
def ours(manager, organization):
    return achievement_create(
        actor=manager, organization=organization, name="Host", description="d", criteria="c"
    )


def test_managers_edit_their_badge_with_its_version(
    ours, manager_client, owner_client, staff_client, client
):
    path = f"/badges/{ours.pk}"
    assert patch(client, path, {"name": "X", "version": 1}).status_code == 401
    assert patch(owner_client, path, {"name": "X", "version": 1}).status_code == 403
    response = patch(manager_client, path, {"name": "Guide", "version": 1})
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["description"], body["version"]) == ("Guide", "d", 2)
    assert patch(staff_client, path, {"image": "book", "version": 2}).status_code == 200


def test_bad_edits_name_the_field_and_change_nothing(ours, manager_client):
    path = f"/badges/{ours.pk}"
    missing = patch(manager_client, path, {"name": "X"})
    assert missing.status_code == 422 and "version" in error_fields(missing)
    assert patch(manager_client, path, {"name": "X", "version": 7}).status_code == 409
    empty = patch(manager_client, path, {"name": None, "version": 1})
    assert empty.status_code == 422 and "name" in error_fields(empty)
    rule = patch(manager_client, path, {"rule_kind": "evidence_count", "version": 1})
    assert rule.status_code == 422 and "rule_params" in error_fields(rule)
    assert patch(manager_client, "/badges/999999", {"name": "X", "version": 1}).status_code == 404
    ours.refresh_from_db()
    assert (ours.name, ours.version, ours.rule_kind) == ("Host", 1, "")


def test_archive_a_badge(ours, manager_client, other_client, client):
    path = f"/badges/{ours.pk}/archive"
    assert post(other_client, path).status_code == 403
    response = post(manager_client, path)
    assert response.status_code == 200 and response.json()["archived_at"]
    assert post(manager_client, path).status_code == 422
    assert client.get(f"{API}/badges").json()["count"] == 0
    assert client.get(f"{API}/badges/{ours.pk}").status_code == 404
    later = patch(manager_client, f"/badges/{ours.pk}", {"name": "Back", "version": 1})
    assert later.status_code == 422
    assert Achievement.objects.get().name == "Host"


@pytest.mark.parametrize(
    "data",
    [
        {"version": "x", "name": "X"},
        {"version": 1, "capacities": ["no-such-capacity"]},
        {"version": 1, "valid_days": 0},
        {"version": 1, "image": "nope"},
        {"version": 1, "rule_kind": "evidence_count", "rule_params": {"kind": 5, "minimum": "a"}},
        {"version": 1, "rule_kind": "evidence_count", "rule_params": None},
        {"version": 1, "organization": "wm-kano"},
        [],
    ],
)
def test_junk_edits_are_4xx_and_change_nothing(ours, manager_client, taxonomy, data):
    response = patch(manager_client, f"/badges/{ours.pk}", data)
    assert 400 <= response.status_code < 500
    ours.refresh_from_db()
    assert (ours.name, ours.version, ours.rule_kind) == ("Host", 1, "")
