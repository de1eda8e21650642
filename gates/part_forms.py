"""The forms app's share of the gates (see gates/parts.py).

The world: a form owned by `organization` (its manager may edit it) with one question, and an
answer by the owner with a private file (for the read-only download page)."""

import base64
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from capacityhub.forms.models import Form, FormVersion, Question, Response, ResponseFile
from capacityhub.forms.selectors import form_current_version
from capacityhub.forms.services import form_create, response_save

from .matrix import API, EDITORS_ONLY, Row

TRACKED = [Form, FormVersion, Question, Response, ResponseFile]
QUESTION = {"key": "name", "kind": "short_text", "label": {"en": "Name", "es": "Nombre"}}
FILE_QUESTION = {"key": "cv", "kind": "file", "label": {"en": "CV"}}


def _xlsform() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(["type", "name", "label::English (en)"])
    sheet.append(["text", "name", "Your name"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def build_world(world) -> dict:
    staff, owner = world.users["staff"], world.users["owner"]
    form = form_create(
        actor=staff,
        title={"en": "Matrix form"},
        owner_organization=world.organization,
        questions=[QUESTION, FILE_QUESTION],
    )
    upload = SimpleUploadedFile("cv.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = response_save(
        actor=owner, version=form_current_version(form), answers={}, files={"cv": upload}
    )
    return {"form": form, "response_file": response.files.get()}


def _form_pk(world) -> int:
    return world.extra["form"].pk


def _xlsx_body(world, user) -> dict:
    return {
        "xlsx_base64": base64.b64encode(_xlsform()).decode(),
        "owner_organization": world.organization.slug,
    }


API_ROWS = [
    Row(
        "POST /forms",
        "post",
        lambda world: f"{API}/forms",
        lambda world, user: {
            "title": {"en": "Matrix"},
            "owner_organization": world.organization.slug,
            "questions": [QUESTION],
        },
        EDITORS_ONLY,
    ),
    Row(
        "PUT /forms/{form_id}/questions",
        "put",
        lambda world: f"{API}/forms/{_form_pk(world)}/questions",
        lambda world, user: {"questions": [{**QUESTION, "required": True}]},
        EDITORS_ONLY,
    ),
    Row(
        "POST /xlsform-imports",
        "post",
        lambda world: f"{API}/xlsform-imports",
        _xlsx_body,
        EDITORS_ONLY,
    ),
    Row(
        "POST /forms/{form_id}/xlsform",
        "post",
        lambda world: f"{API}/forms/{_form_pk(world)}/xlsform",
        _xlsx_body,
        EDITORS_ONLY,
    ),
]


def _management(total: int, initial: int = 0) -> dict:
    return {
        "q-TOTAL_FORMS": str(total),
        "q-INITIAL_FORMS": str(initial),
        "q-MIN_NUM_FORMS": "0",
        "q-MAX_NUM_FORMS": "200",
    }


def _builder_data(world, user) -> dict:
    return {
        "title_en": "Matrix web form",
        "organization": str(world.organization.pk),
        **_management(1),
        "q-0-key": "name",
        "q-0-kind": "short_text",
        "q-0-label_en": "Your name",
    }


def _upload(world, user) -> dict:
    upload = SimpleUploadedFile("form.xlsx", _xlsform())
    return {"file": upload, "organization": str(world.organization.pk)}


def _web(name: str, with_form: bool = True):
    return lambda world: reverse(f"web:{name}", args=[_form_pk(world)] if with_form else [])


WEB_ROWS = [
    Row(
        "web:formbuilder-create",
        "post",
        _web("formbuilder-create", False),
        _builder_data,
        EDITORS_ONLY,
    ),
    Row("web:formbuilder-edit", "post", _web("formbuilder-edit"), _builder_data, EDITORS_ONLY),
    Row("web:formbuilder-import", "post", _web("formbuilder-import", False), _upload, EDITORS_ONLY),
    Row("web:formbuilder-reimport", "post", _web("formbuilder-reimport"), _upload, EDITORS_ONLY),
]

WEB_READ_ONLY = {
    "formbuilder-list",
    "formbuilder-detail",
    "formbuilder-preview",
    "formbuilder-xlsform",
    "formbuilder-file",
}
READ_ONLY_ARGS = {
    "formbuilder-detail": lambda world: [_form_pk(world)],
    "formbuilder-preview": lambda world: [_form_pk(world)],
    "formbuilder-xlsform": lambda world: [_form_pk(world)],
    "formbuilder-file": lambda world: [world.extra["response_file"].pk],
}


def api_known(*, member, other, staff, organization) -> dict:
    """A form of the member's organization (the fuzz member manages it)."""
    form = form_create(
        actor=staff,
        title={"en": "Fuzz form"},
        owner_organization=organization,
        questions=[QUESTION],
    )
    return {
        "form_id": [form.pk],
        "number": [1],
        "owner_organization": [organization.slug],
        "xlsx_base64": [base64.b64encode(_xlsform()).decode()],
    }
