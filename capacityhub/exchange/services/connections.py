"""Writes to connections: invite, accept, decline, withdraw, mark done, talk, give feedback.

    invited ──accept──▶ accepted ──both sides done──▶ completed (evidence is recorded)
       │  └─decline─▶ declined          │
       └──withdraw──▶ withdrawn ◀──withdraw┘

The requester side (the need's requester, and the managers of the organization that stated
it) invites and may withdraw; the provider side (the person, or the managers of the providing
organization) accepts or declines and may withdraw. Both sides mark it done and leave feedback
once. Staff can read every connection but act for neither side. Each change writes an audit
row; the other side is notified (inbox + e-mail after commit).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacityhub.community.evidence import evidence_record
from capacityhub.community.models import Evidence, Organization, User
from capacityhub.community.services import profile_ensure
from capacityhub.core.audit import audit_log
from capacityhub.core.models import AuditEntry
from capacityhub.core.notifications import notify
from capacityhub.core.permissions import require_member
from capacityhub.core.validation import clean_multiline
from capacityhub.exchange.selectors.offers import visible_offers

from ..models import Connection, Feedback, Message, Need, Offer
from ..selectors.connections import (
    LIVE,
    PROVIDER,
    REQUESTER,
    _is_manager,
    active_connection_counts,
    can_act_for_need,
    connection_sides,
    provider_availability,
    provider_is_away,
    provider_key,
    side_user_ids,
)
from .needs import need_transition

Status = Connection.Status
MESSAGE_MAX = Message._meta.get_field("body").max_length
COMMENT_MAX = Feedback._meta.get_field("comment").max_length

ALREADY = {
    Status.ACCEPTED: gettext_lazy("This connection is already accepted."),
    Status.DECLINED: gettext_lazy("This connection was declined."),
    Status.WITHDRAWN: gettext_lazy("This connection was withdrawn."),
    Status.COMPLETED: gettext_lazy("This connection is already completed."),
    Status.INVITED: gettext_lazy("This connection has not been accepted yet."),
}


# Helpers ---------------------------------------------------------------------------------------


def _provider_name(connection: Connection) -> str:
    if connection.provider_organization_id:
        return connection.provider_organization.name
    return _person_name(connection.provider)


def _person_name(user: User | None) -> str:
    profile = getattr(user, "profile", None)
    return profile.display_name if profile else (user.username if user else "")


def _url(connection: Connection) -> str:
    return reverse("web:connection-detail", args=[connection.pk])


def _notify_side(connection: Connection, side: str, actor, subject, body="", **context) -> None:
    """Notify everyone who acts for `side`, except the actor."""
    context = {"need": connection.need.title, "name": _person_name(actor), **context}
    recipients = User.objects.filter(
        pk__in=side_user_ids(connection=connection, side=side), is_active=True
    ).exclude(pk=actor.pk)
    for recipient in recipients:
        notify(
            recipient=recipient, subject=subject, body=body, url=_url(connection), context=context
        )


def _locked(connection: Connection) -> Connection:
    """Re-read the connection under a row lock, so two concurrent transitions serialize."""
    fresh = Connection.objects.select_for_update().get(pk=connection.pk)
    for field in ("status", "requester_done", "provider_done", "completed_at", "updated_at"):
        setattr(connection, field, getattr(fresh, field))
    return connection


def _require_side(actor, connection: Connection, side: str | None = None) -> set[str]:
    require_member(actor)
    sides = connection_sides(connection=connection, user=actor)
    if side is None and not sides:
        raise PermissionDenied(_("Only the two sides of this connection can do this."))
    if side == PROVIDER and PROVIDER not in sides:
        raise PermissionDenied(_("Only the person or organization invited can answer this."))
    return sides


def _require_status(connection: Connection, *allowed: str) -> None:
    if connection.status not in allowed:
        raise ValidationError({"status": str(ALREADY[connection.status])})


def _audit(actor, action: str, connection: Connection, before: str, **changes) -> None:
    audit_log(
        actor=actor,
        action=action,
        target=connection,
        changes={"status": [before, connection.status], **changes},
    )


# Inviting --------------------------------------------------------------------------------------


def _resolve_provider(
    actor,
    offer: Offer | None,
    provider: User | None,
    provider_organization: Organization | None,
) -> tuple[User | None, Organization | None]:
    if offer is not None:
        if not offer.is_active:
            raise ValidationError({"offer": _("This offer is no longer active.")})
        # An offer the actor may not see must not reveal (or reach) its holder.
        if not visible_offers(actor).filter(pk=offer.pk).exists():
            raise ValidationError({"offer": _("No such offer.")})
        holder_user = offer.claim.profile.user if offer.claim.profile_id else None
        holder_org = offer.claim.organization if offer.claim.organization_id else None
        if (provider or provider_organization) and (
            provider != holder_user or provider_organization != holder_org
        ):
            raise ValidationError({"offer": _("This offer is not the chosen provider's.")})
        provider, provider_organization = holder_user, holder_org
    if (provider is None) == (provider_organization is None):
        raise ValidationError({"provider": _("Invite exactly one person or one organization.")})
    if provider is not None and not provider.is_active:
        raise ValidationError({"provider": _("This person is no longer a member.")})
    return provider, provider_organization


def _refuse_self(actor, need: Need, provider, provider_organization) -> None:
    if provider is not None:
        if provider.pk in (actor.pk, need.requester_id):
            raise ValidationError({"provider": _("You cannot invite yourself.")})
        if _is_manager(provider, need.organization_id):
            raise ValidationError(
                {"provider": _("This person manages the organization that stated the need.")}
            )
    elif provider_organization.pk == need.organization_id or _is_manager(
        actor, provider_organization.pk
    ):
        raise ValidationError({"provider": _("You cannot invite your own organization.")})


def _refuse_unavailable(provider, provider_organization) -> None:
    availability = provider_availability(user=provider, organization=provider_organization)
    name = provider_organization.name if provider_organization else _person_name(provider)
    if provider_is_away(availability):
        raise ValidationError(
            {
                "provider": _("%(name)s is away until %(date)s.")
                % {"name": name, "date": availability.away_until.isoformat()}
            }
        )
    key = provider_key(user=provider, organization=provider_organization)
    if active_connection_counts([key])[key] >= availability.max_connections:
        raise ValidationError(
            {
                "provider": _("%(name)s already helps as many people as they can at once.")
                % {"name": name}
            }
        )


def _clean_text(value: str, field: str, limit: int, required: bool = True) -> str:
    message = _("Write a message.")
    return clean_multiline(value, field=field, max_length=limit, required=required, message=message)


def require_can_invite(actor, need: Need) -> None:
    """Checked first, before anything about the invitee is looked up."""
    require_member(actor)
    if not can_act_for_need(need=need, user=actor):
        raise PermissionDenied(
            _("Only the person who stated this need, or its organization's managers, can invite.")
        )


@transaction.atomic
def connection_invite(
    *,
    actor,
    need: Need,
    message: str,
    offer: Offer | None = None,
    provider: User | None = None,
    provider_organization: Organization | None = None,
) -> Connection:
    """The requester side invites a person or an organization (directly, or through one of
    their offers) to help with an open need; the message starts the thread."""
    require_can_invite(actor, need)
    if not need.is_active:
        raise ValidationError({"need": _("This need is no longer open.")})
    message = _clean_text(message, "message", MESSAGE_MAX)
    provider, provider_organization = _resolve_provider(
        actor, offer, provider, provider_organization
    )
    _refuse_self(actor, need, provider, provider_organization)
    duplicate = _("This provider is already invited to this need.")
    live = Connection.objects.filter(need=need, status__in=LIVE)
    if live.filter(provider=provider, provider_organization=provider_organization).exists():
        raise ValidationError({"provider": duplicate})
    _refuse_unavailable(provider, provider_organization)
    try:
        with transaction.atomic():
            connection = Connection.objects.create(
                need=need,
                offer=offer,
                provider=provider,
                provider_organization=provider_organization,
            )
    except IntegrityError:  # a concurrent invitation of the same provider won
        raise ValidationError({"provider": duplicate}) from None
    Message.objects.create(connection=connection, sender=actor, body=message)
    audit_log(
        actor=actor,
        action="connection.invite",
        target=connection,
        changes={
            "need": need.pk,
            "provider": provider.username if provider else None,
            "organization": provider_organization.slug if provider_organization else None,
            "offer": offer.pk if offer else None,
        },
    )
    _notify_side(
        connection,
        PROVIDER,
        actor,
        gettext_lazy("%(name)s invites you to help with “%(need)s”"),
        gettext_lazy("%(name)s wrote:\n\n%(message)s"),
        message=message,
    )
    return connection


# Answering -------------------------------------------------------------------------------------


@transaction.atomic
def connection_accept(*, actor, connection: Connection) -> Connection:
    """The provider side accepts; an open need moves to in progress."""
    _require_side(actor, connection, PROVIDER)
    _locked(connection)
    _require_status(connection, Status.INVITED)
    need = Need.objects.select_for_update().get(pk=connection.need_id)
    if not need.is_active:
        raise ValidationError({"need": _("This need is no longer open.")})
    availability = provider_availability(
        user=connection.provider, organization=connection.provider_organization
    )
    key = provider_key(user=connection.provider, organization=connection.provider_organization)
    if active_connection_counts([key])[key] >= availability.max_connections:
        raise ValidationError(
            {"status": _("You already help as many people as you said you can at once.")}
        )
    connection.status = Status.ACCEPTED
    connection.save(update_fields=["status", "updated_at"])
    if need.status == Need.Status.OPEN:
        need_transition(
            actor=actor, need=need, status=Need.Status.IN_PROGRESS, note=_("Connection accepted.")
        )
        connection.need = need
    _audit(actor, "connection.accept", connection, Status.INVITED)
    _notify_side(
        connection,
        REQUESTER,
        actor,
        gettext_lazy("%(provider)s accepted your invitation for “%(need)s”"),
        provider=_provider_name(connection),
    )
    return connection


@transaction.atomic
def connection_decline(*, actor, connection: Connection) -> Connection:
    _require_side(actor, connection, PROVIDER)
    _locked(connection)
    _require_status(connection, Status.INVITED)
    connection.status = Status.DECLINED
    connection.save(update_fields=["status", "updated_at"])
    _audit(actor, "connection.decline", connection, Status.INVITED)
    _notify_side(
        connection,
        REQUESTER,
        actor,
        gettext_lazy("%(provider)s declined your invitation for “%(need)s”"),
        provider=_provider_name(connection),
    )
    return connection


@transaction.atomic
def connection_withdraw(*, actor, connection: Connection) -> Connection:
    """Either side ends a connection that is invited or under way."""
    sides = _require_side(actor, connection)
    _locked(connection)
    _require_status(connection, *LIVE)
    before = connection.status
    connection.status = Status.WITHDRAWN
    connection.save(update_fields=["status", "updated_at"])
    _audit(actor, "connection.withdraw", connection, before)
    other = PROVIDER if REQUESTER in sides else REQUESTER
    _notify_side(
        connection,
        other,
        actor,
        gettext_lazy("%(name)s withdrew from the connection for “%(need)s”"),
    )
    return connection


# Completing ------------------------------------------------------------------------------------


def _marked_done_by(connection: Connection, side: str) -> User | None:
    entry = (
        AuditEntry.objects.filter(
            action="connection.done",
            target_type=Connection._meta.label_lower,
            target_id=str(connection.pk),
            changes__side=side,
        )
        .select_related("actor")
        .first()
    )
    return entry.actor if entry else None


def _record_evidence(connection: Connection, requester_confirmer, provider_confirmer) -> None:
    """The provider taught the offered capacity (or the need's capacities without an offer);
    the requester (or the requesting organization) learned each of the need's capacities."""
    need = connection.need
    source = f"exchange.connection:{connection.pk}"
    today = timezone.localdate()
    need_capacities = list(need.capacities.all())
    taught = [connection.offer.claim.capacity] if connection.offer_id else need_capacities
    if connection.provider_id:
        provider_holder = {"profile": profile_ensure(user=connection.provider)}
    else:
        provider_holder = {"organization": connection.provider_organization}
    if need.organization_id:
        requester_holder = {"organization": need.organization}
    else:
        requester_holder = {"profile": profile_ensure(user=need.requester)}
    for capacity in taught:
        evidence_record(
            **provider_holder,
            capacity=capacity,
            kind=Evidence.Kind.TAUGHT,
            source=source,
            occurred_on=today,
            confirmed_by=requester_confirmer,
        )
    for capacity in need_capacities:
        evidence_record(
            **requester_holder,
            capacity=capacity,
            kind=Evidence.Kind.LEARNED,
            source=source,
            occurred_on=today,
            confirmed_by=provider_confirmer,
        )


@transaction.atomic
def connection_mark_done(*, actor, connection: Connection) -> Connection:
    """One side says the help happened. When both have, the connection is completed and
    becomes evidence for both sides, each confirmed by the other."""
    sides = _require_side(actor, connection)
    _locked(connection)
    _require_status(connection, Status.ACCEPTED)
    side = REQUESTER if REQUESTER in sides else PROVIDER
    flag = f"{side}_done"
    if getattr(connection, flag):
        raise ValidationError({"status": _("You have already marked this connection done.")})
    setattr(connection, flag, True)
    audit_log(actor=actor, action="connection.done", target=connection, changes={"side": side})
    if connection.requester_done and connection.provider_done:
        connection.status = Status.COMPLETED
        connection.completed_at = timezone.now()
        connection.save(update_fields=[flag, "status", "completed_at", "updated_at"])
        _audit(actor, "connection.complete", connection, Status.ACCEPTED)
        _record_evidence(
            connection,
            requester_confirmer=_marked_done_by(connection, REQUESTER),
            provider_confirmer=_marked_done_by(connection, PROVIDER),
        )
        subject = gettext_lazy("The connection for “%(need)s” is completed")
    else:
        connection.save(update_fields=[flag, "updated_at"])
        subject = gettext_lazy("%(name)s marked the connection for “%(need)s” done")
    other = PROVIDER if side == REQUESTER else REQUESTER
    _notify_side(connection, other, actor, subject)
    return connection


# Talking ---------------------------------------------------------------------------------------


@transaction.atomic
def message_send(*, actor, connection: Connection, body: str) -> Message:
    """Either side writes in the thread (not once it was declined or withdrawn)."""
    sides = _require_side(actor, connection)
    if connection.status in (Status.DECLINED, Status.WITHDRAWN):
        raise ValidationError({"body": str(ALREADY[connection.status])})
    body = _clean_text(body, "body", MESSAGE_MAX)
    message = Message.objects.create(connection=connection, sender=actor, body=body)
    Connection.objects.filter(pk=connection.pk).update(updated_at=message.created_at)
    other = PROVIDER if REQUESTER in sides else REQUESTER
    _notify_side(
        connection,
        other,
        actor,
        gettext_lazy("New message from %(name)s about “%(need)s”"),
        gettext_lazy("%(name)s wrote:\n\n%(message)s"),
        message=body,
    )
    return message


@transaction.atomic
def feedback_leave(*, actor, connection: Connection, rating: int, comment: str = "") -> Feedback:
    """After completion, each side rates the help once (1 to 5) with an optional comment."""
    sides = _require_side(actor, connection)
    _require_status(connection, Status.COMPLETED)
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Rate from 1 to 5.")})
    comment = _clean_text(comment, "comment", COMMENT_MAX, required=False)
    side = REQUESTER if REQUESTER in sides else PROVIDER
    authors = side_user_ids(connection=connection, side=side)
    if Feedback.objects.filter(connection=connection, author_id__in=authors).exists():
        raise ValidationError({"rating": _("Your side has already left feedback.")})
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                connection=connection, author=actor, rating=rating, comment=comment
            )
    except IntegrityError:
        raise ValidationError({"rating": _("Your side has already left feedback.")}) from None
    audit_log(
        actor=actor,
        action="connection.feedback",
        target=connection,
        changes={"side": side, "rating": rating},
    )
    other = PROVIDER if side == REQUESTER else REQUESTER
    _notify_side(
        connection,
        other,
        actor,
        gettext_lazy("%(name)s left feedback on the connection for “%(need)s”"),
    )
    return feedback
