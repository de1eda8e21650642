"""The recognition app's share of the gates (see gates/parts.py).

Actors: the owner is a barnstar's *recipient* (given by `other`, the *giver*) and the earner of
a badge defined by `organization` (whose manager may award and revoke it); staff moderate
barnstars and run hub badges. A barnstar goes to amina, who is none of the actors, so every
signed-in actor may give one."""

from django.urls import reverse

from capacityhub.recognition.models import Achievement, Award, Barnstar, BarnstarReport
from capacityhub.recognition.services.achievements import achievement_create
from capacityhub.recognition.services.awards import award_by_hand
from capacityhub.recognition.services.barnstars import barnstar_give

from .matrix import API, EDITORS_ONLY, OWNER_ONLY, STAFF_ONLY, Row, everyone_signed_in

EVERYONE = everyone_signed_in()
# A forged credential posted to the verifier: refused for everyone, nothing changed.
REFUSED = {actor: "HTTP 422" for actor in ["anonymous", "owner", "other", "manager", "staff"]}

TRACKED = [Barnstar, BarnstarReport, Achievement, Achievement.capacities.through, Award]


def build_world(world) -> dict:
    users, organization = world.users, world.organization
    owner, other, staff = users["owner"], users["other"], users["staff"]
    manager = users["manager"]
    barnstar = barnstar_give(actor=other, recipient=owner, kind="mentor", message="Thank you!")
    badge = achievement_create(
        actor=manager, organization=organization, name="Chapter trainer",
        description="Trained chapter members.", criteria="Ran three trainings.",
    )  # fmt: skip
    award = award_by_hand(actor=manager, achievement=badge, recipient=owner)
    hub_badge = achievement_create(actor=staff, name="Hub badge", description="d", criteria="c")
    return {
        "recognition_barnstar": barnstar,
        "recognition_badge": badge,
        "recognition_award": award,
        "recognition_hub_badge": hub_badge,
    }


def _pk(world, name: str):
    return world.extra[name].pk


def _version(world) -> int:
    return Achievement.objects.get(pk=_pk(world, "recognition_badge")).version


def _public(world) -> str:
    return str(world.extra["recognition_award"].public_id)


def _forged(world, user) -> dict:
    credential = dict(world.extra["recognition_award"].credential)
    return {"credential": {**credential, "name": "Forged"}}


BADGE = {"name": "Matrix badge", "description": "d", "criteria": "c", "organization": "wm-kano"}

API_ROWS = [
    Row("POST /barnstars", "post", lambda world: f"{API}/barnstars",
        lambda world, user: {"recipient": "amina", "kind": "teacher", "message": "Thanks"},
        EVERYONE),
    Row("POST /barnstars/{barnstar_id}/hidden", "post",
        lambda world: f"{API}/barnstars/{_pk(world, 'recognition_barnstar')}/hidden",
        lambda world, user: {"hidden": True}, OWNER_ONLY),
    Row("POST /barnstars/{barnstar_id}/reports", "post",
        lambda world: f"{API}/barnstars/{_pk(world, 'recognition_barnstar')}/reports",
        lambda world, user: {"reason": "Spam"}, EVERYONE),
    Row("POST /barnstars/{barnstar_id}/moderation", "post",
        lambda world: f"{API}/barnstars/{_pk(world, 'recognition_barnstar')}/moderation",
        lambda world, user: {"hide": True, "reason": "Abuse"}, STAFF_ONLY),
    Row("POST /badges", "post", lambda world: f"{API}/badges",
        lambda world, user: BADGE, EDITORS_ONLY),
    Row("POST /badges/{badge_id}/awards", "post",
        lambda world: f"{API}/badges/{_pk(world, 'recognition_badge')}/awards",
        lambda world, user: {"recipient": "amina"}, EDITORS_ONLY),
    Row("PATCH /badges/{badge_id}", "patch",
        lambda world: f"{API}/badges/{_pk(world, 'recognition_badge')}",
        lambda world, user: {"name": "Renamed", "version": _version(world)}, EDITORS_ONLY),
    Row("POST /badges/{badge_id}/archive", "post",
        lambda world: f"{API}/badges/{_pk(world, 'recognition_badge')}/archive",
        lambda world, user: {}, EDITORS_ONLY),
    Row("POST /credentials/{credential_id}/shown", "post",
        lambda world: f"{API}/credentials/{_public(world)}/shown",
        lambda world, user: {"shown": False}, OWNER_ONLY),
    Row("POST /credentials/{credential_id}/revoke", "post",
        lambda world: f"{API}/credentials/{_public(world)}/revoke",
        lambda world, user: {"reason": "Issued by mistake"}, EDITORS_ONLY),
    Row("POST /credentials/verify", "post", lambda world: f"{API}/credentials/verify",
        _forged, REFUSED),
]  # fmt: skip


def _web(name: str, extra: str):
    return lambda world: reverse(f"web:{name}", args=[_pk(world, extra)])


def _web_award(name: str):
    return lambda world: reverse(f"web:{name}", args=[_public(world)])


WEB_ROWS = [
    Row("web:barnstar-give", "post", lambda world: reverse("web:barnstar-give"),
        lambda world, user: {"recipient": "amina", "kind": "teacher", "message": "Thanks"},
        EVERYONE),
    Row("web:barnstar-hide", "post", _web("barnstar-hide", "recognition_barnstar"),
        lambda world, user: {"hidden": "1"}, OWNER_ONLY),
    Row("web:barnstar-report", "post", _web("barnstar-report", "recognition_barnstar"),
        lambda world, user: {"reason": "Spam"}, EVERYONE),
    Row("web:barnstar-moderate", "post", _web("barnstar-moderate", "recognition_barnstar"),
        lambda world, user: {"hide": "1", "reason": "Abuse"}, STAFF_ONLY),
    Row("web:achievement-create", "post", lambda world: reverse("web:achievement-create"),
        lambda world, user: {"name": "Matrix badge", "description": "d", "criteria": "c",
                             "image": "star", "organization": "wm-kano"},
        EDITORS_ONLY),
    Row("web:achievement-award", "post", _web("achievement-award", "recognition_badge"),
        lambda world, user: {"recipient": "amina"}, EDITORS_ONLY),
    Row("web:achievement-edit", "post", _web("achievement-edit", "recognition_badge"),
        lambda world, user: {"version": _version(world), "name": "Renamed", "description": "d",
                             "criteria": "c", "image": "star"},
        EDITORS_ONLY),
    Row("web:achievement-archive", "post", _web("achievement-archive", "recognition_badge"),
        lambda world, user: {}, EDITORS_ONLY),
    Row("web:credential-shown", "post", _web_award("credential-shown"),
        lambda world, user: {"shown": "0"}, OWNER_ONLY),
    Row("web:credential-revoke", "post", _web_award("credential-revoke"),
        lambda world, user: {"reason": "Issued by mistake"}, EDITORS_ONLY),
]  # fmt: skip

WEB_READ_ONLY = {
    "barnstar-feed",
    "barnstar-detail",
    "barnstar-reports",
    "achievement-list",
    "achievement-mine",
    "achievement-detail",
    "credential-verifier",
    "credential-verify",
    "credential-verification-json",
    "credential-json",
    "credential-jwt",
    "credential-evidence",
    "recognition-issuer",
    "recognition-organization-issuer",
    "recognition-key",
    "recognition-jwks",
    "recognition-status-list",
    "recognition-schema",
}

READ_ONLY_ARGS = {
    "barnstar-detail": lambda world: [_pk(world, "recognition_barnstar")],
    "achievement-detail": lambda world: [_pk(world, "recognition_badge")],
    "credential-verify": lambda world: [_public(world)],
    "credential-verification-json": lambda world: [_public(world)],
    "credential-json": lambda world: [_public(world)],
    "credential-jwt": lambda world: [_public(world)],
    "credential-evidence": lambda world: [_public(world), 1],
    "recognition-organization-issuer": lambda world: [world.organization.slug],
    "recognition-key": lambda world: ["nope"],
    "recognition-status-list": lambda world: [0],
}


def api_known(*, member, other, staff, organization) -> dict:
    """A barnstar to the fuzz member, a badge of their organization and its award, so
    generated requests meet real ones."""
    barnstar = barnstar_give(actor=other, recipient=member, kind="mentor", message="Thanks")
    badge = achievement_create(
        actor=member, organization=organization, name="Fuzz badge", description="d", criteria="c"
    )
    award = award_by_hand(actor=member, achievement=badge, recipient=other)
    return {
        "barnstar_id": [barnstar.pk],
        "badge_id": [badge.pk],
        "credential_id": [str(award.public_id)],
        "recipient": [other.username],
    }
