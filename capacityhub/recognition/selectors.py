"""Reads for recognition; each applies who may see what.

Barnstars: the public feed and profiles show those neither hidden by their recipient nor by
moderators, for recipients whose capacities the viewer may see; the giver, the recipient and
staff may open a hidden one. Awards: a credential's verification page is public (that is what
the earner shares); profiles list those the earner shows and that are not revoked."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from capacityhub.community.models import Organization
from capacityhub.community.selectors import can_act_for
from capacityhub.community.visibility import shared_levels

from .models import Achievement, Award, Barnstar, BarnstarReport


def _recipient_visible(viewer) -> Q:
    if getattr(viewer, "is_staff", False):
        return Q()
    own = Q(recipient_id=viewer.pk) if getattr(viewer, "is_authenticated", False) else Q(pk=None)
    return Q(recipient__profile__capacities_visibility__in=shared_levels(viewer)) | own


def barnstar_feed(*, viewer) -> QuerySet[Barnstar]:
    return (
        Barnstar.objects.filter(hidden_by_recipient=False, moderated_at__isnull=True)
        .filter(_recipient_visible(viewer))
        .select_related("giver__profile", "recipient__profile", "capacity")
    )


def barnstars_for_profile(*, viewer, user_id: int) -> QuerySet[Barnstar]:
    return barnstar_feed(viewer=viewer).filter(recipient_id=user_id)


def barnstar_get(*, viewer, pk: int) -> Barnstar:
    barnstar = (
        Barnstar.objects.select_related("giver__profile", "recipient__profile", "capacity")
        .filter(pk=pk)
        .first()
    )
    if barnstar is None:
        raise Http404(_("There is no such barnstar."))
    is_party = getattr(viewer, "pk", None) in (barnstar.giver_id, barnstar.recipient_id)
    if getattr(viewer, "is_staff", False) or is_party:
        return barnstar
    if barnstar.is_hidden or not barnstar_feed(viewer=viewer).filter(pk=pk).exists():
        raise Http404(_("There is no such barnstar."))
    return barnstar


def barnstar_reports_open(*, viewer) -> QuerySet[BarnstarReport]:
    if not getattr(viewer, "is_staff", False):
        raise PermissionDenied(_("Only Capacity Building Unit staff can do this."))
    return BarnstarReport.objects.filter(resolved_at__isnull=True).select_related(
        "barnstar__recipient__profile", "barnstar__giver__profile", "reporter__profile"
    )


def achievement_list(*, organization: Organization | None = None) -> QuerySet[Achievement]:
    """Badges are public (what they mean is what makes them worth earning)."""
    achievements = Achievement.objects.filter(archived_at__isnull=True).select_related(
        "organization"
    )
    if organization is not None:
        achievements = achievements.filter(organization=organization)
    return achievements.prefetch_related("capacities")


def achievement_get(*, pk: int, include_archived: bool = False) -> Achievement:
    """A badge; an archived one only when asked for (its page, which says it is retired)."""
    achievements = achievement_list()
    if include_archived:
        achievements = Achievement.objects.select_related("organization").prefetch_related(
            "capacities"
        )
    achievement = achievements.filter(pk=pk).first()
    if achievement is None:
        raise Http404(_("There is no such badge."))
    return achievement


def achievement_can_award(user, achievement: Achievement) -> bool:
    return can_act_for(user, organization=achievement.organization_id)


def achievement_can_edit(user, achievement: Achievement) -> bool:
    """Staff, or the managers of the organization that issues it (the hub's: staff only)."""
    return achievement.archived_at is None and can_act_for(
        user, organization=achievement.organization_id
    )


def may_define_achievements(user) -> bool:
    if getattr(user, "is_staff", False):
        return True
    return (
        getattr(user, "is_authenticated", False)
        and user.memberships.filter(role="manager").exists()
    )


def award_get(*, public_id) -> Award:
    """The credential behind a verification page: public by design (the earner shares it)."""
    award = (
        Award.objects.select_related("achievement__organization", "recipient__profile")
        .filter(public_id=public_id)
        .first()
    )
    if award is None:
        raise Http404(_("There is no such credential."))
    return award


def awards_for_profile(*, viewer, user_id: int) -> QuerySet[Award]:
    awards = Award.objects.filter(recipient_id=user_id, revoked_at__isnull=True).select_related(
        "achievement"
    )
    if getattr(viewer, "pk", None) != user_id:
        awards = awards.filter(shown_on_profile=True)
    return awards


def awards_of(*, viewer) -> QuerySet[Award]:
    """The signed-in person's own awards (all, to download, show or hide)."""
    if not getattr(viewer, "is_authenticated", False):
        return Award.objects.none()
    return Award.objects.filter(recipient=viewer).select_related("achievement")


def awards_of_achievement(*, viewer, achievement: Achievement) -> QuerySet[Award]:
    """Who holds a badge: everyone for its managers; otherwise holders who show it."""
    awards = Award.objects.filter(achievement=achievement).select_related("recipient__profile")
    if achievement_can_award(viewer, achievement):
        return awards
    return awards.filter(
        shown_on_profile=True,
        revoked_at__isnull=True,
        recipient__profile__capacities_visibility__in=shared_levels(viewer),
    )
