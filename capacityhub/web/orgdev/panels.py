"""The app's sections of shared pages: assessments waiting for the reader's answers on the
home page, and an organization's assessments and plan on its page."""

from capacityhub.community.selectors import can_act_for
from capacityhub.orgdev.selectors import my_invitations, round_list
from capacityhub.web.core import panels


def home_panel(request, _obj):
    if not request.user.is_authenticated:
        return None
    waiting = list(
        my_invitations(viewer=request.user).filter(
            submitted_at__isnull=True, round__closed_at__isnull=True
        )[:5]
    )
    return {"waiting": waiting} if waiting else None


def organization_panel(request, organization):
    manages = can_act_for(request.user, organization=organization)
    rounds = list(round_list(viewer=request.user, organization=organization)[:3])
    if not manages and not rounds:
        return None
    return {"organization": organization, "rounds": rounds, "manages": manages}


def register_panels() -> None:
    panels.register("home", "web/orgdev/_panel_home.html", order=45)(home_panel)
    panels.register("organization", "web/orgdev/_panel_organization.html", order=45)(
        organization_panel
    )
