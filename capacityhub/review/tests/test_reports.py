"""The fairness report and call administration rules."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from capacityhub.community.tests.factories import UserFactory
from capacityhub.integrity.selectors import decision_current
from capacityhub.review.models import Application, Call
from capacityhub.review.reports import fairness_report
from capacityhub.review.services import application_decide, call_create, call_update

from .helpers import eligible

pytestmark = pytest.mark.django_db


def _people(prefix, n, country):
    people = [UserFactory(username=f"{prefix}{i}") for i in range(n)]
    for person in people:
        person.profile.country = country
        person.profile.save()
    return people


def test_fairness_counts_groups_of_five_or_more_and_hides_smaller_ones(call, staff):
    call.seats = 20
    call.save()
    brazil = [eligible(call, p, staff) for p in _people("br", 5, "BR")]
    kenya = [eligible(call, p, staff) for p in _people("ke", 2, "KE")]
    for application in brazil[:2] + kenya[:1]:
        application_decide(
            actor=staff, application=application, outcome="accept",
            supersedes=decision_current(application),
        )  # fmt: skip
    report = fairness_report(call)
    regions = {g.value: g for g in report.groups if g.dimension == "region"}
    assert set(regions) == {"lac"}  # Kenya's two applicants are not shown
    assert regions["lac"].applications == 5 and regions["lac"].accepted == 2
    assert regions["lac"].rate == pytest.approx(0.4)
    assert report.hidden_groups >= 1
    assert not report.gender_available


def _fields(**more):
    now = timezone.now()
    return {
        "kind": "rapid_grant",
        "title": {"en": "Rapid grants"},
        "opens_at": now,
        "closes_at": now + timedelta(days=5),
        "decisions_by": now + timedelta(days=9),
        **more,
    }


def test_a_manager_opens_a_call_for_their_organization_only(manager, organization, other):
    call = call_create(
        actor=manager, owner_organization=organization, criteria=[{"name": {"en": "Impact"}}],
        **_fields(),
    )  # fmt: skip
    assert call.owner_organization == organization
    with pytest.raises(PermissionDenied):
        call_create(actor=other, owner_organization=organization,
                    criteria=[{"name": {"en": "Impact"}}], **_fields())  # fmt: skip
    with pytest.raises(PermissionDenied):
        call_update(actor=other, call=call, seats=3)


def test_a_manager_cannot_attach_another_organizations_form(
    manager, organization, application_form
):
    with pytest.raises(ValidationError) as caught:
        call_create(
            actor=manager, owner_organization=organization, form=application_form,
            criteria=[{"name": {"en": "Impact"}}], **_fields(),
        )  # fmt: skip
    assert "form" in caught.value.message_dict
    assert not Call.objects.filter(kind="rapid_grant").exists()


@pytest.mark.parametrize(
    ("more", "field"),
    [
        ({"currency": "XYZ", "budget": 10}, "currency"),
        ({"budget": 10}, "currency"),
        ({"title": {}}, "title"),
        ({"title": {"xx-nope-1": "x"}}, "title"),
        ({"eligible_regions": ["moon"]}, "eligible_regions"),
        ({"reviews_per_application": 1}, "reviews_per_application"),
    ],
)
def test_bad_call_settings_are_refused_naming_the_field(staff, more, field):
    with pytest.raises(ValidationError) as caught:
        call_create(actor=staff, criteria=[{"name": {"en": "Impact"}}], **_fields(**more))
    assert field in caught.value.message_dict
    assert not Call.objects.filter(kind="rapid_grant").exists()


def test_the_rubric_is_fixed_once_a_review_is_submitted(call, staff):
    from capacityhub.review.models import Review

    from .helpers import assigned

    (application,) = assigned(call, [UserFactory(username="x")], staff)
    Review.objects.create(
        assignment=application.assignments.first(), scores={}, submitted_at=timezone.now()
    )
    with pytest.raises(ValidationError):
        call_update(actor=staff, call=call, criteria=[{"name": {"en": "New"}}])
    assert call.criteria.count() == 2


def test_accepting_beyond_the_budget_is_refused(call, staff):
    call.budget, call.currency, call.seats = 500, "EUR", None
    call.save()
    from capacityhub.review.services import application_save, application_screen

    applications = []
    for n in range(2):
        person = UserFactory(username=f"b{n}")
        application = application_save(
            actor=person, call=call, answers={"motivation": "x"}, amount_requested=400,
            submit=True,
        )  # fmt: skip
        application_screen(actor=staff, application=application, eligible=True)
        applications.append(Application.objects.get(pk=application.pk))
    first, second = applications
    application_decide(actor=staff, application=first, outcome="accept",
                       supersedes=decision_current(first))  # fmt: skip
    with pytest.raises(ValidationError):
        application_decide(actor=staff, application=second, outcome="accept",
                           supersedes=decision_current(second))  # fmt: skip
