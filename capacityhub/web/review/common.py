"""Helpers shared by the review pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from capacityhub.core.validation import MAX_ID
from capacityhub.integrity.models import Decision
from capacityhub.review.models import Application, Assignment, Call


def _get(model, pk: int, message: str, **related):
    if pk > MAX_ID:
        raise Http404(message)
    try:
        return model.objects.select_related(*related.get("related", ())).get(pk=pk)
    except model.DoesNotExist:
        raise Http404(message) from None


def call_or_404(pk: int) -> Call:
    return _get(Call, pk, _("No such call."), related=["owner_organization", "form"])


def application_or_404(pk: int) -> Application:
    return _get(
        Application, pk, _("No such application."),
        related=["call", "applicant__profile", "organization", "response"],
    )  # fmt: skip


def assignment_or_404(pk: int) -> Assignment:
    return _get(
        Assignment, pk, _("No such assignment."),
        related=["application__call", "application__applicant", "reviewer"],
    )  # fmt: skip


def reader_language() -> str:
    return (get_language() or "en").split("-")[0]


def errors_to_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def supersedes_of(form) -> Decision | None:
    pk = form.cleaned_data.get("supersedes")
    return Decision.objects.filter(pk=pk).first() if pk else None
