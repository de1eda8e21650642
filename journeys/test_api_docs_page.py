"""A developer opens the API docs: Swagger UI renders the operations from our own static files,
and the browser reports no Content-Security-Policy violation and no request to another host."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect


@pytest.mark.django_db(transaction=True)
def test_the_api_docs_render_under_the_sites_csp(page, live_server):
    # given: a developer watching the console and the network
    problems, hosts = [], set()
    page.on("console", lambda message: problems.append(message.text))
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))

    # when: they open the docs
    page.goto("/api/v1/docs")

    # then: the operations are listed, and nothing was refused or fetched elsewhere
    expect(page.locator(".opblock").first).to_be_visible()
    assert not [text for text in problems if "Content Security Policy" in text], problems
    assert hosts == {urlparse(live_server.url).netloc}
