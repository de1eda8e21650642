"""The needs API: /needs, /needs/{id}, /needs/{id}/status, /me/needs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from capacityhub.api.core.tests import API, bearer, error_fields
from capacityhub.core.models import AuditEntry
from capacityhub.exchange.models import Need
from capacityhub.exchange.tests.factories_needs import MethodFactory, NeedFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _send(client, method, path, data=None, **headers):
    return getattr(client, method)(
        f"{API}{path}", data or {}, content_type="application/json", headers=headers
    )


def _body(**overrides):
    body = {
        "title": "Learn grant reporting",
        "capacities": ["grant-reporting"],
        "description": "In French, please.",
        "desired_level": 3,
        "languages": ["fr"],
        "online": True,
        "region": "ssa",
        "methods": [],
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + timedelta(days=30)).isoformat(),
        "visibility": "public",
    }
    body.update(overrides)
    return body


def _titles(response):
    assert response.status_code == 200, response.content
    return {need["title"] for need in response.json()["results"]}


def _state(need):
    need.refresh_from_db()
    return (need.title, need.status, need.version)


# --- reading -----------------------------------------------------------------------------------


def test_the_list_is_paginated_with_capacities_languages_and_requester(client, owner, taxonomy):
    NeedFactory(requester=owner, title="One", capacities=[taxonomy["grant-reporting"]])
    NeedFactory(requester=owner, title="Two", languages=["ha"])

    body = client.get(f"{API}/needs?page_size=1").json()

    assert body["count"] == 2
    assert "page=2" in body["next"]
    need = body["results"][0]
    assert need["title"] == "Two"
    assert need["languages"] == [{"code": "ha", "name": "Hausa"}]
    assert need["requester"] == {"username": "owner", "display_name": "Owner"}
    assert need["status"] == "open"
    first = client.get(f"{API}/needs?page=2&page_size=1").json()["results"][0]
    assert first["capacities"] == [{"code": "grant-reporting", "label": "Grant reporting"}]


def test_visibility_decides_who_sees_which_need(client, owner, other, manager, organization, db):
    NeedFactory(requester=owner, title="Public")
    NeedFactory(requester=owner, title="Members", visibility="members")
    NeedFactory(requester=owner, title="Private", visibility="private")
    NeedFactory(requester=manager, organization=organization, title="Org", visibility="private")

    assert _titles(client.get(f"{API}/needs")) == {"Public"}
    assert _titles(client.get(f"{API}/needs", headers=bearer(other))) == {"Public", "Members"}
    assert _titles(client.get(f"{API}/needs", headers=bearer(owner))) == {
        "Public",
        "Members",
        "Private",
    }
    assert "Org" in _titles(client.get(f"{API}/needs", headers=bearer(manager)))


def test_needs_are_filtered(client, owner, organization, manager, taxonomy):
    NeedFactory(requester=owner, title="Grant", capacities=[taxonomy["grant-reporting"]])
    NeedFactory(requester=owner, title="Lua", capacities=[taxonomy["lua-scripting"]], region="sa")
    NeedFactory(requester=manager, organization=organization, title="Org", languages=["ha"])
    NeedFactory(requester=owner, title="Closed", status="closed")

    assert _titles(client.get(f"{API}/needs?capacity=fundraising")) == {"Grant"}
    assert _titles(client.get(f"{API}/needs?capacity=fundraising&exact=true")) == set()
    assert _titles(client.get(f"{API}/needs?region=sa")) == {"Lua"}
    assert _titles(client.get(f"{API}/needs?language=ha")) == {"Org"}
    assert _titles(client.get(f"{API}/needs?organization=wm-kano")) == {"Org"}
    assert _titles(client.get(f"{API}/needs?status=closed")) == {"Closed"}
    assert len(_titles(client.get(f"{API}/needs?status=any"))) == 4
    assert _titles(client.get(f"{API}/needs?q=lua")) == {"Lua"}


def test_bad_filters_are_422_naming_the_field(client, db):
    assert error_fields(client.get(f"{API}/needs?capacity=astrology")) == {"capacity"}
    assert error_fields(client.get(f"{API}/needs?status=pending")) == {"status"}
    assert error_fields(client.get(f"{API}/needs?organization=nowhere")) == {"organization"}
    assert error_fields(client.get(f"{API}/needs?page_size=1000")) == {"page_size"}


@pytest.mark.parametrize("size", [2, 10])
def test_the_list_runs_a_fixed_number_of_queries(
    client, owner, organization, taxonomy, size, django_assert_num_queries
):
    mentoring = MethodFactory(code="mentoring")
    for i in range(size):
        need = NeedFactory(
            requester=owner,
            organization=organization if i % 2 else None,
            capacities=[taxonomy["grant-reporting"], taxonomy["lua-scripting"]],
        )
        need.methods.set([mentoring])
    client.get(f"{API}/needs")  # warm the taxonomy caches

    # count, page (with requester, profile, organization), capacities, methods
    with django_assert_num_queries(4):
        body = client.get(f"{API}/needs?page_size={size}").json()

    assert len(body["results"]) == size


def test_one_need_comes_with_its_history(client, owner, taxonomy):
    need = NeedFactory(requester=owner)
    _send(client, "post", f"/needs/{need.pk}/status", {"status": "closed"}, **bearer(owner))

    body = client.get(f"{API}/needs/{need.pk}?status=any").json()

    assert body["status"] == "closed"
    assert body["can_edit"] is False
    assert [(e["from_status"], e["to_status"], e["actor"]) for e in body["events"]] == [
        ("open", "closed", "owner")
    ]


def test_a_need_one_may_not_see_is_a_json_404(client, other, owner, db):
    need = NeedFactory(requester=owner, visibility="private")

    assert client.get(f"{API}/needs/{need.pk}").status_code == 404
    assert client.get(f"{API}/needs/{need.pk}", headers=bearer(other)).status_code == 404
    assert client.get(f"{API}/needs/{2**63 - 1}").json()["detail"] == "Not found."
    assert client.get(f"{API}/needs/{2**63}").status_code == 422


def test_my_needs_need_credentials_and_list_every_status(client, owner, other, db):
    NeedFactory(requester=owner, title="Mine, closed", status="closed")
    NeedFactory(requester=other, title="Theirs")

    assert client.get(f"{API}/me/needs").status_code == 401
    assert _titles(client.get(f"{API}/me/needs", headers=bearer(owner))) == {"Mine, closed"}
    active = client.get(f"{API}/me/needs?status=active", headers=bearer(owner))
    assert _titles(active) == set()


# --- writing -----------------------------------------------------------------------------------


def test_a_member_states_a_need(client, owner, taxonomy):
    MethodFactory(code="mentoring", labels={"en": "Mentoring"})

    response = _send(client, "post", "/needs", _body(methods=["mentoring"]), **bearer(owner))

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["requester"]["username"] == "owner"
    assert body["methods"] == [{"code": "mentoring", "label": "Mentoring"}]
    assert body["events"][0]["to_status"] == "open"
    assert body["can_edit"] is True
    assert Need.objects.get().title == "Learn grant reporting"


def test_a_manager_states_a_need_for_the_organization_and_others_cannot(
    client, manager, other, organization, taxonomy
):
    refused = _send(client, "post", "/needs", _body(organization="wm-kano"), **bearer(other))
    made = _send(client, "post", "/needs", _body(organization="wm-kano"), **bearer(manager))

    assert refused.status_code == 403
    assert made.status_code == 201
    assert made.json()["organization"] == {"slug": "wm-kano", "name": "Wikimedians of Kano"}
    assert Need.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"capacities": ["astrology"]}, "capacities"),
        ({"capacities": []}, "capacities"),
        ({"desired_level": 0}, "desired_level"),
        ({"desired_level": 6}, "desired_level"),
        ({"languages": ["xx"]}, "languages"),
        ({"region": "atlantis"}, "region"),
        ({"methods": ["telepathy"]}, "methods"),
        (
            {"starts_on": TODAY.isoformat(), "ends_on": (TODAY - timedelta(1)).isoformat()},
            "ends_on",
        ),
        ({"ends_on": "yesterday"}, "ends_on"),
        ({"visibility": "secret"}, "visibility"),
        ({"title": " "}, "title"),
        ({"organization": "nowhere"}, "organization"),
        ({"requester": "staff"}, "requester"),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_nothing_is_saved(
    client, owner, taxonomy, overrides, field
):
    response = _send(client, "post", "/needs", _body(**overrides), **bearer(owner))

    assert response.status_code == 422, response.content
    assert field in error_fields(response)
    assert not Need.objects.exists()


def test_anonymous_callers_cannot_state_a_need(client, taxonomy):
    assert _send(client, "post", "/needs", _body()).status_code == 401
    assert not Need.objects.exists()


def test_the_requester_changes_the_need(client, owner, taxonomy):
    need = NeedFactory(requester=owner, capacities=[taxonomy["grant-reporting"]])

    response = _send(
        client,
        "patch",
        f"/needs/{need.pk}",
        {"version": 1, "title": "Changed", "capacities": ["lua-scripting"], "ends_on": None},
        **bearer(owner),
    )

    assert response.status_code == 200, response.content
    assert response.json()["capacities"][0]["code"] == "lua-scripting"
    assert _state(need) == ("Changed", "open", 2)


def test_a_stale_version_is_a_409_and_nothing_changes(client, owner, taxonomy):
    need = NeedFactory(requester=owner, version=4)

    response = _send(
        client, "patch", f"/needs/{need.pk}", {"version": 3, "title": "Late"}, **bearer(owner)
    )

    assert response.status_code == 409
    assert error_fields(response) == {"version"}
    assert _state(need) == (need.title, "open", 4)


@pytest.mark.parametrize("who", ["other", "manager"])
def test_acting_on_someone_elses_need_is_a_403_and_nothing_changes(
    client, owner, taxonomy, request, who
):
    need = NeedFactory(requester=owner)
    before = _state(need)
    headers = bearer(request.getfixturevalue(who))

    patched = _send(
        client, "patch", f"/needs/{need.pk}", {"version": need.version, "title": "Mine"}, **headers
    )
    closed = _send(client, "post", f"/needs/{need.pk}/status", {"status": "closed"}, **headers)

    assert (patched.status_code, closed.status_code) == (403, 403)
    assert _state(need) == before
    assert not AuditEntry.objects.filter(target_type="exchange.need").exists()


def test_staff_may_act_on_any_need(client, owner, staff, taxonomy):
    need = NeedFactory(requester=owner)

    response = _send(
        client, "post", f"/needs/{need.pk}/status", {"status": "closed"}, **bearer(staff)
    )

    assert response.status_code == 200
    assert _state(need)[1] == "closed"


def test_the_lifecycle_through_the_api(client, owner, taxonomy):
    need = NeedFactory(requester=owner)
    headers = bearer(owner)

    for status in ["in_progress", "fulfilled"]:
        response = _send(
            client, "post", f"/needs/{need.pk}/status", {"status": status, "note": "ok"}, **headers
        )
        assert response.status_code == 200, response.content

    assert _state(need)[1] == "fulfilled"


@pytest.mark.parametrize("status", ["fulfilled", "expired", "open", "reopened"])
def test_a_transition_outside_the_lifecycle_is_a_422(client, owner, taxonomy, status):
    need = NeedFactory(requester=owner)

    response = _send(
        client, "post", f"/needs/{need.pk}/status", {"status": status}, **bearer(owner)
    )

    assert response.status_code == 422
    assert error_fields(response) == {"status"}
    assert _state(need)[1] == "open"


def test_a_closed_need_cannot_be_patched(client, owner, taxonomy):
    need = NeedFactory(requester=owner, status="closed")

    response = _send(
        client,
        "patch",
        f"/needs/{need.pk}",
        {"version": need.version, "title": "Again"},
        **bearer(owner),
    )

    assert response.status_code == 422
    assert error_fields(response) == {"status"}


def test_null_for_a_required_field_in_a_patch_is_a_422(client, owner, taxonomy):
    need = NeedFactory(requester=owner)

    response = _send(
        client,
        "patch",
        f"/needs/{need.pk}",
        {"version": need.version, "title": None},
        **bearer(owner),
    )

    assert response.status_code == 422
    assert _state(need)[0] == need.title
