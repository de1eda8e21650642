"""The recognition app's demo content (see capacityhub/demo): barnstars between demo people
(the demo member receives two), three badges — two awarded by rules over evidence, one an
organization's awarded by hand — and a few signed credentials, one of them revoked."""

import random

from django.db import transaction

DEMO_MEMBER = "demo-member"
MESSAGES = [
    "Thank you for the offline editathon at the library — twelve new editors!",
    "Gracias por guiar mi primera subida a Commons.",
    "Merci pour l'atelier sur les modèles Lua.",
    "Obrigado por organizar o encontro do grupo de usuários.",
    "شكراً على ورشة التحرير للمبتدئين.",
    "Thank you for mentoring me through my first grant report.",
]
BARNSTARS = 24
AWARDED = 5


def _write(seed: int) -> str:
    from capacityhub.community.models import Membership, User
    from capacityhub.recognition.kinds import BarnstarKind
    from capacityhub.recognition.models import Barnstar
    from capacityhub.recognition.services.achievements import achievement_create
    from capacityhub.recognition.services.awards import _issue, award_revoke

    rng = random.Random(seed)
    people = list(User.objects.filter(is_active=True, is_staff=False).order_by("id")[:60])
    staff = User.objects.filter(is_active=True, is_staff=True).order_by("id").first()
    if len(people) < 3 or staff is None:
        return "Recognition: no demo people, nothing written."
    member = next((p for p in people if p.username == DEMO_MEMBER), people[0])
    kinds = BarnstarKind.values
    pairs = [(rng.choice(people), member) for _ in range(2)]
    while len(pairs) < BARNSTARS:
        giver, recipient = rng.sample(people, 2)
        pairs.append((giver, recipient))
    Barnstar.objects.bulk_create(
        Barnstar(giver=giver, recipient=recipient, kind=rng.choice(kinds),
                 message=rng.choice(MESSAGES))
        for giver, recipient in pairs
        if giver.pk != recipient.pk
    )  # fmt: skip
    mentor = achievement_create(
        actor=staff, name="Mentor", image="bridge",
        description="Guided newcomers through their first contributions.",
        criteria="Completed three mentorships as a mentor.", rule_kind="evidence_count",
        rule_params={"kind": "completed", "source_model": "mentoring.mentorship", "minimum": 3},
    )  # fmt: skip
    achievement_create(
        actor=staff, name="Multilingual host", image="globe",
        description="Taught live sessions in more than one language.",
        criteria="Hosted live sessions in at least two languages.",
        rule_kind="session_languages", rule_params={"languages": 2},
    )  # fmt: skip
    manager = Membership.objects.filter(role=Membership.Role.MANAGER).select_related(
        "organization", "user"
    ).order_by("id").first()  # fmt: skip
    issued = []
    others = [p for p in people if p.pk != member.pk]
    for person in [member, *rng.sample(others, min(AWARDED - 1, len(others)))]:
        if person.pk != staff.pk:
            issued.append(_issue(achievement=mentor, recipient=person, awarded_by=staff,
                                 evidence_ids=[]))  # fmt: skip
    if manager is not None:
        trainer = achievement_create(
            actor=manager.user, organization=manager.organization, name="Chapter trainer",
            image="book", description="Trained members of the chapter.",
            criteria="Ran at least three trainings for the chapter.",
        )  # fmt: skip
        if manager.user.pk != member.pk:
            issued.append(_issue(achievement=trainer, recipient=member, awarded_by=manager.user,
                                 evidence_ids=[]))  # fmt: skip
    issued = [a for a in issued if a is not None]
    if len(issued) > 1:
        award_revoke(actor=staff, award=issued[-1], reason="Demo: awarded by mistake.")
    return (
        f"Recognition: {Barnstar.objects.count()} barnstars, 3 badges, "
        f"{len(issued)} signed credentials (1 revoked)."
    )


def write_demo(*, seed: int) -> str:
    """Write the demo content; return a one-line summary for the command's output."""
    with transaction.atomic():
        return _write(seed)
