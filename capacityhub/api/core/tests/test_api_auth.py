import pytest
from django.test import Client
from django.utils import timezone

from capacityhub.community.models import ApiToken

from . import API, bearer, error_fields

pytestmark = pytest.mark.django_db


# --- the documents ---------------------------------------------------------------------------


def test_the_openapi_document_loads_and_lists_every_resource(client):
    response = client.get(f"{API}/openapi.json")

    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "Capacity Hub API"
    paths = set(document["paths"])
    for path in [
        "/capacities",
        "/capacities/tree",
        "/capacities/{code}",
        "/methods",
        "/capacity-proposals",
        "/people",
        "/people/{username}",
        "/me",
        "/me/profile",
        "/me/tokens",
        "/organizations",
        "/organizations/{slug}/members/{username}",
    ]:
        assert f"{API}{path}" in paths
    assert {"BearerAuth", "SessionCookieAuth"} <= set(document["components"]["securitySchemes"])


def test_the_openapi_document_says_reads_are_open_and_writes_need_credentials(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]

    assert {} in paths[f"{API}/people"]["get"]["security"]
    assert {} not in paths[f"{API}/me/profile"]["patch"]["security"]
    assert "401" in paths[f"{API}/me/profile"]["patch"]["responses"]
    assert "422" in paths[f"{API}/people"]["get"]["responses"]


def test_the_interactive_docs_page_loads(client):
    response = client.get(f"{API}/docs")

    assert response.status_code == 200
    assert b"openapi.json" in response.content


# --- who may call what -------------------------------------------------------------------------


def test_an_anonymous_caller_can_read_public_lists(client, taxonomy):
    assert client.get(f"{API}/people").status_code == 200
    assert client.get(f"{API}/capacities").status_code == 200


def test_an_anonymous_write_is_refused_with_401_and_a_clear_message(client):
    response = client.patch(
        f"{API}/me/profile", {"display_name": "Me"}, content_type="application/json"
    )

    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_an_anonymous_write_gets_401_even_when_csrf_is_enforced(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post(f"{API}/me/tokens", {"name": "x"}, content_type="application/json")

    assert response.status_code == 401


def test_a_bearer_token_identifies_its_owner(client, owner):
    response = client.get(f"{API}/me", headers=bearer(owner))

    assert response.status_code == 200
    assert response.json()["username"] == "owner"


def test_a_bearer_token_can_write_without_a_csrf_token(owner):
    client = Client(enforce_csrf_checks=True)

    response = client.patch(
        f"{API}/me/profile",
        {"display_name": "Sam at the chapter", "version": 1},
        content_type="application/json",
        headers=bearer(owner),
    )

    assert response.status_code == 200
    assert response.json()["display_name"] == "Sam at the chapter"


def test_a_bearer_token_records_when_it_was_last_used(client, owner):
    client.get(f"{API}/me", headers=bearer(owner, name="site"))

    assert ApiToken.objects.get(name="site").last_used_at is not None


def test_a_revoked_token_is_refused_even_for_reads(client, owner):
    headers = bearer(owner, name="old")
    ApiToken.objects.filter(name="old").update(revoked_at=timezone.now())

    assert client.get(f"{API}/me", headers=headers).status_code == 401
    response = client.get(f"{API}/people", headers=headers)
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_an_unknown_token_is_refused(client):
    response = client.get(f"{API}/people", headers={"Authorization": "Bearer chub_nonsense"})

    assert response.status_code == 401


def test_the_token_of_a_deactivated_account_is_refused(client, owner):
    headers = bearer(owner)
    owner.is_active = False
    owner.save()

    assert client.get(f"{API}/me", headers=headers).status_code == 401


def test_a_session_write_without_the_csrf_token_is_refused(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)

    response = client.patch(
        f"{API}/me/profile", {"display_name": "X"}, content_type="application/json"
    )

    assert response.status_code == 403
    assert response.json()["detail"]


def test_a_session_write_with_the_csrf_token_is_accepted(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    secret = "a" * 32
    client.cookies["csrftoken"] = secret

    response = client.patch(
        f"{API}/me/profile",
        {"display_name": "Owner Two", "version": 1},
        content_type="application/json",
        headers={"X-CSRFToken": secret},
    )

    assert response.status_code == 200


def test_a_session_read_needs_no_csrf_token(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)

    assert client.get(f"{API}/me").status_code == 200


# --- errors are JSON and name the field --------------------------------------------------------


def test_a_missing_object_is_a_json_404(client):
    response = client.get(f"{API}/people/nobody-here")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_invalid_query_parameters_are_422_naming_each_field(client):
    response = client.get(f"{API}/people?page=-1&page_size=1000000000&sort=sideways")

    assert response.status_code == 422
    assert error_fields(response) == {"page", "page_size", "sort"}
    assert "page" in response.json()["detail"]


def test_huge_integers_are_refused_before_they_reach_the_database(client, staff_client):
    assert client.get(f"{API}/capacities?page={10**30}").status_code == 422
    response = staff_client.post(
        f"{API}/capacity-proposals/{10**30}/approve", {}, content_type="application/json"
    )
    assert response.status_code == 422
    assert error_fields(response) == {"proposal_id"}


@pytest.mark.parametrize("query", ["q=%00", "q=%FF%FE%FD", "q=" + "x" * 201, "lang=%00"])
def test_odd_query_strings_never_cause_a_server_error(client, query):
    response = client.get(f"{API}/people?{query}")

    assert response.status_code in {200, 422}
    assert response["Content-Type"].startswith("application/json")


def test_a_nul_character_is_refused_as_invalid_input(client):
    response = client.get(f"{API}/capacities?q=a%00b")

    assert response.status_code == 422
    assert error_fields(response) == {"q"}


def test_a_malformed_json_body_is_a_json_400(owner_client):
    response = owner_client.post(f"{API}/me/tokens", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert "detail" in response.json()


def test_a_body_field_error_is_named_without_the_body_prefix(owner_client):
    response = owner_client.patch(
        f"{API}/me/profile", {"bio_visibility": "friends"}, content_type="application/json"
    )

    assert response.status_code == 422
    assert error_fields(response) == {"bio_visibility"}


def test_a_body_that_is_not_an_object_is_a_422(owner_client):
    response = owner_client.patch(
        f"{API}/me/profile", "[null, null]", content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == ""


def test_a_misspelt_body_field_is_refused_rather_than_ignored(owner_client):
    response = owner_client.patch(
        f"{API}/me/profile", {"displayname": "Typo"}, content_type="application/json"
    )

    assert response.status_code == 422
    assert error_fields(response) == {"displayname"}


def test_operations_have_short_stable_ids(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]

    assert paths[f"{API}/people"]["get"]["operationId"] == "list_people"
    assert paths[f"{API}/me/profile"]["patch"]["operationId"] == "update_my_profile"


def test_an_unforeseen_database_conflict_is_a_409_not_a_500(owner_client, monkeypatch):
    from django.db import IntegrityError

    def conflict(**kwargs):
        raise IntegrityError("UNIQUE constraint failed")

    monkeypatch.setattr("capacityhub.community.services.api_token_create", conflict)

    response = owner_client.post(f"{API}/me/tokens", {"name": "x"}, content_type="application/json")

    assert response.status_code == 409
    assert "Reload" in response.json()["detail"]
