"""A new password revokes the person's API tokens (issue 10: tokens survived a password change),
whichever page set it: allauth's change or reset, or the admin's password form."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from capacityhub.community.models import ApiToken
from capacityhub.community.services import api_token_create

pytestmark = pytest.mark.django_db

NEW = "a-brand-new-pass-phrase-7"


def _works(secret: str) -> bool:
    return Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


def test_changing_my_password_revokes_my_tokens_and_no_one_elses(owner_client, owner, other):
    _token, mine = api_token_create(user=owner, name="script")
    _token, theirs = api_token_create(user=other, name="script")
    assert _works(mine)

    response = owner_client.post(
        reverse("account_change_password"),
        {"oldpassword": "pass-word-1234", "password1": NEW, "password2": NEW},
    )

    assert response.status_code == 302
    assert not _works(mine)
    assert _works(theirs)
    assert ApiToken.objects.get(user=owner).revoked_at is not None


def test_resetting_a_forgotten_password_revokes_the_tokens(owner):
    owner.email = "owner@example.org"
    owner.save(update_fields=["email"])
    _token, secret = api_token_create(user=owner, name="script")
    client = Client()
    client.post(reverse("account_reset_password"), {"email": "owner@example.org"})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[-1].body)

    form = client.get(link[1], follow=True)
    response = client.post(form.redirect_chain[-1][0], {"password1": NEW, "password2": NEW})

    assert response.status_code == 302
    assert not _works(secret)


def test_the_admins_password_form_revokes_the_tokens_too(staff, owner):
    staff.is_superuser = True
    staff.save(update_fields=["is_superuser"])
    _token, secret = api_token_create(user=owner, name="script")
    client = Client()
    client.force_login(staff)

    response = client.post(
        f"/admin/community/user/{owner.pk}/password/",
        {"password1": NEW, "password2": NEW, "usable_password": "true"},
    )

    assert response.status_code == 302
    assert not _works(secret)


def test_signing_in_or_editing_the_account_keeps_the_tokens(owner):
    _token, secret = api_token_create(user=owner, name="script")
    client = Client()

    client.post(reverse("account_login"), {"login": "owner", "password": "pass-word-1234"})
    owner.first_name = "Ada"
    owner.save()

    assert _works(secret)


def test_the_settings_page_says_a_new_password_revokes_the_tokens(owner_client):
    page = owner_client.get(reverse("web:settings")).content.decode()

    assert "Changing your password revokes your API tokens." in page
