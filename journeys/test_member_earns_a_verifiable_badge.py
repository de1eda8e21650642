"""Amina completes a course and a mentorship; a rule awards her the "Mentored learner" badge as
an Open Badges 3.0 credential; she downloads it; an outsider verifies it on its public page;
staff revoke it and the page says revoked."""

import json
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from capacityhub.community.evidence import evidence_record
from capacityhub.community.models import Evidence
from capacityhub.community.tests.factories import UserFactory
from capacityhub.learning.services.learners import lesson_complete
from capacityhub.learning.tests.factories import (
    CourseFactory,
    LessonFactory,
    ModuleFactory,
    enrol,
)
from capacityhub.recognition.models import Award
from capacityhub.recognition.services.achievements import achievement_create
from capacityhub.taxonomy.tests.factories import CapacityFactory
from journeys.conftest import MEMBER_PASSWORD, login

STAFF_PASSWORD = "pass-word-1234"  # the factories' password


@pytest.fixture
def badge(transactional_db):
    staff = UserFactory(username="staff", is_staff=True)
    capacity = CapacityFactory(code="editing", label="Editing")
    achievement = achievement_create(
        actor=staff, name="Mentored learner", image="bridge",
        description="Learned to edit with a course and a mentor.",
        criteria="Completed a course and a mentorship in editing.",
        capacities=["editing"], rule_kind="evidence_count",
        rule_params={"kind": "completed", "capacity": "editing", "minimum": 2},
    )  # fmt: skip
    return achievement, capacity


def test_a_rule_awards_a_badge_the_earner_downloads_and_an_outsider_verifies(
    page, fresh_page, member, badge
):
    achievement, capacity = badge
    # given: Amina completes a course and a mentorship in editing
    course = CourseFactory(capacities=[capacity], is_published=True, published_at=timezone.now())
    lesson = LessonFactory(module=ModuleFactory(course=course, title="Basics"), title="Welcome")
    enrol(member, course)
    lesson_complete(actor=member, lesson=lesson)
    assert not Award.objects.exists()
    evidence_record(
        profile=member.profile, capacity=capacity, kind=Evidence.Kind.COMPLETED,
        source="mentoring.mentorship:1", occurred_on=timezone.localdate(),
    )  # fmt: skip

    # then: the rule awarded her the badge
    award = Award.objects.get(achievement=achievement, recipient=member)

    # when: she opens her badges and downloads the credential
    login(page, "amina", MEMBER_PASSWORD)
    page.goto("/recognition/badges/mine/")
    expect(page.get_by_role("link", name="Mentored learner")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="JSON").click()
    credential = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert credential == award.credential
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]

    # and: an outsider checks it on its public page
    outsider = fresh_page()
    outsider.goto(f"/recognition/credentials/{award.public_id}/")
    expect(
        outsider.get_by_text("Valid: this credential was issued by Capacity Hub")
    ).to_be_visible()

    # when: staff revoke it
    office = fresh_page()
    login(office, "staff", STAFF_PASSWORD)
    office.goto(f"/recognition/credentials/{award.public_id}/")
    office.locator("input[name=reason]").fill("Awarded on a duplicated mentorship record.")
    office.get_by_role("button", name="Revoke").click()
    expect(office.get_by_role("status").get_by_text("The credential is revoked.")).to_be_visible()

    # then: the outsider's next look says revoked
    outsider.reload()
    expect(
        outsider.get_by_text("Revoked: its issuer has withdrawn this credential.")
    ).to_be_visible()
