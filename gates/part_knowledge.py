"""The knowledge app's share of the gates (see gates/parts.py).

The world holds a guide of the owner's published for `organization` (so its manager may edit
it), a learning pattern, an outdated resource, a duplicate and an open report. Curation is
for information specialists and staff; in the matrix's cast that is staff."""

from django.urls import reverse

from capacityhub.knowledge.models import Endorsement, Resource, ResourceReport, ResourceUse

from .matrix import API, FORBIDDEN, LOGIN, OK, Row, current_version, everyone_signed_in

TRACKED = [
    Resource,
    Resource.capacities.through,
    Resource.methods.through,
    Resource.authors.through,
    ResourceUse,
    Endorsement,
    ResourceReport,
]
# The creator, the organization's managers, specialists and staff.
RESOURCE_EDITORS = {
    "anonymous": LOGIN,
    "owner": OK,
    "other": FORBIDDEN,
    "manager": OK,
    "staff": OK,
}
CURATORS = {**RESOURCE_EDITORS, "owner": FORBIDDEN, "manager": FORBIDDEN}

GUIDE = {
    "kind": "guide",
    "title": "Matrix guide",
    "summary": "A guide for the matrix.",
    "language": "en",
    "capacities": ["lua-scripting"],
    "body": "Step one.",
}
WEB_GUIDE = {**GUIDE, "audience": "everyone", "level": "introductory", "licence": "CC-BY-SA-4.0"}
USE = {
    "region": "ssa",
    "language": "ha",
    "organization_kind": "user_group",
    "audience_size": 12,
    "outcome": "worked_well",
    "rating": 4,
    "used_on": "2026-01-15",
}


def _new(owner, organization=None, **fields) -> Resource:
    values = {"kind": "guide", "summary": "Summary", "body": "Body", "language": "en"}
    resource = Resource.objects.create(
        created_by=owner, organization=organization, **{**values, **fields}
    )
    return resource


def build_world(world) -> dict:
    owner = world.users["owner"]
    resource = _new(owner, world.organization, title="Owner's guide")
    resource.capacities.set([world.need.capacities.first()])
    pattern = _new(
        owner, kind="learning_pattern", title="Buddies", problem="Leaving", solution="Pairing"
    )
    return {
        "resource": resource,
        "pattern": pattern,
        "outdated": _new(owner, title="Old guide", status="outdated", outdated_note="Old"),
        "duplicate": _new(owner, title="Owner's guide again"),
        "report": ResourceReport.objects.create(
            resource=resource, reporter=world.users["other"], reason="broken_link"
        ),
    }


def _id(name: str):
    return lambda world: world.extra[name].pk


def _api(name: str, suffix: str = ""):
    return lambda world: f"{API}/resources/{world.extra[name].pk}{suffix}"


def _web(route: str, name: str = "resource"):
    return lambda world: reverse(f"web:{route}", args=[world.extra[name].pk])


def _fixed(data: dict):
    return lambda world, user: data


API_ROWS = [
    Row(
        "POST /resources", "post", lambda w: f"{API}/resources", _fixed(GUIDE), everyone_signed_in()
    ),
    Row(
        "PATCH /resources/{resource_id}",
        "patch",
        _api("resource"),
        lambda w, user: {"title": "Changed", "version": current_version(w.extra["resource"])},
        RESOURCE_EDITORS,
    ),
    Row(
        "POST /resources/{resource_id}/withdraw",
        "post",
        _api("resource", "/withdraw"),
        _fixed({}),
        RESOURCE_EDITORS,
    ),
    Row(
        "POST /resources/{resource_id}/uses",
        "post",
        _api("resource", "/uses"),
        _fixed(USE),
        everyone_signed_in(),
    ),
    Row(
        "POST /resources/{resource_id}/endorsements",
        "post",
        _api("pattern", "/endorsements"),
        _fixed({"comment": "Works"}),
        everyone_signed_in(),
    ),
    Row(
        "POST /resources/{resource_id}/reports",
        "post",
        _api("resource", "/reports"),
        _fixed({"reason": "outdated"}),
        everyone_signed_in(),
    ),
    Row(
        "POST /resources/{resource_id}/translation-requests",
        "post",
        _api("resource", "/translation-requests"),
        _fixed({"language": "fr"}),
        everyone_signed_in(),
    ),
    Row(
        "POST /resources/{resource_id}/feature",
        "post",
        _api("resource", "/feature"),
        _fixed({"featured": True}),
        CURATORS,
    ),
    Row(
        "POST /resources/{resource_id}/outdated",
        "post",
        _api("resource", "/outdated"),
        _fixed({"note": "Retired tool"}),
        CURATORS,
    ),
    Row(
        "POST /resources/{resource_id}/current",
        "post",
        _api("outdated", "/current"),
        _fixed({}),
        CURATORS,
    ),
    Row(
        "POST /resources/{resource_id}/merge",
        "post",
        _api("duplicate", "/merge"),
        lambda world, user: {"survivor": world.extra["resource"].pk},
        CURATORS,
    ),
    Row(
        "POST /resource-reports/{report_id}/resolve",
        "post",
        lambda world: f"{API}/resource-reports/{world.extra['report'].pk}/resolve",
        _fixed({"status": "resolved"}),
        CURATORS,
    ),
]

WEB_ROWS = [
    Row(
        "web:resource-create",
        "post",
        lambda world: reverse("web:resource-create"),
        _fixed(WEB_GUIDE),
        everyone_signed_in(),
    ),
    Row(
        "web:resource-edit",
        "post",
        _web("resource-edit"),
        lambda world, user: {**WEB_GUIDE, "title": "Changed", "version": 1},
        RESOURCE_EDITORS,
    ),
    Row(
        "web:resource-derive",
        "post",
        _web("resource-derive"),
        _fixed({**WEB_GUIDE, "relation": "translation", "language": "fr"}),
        everyone_signed_in(),
    ),
    Row(
        "web:resource-withdraw",
        "post",
        _web("resource-withdraw"),
        _fixed({}),
        RESOURCE_EDITORS,
    ),
    Row("web:resource-use", "post", _web("resource-use"), _fixed(USE), everyone_signed_in()),
    Row(
        "web:resource-endorse",
        "post",
        _web("resource-endorse", "pattern"),
        _fixed({"comment": "Works"}),
        everyone_signed_in(),
    ),
    Row(
        "web:resource-report",
        "post",
        _web("resource-report"),
        _fixed({"reason": "wrong", "details": "Step two is wrong."}),
        everyone_signed_in(),
    ),
    Row(
        "web:resource-request-translation",
        "post",
        _web("resource-request-translation"),
        _fixed({"language": "fr"}),
        everyone_signed_in(),
    ),
    Row(
        "web:resource-feature",
        "post",
        _web("resource-feature"),
        _fixed({"featured": "1"}),
        CURATORS,
    ),
    Row(
        "web:resource-outdated",
        "post",
        _web("resource-outdated"),
        _fixed({"note": "Retired tool"}),
        CURATORS,
    ),
    Row(
        "web:resource-merge",
        "post",
        _web("resource-merge", "duplicate"),
        lambda world, user: {"survivor": world.extra["resource"].pk},
        CURATORS,
    ),
    Row(
        "web:resource-report-resolve",
        "post",
        lambda world: reverse("web:resource-report-resolve", args=[world.extra["report"].pk]),
        _fixed({"status": "dismissed"}),
        CURATORS,
    ),
]
WEB_READ_ONLY = {"resource-list", "resource-detail", "resource-curation"}


def api_known(*, member, other, staff, organization) -> dict:
    """Real ids for the fuzz run: a guide of the member's, a learning pattern of other's, and
    an open report, so the operations meet objects the member can act on."""
    guide = _new(member, organization, title="Fuzz guide")
    pattern = _new(other, kind="learning_pattern", title="Fuzz pattern", problem="P", solution="S")
    report = ResourceReport.objects.create(resource=guide, reporter=other, reason="other")
    ids = [guide.pk, pattern.pk]
    return {
        "resource_id": ids,
        "original": ids,
        "survivor": ids,
        "report_id": [report.pk],
        "kind": ["guide", "learning_pattern", "video"],
        "region": ["ssa", "lac"],
        "organization_kind": ["chapter", "none"],
    }


# The arguments of the read-only pages above that take some, for
# test_read_only_pages_refuse_to_be_written_to (which must read these: see the report).
READ_ONLY_ARGS = {"resource-detail": lambda world: [world.extra["resource"].pk]}
