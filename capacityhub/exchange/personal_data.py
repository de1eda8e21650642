"""The exchange's part of a person's data (community.personal_data): their needs, offers,
availability, connections with their messages and feedback; deleting the account closes their
open needs and withdraws their live connections."""

from django.db.models import Q

from capacityhub.community.models import User
from capacityhub.community.personal_data import PersonalDataPart, register, when

from .models import Availability, Connection, Feedback, Message, Need, Offer
from .services.connections import connection_withdraw
from .services.needs import ACTIVE, need_close

LIVE = (Connection.Status.INVITED, Connection.Status.ACCEPTED)


def _need(need: Need) -> dict:
    return {
        "id": need.pk,
        "title": need.title,
        "description": need.description,
        "organization": need.organization.slug if need.organization else None,
        "capacities": sorted(c.code for c in need.capacities.all()),
        "methods": sorted(m.code for m in need.methods.all()),
        "desired_level": need.desired_level,
        "languages": need.languages,
        "online": need.online,
        "region": need.region,
        "starts_on": when(need.starts_on),
        "ends_on": when(need.ends_on),
        "visibility": need.visibility,
        "status": need.status,
        "created_at": when(need.created_at),
        "updated_at": when(need.updated_at),
    }


def _offer(offer: Offer) -> dict:
    return {
        "capacity": offer.claim.capacity.code,
        "level": offer.claim.level,
        "description": offer.description,
        "methods": sorted(m.code for m in offer.methods.all()),
        "languages": offer.languages,
        "online": offer.online,
        "region": offer.region,
        "is_active": offer.is_active,
        "created_at": when(offer.created_at),
    }


def _connection(connection: Connection, user: User) -> dict:
    return {
        "id": connection.pk,
        "need": connection.need_id,
        "need_title": connection.need.title,
        "my_side": "provider" if connection.provider_id == user.pk else "requester",
        "status": connection.status,
        "created_at": when(connection.created_at),
        "completed_at": when(connection.completed_at),
        "messages": [
            {"mine": m.sender_id == user.pk, "body": m.body, "at": when(m.created_at)}
            for m in connection.messages.all()
        ],
    }


def _connections(user: User):
    return (
        Connection.objects.filter(Q(provider=user) | Q(need__requester=user))
        .select_related("need")
        .prefetch_related("messages")
        .order_by("created_at", "id")
    )


def export_exchange(user: User) -> dict:
    needs = Need.objects.filter(requester=user).select_related("organization")
    offers = Offer.objects.filter(claim__profile__user=user).select_related("claim__capacity")
    availability = Availability.objects.filter(profile__user=user).first()
    return {
        "needs": [
            _need(need)
            for need in needs.prefetch_related("capacities", "methods").order_by("created_at")
        ],
        "offers": [_offer(offer) for offer in offers.prefetch_related("methods")],
        "availability": None
        if availability is None
        else {
            "hours_per_month": availability.hours_per_month,
            "max_connections": availability.max_connections,
            "away_until": when(availability.away_until),
        },
        "connections": [_connection(connection, user) for connection in _connections(user)],
        "feedback_given": [
            {
                "connection": f.connection_id,
                "rating": f.rating,
                "comment": f.comment,
                "at": when(f.created_at),
            }
            for f in Feedback.objects.filter(author=user).order_by("created_at")
        ],
        "messages_sent": [
            {"connection": m.connection_id, "body": m.body, "at": when(m.created_at)}
            for m in Message.objects.filter(sender=user).order_by("created_at", "id")
        ],
    }


def close_exchange(user: User) -> None:
    """Withdraw the person's live connections (theirs as provider, and those on their own
    needs), then close their own open needs. Organizations' needs stay open for the
    organization's managers."""
    live = Connection.objects.filter(status__in=LIVE).filter(
        Q(provider=user) | Q(need__requester=user, need__organization__isnull=True)
    )
    for connection in live.select_related("need", "provider", "provider_organization"):
        connection_withdraw(actor=user, connection=connection)
    own = Need.objects.filter(requester=user, organization__isnull=True, status__in=ACTIVE)
    for need in own:
        need_close(actor=user, need=need, note="")


def register_personal_data() -> None:
    register(PersonalDataPart(name="exchange", export=export_exchange, erase=close_exchange))
