"""Every orgdev read, applying who may see what (one module per subdomain)."""

from .change import (
    assessment_change,
    closed_rounds,
    dimension_history,
    peer_benchmarks,
    question_mapping,
    round_change,
)
from .plans import dimension_capacity_codes, goal_list, plan_can_view, supporting_organizations
from .rounds import (
    answer_values,
    framework_current,
    my_answers,
    my_invitations,
    respondent_for,
    round_can_manage,
    round_can_view,
    round_get,
    round_list,
    round_respondents,
    round_results,
    visible_rounds,
)

__all__ = [
    "answer_values",
    "assessment_change",
    "closed_rounds",
    "dimension_capacity_codes",
    "dimension_history",
    "framework_current",
    "goal_list",
    "my_answers",
    "my_invitations",
    "peer_benchmarks",
    "plan_can_view",
    "question_mapping",
    "respondent_for",
    "round_can_manage",
    "round_can_view",
    "round_change",
    "round_get",
    "round_list",
    "round_respondents",
    "round_results",
    "supporting_organizations",
    "visible_rounds",
]
