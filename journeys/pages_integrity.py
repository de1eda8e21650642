"""The integrity app's pages in the accessibility gate (see journeys/pages.py).

Seeded: amina declared an interest (and withdrew another); staff recorded a decision on
kwame's organization and replaced it."""

PAGE_TYPES = [
    ("interest-list", "/integrity/interests/", "member"),
    ("interest-all", "/integrity/interests/all/", "staff"),
    (
        "integrity-decision",
        lambda hub: f"/integrity/decisions/{hub.extra['decision'].pk}/",
        "staff",
    ),
    ("audit-list", "/integrity/audit/", "staff"),
]
NOT_PAGES = {"interest-withdraw"}


def seed(hub) -> dict:
    from capacityhub.integrity.services import (
        decision_record,
        interest_declare,
        interest_withdraw,
    )

    member, manager, staff = hub.users["member"], hub.users["manager"], hub.users["staff"]
    interest_declare(
        actor=member,
        kind="organization_role",
        organization=hub.organization,
        description="Treasurer",
    )
    old = interest_declare(actor=member, kind="personal_relationship", person=manager)
    interest_withdraw(actor=member, interest=old)
    first = decision_record(
        actor=staff, subject=hub.organization, outcome="waitlist", reason="Full"
    )
    decision = decision_record(
        actor=staff,
        subject=hub.organization,
        outcome="accept",
        reason="A seat freed.",
        supersedes=first,
    )
    return {"decision": decision}
