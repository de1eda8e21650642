"""Panels: sections other apps add to the home page, a person's page and an organization's."""

import pytest

from capacityhub.web.core import panels

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(tmp_path, settings):
    """A panel in each place, from a template written for the test."""
    (tmp_path / "panel.html").write_text("<section><h2>Panel of {{ name }}</h2></section>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    before = list(panels.PANELS)
    panels.register("home", "panel.html")(lambda request, obj: {"name": "the home page"})
    panels.register("profile", "panel.html")(
        lambda request, view: {"name": view.username} if view.claims is not None else None
    )
    panels.register("organization", "panel.html")(lambda request, org: {"name": org.slug})
    yield
    panels.PANELS[:] = before


def test_each_page_shows_the_panels_registered_for_it(registered, client, owner, organization):
    assert "Panel of the home page" in client.get("/").content.decode()
    profile_page = client.get(f"/people/{owner.username}/").content.decode()
    assert f"Panel of {owner.username}" in profile_page
    organization_page = client.get(f"/organizations/{organization.slug}/").content.decode()
    assert f"Panel of {organization.slug}" in organization_page


def test_a_panel_that_returns_nothing_is_left_out(registered, client, owner):
    owner.profile.capacities_visibility = "private"
    owner.profile.save()

    page = client.get(f"/people/{owner.username}/").content.decode()

    assert "Panel of" not in page


def test_an_unknown_place_is_refused():
    with pytest.raises(ValueError, match="unknown panel place"):
        panels.register("sidebar", "panel.html")
