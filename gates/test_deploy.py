"""Production settings pass Django's deployment checks and send the security headers.

Settings are read once, at import, so each check runs in a subprocess with the production
environment: DEBUG=0, a long random SECRET_KEY, ALLOWED_HOSTS, and a throw-away SQLite file and
static root (never the developer's or CI's database).
"""

import json
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOST = "hub.example.org"
# Only what a process needs to run: nothing of this test run's own settings (DATABASE_URL,
# REDIS_URL, DJANGO_ALLOW_ASYNC_UNSAFE set by journeys/conftest.py, …) reaches production.
INHERITED = {"PATH", "HOME", "LANG", "LANGUAGE", "TMPDIR", "TZ", "VIRTUAL_ENV", "SYSTEMROOT"}


def _production_env(tmp_path: Path) -> dict[str, str]:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env = {key: value for key, value in os.environ.items() if key in INHERITED}
    env |= {key: value for key, value in os.environ.items() if key.startswith("LC_")}
    return env | {
        "DEBUG": "0",
        "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(50)),
        "ALLOWED_HOSTS": HOST,
        "SQLITE_PATH": str(tmp_path / "production.sqlite3"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }


@pytest.fixture
def production_env(tmp_path) -> dict[str, str]:
    return _production_env(tmp_path)


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_deployment_checks_pass_without_a_warning(production_env):
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


# Run in the subprocess: a migrated throw-away database, collected static files (production
# serves hashed names from the manifest), then requests through the test client.
HEADERS_SCRIPT = """
import json, django
django.setup()
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
call_command("collectstatic", "--noinput", verbosity=0)
client = Client()
answers = {}
for path in ["/", "/people/", "/accounts/login/", "/api/v1/people", "/no-such-page/"]:
    response = client.get(path, secure=True, HTTP_HOST=%(host)r)
    answers[path] = {"status": response.status_code, "headers": dict(response.headers)}
plain = client.get("/people/", HTTP_HOST=%(host)r)
answers["http"] = {"status": plain.status_code, "location": plain.headers.get("Location")}
from django.conf import settings
from django.core.cache import cache
cache.set("shared", "yes")
answers["cache"] = {"backend": settings.CACHES["default"]["BACKEND"], "read": cache.get("shared")}
print(json.dumps(answers))
"""


@pytest.fixture(scope="module")
def production_answers(tmp_path_factory) -> dict:
    tmp_path = tmp_path_factory.mktemp("production")
    env = _production_env(tmp_path)
    result = _run(["-c", HEADERS_SCRIPT % {"host": HOST}], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


PAGES = ["/", "/people/", "/accounts/login/", "/api/v1/people", "/no-such-page/"]


@pytest.mark.parametrize("path", PAGES)
def test_production_responses_carry_the_security_headers(production_answers, path):
    answer = production_answers[path]
    headers = {name.lower(): value for name, value in answer["headers"].items()}

    assert answer["status"] < 500
    assert "max-age=31536000" in headers["strict-transport-security"]
    assert "includeSubDomains" in headers["strict-transport-security"]
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";")[0]
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"


def test_pages_render_in_production(production_answers):
    assert production_answers["/"]["status"] == 200
    assert production_answers["/people/"]["status"] == 200
    assert production_answers["/api/v1/people"]["status"] == 200
    assert production_answers["/no-such-page/"]["status"] == 404


def test_plain_http_is_redirected_to_https(production_answers):
    answer = production_answers["http"]

    assert answer["status"] == 301
    assert answer["location"] == f"https://{HOST}/people/"


def test_without_redis_every_worker_shares_the_database_cache(production_answers):
    # Per-process memory would let each worker count rate limits on its own (issue 10).
    assert production_answers["cache"] == {
        "backend": "django.core.cache.backends.db.DatabaseCache",
        "read": "yes",
    }


def test_session_and_csrf_cookies_are_secure_in_production(production_env):
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.DEBUG)"
    )

    result = _run(["-c", script], production_env)

    assert result.stdout.split() == ["True", "True", "True", "False"], result.stderr
