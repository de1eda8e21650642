"""Recognition on a person's page: the barnstars they received and the badges they show, when
the viewer may see their capacities (evidence follows the same rule)."""

from capacityhub.community.models import Profile
from capacityhub.recognition.selectors import awards_for_profile, barnstars_for_profile
from capacityhub.web.core import panels

PANEL_LIMIT = 12


def profile_panel(request, view):
    if view is None or view.claims is None:
        return None

    user_id = Profile.objects.filter(pk=view.id).values_list("user_id", flat=True).first()
    if user_id is None:
        return None
    barnstars = list(barnstars_for_profile(viewer=request.user, user_id=user_id)[:PANEL_LIMIT])
    awards = list(awards_for_profile(viewer=request.user, user_id=user_id)[:PANEL_LIMIT])
    return {
        "barnstars": barnstars,
        "awards": awards,
        "recipient_username": view.username,
        "is_self": view.is_self,
    }


def register_panels() -> None:
    panels.register("profile", "web/recognition/_panel_profile.html", order=40)(profile_panel)
