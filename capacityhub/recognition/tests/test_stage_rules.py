"""A badge for completing a given stage of a leadership programme, awarded when the mentoring
app records the completion."""

import pytest
from django.core.exceptions import ValidationError

from capacityhub.mentoring.services import stage_complete
from capacityhub.mentoring.tests.fixtures import (  # noqa: F401
    cohort,
    facilitator,
    participant,
    programme,
)
from capacityhub.recognition.models import Achievement, Award
from capacityhub.recognition.services.achievements import achievement_create


def define(staff, **params):
    return achievement_create(
        actor=staff,
        organization=None,
        name="Identified",
        description="Completed a stage.",
        criteria="Completed the stage.",
        rule_kind="stage_completion",
        rule_params={"minimum": 1, **params},
    )


def test_completing_the_named_stage_earns_the_badge_and_another_stage_does_not(
    staff,
    owner,
    programme,  # noqa: F811
    participant,  # noqa: F811
    facilitator,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    first = define(staff, programme=programme.pk, stage=1)
    define(staff, programme=programme.pk, stage=3)

    with django_capture_on_commit_callbacks(execute=True):
        completion = stage_complete(actor=facilitator, participant=participant, note="Ran it.")

    award = Award.objects.get()
    assert award.recipient == owner and award.achievement == first
    assert len(award.evidence_ids) == 1
    assert completion.stage.position == 1


@pytest.mark.parametrize(
    ("params", "message"),
    [({"programme": 999999}, "no programme"), ({"stage": 9}, "no stage")],
)
def test_a_rule_naming_an_unknown_programme_or_stage_is_refused(
    staff,
    programme,  # noqa: F811
    params,
    message,
):
    params = {"programme": programme.pk} | params
    with pytest.raises(ValidationError) as error:
        define(staff, **params)
    assert message in str(error.value.message_dict["rule_params"])
    assert not Achievement.objects.exists()
