"""Barnstars: any member thanks another. No self-awards, a daily limit per giver
(settings.RECOGNITION_BARNSTARS_PER_DAY), the recipient may hide one, any member may report
one, staff hide or restore it."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.community.evidence import SOURCE_PATTERN
from capacityhub.community.models import User
from capacityhub.core.audit import audit_log
from capacityhub.core.notifications import notify
from capacityhub.core.permissions import require_member, require_staff
from capacityhub.core.validation import clean_multiline, clean_single_line
from capacityhub.taxonomy.models import Capacity

from ..kinds import BarnstarKind
from ..models import Barnstar, BarnstarReport

# The activities a barnstar may name, as evidence-style sources ("events.event:3").
ACTIVITY_MODELS = {
    "exchange.connection",
    "events.event",
    "events.registration",
    "knowledge.resource",
    "learning.course",
    "mentoring.mentorship",
}


def _clean_activity(activity) -> str:
    activity = clean_single_line(activity, field="activity", max_length=80)
    if not activity:
        return ""
    if not SOURCE_PATTERN.match(activity) or activity.split(":")[0] not in ACTIVITY_MODELS:
        raise ValidationError(
            {
                "activity": _(
                    "Name a connection, session, event, resource or mentorship, "
                    "e.g. “events.event:12”."
                )
            }
        )
    return activity


@transaction.atomic
def barnstar_give(
    *,
    actor,
    recipient: User,
    kind: str,
    message: str,
    capacity: Capacity | None = None,
    activity: str = "",
) -> Barnstar:
    require_member(actor)
    errors = {}
    if recipient is None or not recipient.is_active:
        errors["recipient"] = _("Choose a member to thank.")
    elif recipient.pk == actor.pk:
        errors["recipient"] = _("You cannot give yourself a barnstar.")
    if kind not in BarnstarKind.values:
        errors["kind"] = _("Choose a kind of barnstar.")
    try:
        message = clean_multiline(
            message,
            field="message",
            max_length=2000,
            required=True,
            message=_("Say what you thank them for."),
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        activity = _clean_activity(activity)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    # The giver's row serialises their own awards, so the limit holds under concurrency.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    limit = settings.RECOGNITION_BARNSTARS_PER_DAY
    since = timezone.now() - timedelta(days=1)
    if Barnstar.objects.filter(giver=actor, created_at__gte=since).count() >= limit:
        raise ValidationError(
            {
                "giver": _("You can give %(limit)d barnstars a day; try again tomorrow.")
                % {"limit": limit}
            }
        )
    barnstar = Barnstar.objects.create(
        giver=actor,
        recipient=recipient,
        kind=kind,
        message=message,
        capacity=capacity,
        activity=activity,
    )
    audit_log(
        actor=actor,
        action="recognition.barnstar.give",
        target=barnstar,
        changes={"recipient": recipient.pk, "kind": kind},
    )
    giver_name = getattr(getattr(actor, "profile", None), "display_name", "") or actor.username
    notify(
        recipient=recipient,
        subject=gettext_lazy("%(name)s gave you a barnstar"),
        body=gettext_lazy("%(name)s thanked you: “%(message)s”"),
        context={"name": giver_name, "message": message[:300]},
        url=barnstar.get_absolute_url(),
    )
    return barnstar


@transaction.atomic
def barnstar_set_hidden(*, actor, barnstar: Barnstar, hidden: bool) -> Barnstar:
    """The recipient hides one from their profile and the feed (or shows it again)."""
    require_member(actor)
    barnstar = Barnstar.objects.select_for_update().get(pk=barnstar.pk)
    if barnstar.recipient_id != actor.pk:
        raise PermissionDenied(_("Only its recipient can hide or show a barnstar."))
    barnstar.hidden_by_recipient = bool(hidden)
    barnstar.save(update_fields=["hidden_by_recipient"])
    audit_log(
        actor=actor,
        action="recognition.barnstar.hide" if hidden else "recognition.barnstar.show",
        target=barnstar,
    )
    return barnstar


@transaction.atomic
def barnstar_report(*, actor, barnstar: Barnstar, reason: str) -> BarnstarReport:
    require_member(actor)
    reason = clean_single_line(
        reason,
        field="reason",
        max_length=500,
        required=True,
        message=_("Say what is wrong with it."),
    )
    if BarnstarReport.objects.filter(barnstar=barnstar, reporter=actor).exists():
        raise ValidationError({"reason": _("You have already reported this barnstar.")})
    report = BarnstarReport.objects.create(barnstar=barnstar, reporter=actor, reason=reason)
    audit_log(actor=actor, action="recognition.barnstar.report", target=barnstar)
    return report


@transaction.atomic
def barnstar_moderate(*, actor, barnstar: Barnstar, hide: bool, reason: str = "") -> Barnstar:
    """Staff hide a barnstar (with a reason) or restore it; open reports are resolved."""
    require_staff(actor)
    barnstar = Barnstar.objects.select_for_update().get(pk=barnstar.pk)
    reason = clean_single_line(
        reason, field="reason", max_length=300, required=hide, message=_("Say why it is hidden.")
    )
    now = timezone.now()
    barnstar.moderated_at = now if hide else None
    barnstar.moderated_by = actor if hide else None
    barnstar.moderation_reason = reason if hide else ""
    barnstar.save(update_fields=["moderated_at", "moderated_by", "moderation_reason"])
    BarnstarReport.objects.filter(barnstar=barnstar, resolved_at__isnull=True).update(
        resolved_at=now
    )
    audit_log(
        actor=actor,
        action="recognition.barnstar.moderate_hide" if hide else "recognition.barnstar.restore",
        target=barnstar,
        changes={"reason": reason},
    )
    return barnstar
