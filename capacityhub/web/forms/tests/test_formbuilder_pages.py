"""The form builder pages, the renderer, and the private file download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from capacityhub.forms.models import Form, FormVersion
from capacityhub.forms.selectors import form_current_version
from capacityhub.forms.services import form_create, response_save
from capacityhub.forms.tests.test_xlsform import KOBO
from capacityhub.web.forms.rendering import answer_form, answers_for_display

QUESTIONS = [
    {
        "key": "name",
        "kind": "short_text",
        "required": True,
        "label": {"en": "Name", "es": "Nombre"},
    },
    {
        "key": "travel",
        "kind": "single_choice",
        "label": {"en": "Travel?", "es": "¿Viaje?"},
        "choices": [
            {"value": "yes", "label": {"en": "Yes", "es": "Sí"}},
            {"value": "no", "label": {"en": "No"}},
        ],
    },
    {
        "key": "cost",
        "kind": "number",
        "label": {"en": "Cost"},
        "show_if": {"question": "travel", "equals": "yes"},
    },
    {"key": "cv", "kind": "file", "label": {"en": "CV"}},
]


@pytest.fixture
def form(staff):
    return form_create(actor=staff, title={"en": "Grant", "es": "Beca"}, questions=QUESTIONS)


def row(prefix, **fields):
    return {f"q-{prefix}-{k}": v for k, v in fields.items()}


def management(total, initial=0):
    return {
        "q-TOTAL_FORMS": str(total),
        "q-INITIAL_FORMS": str(initial),
        "q-MIN_NUM_FORMS": "0",
        "q-MAX_NUM_FORMS": "200",
    }


def test_staff_create_a_form_with_translated_questions(staff_client):
    data = {
        "title_en": "Survey",
        "title_es": "Encuesta",
        **management(2),
        **row(
            0,
            key="colour",
            kind="single_choice",
            label_en="Colour",
            label_es="Color",
            choices="red | Red | Rojo\nblue | Blue",
        ),
        **row(1, key="", kind="short_text"),
    }
    response = staff_client.post(reverse("web:formbuilder-create"), data)

    form = Form.objects.get()
    assert response.status_code == 302 and form.title == {"en": "Survey", "es": "Encuesta"}
    question = form_current_version(form).questions.get()
    assert question.label == {"en": "Colour", "es": "Color"}
    assert question.choices[0] == {"value": "red", "label": {"en": "Red", "es": "Rojo"}}


def test_a_bad_question_shows_the_error_on_its_row_and_saves_nothing(staff_client):
    data = {
        "title_en": "Survey",
        **management(1),
        **row(0, key="Bad Key", kind="short_text", label_en="X"),
    }

    response = staff_client.post(reverse("web:formbuilder-create"), data)

    assert response.status_code == 200
    assert "Use lower-case letters" in response.content.decode()
    assert not Form.objects.exists()


def test_a_manager_edits_their_organizations_form_and_answered_forms_get_a_new_version(
    manager_client, manager, owner, organization
):
    form = form_create(
        actor=manager, title="Survey", owner_organization=organization, questions=QUESTIONS[:1]
    )
    response_save(actor=owner, version=form_current_version(form), answers={"name": "Ada"})
    data = {
        "title_en": "Survey 2",
        **management(1, 1),
        **row(0, key="name", kind="long_text", label_en="Your name"),
    }

    response = manager_client.post(reverse("web:formbuilder-edit", args=[form.pk]), data)

    assert response.status_code == 302
    assert FormVersion.objects.filter(form=form).count() == 2
    assert form_current_version(form).questions.get().kind == "long_text"


@pytest.mark.parametrize("client_name", ["other_client", "manager_client"])
def test_members_who_do_not_own_a_form_cannot_open_or_edit_it(request, form, client_name):
    client = request.getfixturevalue(client_name)
    for name in (
        "formbuilder-detail",
        "formbuilder-edit",
        "formbuilder-preview",
        "formbuilder-xlsform",
    ):
        assert client.get(reverse(f"web:{name}", args=[form.pk])).status_code == 403
    assert (
        client.post(reverse("web:formbuilder-edit", args=[form.pk]), management(0)).status_code
        == 403
    )
    assert form_current_version(form).questions.count() == 4


def test_a_member_who_manages_nothing_cannot_build_forms(other_client, client):
    assert other_client.get(reverse("web:formbuilder-list")).status_code == 403
    assert other_client.get(reverse("web:formbuilder-create")).status_code == 403
    assert client.get(reverse("web:formbuilder-list")).status_code == 302


def test_the_builder_pages_show_the_form(staff_client, form):
    assert "Grant" in staff_client.get(reverse("web:formbuilder-list")).content.decode()
    detail = staff_client.get(reverse("web:formbuilder-detail", args=[form.pk])).content.decode()
    assert "Versions" in detail
    edit = staff_client.get(reverse("web:formbuilder-edit", args=[form.pk])).content.decode()
    assert 'value="Nombre"' in edit


def test_preview_renders_the_form_in_the_chosen_language(staff_client, form):
    page = staff_client.get(reverse("web:formbuilder-preview", args=[form.pk]), {"language": "es"})

    html = page.content.decode()
    assert "Nombre (required)" in html and "Sí" in html and "Beca" in html


def test_xlsform_upload_creates_a_form_and_download_returns_a_spreadsheet(staff_client):
    upload = SimpleUploadedFile("kobo.xlsx", KOBO)

    response = staff_client.post(reverse("web:formbuilder-import"), {"file": upload})

    form = Form.objects.get()
    assert response.status_code == 302
    download = staff_client.get(reverse("web:formbuilder-xlsform", args=[form.pk]))
    assert download.status_code == 200 and download.content[:2] == b"PK"


def test_a_malformed_xlsform_upload_is_a_422_naming_the_row(staff_client):
    upload = SimpleUploadedFile("bad.xlsx", b"not a spreadsheet")

    response = staff_client.post(reverse("web:formbuilder-import"), {"file": upload})

    assert response.status_code == 422 and "not an .xlsx" in response.content.decode()
    assert not Form.objects.exists()


def test_the_renderer_gives_answers_the_service_accepts(owner, form):
    version = form_current_version(form)
    data = {"name": "Ada", "travel": "yes", "cost": "12.50"}
    upload = SimpleUploadedFile("cv.pdf", b"%PDF-1.4", content_type="application/pdf")
    rendered = answer_form(version=version, language="es", data=data, files={"cv": upload})
    assert rendered.is_valid(), rendered.errors
    answers, files = rendered.answers()

    saved = response_save(actor=owner, version=version, answers=answers, files=files, submit=True)

    assert saved.answers["cost"] == 12.5 and saved.answers["travel"] == "yes"
    shown = answers_for_display(version=version, response=saved, language="es")
    assert [(s.question, s.answer) for s in shown][:2] == [("Nombre", "Ada"), ("¿Viaje?", "Sí")]
    assert shown[-1].file_url == saved.files.get().get_absolute_url()


def test_a_private_file_is_served_only_to_those_allowed(
    owner, form, client, owner_client, other_client, staff_client
):
    upload = SimpleUploadedFile("cv.pdf", b"%PDF-1.4", content_type="application/pdf")
    saved = response_save(
        actor=owner, version=form_current_version(form), answers={}, files={"cv": upload}
    )
    url = saved.files.get().get_absolute_url()

    mine = owner_client.get(url)
    assert mine.status_code == 200 and b"".join(mine.streaming_content) == b"%PDF-1.4"
    assert mine["Content-Disposition"].startswith("attachment")
    assert mine["X-Content-Type-Options"] == "nosniff"
    assert staff_client.get(url).status_code == 200
    assert other_client.get(url).status_code == 403
    assert client.get(url).status_code == 302
    assert owner_client.get(reverse("web:formbuilder-file", args=[999999])).status_code == 404


def test_questions_are_reordered_by_their_order_numbers(staff_client, form):
    data = {
        "title_en": "Grant",
        **management(2, 2),
        **row(0, order="2", key="name", kind="short_text", label_en="Name"),
        **row(1, order="1", key="motive", kind="long_text", label_en="Why?"),
    }

    response = staff_client.post(reverse("web:formbuilder-edit", args=[form.pk]), data)

    assert response.status_code == 302
    keys = [q.key for q in form_current_version(form).questions.all()]
    assert keys == ["motive", "name"]
