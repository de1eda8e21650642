"""The recognition app's pages in the accessibility gate (see journeys/pages.py).

Seeded: a barnstar from kwame (the manager) to amina (the member), a hub badge awarded to
amina (its credential's verification page), and an open report for staff."""

from uuid import UUID

EXAMPLE_ID = UUID(int=1)  # for the coverage check, which passes stand-ins without a public_id


def _pk(hub, name):
    return hub.extra[name].pk


def _credential(hub):
    award = hub.extra["recognition_award"]
    return f"/recognition/credentials/{getattr(award, 'public_id', EXAMPLE_ID)}/"


PAGE_TYPES = [
    ("barnstar-feed", "/recognition/barnstars/", None),
    ("barnstar-give", "/recognition/barnstars/give/", "member"),
    ("barnstar-detail", lambda hub: f"/recognition/barnstars/{_pk(hub, 'recognition_barnstar')}/",
     None),
    ("barnstar-detail-recipient",
     lambda hub: f"/recognition/barnstars/{_pk(hub, 'recognition_barnstar')}/", "member"),
    ("barnstar-detail-staff",
     lambda hub: f"/recognition/barnstars/{_pk(hub, 'recognition_barnstar')}/", "staff"),
    ("barnstar-reports", "/recognition/barnstars/reports/", "staff"),
    ("achievement-list", "/recognition/badges/", None),
    ("achievement-create", "/recognition/badges/new/", "staff"),
    ("achievement-mine", "/recognition/badges/mine/", "member"),
    ("achievement-detail", lambda hub: f"/recognition/badges/{_pk(hub, 'recognition_badge')}/",
     "staff"),
    ("achievement-edit",
     lambda hub: f"/recognition/badges/{_pk(hub, 'recognition_badge')}/edit/", "staff"),
    ("credential-verify", _credential, None),
    ("credential-verify-earner", _credential, "member"),
    ("credential-verifier", "/recognition/verify/", None),
    ("credential-evidence", lambda hub: _credential(hub) + "evidence/"
     + str(hub.extra["recognition_evidence"].pk) + "/", None),
]  # fmt: skip

NOT_PAGES = {
    "barnstar-hide",
    "barnstar-report",
    "barnstar-moderate",
    "achievement-award",
    "achievement-archive",
    "credential-shown",
    "credential-revoke",
    "credential-json",
    "credential-jwt",
    "credential-verification-json",
    "recognition-issuer",
    "recognition-organization-issuer",
    "recognition-key",
    "recognition-jwks",
    "recognition-status-list",
    "recognition-schema",
}


def seed(hub) -> dict:
    import datetime

    from capacityhub.community.evidence import evidence_record
    from capacityhub.community.models import Evidence
    from capacityhub.recognition.models import Award
    from capacityhub.recognition.services.achievements import achievement_create
    from capacityhub.recognition.services.awards import awards_evaluate
    from capacityhub.recognition.services.barnstars import barnstar_give, barnstar_report
    from capacityhub.taxonomy.models import Capacity

    member, manager, staff = (hub.users[k] for k in ("member", "manager", "staff"))
    barnstar = barnstar_give(
        actor=manager, recipient=member, kind="organizer",
        message="Thank you for the offline editathon in Kano!",
    )  # fmt: skip
    barnstar_report(actor=staff, barnstar=barnstar, reason="Checking the moderation page")
    badge = achievement_create(
        actor=staff, name="Mentor", description="Mentored newcomers through their first edits.",
        criteria="Completed a mentorship.", image="bridge", rule_kind="evidence_count",
        rule_params={"kind": "completed", "source_model": "mentoring.mentorship", "minimum": 1},
    )  # fmt: skip
    evidence = evidence_record(
        profile=member.profile, capacity=Capacity.objects.order_by("pk").first(),
        kind=Evidence.Kind.COMPLETED, source="mentoring.mentorship:1",
        occurred_on=datetime.date(2026, 1, 10),
    )  # fmt: skip
    awards_evaluate(profile_ids=[member.profile.pk])  # the listener may have run already
    award = Award.objects.get(achievement=badge, recipient=member)
    return {
        "recognition_barnstar": barnstar,
        "recognition_badge": badge,
        "recognition_award": award,
        "recognition_evidence": evidence,
    }
