"""The board approves a budget line: the member tied to the organization it funds is recused by
the register, and the carried motion's decision approves the line in the ledger's budget."""

from capacityhub.funding.models import BudgetLine
from capacityhub.funding.services import budget_create, budget_line_add
from capacityhub.funding.tests.fixtures import finance  # noqa: F401
from capacityhub.governance.models import Motion, Vote
from capacityhub.governance.services import motion_close, motion_propose, vote_cast


def test_a_carried_motion_approves_the_budget_line_with_the_funded_organizations_member_recused(
    meeting,
    seated,
    organization,
    finance,  # noqa: F811
):
    budget = budget_create(actor=finance, fiscal_year=2027)
    line = budget_line_add(actor=finance, budget=budget, title="Affiliate grants",
                           scope="decentralized", organization=organization,
                           amount="25000")  # fmt: skip
    motion = motion_propose(
        actor=seated["other"],
        meeting=meeting,
        title="Approve the affiliate grants line",
        subject_type="funding.budgetline",
        subject_id=str(line.pk),
        outcome="approved",
    )
    for name in ("chair", "other", "owner", "vera"):
        vote_cast(actor=seated[name], motion=motion, choice="for")

    closed = motion_close(actor=seated["other"], motion=motion)

    assert closed.status == Motion.Status.CARRIED
    assert Vote.objects.get(voter=seated["manager"]).from_register
    line = BudgetLine.objects.get()
    assert line.approved_decision == closed.decision and line.approved_at is not None
    assert closed.decision.subject_type == "funding.budgetline"
