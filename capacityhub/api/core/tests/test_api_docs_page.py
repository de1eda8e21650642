"""The API docs page (issue 10: a floating-version script from a CDN, no integrity hash, no CSP,
no `lang`): our own static files, under the site's Content-Security-Policy."""

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

DOCS = "/api/v1/docs"


def test_the_docs_page_loads_nothing_from_another_host(client):
    response = client.get(DOCS)

    page = response.content.decode()
    assert response.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert any("swagger-ui-bundle" in asset for asset in assets)
    assert all(asset.startswith(settings.STATIC_URL) for asset in assets), assets
    assert "cdn." not in page and "//" not in "".join(assets)
    for asset in assets:
        assert finders.find(asset.removeprefix(settings.STATIC_URL)), asset


def test_the_docs_page_runs_under_the_sites_content_security_policy(client):
    response = client.get(DOCS)

    assert response["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY
    assert "<script>" not in response.content.decode()  # no inline code, only JSON data


def test_the_docs_page_says_its_language(client):
    page = client.get(DOCS).content.decode()

    assert '<html lang="en" dir="ltr">' in page
    assert '"validatorUrl": null' in page
