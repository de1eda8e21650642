"""The forms API: build, version, XLSForm in and out; only staff and owner managers."""

import base64

import pytest

from capacityhub.api.core.tests import API, error_fields
from capacityhub.forms.models import Form
from capacityhub.forms.selectors import form_current_version
from capacityhub.forms.services import form_create, response_save
from capacityhub.forms.tests.test_xlsform import KOBO

pytestmark = pytest.mark.django_db

QUESTION = {
    "key": "name",
    "kind": "short_text",
    "required": True,
    "label": {"en": "Name", "es": "Nombre"},
}


def post(client, path, data):
    return client.post(f"{API}{path}", data, content_type="application/json")


def test_staff_create_a_form_and_read_it_back(staff_client):
    response = post(staff_client, "/forms", {"title": {"en": "Survey"}, "questions": [QUESTION]})

    assert response.status_code == 201
    body = response.json()
    assert (
        body["current_version"] == 1 and body["current"]["questions"][0]["label"]["es"] == "Nombre"
    )
    again = staff_client.get(f"{API}/forms/{body['id']}")
    assert again.json()["versions"] == [1]
    listed = staff_client.get(f"{API}/forms").json()
    assert listed["count"] == 1 and listed["results"][0]["current_version"] == 1


def test_a_manager_creates_a_form_for_their_organization_but_not_for_none(
    manager_client, organization
):
    ok = post(
        manager_client, "/forms", {"title": {"en": "S"}, "owner_organization": organization.slug}
    )
    refused = post(manager_client, "/forms", {"title": {"en": "S"}})

    assert ok.status_code == 201 and ok.json()["owner_organization"] == organization.slug
    assert refused.status_code == 403


def test_another_member_and_anonymous_cannot_build_or_read_forms(other_client, client, staff):
    form = form_create(actor=staff, title="T", questions=[QUESTION])
    assert post(other_client, "/forms", {"title": {"en": "S"}}).status_code == 403
    assert other_client.get(f"{API}/forms").status_code == 403
    assert other_client.get(f"{API}/forms/{form.pk}").status_code == 403
    assert client.get(f"{API}/forms").status_code == 401
    assert post(client, "/forms", {"title": {"en": "S"}}).status_code == 401
    assert Form.objects.count() == 1


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ({**QUESTION, "key": "Bad Key"}, "questions.1.key"),
        ({**QUESTION, "kind": "essay"}, "questions.0.kind"),
        ({**QUESTION, "validation": {"min": {"a": 1}}}, "questions.0.validation.min.str"),
        ({**QUESTION, "show_if": {"question": "later", "equals": "x"}}, "questions.1.show_if"),
    ],
)
def test_a_bad_question_is_a_422_naming_the_field_and_nothing_is_saved(
    staff_client, question, field
):
    response = post(staff_client, "/forms", {"title": {"en": "S"}, "questions": [question]})

    assert response.status_code == 422
    assert any(f.startswith(field.split(".str")[0]) for f in error_fields(response))
    assert not Form.objects.exists()


def test_replacing_questions_of_an_answered_form_makes_a_new_version(staff_client, staff, owner):
    form = form_create(actor=staff, title="T", questions=[QUESTION])
    response_save(actor=owner, version=form_current_version(form), answers={"name": "Ada"})

    response = staff_client.put(
        f"{API}/forms/{form.pk}/questions",
        {"questions": [{**QUESTION, "kind": "long_text"}]},
        content_type="application/json",
    )

    assert response.status_code == 200 and response.json()["versions"] == [2, 1]
    old = staff_client.get(f"{API}/forms/{form.pk}/versions/1").json()
    assert old["questions"][0]["kind"] == "short_text"
    assert staff_client.get(f"{API}/forms/{form.pk}/versions/9").status_code == 404


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_xlsform_upload_and_download(staff_client):
    response = post(staff_client, "/xlsform-imports", {"xlsx_base64": b64(KOBO)})

    assert response.status_code == 201
    form_id = response.json()["id"]
    download = staff_client.get(f"{API}/forms/{form_id}/xlsform")
    assert download.status_code == 200 and download.content[:2] == b"PK"
    replaced = post(
        staff_client, f"/forms/{form_id}/xlsform", {"xlsx_base64": b64(download.content)}
    )
    assert replaced.status_code == 200


@pytest.mark.parametrize(("data", "message"), [(b"nope", "not an .xlsx"), (None, "base64")])
def test_a_malformed_xlsform_is_a_422_and_nothing_is_saved(staff_client, data, message):
    encoded = b64(data) if data else "***"
    response = post(staff_client, "/xlsform-imports", {"xlsx_base64": encoded})

    assert response.status_code == 422 and message in response.json()["detail"]
    assert not Form.objects.exists()
