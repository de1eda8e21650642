import pytest

from capacityhub.api.core.tests import API, bearer, error_fields
from capacityhub.community.models import ApiToken, Profile
from capacityhub.community.services import api_token_create

pytestmark = pytest.mark.django_db


def _patch(client, headers=None, **data):
    """A PATCH of the profile as first read (version 1) unless told otherwise."""
    if not headers:
        data = {"version": 1, **data}
    return client.patch(
        f"{API}/me/profile", data, content_type="application/json", headers=headers or {}
    )


def _put(client, path, data):
    return client.put(f"{API}/me/{path}", data, content_type="application/json")


# --- reading your own profile ------------------------------------------------------------------


def test_me_shows_the_whole_profile_with_email_visibility_and_version(owner_client, owner):
    Profile.objects.filter(user=owner).update(bio="Secret bio", bio_visibility="private")

    response = owner_client.get(f"{API}/me")

    me = response.json()
    assert response.status_code == 200
    assert me["username"] == "owner"
    assert me["email"] == "owner@example.org"
    assert me["bio"] == "Secret bio"
    assert me["visibility"]["bio"] == "private"
    assert me["version"] == 1
    assert me["is_staff"] is False


def test_me_needs_credentials(client):
    assert client.get(f"{API}/me").status_code == 401


def test_me_creates_the_profile_of_an_account_that_has_none(owner_client, owner):
    Profile.objects.filter(user=owner).delete()

    response = owner_client.get(f"{API}/me")

    assert response.status_code == 200
    assert response.json()["display_name"] == "owner"


# --- changing it -------------------------------------------------------------------------------


def test_a_member_updates_their_profile(owner_client, owner):
    response = _patch(
        owner_client, display_name="Owner O.", country="ng", bio_visibility="members", version=1
    )

    me = response.json()
    assert response.status_code == 200
    assert me["display_name"] == "Owner O."
    assert me["country"] == "NG"
    assert me["region"] == "ssa"
    assert me["visibility"]["bio"] == "members"
    assert me["version"] == 2
    assert Profile.objects.get(user=owner).country == "NG"


def test_a_stale_version_is_a_409_conflict_and_changes_nothing(owner_client, owner):
    _patch(owner_client, display_name="First", version=1)

    response = _patch(owner_client, display_name="Second", version=1)

    assert response.status_code == 409
    assert error_fields(response) == {"version"}
    assert "Reload" in response.json()["detail"]
    assert Profile.objects.get(user=owner).display_name == "First"


def test_a_patch_without_version_is_422_naming_it_and_changes_nothing(owner_client, owner):
    response = owner_client.patch(
        f"{API}/me/profile", {"pronouns": "they/them"}, content_type="application/json"
    )

    assert response.status_code == 422
    assert error_fields(response) == {"version"}
    assert not Profile.objects.filter(user=owner, pronouns="they/them").exists()


def test_the_version_may_come_as_an_if_match_header_instead(owner_client, owner):
    saved = _patch(owner_client, {"If-Match": '"1"'}, pronouns="they/them")
    stale = _patch(owner_client, {"If-Match": 'W/"1"'}, pronouns="she/her")
    malformed = _patch(owner_client, {"If-Match": "*"}, pronouns="she/her")
    disagreeing = _patch(owner_client, {"If-Match": '"2"'}, pronouns="she/her", version=1)

    assert saved.status_code == 200, saved.content
    assert stale.status_code == 409
    assert malformed.status_code == 422 and error_fields(malformed) == {"version"}
    assert disagreeing.status_code == 422 and error_fields(disagreeing) == {"version"}
    assert Profile.objects.get(user=owner).pronouns == "they/them"


def test_the_openapi_document_says_version_is_required_on_patch(client):
    operation = client.get(f"{API}/openapi.json").json()["paths"]["/api/v1/me/profile"]["patch"]

    assert "missing, 422" in operation["description"]
    assert any(p["name"] == "If-Match" for p in operation["parameters"])


def test_invalid_profile_values_are_422_naming_the_field(owner_client):
    country = _patch(owner_client, country="XX")
    time_zone = _patch(owner_client, time_zone="Mars/Olympus")
    blank = _patch(owner_client, display_name="")
    too_long = _patch(owner_client, pronouns="x" * 41)
    null = _patch(owner_client, bio=None)

    assert error_fields(country) == {"country"}
    assert error_fields(time_zone) == {"time_zone"}
    assert error_fields(blank) == {"display_name"}
    assert error_fields(too_long) == {"pronouns"}
    assert error_fields(null) == {"bio"}
    assert {r.status_code for r in [country, time_zone, blank, too_long, null]} == {422}


def test_a_failed_update_changes_nothing(owner_client, owner):
    _patch(owner_client, display_name="Changed", country="XX")

    profile = Profile.objects.get(user=owner)
    assert profile.display_name == "Owner"
    assert profile.version == 1


def test_an_anonymous_caller_cannot_update_a_profile(client):
    assert _patch(client, display_name="Nobody").status_code == 401


def test_a_member_sets_their_languages(owner_client):
    response = _put(owner_client, "languages", {"languages": {"fr": 0, "en": 4}})

    assert response.status_code == 200
    assert [(lang["code"], lang["proficiency"]) for lang in response.json()["languages"]] == [
        ("fr", 0),
        ("en", 4),
    ]


def test_an_unknown_language_or_proficiency_names_the_language(owner_client):
    unknown = _put(owner_client, "languages", {"languages": {"xx": 1}})
    too_high = _put(owner_client, "languages", {"languages": {"fr": 9}})

    assert unknown.status_code == 422
    assert error_fields(unknown) == {"languages.xx"}
    assert too_high.status_code == 422
    assert error_fields(too_high) == {"languages.fr"}


def test_a_member_sets_what_they_know_offer_and_want(owner_client, taxonomy):
    claims = [
        {"capacity": "grant-writing", "relation": "knows", "level": 4},
        {"capacity": "grant-writing", "relation": "offers", "level": 4},
        {"capacity": "lua-scripting", "relation": "wants"},
    ]

    response = _put(owner_client, "capacities", {"claims": claims})

    capacities = response.json()["capacities"]
    assert response.status_code == 200
    assert capacities["offers"] == [
        {"capacity": "grant-writing", "label": "Grant writing", "level": 4}
    ]
    assert capacities["wants"][0]["level"] == 2


def test_offering_what_you_do_not_know_is_refused(owner_client, taxonomy):
    response = _put(
        owner_client,
        "capacities",
        {"claims": [{"capacity": "grant-writing", "relation": "offers"}]},
    )

    assert response.status_code == 422
    assert error_fields(response) == {"capacities.grant-writing"}


def test_bad_claims_name_the_field(owner_client, taxonomy):
    unknown = _put(
        owner_client, "capacities", {"claims": [{"capacity": "astrology", "relation": "knows"}]}
    )
    relation = _put(
        owner_client, "capacities", {"claims": [{"capacity": "lua-scripting", "relation": "x"}]}
    )
    level = _put(
        owner_client,
        "capacities",
        {"claims": [{"capacity": "lua-scripting", "relation": "knows", "level": 6}]},
    )
    twice = _put(
        owner_client,
        "capacities",
        {"claims": [{"capacity": "lua-scripting", "relation": "knows"}] * 2},
    )

    assert error_fields(unknown) == {"capacities.astrology"}
    assert error_fields(relation) == {"claims.0.relation"}
    assert error_fields(level) == {"claims.0.level"}
    assert error_fields(twice) == {"claims"}


def test_an_anonymous_caller_cannot_set_capacities_or_languages(client, taxonomy):
    assert _put(client, "capacities", {"claims": []}).status_code == 401
    assert _put(client, "languages", {"languages": {}}).status_code == 401


# --- export and tokens -------------------------------------------------------------------------


def test_a_member_downloads_everything_the_hub_holds_about_them(owner_client):
    response = owner_client.get(f"{API}/me/export")

    export = response.json()
    assert response.status_code == 200
    assert export["account"]["username"] == "owner"
    assert export["account"]["email"] == "owner@example.org"
    assert {"profile", "languages", "capacities", "memberships", "api_tokens"} <= set(export)


def test_export_needs_credentials(client):
    assert client.get(f"{API}/me/export").status_code == 401


def test_a_new_token_shows_its_secret_once_and_then_works(client, owner_client):
    created = owner_client.post(
        f"{API}/me/tokens", {"name": "chapter website"}, content_type="application/json"
    )

    secret = created.json()["token"]
    assert created.status_code == 201
    assert secret.startswith(created.json()["prefix"])
    listed = owner_client.get(f"{API}/me/tokens").json()
    assert [t["name"] for t in listed] == ["chapter website"]
    assert secret not in str(listed)
    me = client.get(f"{API}/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.json()["username"] == "owner"


def test_a_token_needs_a_name(owner_client):
    response = owner_client.post(
        f"{API}/me/tokens", {"name": "  "}, content_type="application/json"
    )

    assert response.status_code == 422
    assert error_fields(response) == {"name"}


def test_a_member_revokes_a_token_and_it_stops_working(client, owner_client, owner):
    headers = bearer(owner, name="site")
    token = ApiToken.objects.get(name="site")

    response = owner_client.delete(f"{API}/me/tokens/{token.pk}")

    assert response.status_code == 204
    assert owner_client.get(f"{API}/me/tokens").json() == []
    assert client.get(f"{API}/me", headers=headers).status_code == 401


def test_a_member_cannot_revoke_someone_elses_token(other_client, owner):
    token, _secret = api_token_create(user=owner, name="site")

    response = other_client.delete(f"{API}/me/tokens/{token.pk}")

    assert response.status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_tokens_need_credentials(client, owner):
    token, _secret = api_token_create(user=owner, name="site")

    assert client.get(f"{API}/me/tokens").status_code == 401
    assert client.delete(f"{API}/me/tokens/{token.pk}").status_code == 401
