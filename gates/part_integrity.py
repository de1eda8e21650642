"""The integrity app's share of the gates (see gates/parts.py).

The world: the owner declared an interest (only they may withdraw it); staff recorded a
decision on `organization` (for the read-only decision page)."""

from django.urls import reverse

from capacityhub.integrity.models import Decision, Interest
from capacityhub.integrity.services import decision_record, interest_declare

from .matrix import API, OWNER_ONLY, Row, everyone_signed_in

TRACKED = [Interest, Decision]
EVERYONE = everyone_signed_in()


def build_world(world) -> dict:
    interest = interest_declare(
        actor=world.users["owner"], kind="financial", person=world.users["other"]
    )
    decision = decision_record(
        actor=world.users["staff"], subject=world.organization, outcome="eligible", reason="OK"
    )
    return {"interest": interest, "decision": decision}


def _declaration(world, user) -> dict:
    return {"kind": "organization_role", "organization": world.organization.slug}


API_ROWS = [
    Row("POST /me/interests", "post", lambda world: f"{API}/me/interests", _declaration, EVERYONE),
    Row(
        "POST /me/interests/{interest_id}/withdraw",
        "post",
        lambda world: f"{API}/me/interests/{world.extra['interest'].pk}/withdraw",
        lambda world, user: {},
        OWNER_ONLY,
    ),
]

WEB_ROWS = [
    Row(
        "web:interest-list",
        "post",
        lambda world: reverse("web:interest-list"),
        _declaration,
        EVERYONE,
    ),
    Row(
        "web:interest-withdraw",
        "post",
        lambda world: reverse("web:interest-withdraw", args=[world.extra["interest"].pk]),
        lambda world, user: {},
        OWNER_ONLY,
    ),
]

WEB_READ_ONLY = {"interest-all", "integrity-decision", "audit-list"}
READ_ONLY_ARGS = {"integrity-decision": lambda world: [world.extra["decision"].pk]}


def api_known(*, member, other, staff, organization) -> dict:
    interest = interest_declare(actor=member, kind="financial", person=other)
    decision = decision_record(actor=staff, subject=organization, outcome="eligible")
    return {
        "interest_id": [interest.pk],
        "decision_id": [decision.pk],
        "kind": ["organization_role", "financial"],
        "person": [other.username],
        "organization": [organization.slug],
        "target_type": ["integrity.interest", "community.organization"],
        "action": ["integrity."],
    }
