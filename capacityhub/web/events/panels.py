"""The app's sections of shared pages: upcoming on the home page, a person's history of
sessions and events (following their capacities_visibility), an organization's events."""

from capacityhub.events.selectors.events import (
    history_for_profile,
    hosted_by_organization,
    upcoming_events,
)
from capacityhub.web.core import panels

HOME_ITEMS = 5


def home_panel(request, _obj):
    events = upcoming_events(limit=HOME_ITEMS)
    return {"events": events} if events else None


def profile_panel(request, view):
    # Like a learning history, this is evidence: hidden where the capacities are.
    if getattr(view, "claims", None) is None:
        return None
    history = history_for_profile(user_id=_user_id(view))
    return {"history": history} if history else None


def _user_id(view) -> int:
    from capacityhub.community.models import Profile

    return Profile.objects.values_list("user_id", flat=True).get(pk=view.id)


def organization_panel(request, organization):
    events = hosted_by_organization(organization_id=organization.pk)
    return {"events": events, "organization": organization} if events else None


def register_panels() -> None:
    panels.register("home", "web/events/_panel_home.html", order=40)(home_panel)
    panels.register("profile", "web/events/_panel_profile.html", order=40)(profile_panel)
    panels.register("organization", "web/events/_panel_organization.html", order=40)(
        organization_panel
    )
