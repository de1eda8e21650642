"""The app's sections of shared pages: new courses and upcoming cohort runs on the home page,
a person's completed courses (following their capacities_visibility), and what an
organization's members learned."""

from capacityhub.learning.selectors.courses import new_courses, upcoming_cohorts
from capacityhub.learning.selectors.learners import completions_for_profile, organization_learning
from capacityhub.web.core import panels

HOME_ITEMS = 4


def home_panel(request, _obj):
    courses, cohorts = new_courses(limit=HOME_ITEMS), upcoming_cohorts(limit=HOME_ITEMS)
    if not courses and not cohorts:
        return None
    return {"new_courses": courses, "cohorts": cohorts}


def profile_panel(request, view):
    # A learning history is evidence of capacities: hidden wherever the capacities are.
    if getattr(view, "claims", None) is None:
        return None
    completions = completions_for_profile(profile_id=view.id, viewer=request.user)
    if not completions:
        return None
    return {"completions": completions, "is_self": view.is_self}


def organization_panel(request, organization):
    learning = organization_learning(organization=organization, viewer=request.user)
    return learning if learning["total"] else None


def register_panels() -> None:
    panels.register("home", "web/learning/_panel_home.html", order=30)(home_panel)
    panels.register("profile", "web/learning/_panel_profile.html", order=30)(profile_panel)
    panels.register("organization", "web/learning/_panel_organization.html", order=30)(
        organization_panel
    )
