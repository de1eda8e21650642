"""The Codex design system: the trimmed build, the {% icon %} tag, the shared components, the
header, and the 500 page that renders without a request."""

import pytest
from django import forms
from django.template import Context, Template, TemplateSyntaxError, loader
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

from capacityhub.web.core import codex


def render(source: str, **context) -> str:
    return Template("{% load ui %}" + source).render(Context(context))


# --- the build -------------------------------------------------------------------------------


def test_trimming_drops_rules_only_the_vue_components_need():
    css = (
        ".cdx-button{color:red}.cdx-select-vue__handle{color:blue}"
        ".cdx-message,.cdx-message-enter-active{opacity:1}"
        "@media (min-width:10px){.cdx-table-pager{x:y}.cdx-table{x:z}}"
        "@media print{.cdx-menu-vue{a:b}}"
    )

    trimmed = codex.trim_stylesheet(css)

    assert trimmed == (
        ".cdx-button{color:red}.cdx-message{opacity:1}@media (min-width:10px){.cdx-table{x:z}}"
    )


def test_the_built_stylesheet_holds_the_tokens_and_the_components_pages_use():
    css = codex.CSS_PATH.read_text(encoding="utf-8")

    assert "--color-progressive:" in css
    for component in ("cdx-button", "cdx-card", "cdx-message", "cdx-text-input", "cdx-select"):
        assert f".{component}" in css
    assert "-vue" not in css


def test_a_missing_build_is_reported_with_the_command_that_makes_it(monkeypatch, tmp_path):
    monkeypatch.setattr(codex, "ICONS_PATH", tmp_path / "codex-icons.json")
    monkeypatch.setattr(codex, "_icons", None)

    with pytest.raises(codex.CodexNotBuilt, match="make assets"):
        codex.icon_shapes()


# --- icons -----------------------------------------------------------------------------------


def test_an_icon_is_inline_svg_hidden_from_screen_readers():
    html = render('{% icon "cdxIconAdd" %}')

    assert html.startswith('<svg class="cdx-icon hub-icon"')
    assert 'aria-hidden="true"' in html
    assert "<path" in html


def test_an_icon_with_a_label_is_announced_as_an_image():
    html = render('{% icon "cdxIconSearch" label="Search" %}')

    assert 'role="img"' in html and 'aria-label="Search"' in html
    assert "aria-hidden" not in html


def test_directional_icons_mirror_in_right_to_left_languages():
    with translation.override("ar"):
        arabic = render('{% icon "cdxIconNext" %}')
    english = render('{% icon "cdxIconNext" %}')

    assert "hub-icon--flipped" in arabic
    assert "hub-icon--flipped" not in english
    assert "hub-icon--flipped" not in render('{% icon "cdxIconAdd" %}')


def test_an_unknown_icon_names_the_list_to_add_it_to():
    with pytest.raises(TemplateSyntaxError, match="ICONS in capacityhub/web/codex.py"):
        render('{% icon "cdxIconNoSuchThing" %}')


# --- components ------------------------------------------------------------------------------


class SampleForm(forms.Form):
    title = forms.CharField(help_text="A short title.")
    note = forms.CharField(required=False, widget=forms.Textarea)
    public = forms.BooleanField(required=False, label="Show it to everyone")
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])


def test_a_field_shows_label_control_help_and_error_the_codex_way():
    form = SampleForm(data={"title": "", "kind": "a"})
    form.is_valid()

    html = loader.render_to_string("web/components/form.html", {"form": form})

    assert '<label class="cdx-label__label" for="id_title">' in html
    assert 'class="cdx-text-input__input"' in html
    assert 'id="id_title_helptext"' in html and "A short title." in html
    assert 'id="id_title_error"' in html and "cdx-message--error" in html
    assert 'class="cdx-text-area__textarea"' in html
    assert 'class="cdx-select"' in html


def test_only_optional_fields_are_flagged():
    html = loader.render_to_string("web/components/form.html", {"form": SampleForm()})

    # note is optional; title and kind are required; a checkbox is optional by nature
    assert html.count("cdx-label__label__optional-flag") == 1
    assert "hub-checkbox-row" in html and 'class="cdx-checkbox__input"' in html


def test_an_empty_state_offers_the_next_step():
    html = loader.render_to_string(
        "web/components/empty_state.html",
        {"text": "No needs yet.", "action_url": "/needs/new/", "action_label": "State a need"},
    )

    assert "No needs yet." in html
    assert 'href="/needs/new/"' in html and "State a need" in html


def test_a_table_keeps_its_caption_for_screen_readers():
    html = loader.render_to_string(
        "web/components/table.html",
        {"caption": "Gaps", "headers": ["Region", "Gap"], "rows": [["Europe", "3"]]},
    )

    assert '<caption class="visually-hidden">Gaps</caption>' in html
    assert '<th scope="row">Europe</th>' in html


# --- pages -----------------------------------------------------------------------------------


def test_pages_load_codex_and_no_htmx(client, db):
    page = client.get(reverse("web:home")).content.decode()

    assert "web/codex.css" in page and "web/hub.css" in page
    assert "htmx" not in page


def test_the_header_holds_search_and_a_menu_with_the_language_switcher(client, db):
    page = client.get(reverse("web:people")).content.decode()

    header = page[page.index('<header class="hub-header">') : page.index("</header>")]
    assert 'role="search"' in header
    assert '<details class="hub-menu">' in header
    assert 'name="language"' in header
    assert "Sign in" in header


def test_list_filters_sit_in_a_collapsible_panel(client, db):
    page = client.get(reverse("web:need-list")).content.decode()

    assert '<details class="cdx-accordion cdx-accordion--separation-outline hub-filters"' in page


def test_the_500_page_renders_without_a_request_context_or_database(db, django_assert_num_queries):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = server_error(request)

    page = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="en" dir="ltr">' in page
    assert "Something went wrong" in page and "web/codex.css" in page


def test_the_500_page_turns_right_to_left_in_arabic():
    with translation.override("ar"):
        page = loader.get_template("500.html").render()

    assert '<html lang="ar" dir="rtl">' in page
