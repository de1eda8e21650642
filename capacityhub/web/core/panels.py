"""Sections other apps add to shared pages: the home page, a person's page, an organization's.

An app's panels live in web/<app>/panels.py (panels are presentation: domain apps never import
web) and are registered from WebConfig.ready() in web/apps.py:

    @panels.register("profile", "web/learning/_profile_history.html", order=20)
    def learning_history(request, view):
        return {"enrolments": ...}   # the template's context; None hides the panel

Places: "home" (obj is None), "profile" (obj is the community.visibility.ProfileView the
viewer may see: `id` is the profile's pk; `claims is None` means this viewer may not see the
person's capacities, and evidence such as a learning history follows the same rule), and
"organization" (obj is the Organization). A
panel must read through its app's selectors, which apply visibility, in a bounded number of
queries. The page renders them in `order` with `{% panels "profile" profile %}`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

PLACES = {"home", "profile", "organization"}


@dataclass(frozen=True)
class Panel:
    place: str
    template: str
    context: Callable
    order: int


PANELS: list[Panel] = []


def register(place: str, template: str, order: int = 50):
    if place not in PLACES:
        raise ValueError(f"unknown panel place {place!r}")

    def decorator(context: Callable) -> Callable:
        if not any(p.place == place and p.template == template for p in PANELS):
            PANELS.append(Panel(place, template, context, order))
            PANELS.sort(key=lambda p: (p.order, p.template))
        return context

    return decorator


def render_panels(place: str, request, obj=None) -> SafeString:
    parts = []
    for panel in PANELS:
        if panel.place != place:
            continue
        context = panel.context(request, obj)
        if context is not None:
            parts.append(render_to_string(panel.template, context, request=request))
    return mark_safe("".join(parts))  # noqa: S308 - rendered templates, autoescaped
