"""Applying to a call: drafts, submission before the close (to the second), withdrawal."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.core.audit import audit_log
from capacityhub.core.languages import is_language
from capacityhub.core.permissions import require_member

from ..models import Application, Call
from ..selectors import DECIDED
from .common import locked_application, locked_call

Status = Application.Status
WITHDRAWABLE = {
    Status.DRAFT, Status.SUBMITTED, Status.ELIGIBLE, Status.UNDER_REVIEW, Status.WAITLISTED,
    Status.ACCEPTED,
}  # fmt: skip


def _check_open(call: Call, now) -> None:
    if now < call.opens_at:
        raise ValidationError({"call": _("This call is not open yet.")})
    if now > call.closes_at:
        raise ValidationError({"call": _("This call closed; applications are no longer taken.")})


def _check_organization(actor, organization) -> None:
    if organization is not None and not organization.memberships.filter(user=actor).exists():
        raise ValidationError({"organization": _("You can only apply for your own organization.")})


def _check_amount(call: Call, amount: Decimal | None, submit: bool) -> None:
    if amount is not None and amount < 0:
        raise ValidationError({"amount_requested": _("The amount cannot be negative.")})
    if call.budget is None:
        return
    if amount is not None and amount > call.budget:
        raise ValidationError({"amount_requested": _("The amount is more than the budget.")})
    if submit and amount is None:
        raise ValidationError({"amount_requested": _("Say how much you request.")})


@transaction.atomic
def application_save(
    *,
    actor,
    call: Call,
    answers: Mapping[str, Any],
    files: Mapping[str, Any] | None = None,
    organization=None,
    amount_requested: Decimal | None = None,
    language: str = "",
    submit: bool = False,
) -> Application:
    """Save a draft, or submit. The call's row is locked and the close checked against the
    clock under that lock, so nothing is accepted a second late; a submitted application is
    final (only withdrawal remains)."""
    require_member(actor)
    call = locked_call(call)
    now = timezone.now()  # read under the lock: the moment this application counts as sent
    _check_open(call, now)
    if language and not is_language(language):
        raise ValidationError({"language": _("Choose a language.")})
    _check_organization(actor, organization)
    _check_amount(call, amount_requested, submit)
    application = Application.objects.select_for_update().filter(call=call, applicant=actor).first()
    if application is not None and not application.is_editable:
        raise ValidationError({"application": _("This application was submitted; it is final.")})
    response = _save_answers(actor, call, application, answers, files, submit)
    if application is None:
        application = Application(call=call, applicant=actor)
    application.organization = organization
    application.amount_requested = amount_requested
    application.language = language or application.language or (actor.preferred_language or "en")
    application.response = response
    if submit:
        application.status = Status.SUBMITTED
        application.submitted_at = now
    application.save()
    if submit:
        audit_log(actor=actor, action="review.application.submit", target=application)
    return application


def application_attach_file(*, actor, application: Application, question_key: str, upload):
    """Attach (or replace) the file answering one file question of the actor's own draft.
    The same path as the page: the close, the question's size and type limits and private
    storage all come from `application_save` → `forms.services.response_save`; a refused file
    leaves the draft as it was."""
    require_member(actor)
    if application.applicant_id != actor.pk:
        raise PermissionDenied(_("Only the applicant attaches files to an application."))
    if application.response_id is None:
        raise ValidationError({question_key: _("This call's form takes no files.")})
    return application_save(
        actor=actor,
        call=application.call,
        answers=dict(application.response.answers),
        files={question_key: upload},
        organization=application.organization,
        amount_requested=application.amount_requested,
        language=application.language,
    )


def _save_answers(actor, call, application, answers, files, submit):
    if call.form_id is None:
        return None
    from capacityhub.forms.selectors import form_current_version
    from capacityhub.forms.services import response_save

    response = application.response if application is not None else None
    version = response.version if response is not None else form_current_version(call.form)
    if version is None:
        raise ValidationError({"call": _("This call has no application form yet.")})
    return response_save(
        actor=actor,
        version=version,
        answers=answers,
        files=files,
        submit=submit,
        response=response,
    )


@transaction.atomic
def application_withdraw(*, actor, application: Application) -> Application:
    """The applicant withdraws until the application is decided; withdrawing an accepted
    offer frees the seat for the first on the waitlist."""
    require_member(actor)
    application = locked_application(application)
    if application.applicant_id != actor.pk:
        raise PermissionDenied(_("Only the applicant can withdraw an application."))
    if application.status not in WITHDRAWABLE:
        raise ValidationError({"status": _("This application can no longer be withdrawn.")})
    was = application.status
    application.status = Status.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=actor,
        action="review.application.withdraw",
        target=application,
        changes={"status": [was, Status.WITHDRAWN]},
    )
    if was == Status.ACCEPTED:
        from .decisions import promote_waitlist

        promote_waitlist(application.call)
    return application


__all__ = ["DECIDED", "application_save", "application_withdraw"]
