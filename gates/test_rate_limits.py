"""Sign-in, sign-up and personal API tokens are rate-limited.

Sign-in and sign-up are allauth's (ACCOUNT_RATE_LIMITS in config/settings.py); token creation
is the service's own (community.services.TOKENS_PER_HOUR), so the settings page and
POST /api/v1/me/tokens share one count per person.
"""

import pytest
from allauth.core.internal import ratelimit as allauth_ratelimit
from django.conf import settings
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from capacityhub.community.models import ApiToken, User
from capacityhub.community.services import TOKENS_PER_HOUR, api_token_create
from capacityhub.core import ratelimit

pytestmark = pytest.mark.django_db

API = "/api/v1"
TOO_MANY_LOGINS = "Too many failed login attempts"


def _sign_in(client: Client, password: str):
    return client.post(reverse("account_login"), {"login": "owner", "password": password})


def test_the_limits_are_configured():
    limits = settings.ACCOUNT_RATE_LIMITS

    assert limits["login_failed"] and limits["signup"] and limits["login"]


def test_repeated_failed_sign_ins_are_stopped_even_with_the_right_password_then(owner):
    client = Client()
    for _attempt in range(5):
        response = _sign_in(client, "wrong")
        assert TOO_MANY_LOGINS not in response.content.decode()

    refused = _sign_in(client, "wrong")
    right_too_late = _sign_in(Client(), "pass-word-1234")

    assert TOO_MANY_LOGINS in refused.content.decode()
    assert TOO_MANY_LOGINS in right_too_late.content.decode()
    assert "_auth_user_id" not in client.session


def test_many_sign_ups_from_one_address_are_stopped(db):
    def sign_up(n: int):
        password = "a-long-pass-phrase-1"
        data = {"email": f"newbie{n}@example.org", "username": f"newbie{n}"}
        data |= {"password1": password, "password2": password}
        return Client().post(reverse("account_signup"), data)

    accepted = [sign_up(n).status_code for n in range(20)]
    refused = sign_up(20)

    assert set(accepted) == {302}
    assert refused.status_code == 429
    assert not User.objects.filter(username="newbie20").exists()


def test_creating_api_tokens_through_the_api_is_limited_per_person(owner, other):
    _token, secret = api_token_create(user=owner, name="script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    created = [
        client.post(f"{API}/me/tokens", {"name": f"t{n}"}, content_type="application/json")
        for n in range(TOKENS_PER_HOUR - 1)
    ]
    refused = client.post(f"{API}/me/tokens", {"name": "one more"}, content_type="application/json")

    assert {response.status_code for response in created} == {201}
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert refused.json()["errors"] == [
        {"field": "name", "message": "Too many tokens created; try again later."}
    ]
    assert ApiToken.objects.filter(user=owner).count() == TOKENS_PER_HOUR
    # Someone else's count is their own.
    assert api_token_create(user=other, name="mine")


def test_creating_api_tokens_on_the_settings_page_is_limited_too(owner, owner_client):
    for n in range(TOKENS_PER_HOUR):
        assert owner_client.post(reverse("web:settings"), {"name": f"t{n}"}).status_code == 200

    refused = owner_client.post(reverse("web:settings"), {"name": "one more"})

    assert refused.status_code == 429
    assert "Too many tokens created; try again later." in refused.content.decode()
    assert ApiToken.objects.filter(user=owner).count() == TOKENS_PER_HOUR


def test_the_api_documents_the_429(client):
    document = client.get(f"{API}/openapi.json").json()

    assert "429" in document["paths"][f"{API}/me/tokens"]["post"]["responses"]


# The admin's door (issue 10: 50 wrong passwords on /admin/login/, none throttled) -----------------


def test_the_admin_page_sends_anonymous_visitors_to_the_hubs_sign_in_keeping_next(db):
    response = Client().get("/admin/", follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fadmin%2F"
    assert response.status_code == 200


def test_posting_passwords_to_the_admin_login_never_signs_anyone_in(staff):
    staff.set_password("pass-word-1234")
    staff.save()
    client = Client()

    answers = [
        client.post("/admin/login/?next=/admin/", {"username": "staff", "password": "wrong"})
        for _attempt in range(50)
    ]
    right = client.post("/admin/login/", {"username": "staff", "password": "pass-word-1234"})

    assert {answer.status_code for answer in answers} == {302}
    assert right.status_code == 302
    assert right["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_wrong_admin_passwords_through_the_hubs_sign_in_are_throttled(staff):
    client = Client()
    login = client.get("/admin/login/?next=/admin/")["Location"]

    answers = [client.post(login, {"login": "staff", "password": "wrong"}) for _ in range(50)]

    def refused(answer) -> bool:
        return answer.status_code == 429 or TOO_MANY_LOGINS in answer.content.decode()

    assert not any(refused(answer) for answer in answers[:5])
    assert all(refused(answer) for answer in answers[5:])
    assert "_auth_user_id" not in client.session


def test_staff_signed_in_at_the_hub_reach_the_admin_and_others_are_refused(
    staff_client, owner_client
):
    assert staff_client.get("/admin/login/?next=/admin/")["Location"] == "/admin/"
    assert staff_client.get("/admin/").status_code == 200
    assert owner_client.get("/admin/login/?next=/admin/").status_code == 403
    assert staff_client.get("/admin/login/?next=https://evil.example/")["Location"] == "/admin/"


# One count for every worker (issue 10: limits were per process without Redis) ---------------------


@pytest.fixture
def two_workers(db):
    """Two app processes' caches as production builds them without REDIS_URL: separate cache
    objects on the same database table."""
    shared = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": settings.CACHE_TABLE,
    }
    with override_settings(CACHES={"default": shared}):
        call_command("createcachetable", verbosity=0)
    return [DatabaseCache(settings.CACHE_TABLE, {}) for _worker in range(2)]


def test_a_limit_counts_the_attempts_of_every_worker(two_workers, monkeypatch):
    answers = []
    for attempt in range(4):
        monkeypatch.setattr(ratelimit, "cache", two_workers[attempt % 2])
        answers.append(ratelimit.hit("tokens:1", limit=3, period=3600))

    assert answers == [True, True, True, False]


def test_failed_sign_ins_on_different_workers_add_up(owner, two_workers, monkeypatch):
    client = Client()
    for attempt in range(5):
        monkeypatch.setattr(allauth_ratelimit, "cache", two_workers[attempt % 2])
        assert TOO_MANY_LOGINS not in _sign_in(client, "wrong").content.decode()

    monkeypatch.setattr(allauth_ratelimit, "cache", two_workers[1])
    right_too_late = _sign_in(Client(), "pass-word-1234")

    assert TOO_MANY_LOGINS in right_too_late.content.decode()
