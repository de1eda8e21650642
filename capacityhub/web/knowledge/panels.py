"""Knowledge panels on shared pages: featured resources on the home page, an organization's
resources on its page (see web/core/panels.py)."""

from capacityhub.knowledge.selectors import listed_resources, with_resource_details
from capacityhub.web.core import panels

PANEL_SIZE = 5


@panels.register("home", "web/knowledge/_home_panel.html", order=30)
def featured_resources(request, obj):
    featured = list(listed_resources().filter(is_featured=True)[:PANEL_SIZE])
    return {"featured_resources": featured} if featured else None


@panels.register("organization", "web/knowledge/_organization_panel.html", order=30)
def organization_resources(request, organization):
    resources = with_resource_details(listed_resources().filter(organization=organization))
    found = list(resources.order_by("-created_at", "-id")[:PANEL_SIZE])
    return {"organization_resources": found, "organization": organization} if found else None
