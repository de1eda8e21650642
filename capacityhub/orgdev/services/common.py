"""What the orgdev services share: the permission rules in the services' words."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from capacityhub.community.models import Membership
from capacityhub.community.selectors import require_can_act_for
from capacityhub.core.permissions import require_member


def require_manager(actor, organization) -> None:
    require_can_act_for(
        actor,
        organization=organization,
        message=_("Only this organization's managers and staff can run its assessments."),
    )


def require_respondent(actor, round_):
    """The actor's invitation to this round, or PermissionDenied."""
    require_member(actor)
    respondent = round_.respondents.filter(user=actor).first()
    if respondent is None:
        raise PermissionDenied(_("Only the people invited to this assessment can answer it."))
    return respondent


def is_member_of(user, organization) -> bool:
    return Membership.objects.filter(organization=organization, user=user).exists()
