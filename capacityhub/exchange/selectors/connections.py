"""Reads of connections, their messages, and providers' current load.

Who is on which side of a connection:
- the requester side: the need's requester and, for an organization's need, its managers;
- the provider side: the provider or, for an organization, its managers.
Only the two sides and staff see a connection; anyone else gets DoesNotExist (a 404).
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from capacityhub.community.models import Membership, Organization, User
from capacityhub.community.selectors import can_act_for
from capacityhub.core.models import Visibility

# The inbox is core's; re-exported here because the connection pages are where it is read.
from capacityhub.core.notifications import (  # noqa: F401
    notification_get,
    notification_list,
    notification_unread_count,
)
from capacityhub.core.validation import MAX_ID
from capacityhub.exchange.models import Availability, Connection, Message, Need

from .offers import visible_offers

REQUESTER, PROVIDER = "requester", "provider"
LIVE = (Connection.Status.INVITED, Connection.Status.ACCEPTED)


def managed_organization_ids(user) -> list[int]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Membership.objects.filter(user=user, role=Membership.Role.MANAGER).values_list(
            "organization_id", flat=True
        )
    )


def is_manager(user, organization_id: int | None) -> bool:
    return can_act_for(user, organization=organization_id, staff=False)


def organization_manager_ids(organization_id: int) -> list[int]:
    return list(
        Membership.objects.filter(
            organization_id=organization_id,
            role=Membership.Role.MANAGER,
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )


def can_act_for_need(*, need: Need, user) -> bool:
    """The requester, or a manager of the organization that stated the need."""
    return can_act_for(
        user, owner=need.requester_id, organization=need.organization_id, staff=False
    )


def connection_sides(*, connection: Connection, user) -> set[str]:
    """Which sides of the connection `user` acts for: {"requester"}, {"provider"} or none."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    sides = set()
    if can_act_for_need(need=connection.need, user=user):
        sides.add(REQUESTER)
    if connection.provider_id == user.pk or is_manager(user, connection.provider_organization_id):
        sides.add(PROVIDER)
    return sides


def side_user_ids(*, connection: Connection, side: str) -> list[int]:
    """The active people who act for one side (to notify them)."""
    if side == REQUESTER:
        ids = [connection.need.requester_id]
        if connection.need.organization_id:
            ids += organization_manager_ids(connection.need.organization_id)
    elif connection.provider_id:
        ids = [connection.provider_id]
    else:
        ids = organization_manager_ids(connection.provider_organization_id)
    return list(dict.fromkeys(ids))


def connection_available_actions(*, connection: Connection, user) -> list[str]:
    """What `user` may do now: a subset of accept, decline, withdraw, done, message, feedback.
    Services check again; this only decides which buttons to show."""
    sides = connection_sides(connection=connection, user=user)
    status = connection.status
    actions = []
    if PROVIDER in sides and status == Connection.Status.INVITED:
        actions += ["accept", "decline"]
    if sides and status in LIVE:
        actions.append("withdraw")
    if status == Connection.Status.ACCEPTED and (
        (REQUESTER in sides and not connection.requester_done)
        or (PROVIDER in sides and not connection.provider_done)
    ):
        actions.append("done")
    if sides and status in (*LIVE, Connection.Status.COMPLETED):
        actions.append("message")
    if sides and status == Connection.Status.COMPLETED:
        authors = {feedback.author_id for feedback in connection.feedback.all()}
        for side in sides:
            if not authors & set(side_user_ids(connection=connection, side=side)):
                actions.append("feedback")
                break
    return actions


# Lists -----------------------------------------------------------------------------------------


def _with_details(connections: QuerySet[Connection]) -> QuerySet[Connection]:
    return connections.select_related(
        "need__requester__profile",
        "need__organization",
        "provider__profile",
        "provider_organization",
        "offer__claim",
    )


def connection_list(
    *, user, side: str | None = None, status: str | None = None
) -> QuerySet[Connection]:
    """Connections `user` takes part in (as requester, provider, or a manager of either
    organization), most recently changed first."""
    if not getattr(user, "is_authenticated", False):
        return Connection.objects.none()
    managed = managed_organization_ids(user)
    as_requester = Q(need__requester=user) | Q(need__organization_id__in=managed)
    as_provider = Q(provider=user) | Q(provider_organization_id__in=managed)
    by_side = {REQUESTER: as_requester, PROVIDER: as_provider}
    connections = Connection.objects.filter(by_side.get(side, as_requester | as_provider))
    if status:
        connections = connections.filter(status=status)
    return _with_details(connections).order_by("-updated_at", "-id")


def connection_get(*, viewer, pk: int) -> Connection:
    """One connection, for its two sides and staff; Connection.DoesNotExist for anyone else."""
    if not getattr(viewer, "is_authenticated", False):
        raise Connection.DoesNotExist
    connection = _with_details(Connection.objects.all()).get(pk=pk)
    if not viewer.is_staff and not connection_sides(connection=connection, user=viewer):
        raise Connection.DoesNotExist
    return connection


def connection_messages(*, connection: Connection) -> QuerySet[Message]:
    """The thread, oldest first."""
    return connection.messages.select_related("sender__profile").order_by("created_at", "id")


def connections_for_need(*, need: Need, viewer) -> list[Connection]:
    """The need's connections that `viewer` may see: all of them for the requester side and
    staff, their own for a provider, none for anyone else."""
    if not getattr(viewer, "is_authenticated", False):
        return []
    connections = _with_details(need.connections.all()).order_by("-created_at", "-id")
    if viewer.is_staff or can_act_for_need(need=need, user=viewer):
        return list(connections)
    managed = managed_organization_ids(viewer)
    return list(connections.filter(Q(provider=viewer) | Q(provider_organization_id__in=managed)))


def need_for_invitation(*, viewer, pk: int) -> Need:
    """The need to invite someone to; Need.DoesNotExist when the viewer may not even see it
    (a private need of someone else), so its existence is not revealed."""
    need = Need.objects.select_related("requester__profile", "organization").get(pk=pk)
    if need.visibility == Visibility.PRIVATE and not (
        getattr(viewer, "is_staff", False) or can_act_for_need(need=need, user=viewer)
    ):
        raise Need.DoesNotExist
    return need


# Provider load ---------------------------------------------------------------------------------


def active_connection_count(
    *,
    user=None,
    organization: Organization | None = None,
    statuses: Iterable[str] = (Connection.Status.ACCEPTED,),
) -> int:
    """How many connections in `statuses` a provider (a person or an organization) has."""
    provider = {"provider": user} if user is not None else {"provider_organization": organization}
    return Connection.objects.filter(status__in=list(statuses), **provider).count()


def provider_availability(*, user=None, organization: Organization | None = None) -> Availability:
    """The provider's availability; the model's defaults (4 h, 2 at once, not away) when
    they have not said."""
    if user is not None:
        found = Availability.objects.filter(profile__user=user).first()
        return found or Availability()
    found = Availability.objects.filter(organization=organization).first()
    return found or Availability()


def provider_is_away(availability: Availability, today=None) -> bool:
    today = today or timezone.localdate()
    return availability.away_until is not None and availability.away_until >= today


def invitee_resolve(
    *, viewer, provider: str | None = None, organization: str | None = None, offer=None
) -> dict:
    """Whom an invitation names — a person by username, an organization by slug, or one of the
    offers `viewer` may see — as the keyword arguments of `connection_invite`
    ({"provider": User}, {"provider_organization": …} or {"offer": Offer}). The page and the API
    both ask here. ValidationError naming the field when none, several or an unknown one."""
    named = [name for name, value in (("provider", provider), ("organization", organization),
             ("offer", offer)) if value not in (None, "")]  # fmt: skip
    if len(named) != 1:
        raise ValidationError(
            {"provider": _("Name exactly one of provider, organization or offer.")}
        )
    if offer not in (None, ""):
        offer_id = str(offer)
        found = None
        if offer_id.isdigit() and 0 < int(offer_id) <= MAX_ID:
            offers = visible_offers(viewer).select_related(
                "claim__profile__user", "claim__organization"
            )
            found = offers.filter(pk=int(offer_id)).first()
        if found is None:
            raise ValidationError({"offer": _("No such offer.")})
        return {"offer": found}
    if provider:
        user = User.objects.filter(username=provider, is_active=True).first()
        if user is None:
            raise ValidationError({"provider": _("No one has this username.")})
        return {"provider": user}
    found_organization = Organization.objects.filter(slug=organization).first()
    if found_organization is None:
        raise ValidationError({"organization": _("No such organization.")})
    return {"provider_organization": found_organization}
