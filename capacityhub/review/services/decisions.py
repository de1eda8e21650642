"""Screening and decisions. Each is an `integrity.Decision` on the application (one chain
per application: a new decision supersedes the current one, never edits it), and the
application's status follows. Two staff deciding at once: `decision_record` locks and the
second gets a clear "someone decided in the meantime" error."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.core.notifications import notify
from capacityhub.core.permissions import require_member
from capacityhub.integrity.models import Decision
from capacityhub.integrity.selectors import decision_current
from capacityhub.integrity.services import decision_record

from ..models import Application, Call
from .common import locked_application, locked_call, require_call_manager

Status = Application.Status
SCREENABLE = {Status.SUBMITTED, Status.ELIGIBLE, Status.INELIGIBLE}
DECIDABLE = {
    Status.ELIGIBLE, Status.UNDER_REVIEW, Status.ACCEPTED, Status.WAITLISTED, Status.DECLINED,
}  # fmt: skip
OUTCOMES = {"accept": Status.ACCEPTED, "waitlist": Status.WAITLISTED, "decline": Status.DECLINED}


def _notify_applicant(application: Application, subject, body="") -> None:
    applicant, url, title = application.applicant, application.get_absolute_url(), application.call

    def send() -> None:
        notify(
            recipient=applicant, subject=subject, body=body, context={"call": str(title)}, url=url
        )

    transaction.on_commit(send)


def _set_status(application: Application, status: str) -> None:
    application.status = status
    if status == Status.WAITLISTED:
        application.waitlisted_at = timezone.now()
    application.save(update_fields=["status", "waitlisted_at", "updated_at"])


@transaction.atomic
def application_screen(
    *, actor, application: Application, eligible: bool, reason: str = "",
    supersedes: Decision | None = None,
) -> Decision:  # fmt: skip
    """Mark a submitted application eligible or not; "not eligible" needs a reason."""
    require_call_manager(actor, application.call)
    application = locked_application(application)
    if application.status not in SCREENABLE:
        raise ValidationError({"status": _("Only submitted applications are screened.")})
    reason = (reason or "").strip()
    if not eligible and not reason:
        raise ValidationError({"reason": _("Say why the application is not eligible.")})
    decision = decision_record(
        actor=actor,
        subject=application,
        outcome="eligible" if eligible else "ineligible",
        reason=reason,
        supersedes=supersedes,
    )
    _set_status(application, Status.ELIGIBLE if eligible else Status.INELIGIBLE)
    if not eligible:
        _notify_applicant(
            application,
            gettext_lazy("Your application to “%(call)s” is not eligible"),
            reason,
        )
    return decision


def _seats_left(call: Call, exclude: Application) -> int | None:
    if call.seats is None:
        return None
    taken = (
        call.applications.filter(status__in=[Status.ACCEPTED, Status.TAKEN_UP])
        .exclude(pk=exclude.pk)
        .count()
    )
    return call.seats - taken


@transaction.atomic
def application_decide(
    *,
    actor,
    application: Application,
    outcome: str,
    reason: str = "",
    supersedes: Decision | None = None,
) -> Decision:
    """Accept, waitlist or decline. A decline carries a written reason the applicant reads.
    `supersedes` is the decision the decider saw (the screening, or an earlier outcome)."""
    require_call_manager(actor, application.call)
    if outcome not in OUTCOMES:
        raise ValidationError({"outcome": _("Choose accept, waitlist or decline.")})
    reason = (reason or "").strip()
    if outcome == "decline" and not reason:
        raise ValidationError(
            {"reason": _("A decline needs a written reason the applicant reads.")}
        )
    call = locked_call(application.call)
    application = locked_application(application)
    if application.status not in DECIDABLE:
        raise ValidationError({"status": _("This application is not ready for a decision.")})
    if outcome == "accept":
        left = _seats_left(call, application)
        if left is not None and left <= 0:
            raise ValidationError({"outcome": _("Every seat is taken; waitlist instead.")})
        if application.status != Status.ACCEPTED and not _budget_allows(call, application):
            raise ValidationError({"outcome": _("The budget left is too small; waitlist instead.")})
    decision = decision_record(
        actor=actor, subject=application, outcome=outcome, reason=reason, supersedes=supersedes
    )
    was = application.status
    _set_status(application, OUTCOMES[outcome])
    _notify_applicant(application, _DECISION_SUBJECTS[outcome], reason)
    if was == Status.ACCEPTED and outcome != "accept":
        promote_waitlist(call)
    return decision


_DECISION_SUBJECTS = {
    "accept": gettext_lazy("Your application to “%(call)s” is accepted"),
    "waitlist": gettext_lazy("Your application to “%(call)s” is on the waitlist"),
    "decline": gettext_lazy("Your application to “%(call)s” was declined"),
}


@transaction.atomic
def offer_respond(*, actor, application: Application, take_up: bool) -> Decision:
    """The applicant takes up or refuses an accepted offer; refusing frees the seat."""
    require_member(actor)
    call = locked_call(application.call)
    application = locked_application(application)
    if application.applicant_id != actor.pk:
        raise PermissionDenied(_("Only the applicant can answer this offer."))
    if application.status != Status.ACCEPTED:
        raise ValidationError({"status": _("There is no open offer to answer.")})
    decision = decision_record(
        actor=actor,
        subject=application,
        outcome="taken_up" if take_up else "refused",
        supersedes=decision_current(application),
    )
    _set_status(application, Status.TAKEN_UP if take_up else Status.REFUSED)
    if not take_up:
        promote_waitlist(call)
    return decision


def promote_waitlist(call: Call) -> list[Application]:
    """Accept the first waitlisted applications while seats (and budget) allow. Runs inside
    the caller's transaction with the call's row locked. The promotion is recorded in the name
    of whoever put the person on the waitlist: that decision already said "if a seat frees"."""
    promoted = []
    waiting = call.applications.filter(status=Status.WAITLISTED).order_by("waitlisted_at", "id")
    for application in waiting.select_related("applicant"):
        left = _seats_left(call, application)
        if left is not None and left <= 0:
            break
        if not _budget_allows(call, application):
            break
        current = decision_current(application)
        decider = current.decided_by if current and current.decided_by else None
        if decider is None:
            break
        decision_record(
            actor=decider,
            subject=application,
            outcome="accept",
            reason=_("A seat freed up; the first on the waitlist moves up."),
            supersedes=current,
            data={"promoted_from_waitlist": True},
        )
        _set_status(application, Status.ACCEPTED)
        _notify_applicant(
            application,
            gettext_lazy("A place freed up: your application to “%(call)s” is accepted"),
        )
        promoted.append(application)
    return promoted


def _budget_allows(call: Call, application: Application) -> bool:
    if call.budget is None or application.amount_requested is None:
        return True
    committed = sum(
        a.amount_requested or 0
        for a in call.applications.filter(status__in=[Status.ACCEPTED, Status.TAKEN_UP])
    )
    return committed + application.amount_requested <= call.budget
