"""The form builder (staff and organization managers): list, create, edit questions with their
translations, preview in any UI language, XLSForm in and out, version history; and the
permission-checked download of files attached to answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from capacityhub.community.models import Organization
from capacityhub.community.selectors import organizations_managed_by
from capacityhub.core.validation import MAX_ID
from capacityhub.forms.i18n import label_for
from capacityhub.forms.models import Form, FormVersion, ResponseFile
from capacityhub.forms.selectors import (
    form_can_edit,
    form_list,
    form_versions,
    may_build_forms,
    response_file_can_view,
    response_file_get,
    version_get,
)
from capacityhub.forms.services import (
    form_create,
    form_export_xlsform,
    form_import_xlsform,
    form_update,
)
from capacityhub.web.core.forms import add_service_errors

from .forms import (
    FormTitleForm,
    PreviewLanguageForm,
    QuestionFormSet,
    QuestionRowForm,
    XLSFormUploadForm,
    ui_languages,
)
from .rendering import answer_form

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _builder_or_403(request) -> None:
    if not may_build_forms(request.user):
        raise PermissionDenied(_("Only staff and organization managers build forms."))


def _organizations(user):
    """Owner choices: staff pick any organization (or none); managers one of theirs."""
    if user.is_staff:
        return Organization.objects.order_by("name")
    return organizations_managed_by(user)


def _form_or_404(pk: int) -> Form:
    if pk > MAX_ID:
        raise Http404(_("No such form."))
    try:
        return Form.objects.select_related("owner_organization").get(pk=pk)
    except Form.DoesNotExist:
        raise Http404(_("No such form.")) from None


def _editable_or_403(request, pk: int) -> Form:
    form = _form_or_404(pk)
    if not form_can_edit(form=form, user=request.user):
        raise PermissionDenied(_("Only staff and the owner organization's managers can do this."))
    return form


def _title(form: Form) -> str:
    return label_for(form.title, get_language())


@login_required
def form_list_view(request):
    _builder_or_403(request)
    forms = [(f, _title(f)) for f in form_list(user=request.user)[:200]]
    return render(request, "web/forms/list.html", {"forms": forms})


def _save_questions(request, title_form, formset, save):
    """Validate both forms, call `save(title, questions)`; return the result or None."""
    if not (title_form.is_valid() and formset.is_valid()):
        return None
    rows = [row for row in formset.forms if row.cleaned_data and not row.is_blank()]
    # A stable sort: rows without a number keep their place after the numbered ones.
    rows.sort(
        key=lambda row: (row.cleaned_data.get("order") is None, row.cleaned_data.get("order") or 0)
    )
    try:
        return save(title_form.title(), [row.question() for row in rows])
    except ValidationError as error:
        _attach_errors(title_form, formset, rows, error)
        return None


def _attach_errors(title_form, formset, rows, error: ValidationError) -> None:
    for key, errors in error.message_dict.items():
        parts = key.split(".")
        if parts[0] == "questions" and len(parts) >= 2 and parts[1].isdigit():
            row = rows[int(parts[1]) - 1]
            field = parts[2] if len(parts) > 2 else None
            field = field if field in row.fields else ("label_en" if field == "label" else None)
            if field == "show_if":
                field = "show_if_question"
            if field == "validation":
                field = None
            for message in errors:
                row.add_error(field if field in row.fields else None, message)
        else:
            add_service_errors(title_form, ValidationError({key: errors}))


@login_required
@require_http_methods(["GET", "POST"])
def form_create_view(request):
    _builder_or_403(request)
    organizations = _organizations(request.user)
    data = request.POST if request.method == "POST" else None
    title_form = FormTitleForm(data, organizations=organizations)
    title_form.fields["organization"].required = not request.user.is_staff
    formset = QuestionFormSet(data, prefix="q")
    if request.method == "POST":
        organization = None
        if title_form.is_valid():
            organization = title_form.cleaned_data.get("organization")

        def save(title, questions):
            return form_create(
                actor=request.user,
                title=title,
                owner_organization=organization,
                questions=questions,
            )

        form = _save_questions(request, title_form, formset, save)
        if form is not None:
            messages.success(request, _("The form is saved."))
            return redirect("web:formbuilder-detail", pk=form.pk)
    context = {"title_form": title_form, "formset": formset, "form": None}
    return render(request, "web/forms/edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def form_edit_view(request, pk: int):
    form = _editable_or_403(request, pk)
    version = version_get(form=form)
    if request.method == "POST":
        title_form = FormTitleForm(request.POST)
        formset = QuestionFormSet(request.POST, prefix="q")

        def save(title, questions):
            return form_update(actor=request.user, form=form, questions=questions, title=title)

        saved = _save_questions(request, title_form, formset, save)
        if saved is not None:
            if saved.number != version.number:
                messages.success(
                    request,
                    _("People had answered the form, so this is version %(n)s.")
                    % {"n": saved.number},
                )
            else:
                messages.success(request, _("The form is saved."))
            return redirect("web:formbuilder-detail", pk=form.pk)
    else:
        title_form = FormTitleForm(initial=FormTitleForm.initial_for(form.title))
        initial = [QuestionRowForm.initial_for(q) for q in version.questions.all()]
        formset = QuestionFormSet(initial=initial, prefix="q")
    context = {"title_form": title_form, "formset": formset, "form": form}
    return render(request, "web/forms/edit.html", context)


@login_required
def form_detail_view(request, pk: int):
    form = _editable_or_403(request, pk)
    versions = list(form_versions(form))
    context = {
        "form": form,
        "title": _title(form),
        "versions": versions,
        "current": versions[0] if versions else None,
        "languages": ui_languages(),
    }
    return render(request, "web/forms/detail.html", context)


@login_required
def form_preview_view(request, pk: int):
    form = _editable_or_403(request, pk)
    chooser = PreviewLanguageForm(request.GET or None)
    language = get_language()
    if chooser.is_valid() and chooser.cleaned_data.get("language"):
        language = chooser.cleaned_data["language"]
    number = _version_number(request)
    try:
        version = version_get(form=form, number=number)
    except FormVersion.DoesNotExist:
        raise Http404(_("No such version.")) from None
    context = {
        "form": form,
        "title": label_for(form.title, language),
        "version": version,
        "answer_form": answer_form(version=version, language=language),
        "chooser": chooser,
        "language": language,
    }
    return render(request, "web/forms/preview.html", context)


def _version_number(request) -> int | None:
    raw = request.GET.get("version", "")
    return int(raw) if raw.isdigit() and len(raw) < 9 else None


@login_required
def form_xlsform_download_view(request, pk: int):
    form = _editable_or_403(request, pk)
    try:
        version = version_get(form=form, number=_version_number(request))
    except FormVersion.DoesNotExist:
        raise Http404(_("No such version.")) from None
    response = HttpResponse(form_export_xlsform(version=version), content_type=XLSX)
    name = f"form-{form.pk}-v{version.number}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def form_xlsform_upload_view(request, pk: int | None = None):
    """A new form from an XLSForm, or (with pk) the form's questions replaced by it."""
    form = _editable_or_403(request, pk) if pk is not None else None
    if form is None:
        _builder_or_403(request)
    organizations = _organizations(request.user) if form is None else None
    upload = XLSFormUploadForm(
        request.POST or None, request.FILES or None, organizations=organizations
    )
    if request.method == "POST" and upload.is_valid():
        try:
            saved = form_import_xlsform(
                actor=request.user,
                data=upload.cleaned_data["file"].read(),
                owner_organization=upload.cleaned_data.get("organization"),
                form=form,
            )
        except ValidationError as error:
            add_service_errors(upload, error)
        else:
            messages.success(request, _("The XLSForm is imported."))
            return redirect("web:formbuilder-detail", pk=saved.pk)
    context = {"upload": upload, "form": form, "title": _title(form) if form else ""}
    return render(request, "web/forms/import.html", context, status=422 if upload.errors else 200)


@login_required
def response_file_view(request, pk: int):
    """Private files, served only to those allowed; never shown inline (no stored XSS)."""
    if pk > MAX_ID:
        raise Http404(_("No such file."))
    try:
        stored = response_file_get(pk=pk)
    except ResponseFile.DoesNotExist:
        raise Http404(_("No such file.")) from None
    if not response_file_can_view(request.user, stored):
        raise PermissionDenied(_("You may not open this file."))
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("No such file.")) from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=stored.original_name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("forms/builder/", form_list_view, name="formbuilder-list"),
    path("forms/builder/new/", form_create_view, name="formbuilder-create"),
    path("forms/builder/import/", form_xlsform_upload_view, name="formbuilder-import"),
    path("forms/builder/<int:pk>/", form_detail_view, name="formbuilder-detail"),
    path("forms/builder/<int:pk>/edit/", form_edit_view, name="formbuilder-edit"),
    path("forms/builder/<int:pk>/preview/", form_preview_view, name="formbuilder-preview"),
    path(
        "forms/builder/<int:pk>/xlsform/",
        form_xlsform_download_view,
        name="formbuilder-xlsform",
    ),
    path(
        "forms/builder/<int:pk>/import/",
        form_xlsform_upload_view,
        name="formbuilder-reimport",
    ),
    path("forms/files/<int:pk>/", response_file_view, name="formbuilder-file"),
]
