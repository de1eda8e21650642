"""Mentoring on shared pages: a person's mentor profile and programme completions on their page
(only when the viewer may see their capacities), and the reader's mentorships on the home page."""

from capacityhub.community.models import Profile
from capacityhub.mentoring.selectors import home_mentoring, mentor_card, programme_completions
from capacityhub.web.core import panels


def profile_panel(request, view):
    if view is None or view.claims is None:
        return None
    user_id = Profile.objects.filter(pk=view.id).values_list("user_id", flat=True).first()
    if user_id is None:
        return None
    visible = view.claims is not None
    card = mentor_card(capacities_visible=visible, user_id=user_id)
    completions = programme_completions(capacities_visible=visible, user_id=user_id)
    if card is None and not completions:
        return None
    viewer = request.user
    return {
        "card": card,
        "completions": completions,
        # The certificate page lets the person and staff in (facilitators reach it from the
        # cohort); others see the completion without the link.
        "show_certificates": view.is_self or bool(getattr(viewer, "is_staff", False)),
    }


def home_panel(request, _obj):
    summary = home_mentoring(viewer=request.user)
    return {"mentoring": summary} if summary else None


def register_panels() -> None:
    panels.register("profile", "web/mentoring/_panel_profile.html", order=35)(profile_panel)
    panels.register("home", "web/mentoring/_panel_home.html", order=40)(home_panel)
