"""Writes for forms: create and edit (versioned), answer (draft or submit, with private files)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.community.selectors import can_act_for
from capacityhub.core.audit import audit_log
from capacityhub.core.permissions import require_member

from .models import Form, FormVersion, Question, Response, ResponseFile
from .selectors import form_can_edit, form_current_version
from .validation.answers import QuestionSpec, UploadInfo, validate_answers
from .validation.questions import validate_questions

__all__ = [
    "form_create",
    "form_current_version",
    "form_update",
    "response_save",
]

QUESTION_FIELDS = (
    "key",
    "kind",
    "required",
    "label",
    "help",
    "choices",
    "scale_min",
    "scale_max",
    "scale_min_label",
    "scale_max_label",
    "show_if",
    "validation",
    "position",
)


def _require_builder(actor, organization) -> None:
    """Staff build any form; an organization's managers build that organization's forms."""
    require_member(actor)
    if actor.is_staff:
        return
    if organization is None:
        raise PermissionDenied(_("Only staff can build a form without an organization."))
    if not can_act_for(actor, organization=organization):
        raise PermissionDenied(_("Only this organization's managers and staff can build forms."))


def _clean_title(title: Any) -> dict[str, str]:
    if isinstance(title, str):
        title = {"en": title}
    if not isinstance(title, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in title.items()
    ):
        raise ValidationError({"title": _("Give the title as {language: text}.")})
    texts = {k[:12]: v.strip() for k, v in title.items() if v and v.strip()}
    if not texts:
        raise ValidationError({"title": _("Give the form a title.")})
    if any(len(v) > 200 for v in texts.values()):
        raise ValidationError({"title": _("Use at most 200 characters.")})
    return texts


def _write_questions(version: FormVersion, questions: list[dict[str, Any]]) -> None:
    Question.objects.bulk_create(
        Question(version=version, **{name: q[name] for name in QUESTION_FIELDS}) for q in questions
    )


@transaction.atomic
def form_create(
    *, actor, title: Any, owner_organization=None, questions: list[Mapping[str, Any]]
) -> Form:
    _require_builder(actor, owner_organization)
    title = _clean_title(title)
    cleaned = validate_questions(list(questions))
    form = Form.objects.create(title=title, owner_organization=owner_organization, created_by=actor)
    version = FormVersion.objects.create(form=form, number=1)
    _write_questions(version, cleaned)
    audit_log(actor=actor, action="form.create", target=form, changes={"questions": len(cleaned)})
    return form


@transaction.atomic
def form_update(
    *, actor, form: Form, questions: list[Mapping[str, Any]], title: Any = None
) -> FormVersion:
    """Replace the questions. While nobody has answered the current version it is edited in
    place; once anyone has (even a draft), a new version is made so old answers keep theirs."""
    form = Form.objects.select_for_update().get(pk=form.pk)
    if not form_can_edit(form=form, user=actor):
        _require_builder(actor, form.owner_organization)
        raise PermissionDenied(_("You cannot edit this form."))
    cleaned = validate_questions(list(questions))
    changes: dict[str, Any] = {"questions": len(cleaned)}
    if title is not None:
        form.title = _clean_title(title)
        form.save(update_fields=["title"])
        changes["title"] = form.title
    version = form_current_version(form)
    if version is None or version.responses.exists():
        number = (version.number if version else 0) + 1
        version = FormVersion.objects.create(form=form, number=number)
        changes["new_version"] = number
    else:
        version.questions.all().delete()
    _write_questions(version, cleaned)
    audit_log(actor=actor, action="form.update", target=form, changes=changes)
    return version


def _upload_info(upload: UploadedFile) -> UploadInfo:
    return UploadInfo(
        name=upload.name or "file",
        size=upload.size or 0,
        content_type=getattr(upload, "content_type", "") or "",
    )


@transaction.atomic
def response_save(
    *,
    actor,
    version: FormVersion,
    answers: Mapping[str, Any],
    files: Mapping[str, UploadedFile] | None = None,
    submit: bool = False,
    response: Response | None = None,
) -> Response:
    """Save a draft (partial answers allowed, values still checked) or submit (every rule).
    A submitted response cannot change. Files replace the earlier file for the same question."""
    require_member(actor)
    if response is not None:
        response = Response.objects.select_for_update().get(pk=response.pk)
        if response.respondent_id != actor.pk:
            raise PermissionDenied(_("This is someone else's answer."))
        if response.is_submitted:
            raise ValidationError({"answers": _("These answers were submitted; they are final.")})
        if response.version_id != version.pk:
            raise ValidationError({"version": _("These answers belong to another version.")})
    files = dict(files or {})
    specs = [QuestionSpec.of(q) for q in version.questions.all()]
    file_keys = {s.key for s in specs if s.kind == "file"}
    unknown = set(files) - file_keys
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("This question does not take a file.")})
    previous = dict(response.answers) if response else {}
    merged = {**{k: v for k, v in previous.items() if k in file_keys}, **dict(answers)}
    infos = {key: _upload_info(upload) for key, upload in files.items()}
    cleaned = validate_answers(specs, merged, infos, strict=submit)
    if response is None:
        response = Response(version=version, respondent=actor)
    response.answers = cleaned
    if submit:
        response.submitted_at = timezone.now()
    response.save()
    _store_files(response, files, cleaned)
    if submit:
        audit_log(actor=actor, action="form.response.submit", target=response)
    return response


def _store_files(
    response: Response, files: Mapping[str, UploadedFile], cleaned: Mapping[str, Any]
) -> None:
    # Files for questions that are now hidden were dropped from the answers: drop them too.
    stale = response.files.exclude(question_key__in=list(cleaned))
    for old in stale:
        old.file.delete(save=False)
    stale.delete()
    for key, upload in files.items():
        if key not in cleaned:
            continue
        for old in response.files.filter(question_key=key):
            old.file.delete(save=False)
            old.delete()
        stored = ResponseFile(
            response=response,
            question_key=key,
            content_type=cleaned[key]["content_type"],
            size=cleaned[key]["size"],
            original_name=cleaned[key]["name"][:200],
        )
        # If the transaction later rolls back, the bytes stay on disk without a row pointing to
        # them: unreachable (private storage, random name, no URL).
        stored.file.save(key, upload, save=False)
        stored.save()


def form_import_xlsform(
    *, actor, data: bytes, owner_organization=None, form: Form | None = None
) -> Form:
    """A new form from an XLSForm, or (with `form`) new questions for an existing one. The
    whole file is parsed and checked before anything is saved."""
    from .xlsform.reader import import_xlsform

    parsed = import_xlsform(data)
    try:
        questions = validate_questions(parsed.questions)
    except ValidationError as error:
        first, messages = next(iter(error.message_dict.items()))
        row = first.split(".")[1] if first.startswith("questions.") else "?"
        raise ValidationError(
            {
                "file": _("Sheet 'survey', question %(row)s: %(message)s")
                % {"row": row, "message": messages[0]}
            }
        ) from None
    if form is None:
        return form_create(
            actor=actor,
            title=parsed.title,
            owner_organization=owner_organization,
            questions=questions,
        )
    form_update(actor=actor, form=form, questions=questions)
    return form


def form_export_xlsform(*, version: FormVersion) -> bytes:
    from .xlsform.writer import export_xlsform

    questions = [
        {name: getattr(q, name) for name in QUESTION_FIELDS} for q in version.questions.all()
    ]
    return export_xlsform(
        title=version.form.title, questions=questions, version=str(version.number)
    )
