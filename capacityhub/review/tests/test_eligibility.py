"""Eligibility checks (pure)."""

from capacityhub.review.eligibility import Facts, Rules, problems


def test_an_applicant_meeting_every_rule_has_no_problem():
    rules = Rules(frozenset({"lac"}), frozenset({"es"}), frozenset({"user_group"}), 30)
    facts = Facts("lac", frozenset({"es", "en"}), "user_group", 400)
    assert problems(rules, facts) == []


def test_no_rules_means_no_problem():
    assert problems(Rules(), Facts()) == []


def test_each_unmet_rule_is_named():
    rules = Rules(frozenset({"lac"}), frozenset({"es"}), frozenset({"chapter"}), 90)
    found = problems(rules, Facts("ssa", frozenset({"ha"}), "", 10))
    assert len(found) == 4
    assert "10 days old" in found[-1]
