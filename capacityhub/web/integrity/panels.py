"""A section of the person's own profile page: where to declare interests, and (for those who
may) the form builder and the oversight pages. Shown to the person themself only."""

from capacityhub.forms.selectors import may_build_forms
from capacityhub.integrity.selectors import can_oversee
from capacityhub.web.core import panels


def own_profile_panel(request, view):
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    profile = getattr(user, "profile", None)
    if profile is None or getattr(view, "id", None) != profile.pk:
        return None
    return {"builds_forms": may_build_forms(user), "oversees": can_oversee(user)}


def register_panels() -> None:
    panels.register("profile", "web/integrity/_panel_profile.html", order=90)(own_profile_panel)
