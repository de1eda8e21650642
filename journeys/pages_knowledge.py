"""The knowledge app's pages in the accessibility gate (see journeys/pages.py)."""

import datetime

from capacityhub.knowledge.models import Resource, ResourceReport, ResourceUse
from capacityhub.taxonomy.models import Capacity


def _resource(hub, key: str) -> str:
    return hub.extra[key].pk


PAGE_TYPES: list = [
    ("resource-list", "/resources/", None),
    ("resource-list-member", "/resources/?kind=guide&sort=relevance", "member"),
    ("resource-list-empty", "/resources/?q=nothing-by-this-name", None),
    ("resource-detail", lambda hub: f"/resources/{_resource(hub, 'guide')}/", None),
    ("resource-detail-member", lambda hub: f"/resources/{_resource(hub, 'guide')}/", "member"),
    ("resource-detail-staff", lambda hub: f"/resources/{_resource(hub, 'guide')}/", "staff"),
    (
        "resource-detail-pattern",
        lambda hub: f"/resources/{_resource(hub, 'pattern')}/",
        "member",
    ),
    (
        "resource-detail-outdated",
        lambda hub: f"/resources/{_resource(hub, 'outdated')}/",
        "staff",
    ),
    ("resource-create", "/resources/new/", "member"),
    ("resource-create-pattern", "/resources/new/?kind=learning_pattern", "member"),
    ("resource-edit", lambda hub: f"/resources/{_resource(hub, 'guide')}/edit/", "member"),
    (
        "resource-derive",
        lambda hub: f"/resources/{_resource(hub, 'guide')}/derive/?relation=translation",
        "member",
    ),
    (
        "resource-withdraw",
        lambda hub: f"/resources/{_resource(hub, 'guide')}/withdraw/",
        "member",
    ),
    (
        "resource-merge",
        lambda hub: (
            f"/resources/{_resource(hub, 'outdated')}/merge/?survivor={_resource(hub, 'guide')}"
        ),
        "staff",
    ),
    ("resource-curation", "/curation/", "staff"),
]
NOT_PAGES: set = {
    "resource-use",
    "resource-endorse",
    "resource-report",
    "resource-request-translation",
    "resource-feature",
    "resource-outdated",
    "resource-report-resolve",
}


def seed(hub) -> dict:
    member, staff = hub.users["member"], hub.users["staff"]
    capacity = Capacity.objects.filter(is_active=True).order_by("pk").first()
    guide = Resource.objects.create(
        created_by=member,
        kind="guide",
        title="Running an edit-a-thon",
        summary="A checklist for organizers.",
        body="## Before\n\n- Book a room\n- Invite people",
        url="https://meta.wikimedia.org/wiki/Edit-a-thon",
        language="en",
        organization=hub.organization,
        is_featured=True,  # the home page's panel shows it
    )
    pattern = Resource.objects.create(
        created_by=member,
        kind="learning_pattern",
        title="Buddy system",
        summary="Pair newcomers with experienced editors.",
        problem="Newcomers leave.",
        solution="Give each a buddy.",
        considerations="Buddies need time.",
        when_to_use="At events.",
        language="en",
    )
    translation = Resource.objects.create(
        created_by=staff,
        kind="guide",
        title="Tsara edit-a-thon",
        summary="Jerin abubuwa.",
        body="Rubutu.",
        language="ha",
        original=guide,
        relation="translation",
    )
    outdated = Resource.objects.create(
        created_by=staff,
        kind="video",
        title="Old upload video",
        summary="How uploads worked.",
        url="https://commons.wikimedia.org/wiki/File:Upload.webm",
        duration_minutes=8,
        language="en",
        status="outdated",
        outdated_note="The upload wizard changed.",
    )
    for resource in (guide, pattern, translation, outdated):
        if capacity:
            resource.capacities.set([capacity])
    ResourceUse.objects.create(
        resource=guide,
        user=staff,
        region="ssa",
        language="ha",
        organization_kind="user_group",
        audience_size=20,
        outcome="worked_well",
        rating=5,
        comment="Great.",
        used_on=datetime.date(2026, 1, 10),
    )
    ResourceReport.objects.create(resource=guide, reporter=member, reason="broken_link")
    return {"guide": guide, "pattern": pattern, "outdated": outdated}
