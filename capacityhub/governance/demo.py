"""Demo content of the governance app for `manage.py seed_demo` (deterministic for a seed):
the supervisory board (seven seats, staggered terms), three meetings — two held, with motions,
a recusal the conflict register found, approved and published minutes, one planned — an advice
request answered and published, and this year's plan."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

ROLES = ["chair", "secretary", "member", "member", "member", "member", "advisor"]
CHOSEN = ["election", "election", "election", "appointment", "co_option", "election", "appointment"]
PLAN = [("R2", "connections_completed", 120), ("R2", "needs_fulfilled", 80),
        ("R3", "events_held", 24), ("R7", "courses_completed", 300)]  # fmt: skip


def _cast(staff):
    """Seven people for the board: one of them a member of an organization (the subject of a
    motion they must stay out of), plus that organization."""
    from capacityhub.community.models import Membership, User

    membership = (
        Membership.objects.filter(user__is_active=True, user__is_staff=False)
        .exclude(user__username="demo-member").select_related("organization", "user")
        .order_by("id").first()
    )  # fmt: skip
    if membership is None:
        return None, None
    others = User.objects.filter(is_active=True, is_staff=False).exclude(
        pk=membership.user_id).exclude(username="demo-member").order_by("id")[:6]  # fmt: skip
    people = list(others)
    if len(people) < 6:
        return None, None
    people.insert(3, membership.user)  # a voting member
    return people[:7], membership.organization


def _seat(staff, board, people, rng):
    from capacityhub.governance.services import term_start

    today = timezone.localdate()
    for index, (person, role, chosen) in enumerate(zip(people, ROLES, CHOSEN, strict=True)):
        starts = today - dt.timedelta(days=400 + 30 * index)
        years = 2 + index % 3  # staggered: a third of the seats renew each year
        ends = starts + dt.timedelta(days=365 * years + rng.randint(0, 60))
        term_start(actor=staff, board=board, person=person, role=role, chosen_by=chosen,
                   starts_on=starts, ends_on=ends)  # fmt: skip


def _held_meeting(staff, board, people, subject, when, title, minutes):
    from capacityhub.governance import services as s

    chair, secretary = people[0], people[1]
    meeting = s.meeting_create(actor=secretary, board=board, title=title, starts_at=when,
                               location="Online")  # fmt: skip
    s.agenda_item_add(actor=secretary, meeting=meeting, title="Annual plan progress",
                      paper_text="Targets and figures so far, by recommendation.")  # fmt: skip
    s.agenda_item_add(actor=secretary, meeting=meeting, title=f"Support for {subject}",
                      paper_url="https://meta.wikimedia.org/wiki/Movement_Strategy")  # fmt: skip
    s.attendance_record(actor=secretary, meeting=meeting,
                        present_ids=[p.pk for p in people[:6]])  # fmt: skip
    motion = s.motion_propose(
        actor=secretary, meeting=meeting, title=f"Approve the capacity plan of {subject}",
        text="The plan as presented in the paper.", subject_type="community.organization",
        subject_id=str(subject.pk), outcome="approved",
    )  # fmt: skip
    for voter in people[:6]:
        if not s.motion_conflicts(person=voter, motion=motion):
            s.vote_cast(
                actor=voter, motion=motion, choice="for" if voter != people[5] else "abstain"
            )
    s.motion_close(actor=chair, motion=motion)
    s.minutes_save(actor=secretary, meeting=meeting, minutes=minutes)
    approval = s.motion_propose(actor=secretary, meeting=meeting, kind="minutes",
                                title=f"Approve the minutes of {title}")  # fmt: skip
    for voter in people[:5]:
        s.vote_cast(actor=voter, motion=approval, choice="for")
    s.motion_close(actor=chair, motion=approval)
    s.minutes_publish(actor=secretary, meeting=meeting)
    return meeting


def _advice(people):
    from capacityhub.community.models import CapacityClaim, User
    from capacityhub.governance.services import advice_answer, advice_publish, advice_request

    asker = User.objects.filter(username="demo-member").first() or people[-1]
    claim = CapacityClaim.objects.filter(profile__user__in=people).order_by("id").first()
    if claim is None:
        return 0
    request = advice_request(
        actor=asker, title="How should a small user group report on its trainings?",
        question="We ran six workshops this year. What do funders expect in a report?",
        capacities=[claim.capacity.code], languages=["en"],
    )  # fmt: skip
    adviser = request.routes.order_by("-score", "id").first().adviser
    advice_answer(actor=adviser, request=request, answer=(
        "Report outcomes, not only activities: who came, what they could do afterwards, and "
        "one story. The hub's evidence records give you most of the numbers."))  # fmt: skip
    advice_publish(actor=asker, request=request)
    return 1


@transaction.atomic
def _write(seed: int) -> str:
    from capacityhub.community.models import User
    from capacityhub.governance.models import Board
    from capacityhub.governance.services import board_create, meeting_create, plan_target_set

    staff = User.objects.filter(is_active=True, is_staff=True).order_by("id").first()
    people, subject = _cast(staff) if staff else (None, None)
    if not people or Board.objects.filter(slug="cbu-board").exists():
        return "governance: skipped (no demo community)."
    rng = random.Random(f"governance-{seed}")
    board = board_create(actor=staff, slug="cbu-board", name={
        "en": "Supervisory board of the Capacity Building Unit",
        "es": "Junta de supervisión de la Unidad de Fortalecimiento de Capacidades",
        "fr": "Conseil de surveillance de l’Unité de renforcement des capacités",
        "pt": "Conselho de supervisão da Unidade de Capacitação",
        "ar": "مجلس الإشراف على وحدة بناء القدرات"},
        mandate={"en": "Oversees the unit and advises affiliates."})  # fmt: skip
    _seat(staff, board, people, rng)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for weeks, title in [(20, "Spring board meeting"), (6, "Autumn board meeting")]:
        _held_meeting(staff, board, people, subject, now - dt.timedelta(weeks=weeks), title,
                      f"{title}: the plan was reviewed; one member stayed out of the vote on "
                      f"{subject.name} (same organization).")  # fmt: skip
    meeting_create(actor=people[1], board=board, title="Winter board meeting",
                   starts_at=now + dt.timedelta(weeks=4), location="Online")  # fmt: skip
    advice = _advice(people)
    for recommendation, measure, target in PLAN:
        plan_target_set(actor=staff, year=now.year, recommendation=recommendation,
                        measure=measure, target=target)  # fmt: skip
    return f"governance: a board of 7, 3 meetings, {advice} published advice, {len(PLAN)} targets."


def write_demo(*, seed: int) -> str:
    """Write the demo content; return a one-line summary for the command's output."""
    return _write(seed)
