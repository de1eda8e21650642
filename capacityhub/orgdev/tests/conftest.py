"""Shared orgdev fixtures: an organization (conftest's `organization`, run by `manager`) with
three invited respondents — `owner` (board) and two more — and helpers to answer."""

import pytest

from capacityhub.community.models import Membership
from capacityhub.community.tests.factories import UserFactory
from capacityhub.orgdev.framework import BUILTIN_V1
from capacityhub.orgdev.services import answers_save, round_close, round_open


def answers_at(level: int, **overrides) -> dict:
    answers = {key: {"level": level, "evidence": "", "notes": ""} for key in BUILTIN_V1}
    for key, value in overrides.items():
        answers[key.replace("_", "-")] = {"level": value}
    return answers


@pytest.fixture
def respondents(db, organization, owner):
    volunteer = UserFactory(username="vol")
    facilitator = UserFactory(username="facil")
    for user in (owner, volunteer):
        Membership.objects.create(organization=organization, user=user)
    return [
        {"username": owner.username, "role": "board"},
        {"username": volunteer.username, "role": "volunteer"},
        {"username": facilitator.username, "role": "facilitator"},
    ]


@pytest.fixture
def open_round(organization, manager, respondents):
    return round_open(
        actor=manager, organization=organization, title="2026 assessment", respondents=respondents
    )


def run_round(organization, manager, respondents, levels, title="Round") -> object:
    """Open, answer (one level per respondent, in order), close."""
    from capacityhub.community.models import User

    round_ = round_open(
        actor=manager, organization=organization, title=title, respondents=respondents
    )
    for entry, level in zip(respondents, levels, strict=True):
        user = User.objects.get(username=entry["username"])
        answers = level if isinstance(level, dict) else answers_at(level)
        answers_save(actor=user, round_=round_, answers=answers, submit=True)
    return round_close(actor=manager, round_=round_)


@pytest.fixture
def closed_round(organization, manager, respondents):
    return run_round(organization, manager, respondents, [2, 3, 1])
