import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.template.loader import get_template
from django.test import Client
from django.urls import reverse

from capacityhub.community.models import ApiToken, Membership, Profile, User
from capacityhub.community.services import api_token_authenticate, api_token_create
from capacityhub.community.tests.factories import UserFactory
from capacityhub.core.models import AuditEntry

pytestmark = pytest.mark.django_db

SETTINGS = reverse("web:settings")
SET_LANGUAGE = reverse("web:set-language")


def test_our_templates_override_allauths_own():
    assert "capacityhub" in get_template("allauth/layouts/base.html").origin.name


# --- sign-up and sign-in ---------------------------------------------------------------------


def test_signing_up_through_allauth_creates_an_account(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "amina@example.org",
            "username": "amina",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(username="amina")
    assert user.email == "amina@example.org"
    assert user.is_active


def test_signing_up_gives_the_person_a_profile(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "email": "amina@example.org",
                "username": "amina",
                "password1": "a-long-pass-phrase-42",
                "password2": "a-long-pass-phrase-42",
            },
        )

    assert Profile.objects.filter(user__username="amina").exists()


def test_the_login_page_renders_the_local_form(client, db):
    response = client.get(reverse("account_login"))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="login"' in page and 'name="password"' in page


def test_the_login_page_uses_the_hub_look(client, db):
    page = client.get(reverse("account_login")).content.decode()

    assert 'class="hub-header"' in page
    assert '<main id="main"' in page
    assert 'class="cdx-field hub-field' in page
    assert "allauth-form" in page


def test_the_signup_page_uses_the_hub_look(client, db):
    page = client.get(reverse("account_signup")).content.decode()

    assert 'class="hub-header"' in page
    assert 'class="cdx-field hub-field' in page and 'name="username"' in page


def test_the_login_page_offers_wikimedia_login_when_configured(client, settings):
    settings.MEDIAWIKI_CLIENT_ID = "id"
    settings.MEDIAWIKI_CLIENT_SECRET = "secret"
    settings.SOCIALACCOUNT_PROVIDERS = {
        "mediawiki": {"APPS": [{"client_id": "id", "secret": "secret", "key": ""}]}
    }

    page = client.get(reverse("account_login")).content.decode()

    assert "Sign in with your Wikimedia account" in page
    assert "/accounts/mediawiki/login/" in page


def test_a_password_login_works(client, owner):
    response = client.post(
        reverse("account_login"), {"login": "owner", "password": "pass-word-1234"}
    )

    assert response.status_code == 302
    assert client.get(SETTINGS).status_code == 200


# --- language --------------------------------------------------------------------------------


def test_switching_language_sets_the_cookie_and_saves_it_for_members(owner_client, owner):
    response = owner_client.post(SET_LANGUAGE, {"language": "fr", "next": "/organizations/"})

    assert response.status_code == 302
    assert response["Location"] == "/organizations/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    owner.refresh_from_db()
    assert owner.preferred_language == "fr"


def test_an_anonymous_switch_sets_only_the_cookie(client, db):
    response = client.post(SET_LANGUAGE, {"language": "ar", "next": "/"})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    page = client.get("/").content.decode()
    assert 'dir="rtl"' in page and 'lang="ar"' in page


def test_the_saved_language_wins_over_the_cookie(owner_client, owner):
    owner_client.post(SET_LANGUAGE, {"language": "es"})
    owner_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    assert 'lang="es"' in owner_client.get("/").content.decode()


def test_an_unknown_language_is_refused(owner_client, owner):
    response = owner_client.post(SET_LANGUAGE, {"language": "xx", "next": "/"}, follow=True)

    assert "This language is not available." in response.content.decode()
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    owner.refresh_from_db()
    assert owner.preferred_language == ""


@pytest.mark.parametrize("target", ["https://evil.example.com/", "//evil.example.com/", ""])
def test_an_unsafe_next_goes_home(client, db, target):
    response = client.post(SET_LANGUAGE, {"language": "pt", "next": target})

    assert response["Location"] == reverse("web:home")


def test_switching_language_needs_post(client, db):
    assert client.get(SET_LANGUAGE).status_code == 405


# --- settings and tokens ---------------------------------------------------------------------


def test_settings_need_a_sign_in(client, db):
    response = client.get(SETTINGS)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_settings_page_links_everything(owner_client):
    page = owner_client.get(SETTINGS).content.decode()

    for name in ["account_email", "account_change_password", "socialaccount_connections"]:
        assert reverse(name) in page
    assert reverse("web:settings-export") in page
    assert reverse("web:account-delete") in page
    assert reverse("web:set-language") in page


def test_a_new_token_is_shown_once_and_works(owner_client, owner):
    response = owner_client.post(SETTINGS, {"name": "chapter website"})

    page = response.content.decode()
    token = ApiToken.objects.get(user=owner)
    secret = page.split('<p class="token-secret"><code>')[1].split("</code>")[0]
    assert response.status_code == 200
    assert "Copy it now, it will not be shown again." in page
    assert secret.startswith(token.prefix)
    assert api_token_authenticate(secret) == owner
    again = owner_client.get(SETTINGS).content.decode()
    assert secret not in again
    assert "chapter website" in again and token.prefix in again


def test_a_token_works_as_bearer_against_the_api(owner_client, owner):
    page = owner_client.post(SETTINGS, {"name": "script"}).content.decode()
    secret = page.split('<p class="token-secret"><code>')[1].split("</code>")[0]

    # a fresh client, without the session: only the token says who this is
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    if response.status_code == 404:
        pytest.skip("the API has no /me endpoint yet")

    assert response.status_code == 200
    assert response.json()["username"] == "owner"
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION="Bearer nope").status_code == 401


def test_a_token_needs_a_name(owner_client, owner):
    response = owner_client.post(SETTINGS, {"name": "  "})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_a_token(owner_client, owner):
    token, secret = api_token_create(user=owner, name="retired script")

    response = owner_client.post(reverse("web:token-revoke", args=[token.pk]))

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_token_authenticate(secret) is None
    assert (
        "retired script" not in owner_client.get(SETTINGS).content.decode().split('id="tokens"')[1]
    )


def test_another_person_cannot_revoke_my_token(other_client, owner):
    token, secret = api_token_create(user=owner, name="mine")

    response = other_client.post(reverse("web:token-revoke", args=[token.pk]))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_needs_post(owner_client, owner):
    token, _secret = api_token_create(user=owner, name="mine")

    assert owner_client.get(reverse("web:token-revoke", args=[token.pk])).status_code == 405


# --- export and deletion ---------------------------------------------------------------------


def test_the_export_holds_my_data_and_no_one_elses(owner_client, owner, other, organization):
    Membership.objects.create(organization=organization, user=owner)
    api_token_create(user=owner, name="my script")
    api_token_create(user=other, name="their script")

    response = owner_client.get(reverse("web:settings-export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="capacityhub-owner.json"'
    data = json.loads(response.content)
    assert data["account"]["username"] == "owner"
    assert data["account"]["email"] == "owner@example.org"
    assert data["memberships"] == [{"organization": "wm-kano", "role": "member"}]
    assert [t["name"] for t in data["api_tokens"]] == ["my script"]
    assert "other" not in response.content.decode()
    assert "their script" not in response.content.decode()


def test_the_export_of_a_non_ascii_username_downloads(db):
    client = Client()
    client.force_login(UserFactory(username="ámina"))

    response = client.get(reverse("web:settings-export"))

    assert response.status_code == 200
    assert "filename*=utf-8''capacityhub-%C3%A1mina.json" in response["Content-Disposition"]


def test_the_export_needs_a_sign_in(client, db):
    assert client.get(reverse("web:settings-export")).status_code == 302


def test_deleting_my_account_anonymises_it_and_keeps_the_audit_trail(
    owner_client, owner, organization
):
    Membership.objects.create(organization=organization, user=owner)
    api_token_create(user=owner, name="script")
    audit_count = AuditEntry.objects.count()
    url = reverse("web:account-delete")

    confirm = owner_client.get(url)
    response = owner_client.post(url, {"username": "owner"}, follow=True)

    assert confirm.status_code == 200
    assert "Type your username to confirm" in confirm.content.decode()
    assert response.redirect_chain[-1][0] == reverse("web:home")
    assert "Your account was deleted." in response.content.decode()
    owner.refresh_from_db()
    assert owner.username == f"deleted-{owner.pk}"
    assert owner.email == ""
    assert not owner.is_active
    assert not owner.has_usable_password()
    assert not Profile.objects.filter(user=owner).exists()
    assert not Membership.objects.filter(user=owner).exists()
    assert AuditEntry.objects.count() == audit_count + 1
    assert AuditEntry.objects.filter(action="api_token.create").exists()
    assert owner_client.get(SETTINGS).status_code == 302  # signed out


def test_deleting_needs_the_right_username(owner_client, owner):
    response = owner_client.post(reverse("web:account-delete"), {"username": "someone"})

    assert response.status_code == 200
    assert "This is not your username." in response.content.decode()
    owner.refresh_from_db()
    assert owner.is_active and owner.username == "owner"


# --- management command ----------------------------------------------------------------------


def test_the_api_token_command_prints_only_a_new_secret(owner):
    out = StringIO()

    call_command("api_token", "owner", "--name", "cron", stdout=out)

    secret = out.getvalue().strip()
    assert "\n" not in secret
    assert api_token_authenticate(secret) == owner
    assert ApiToken.objects.get(user=owner).name == "cron"


def test_the_api_token_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="ghost"):
        call_command("api_token", "ghost")


def test_the_api_token_command_refuses_an_inactive_user(db):
    UserFactory(username="gone", is_active=False)

    with pytest.raises(CommandError):
        call_command("api_token", "gone")
