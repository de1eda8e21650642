"""The component gallery of docs/design.md: each shared component rendered by Django with sample
data, styled by the built Codex CSS and hub.css, photographed in chromium.

Screenshots go to test-artifacts/screenshots/design-<component>.png; with DESIGN_SCREENSHOTS=1
they replace docs/design/<component>.png (run it after changing a component):

    DESIGN_SCREENSHOTS=1 .venv/bin/pytest -n 0 journeys/test_design_gallery.py
"""

import os
from pathlib import Path

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from playwright.sync_api import expect

from journeys.conftest import ARTIFACTS

DOCS = Path(__file__).resolve().parent.parent / "docs" / "design"


class SampleForm(forms.Form):
    title = forms.CharField(label="Title", help_text="A short sentence people will scan.")
    capacity = forms.ChoiceField(
        label="Capacity", choices=[("", "Any capacity"), ("grants", "Grant writing")]
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    narrower = forms.BooleanField(label="Include narrower capacities", required=False)


# Codex buttons (with icons beside their words) and chips, as templates write them.
BUTTONS = (
    "{% load ui %}<div class='hub-button-row'>"
    "<button class='cdx-button cdx-button--action-progressive cdx-button--weight-primary'>"
    "{% icon 'cdxIconAdd' %}State a need</button>"
    "<button class='cdx-button'>{% icon 'cdxIconEdit' %}Edit</button>"
    "<button class='cdx-button cdx-button--weight-quiet'>Cancel</button>"
    "<button class='cdx-button cdx-button--action-destructive cdx-button--weight-primary'>"
    "{% icon 'cdxIconTrash' %}Delete</button></div>"
    "<ul class='tags'><li>Grant writing</li><li>Lua scripting</li><li>Edit-a-thons</li></ul>"
)


def _request(query: str = ""):
    request = RequestFactory().get("/needs/" + query)
    request.user = AnonymousUser()
    return request


def _samples() -> dict[str, str]:
    invalid = SampleForm(data={"title": "", "capacity": "grants"})
    invalid.is_valid()
    page = Paginator(list(range(120)), 20).page(3)
    chart = Template(
        '<svg viewBox="0 0 200 60" width="320" aria-hidden="true">'
        '<rect x="0" y="10" width="150" height="16" fill="#36c"/>'
        '<rect x="0" y="34" width="90" height="16" fill="#14866d"/></svg>'
    )
    table = {
        "caption": "Open needs by region",
        "headers": ["Region", "Needs", "Offers"],
        "rows": [["Sub-Saharan Africa", "12", "7"], ["South Asia", "9", "11"]],
        "numbers_from": 1,
    }
    render = render_to_string
    return {
        "card": render(
            "web/components/card.html",
            {
                "title": "Grant reporting in French",
                "href": "#",
                "description": "Wikimedians of Kano · until 1 March 2027",
                "icon": "cdxIconUserGroup",
            },
        ),
        "empty_state": render(
            "web/components/empty_state.html",
            {
                "text": "You have not stated a need yet.",
                "action_url": "#",
                "action_label": "State a need",
                "action_icon": "cdxIconAdd",
            },
        ),
        "field": render("web/components/field.html", {"field": invalid["title"]}),
        "form": render("web/components/form.html", {"form": SampleForm()}),
        "filter_panel": render(
            "web/components/filter_panel.html",
            {"form": SampleForm(), "label": "Filter needs", "clear_url": "#", "open": True},
            request=_request(),
        ),
        "pager": render("web/components/pager.html", {"page_obj": page}, request=_request()),
        "table": render("web/components/table.html", table),
        "chart": render(
            "web/components/chart.html", {"title": "Needs and offers", "chart": chart, **table}
        ),
        "message": "".join(
            render("web/components/message.html", {"type": kind, "text": text})
            for kind, text in [
                ("notice", "Your profile is visible to members only."),
                ("success", "Your need was saved."),
                ("warning", "This course has no lessons yet."),
                ("error", "Please correct the errors below."),
            ]
        ),
        "buttons": Template(BUTTONS).render(Context({})),
    }


def _stylesheets() -> str:
    return "".join(
        Path(finders.find(name)).read_text(encoding="utf-8")
        for name in ("web/codex.css", "web/hub.css")
    )


@pytest.mark.parametrize("direction", ["ltr"])
def test_every_component_renders_and_is_photographed(browser, direction):
    with translation.override("en"):
        samples = _samples()
    css = _stylesheets()
    context = browser.new_context(viewport={"width": 420, "height": 400})
    page = context.new_page()
    target = DOCS if os.environ.get("DESIGN_SCREENSHOTS") else ARTIFACTS
    target.mkdir(parents=True, exist_ok=True)
    for name, html in samples.items():
        page.set_content(
            f'<!doctype html><html lang="en" dir="{direction}"><head><style>{css}</style></head>'
            f'<body><main><div class="gallery" id="gallery">{html}</div></main></body></html>'
        )
        gallery = page.locator("#gallery")
        expect(gallery).to_be_visible()
        prefix = "" if target == DOCS else "design-"
        gallery.screenshot(path=str(target / f"{prefix}{name}.png"))
    context.close()
