"""Forms: build (staff and organization managers), version, XLSForm in and out. Answers are
given through the apps that ask (e.g. review's applications), not here."""

import base64
import binascii
from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from capacityhub.community.models import Organization
from capacityhub.forms.models import Form, FormVersion
from capacityhub.forms.selectors import (
    form_can_edit,
    form_list,
    form_versions,
    may_build_forms,
    version_get,
)
from capacityhub.forms.services import (
    form_create,
    form_export_xlsform,
    form_import_xlsform,
    form_update,
)
from capacityhub.forms.validation.questions import KINDS

from ..core.pagination import page_out, paginate
from ..core.schemas import (
    DETAIL_ERRORS,
    OBJECT_WRITE_ERRORS,
    READ_ERRORS,
    WRITE_AUTH,
    WRITE_ERRORS,
    Input,
    LanguageCode,
    ObjectId,
    Page,
    PageQuery,
    Slug,
    Text,
)

router = Router(tags=["forms"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Texts = dict[LanguageCode, Text(2000)]
Scalar = str | int | float | bool


class ChoiceIn(Input):
    value: Text(100, min_length=1)
    label: Texts = {}


class FormQuestionIn(Input):
    key: Text(64, min_length=1)
    kind: Literal[KINDS]
    required: bool = False
    label: Texts
    help: Texts = {}
    choices: list[ChoiceIn] = Field(default_factory=list, max_length=200)
    scale_min: int | None = Field(None, ge=-1000, le=1000)
    scale_max: int | None = Field(None, ge=-1000, le=1000)
    scale_min_label: Texts = {}
    scale_max_label: Texts = {}
    show_if: dict[str, Scalar | list[Scalar]] | None = Field(
        None, description='{"question": key, "equals": value} or {"question": key, "in": [...]}'
    )
    validation: dict[str, Scalar | list[str]] = Field(
        default_factory=dict,
        description="min, max, max_length, pattern, max_file_bytes, allowed_types",
    )


class FormIn(Input):
    title: dict[LanguageCode, Text(200)]
    owner_organization: Slug | None = None
    questions: list[FormQuestionIn] = Field(default_factory=list, max_length=200)


class QuestionsIn(Input):
    title: dict[LanguageCode, Text(200)] | None = None
    questions: list[FormQuestionIn] = Field(max_length=200)


class FormQuestionOut(Schema):
    key: str
    position: int
    kind: str
    required: bool
    label: dict[str, str]
    help: dict[str, str]
    choices: list[dict[str, Any]]
    scale_min: int | None
    scale_max: int | None
    scale_min_label: dict[str, str]
    scale_max_label: dict[str, str]
    show_if: dict[str, Any] | None
    validation: dict[str, Any]


class VersionOut(Schema):
    number: int
    created_at: datetime
    questions: list[FormQuestionOut]


class FormOut(Schema):
    id: int
    title: dict[str, str]
    owner_organization: str | None
    created_at: datetime
    current_version: int | None


class FormDetailOut(FormOut):
    versions: list[int]
    current: VersionOut | None


class FormPage(Page[FormOut]):
    pass


class XLSFormIn(Input):
    xlsx_base64: str = Field(max_length=7_000_000, description="The .xlsx file, base64.")
    owner_organization: Slug | None = None


class VersionQuery(Schema):
    version: int | None = Field(None, ge=1, le=1_000_000, description="Default: the current one.")


def _form_out(form: Form, current: int | None) -> dict:
    return {
        "id": form.pk,
        "title": form.title,
        "owner_organization": form.owner_organization.slug if form.owner_organization else None,
        "created_at": form.created_at,
        "current_version": current,
    }


def _version_out(version: FormVersion) -> dict:
    return {
        "number": version.number,
        "created_at": version.created_at,
        "questions": list(version.questions.all()),
    }


def _detail(form: Form) -> dict:
    versions = list(form_versions(form))
    current = version_get(form=form) if versions else None
    return {
        **_form_out(form, current.number if current else None),
        "versions": [v.number for v in versions],
        "current": _version_out(current) if current else None,
    }


def _editable(request, form_id: int) -> Form:
    form = Form.objects.select_related("owner_organization").get(pk=form_id)
    if not form_can_edit(form=form, user=request.user):
        raise PermissionDenied(_("Only staff and the owner organization's managers can do this."))
    return form


def _organization(slug: str | None) -> Organization | None:
    return Organization.objects.get(slug=slug) if slug else None


def _dump(questions: list[FormQuestionIn]) -> list[dict]:
    return [q.model_dump() for q in questions]


@router.get(
    "/forms", response={200: FormPage, 403: WRITE_ERRORS[403], **READ_ERRORS}, auth=WRITE_AUTH
)
def list_forms(request: HttpRequest, filters: Query[PageQuery]):
    """The forms you may build: all for staff, your organizations' for managers (else 403)."""
    if not may_build_forms(request.user):
        raise PermissionDenied(_("Only staff and organization managers build forms."))
    forms = form_list(user=request.user).order_by("-created_at", "-id")
    items, count = paginate(forms, filters.page, filters.page_size)
    numbers = dict(
        FormVersion.objects.filter(form__in=items)
        .values("form_id")
        .annotate(current=Max("number"))
        .values_list("form_id", "current")
    )
    results = [_form_out(f, numbers.get(f.pk)) for f in items]
    return page_out(request, results, count, filters.page, filters.page_size)


@router.post("/forms", response={201: FormDetailOut, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH)
def create_form(request: HttpRequest, payload: FormIn):
    """Staff, or a manager of `owner_organization`."""
    form = form_create(
        actor=request.user,
        title=payload.title,
        owner_organization=_organization(payload.owner_organization),
        questions=_dump(payload.questions),
    )
    return Status(201, _detail(form))


@router.get(
    "/forms/{form_id}",
    response={200: FormDetailOut, 403: WRITE_ERRORS[403], **DETAIL_ERRORS},
    auth=WRITE_AUTH,
)
def get_form(request: HttpRequest, form_id: ObjectId):
    return _detail(_editable(request, form_id))


@router.put(
    "/forms/{form_id}/questions",
    response={200: FormDetailOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def replace_questions(request: HttpRequest, form_id: ObjectId, payload: QuestionsIn):
    """Replace the questions; a new version when anyone has answered the current one."""
    form = _editable(request, form_id)
    form_update(
        actor=request.user, form=form, questions=_dump(payload.questions), title=payload.title
    )
    return _detail(form)


@router.get(
    "/forms/{form_id}/versions/{number}",
    response={200: VersionOut, 403: WRITE_ERRORS[403], **DETAIL_ERRORS},
    auth=WRITE_AUTH,
)
def get_form_version(request: HttpRequest, form_id: ObjectId, number: ObjectId):
    form = _editable(request, form_id)
    return _version_out(version_get(form=form, number=number))


@router.get(
    "/forms/{form_id}/xlsform",
    response={200: None, 403: WRITE_ERRORS[403], **DETAIL_ERRORS},
    auth=WRITE_AUTH,
    openapi_extra={
        "responses": {"200": {"description": "An .xlsx XLSForm", "content": {XLSX: {}}}}
    },
)
def download_xlsform(request: HttpRequest, form_id: ObjectId, query: Query[VersionQuery]):
    form = _editable(request, form_id)
    version = version_get(form=form, number=query.version)
    response = HttpResponse(form_export_xlsform(version=version), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="form-{form.pk}-v{version.number}.xlsx"'
    )
    return response


def _spreadsheet(payload: "XLSFormIn") -> bytes:
    try:
        return base64.b64decode(payload.xlsx_base64, validate=True)
    except (binascii.Error, ValueError):
        raise DjangoValidationError(
            {"xlsx_base64": _("This is not base64-encoded data.")}
        ) from None


@router.post(
    "/xlsform-imports", response={201: FormDetailOut, **OBJECT_WRITE_ERRORS}, auth=WRITE_AUTH
)
def import_xlsform(request: HttpRequest, payload: XLSFormIn):
    """A new form from an XLSForm (.xlsx, base64 in `xlsx_base64`). A malformed sheet: 422
    naming sheet and row; nothing saved. Staff, or a manager of `owner_organization`."""
    form = form_import_xlsform(
        actor=request.user,
        data=_spreadsheet(payload),
        owner_organization=_organization(payload.owner_organization),
    )
    return Status(201, _detail(form))


@router.post(
    "/forms/{form_id}/xlsform",
    response={200: FormDetailOut, **OBJECT_WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def reimport_xlsform(request: HttpRequest, form_id: ObjectId, payload: XLSFormIn):
    """Replace the form's questions from an XLSForm (`owner_organization` is ignored)."""
    form = _editable(request, form_id)
    form_import_xlsform(actor=request.user, data=_spreadsheet(payload), form=form)
    return _detail(form)
