"""The annual plan: targets against measures computed from hub data."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from capacityhub.governance import measures
from capacityhub.governance.models import PlanTarget
from capacityhub.governance.selectors import plan_progress
from capacityhub.governance.services import plan_target_set

YEAR = timezone.now().year


def test_officers_and_staff_set_targets_others_cannot(seated, staff, owner):
    plan_target_set(actor=staff, year=YEAR, recommendation="R2",
                    measure="connections_completed", target=40)  # fmt: skip
    plan_target_set(actor=seated["chair"], year=YEAR, recommendation="R2",
                    measure="connections_completed", target=50)  # fmt: skip
    assert PlanTarget.objects.get().target == 50
    with pytest.raises(PermissionDenied):
        plan_target_set(actor=owner, year=YEAR, recommendation="R2",
                        measure="connections_completed", target=1)  # fmt: skip


@pytest.mark.parametrize(
    "fields, field",
    [({"recommendation": "R11"}, "recommendation"), ({"measure": "nope"}, "measure"),
     ({"target": -1}, "target"), ({"target": True}, "target"), ({"year": 1900}, "year")],
)  # fmt: skip
def test_bad_targets_are_refused(staff, fields, field):
    values = {"year": YEAR, "recommendation": "R7", "measure": "courses_completed", "target": 9}
    with pytest.raises(ValidationError) as error:
        plan_target_set(actor=staff, **(values | fields))
    assert field in error.value.message_dict
    assert not PlanTarget.objects.exists()


def test_progress_comes_from_the_measure_registry(staff, monkeypatch):
    monkeypatch.setitem(
        measures._MEASURES,
        "test_measure",
        measures.Measure("test_measure", "Test", lambda s, e: 30),
    )
    plan_target_set(actor=staff, year=YEAR, recommendation="R6", measure="test_measure",
                    target=50, baseline=10)  # fmt: skip
    [row] = plan_progress(year=YEAR)
    assert (row.value, row.share) == (30, 50)


def test_builtin_measures_count_hub_data(db):
    keys = {m.key for m in measures.measures()}
    assert {"courses_completed", "connections_completed", "events_held", "needs_fulfilled"} <= keys
    for key in keys:
        assert measures.measure_value(key, YEAR) == 0


def test_a_need_fulfilled_this_year_counts_and_one_fulfilled_last_year_does_not(taxonomy):
    import datetime as dt

    from capacityhub.exchange.models import Need
    from capacityhub.exchange.tests.factories_connections import NeedFactory

    now = timezone.now()
    for when in (now, now - dt.timedelta(days=400)):
        need = NeedFactory(capacities=[taxonomy["lua-scripting"]])
        Need.objects.filter(pk=need.pk).update(status="fulfilled", status_changed_at=when)
    NeedFactory(capacities=[taxonomy["lua-scripting"]])  # still open
    assert measures.measure_value("needs_fulfilled", YEAR) == 1


def test_the_overseen_apps_measures_count_their_own_records(organization, manager, owner):
    from capacityhub.community.tests.factories import UserFactory
    from capacityhub.orgdev.tests.conftest import run_round

    keys = {m.key for m in measures.measures()}
    assert {"mentorships_completed", "stages_completed", "survey_answers",
            "assessments_closed", "badges_awarded"} <= keys  # fmt: skip
    UserFactory(username="vol"), UserFactory(username="facil")
    respondents = [
        {"username": "vol", "role": "volunteer"},
        {"username": "facil", "role": "facilitator"},
        {"username": owner.username, "role": "board"},
    ]
    run_round(organization, manager, respondents, [2, 3, 1])

    assert measures.measure_value("assessments_closed", YEAR) == 1
    assert measures.measure_value("assessments_closed", YEAR - 1) == 0
