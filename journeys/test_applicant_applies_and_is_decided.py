"""Lucía applies for a scholarship in Spanish; two reviewers score her application while a third,
from her own organization, is recused automatically; staff accept her and decline Ben with a
reason; both applicants see the outcome."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from capacityhub.community.models import Membership, ProfileLanguage
from capacityhub.community.tests.factories import OrganizationFactory, UserFactory
from capacityhub.forms.services import form_create
from capacityhub.review.models import Application, Assignment, Call, Criterion
from capacityhub.review.services import application_save, application_screen
from journeys.conftest import login

PASSWORD = "pass-word-1234"  # the factories' password
DECLINE_REASON = "This year the seats went to first-time participants; please apply again."


@pytest.fixture
def scholarship(transactional_db):
    staff = UserFactory(username="staff", is_staff=True)
    form = form_create(
        actor=staff,
        title={"en": "Application", "es": "Solicitud"},
        questions=[
            {"key": "motivation", "kind": "long_text", "required": True,
             "label": {"en": "Why do you apply?", "es": "¿Por qué solicitas?"}},
            {"key": "consent", "kind": "consent", "required": True,
             "label": {"en": "I agree.", "es": "Acepto que los revisores lean mis respuestas."}},
        ],
    )  # fmt: skip
    now = timezone.now()
    call = Call.objects.create(
        kind="scholarship",
        title={"en": "Scholarship to WikiIndaba", "es": "Beca para WikiIndaba"},
        purpose={"es": "Viaje y alojamiento para la conferencia regional."},
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=10),
        decisions_by=now + timedelta(days=20),
        seats=1,
        form=form,
        created_by=staff,
    )
    for position, name in enumerate(["Impact", "Need"]):
        Criterion.objects.create(call=call, name={"en": name}, weight=1, position=position)
    return call


@pytest.fixture
def cast(scholarship):
    lucia = UserFactory(username="lucia", preferred_language="es")
    group = OrganizationFactory(slug="wm-bogota", name="Wikimedistas de Bogotá", region="lac")
    Membership.objects.create(organization=group, user=lucia)
    reviewers = []
    for name in ("rev-ana", "rev-pablo", "rev-carla"):
        person = UserFactory(username=name)
        ProfileLanguage.objects.create(profile=person.profile, language="es", proficiency=4)
        reviewers.append(person)
    Membership.objects.create(organization=group, user=reviewers[2])  # Carla: Lucía's group
    scholarship.reviewers.set(reviewers)
    ben = UserFactory(username="ben")
    application_save(
        actor=ben, call=scholarship, submit=True, language="en",
        answers={"motivation": "I run a photo contest.", "consent": True},
    )  # fmt: skip
    return {"lucia": lucia, "ben": ben, "reviewers": reviewers}


def _sign_in(open_page, username):
    page = open_page()
    login(page, username, PASSWORD)
    return page


def test_an_applicant_applies_in_spanish_and_both_applicants_see_the_outcome(
    fresh_page, scholarship, cast
):
    staff = scholarship.created_by
    # given: Lucía, who reads the hub in Spanish, opens the call
    lucia = _sign_in(fresh_page, "lucia")
    lucia.goto("/calls/")
    lucia.get_by_role("link", name="Beca para WikiIndaba").click()
    expect(lucia.get_by_role("heading", level=1)).to_have_text("Beca para WikiIndaba")
    lucia.locator(f"a[href='/calls/{scholarship.pk}/apply/']").click()

    # when: she answers in Spanish and submits
    expect(lucia.get_by_text("¿Por qué solicitas?")).to_be_visible()
    lucia.locator("textarea[name=motivation]").fill("Quiero aprender a organizar editatones.")
    lucia.locator("input[name=consent]").check()
    lucia.locator("button[name=submit]").click()

    # then: her application is submitted
    application = Application.objects.get(applicant=cast["lucia"])
    expect(lucia).to_have_url(f"/applications/{application.pk}/")
    assert application.status == "submitted" and application.language == "es"

    # when: staff screen both applications and assign reviewers from the page
    for each in Application.objects.all():
        application_screen(actor=staff, application=each, eligible=True)
    office = _sign_in(fresh_page, "staff")
    office.goto(f"/calls/{scholarship.pk}/assignments/")
    office.get_by_role("button", name="Assign reviewers").click()

    # then: Carla, from Lucía's group, was recused; Ana and Pablo review her application
    reviewers = set(
        Assignment.objects.filter(application=application).values_list(
            "reviewer__username", flat=True
        )
    )
    assert reviewers == {"rev-ana", "rev-pablo"}
    lucia_rows = office.get_by_role("row").filter(has=office.get_by_text(f"#{application.pk}"))
    expect(lucia_rows).to_have_count(2)
    expect(lucia_rows.filter(has_text="rev-carla")).to_have_count(0)

    # when: Ana and Pablo each score Lucía's application
    for name, score in (("rev-ana", "5"), ("rev-pablo", "4")):
        reviewer = _sign_in(fresh_page, name)
        assignment = Assignment.objects.get(application=application, reviewer__username=name)
        reviewer.goto("/reviews/")
        reviewer.locator(f"a[href='/reviews/{assignment.pk}/']").click()
        expect(reviewer.get_by_text("Quiero aprender a organizar editatones.")).to_be_visible()
        for criterion in scholarship.criteria.all():
            reviewer.locator(f"input[name=score_{criterion.pk}][value='{score}']").check()
        reviewer.get_by_role("button", name="Submit review").click()
        expect(reviewer.get_by_text("Your review is submitted.")).to_be_visible()

    # and: Carla cannot open Lucía's application even when given an assignment by hand
    forced = Assignment.objects.create(application=application, reviewer=cast["reviewers"][2])
    carla = _sign_in(fresh_page, "rev-carla")
    response = carla.goto(f"/reviews/{forced.pk}/")
    assert response.status == 403

    # when: staff accept Lucía and decline Ben with a reason
    office.goto(f"/applications/{application.pk}/")
    decide = office.locator(f"form[action='/applications/{application.pk}/decide/']")
    decide.locator("input[value=accept]").check()
    decide.get_by_role("button", name="Record decision").click()
    expect(office.get_by_text("The decision is recorded.")).to_be_visible()
    ben_application = Application.objects.get(applicant=cast["ben"])
    office.goto(f"/applications/{ben_application.pk}/")
    decide = office.locator(f"form[action='/applications/{ben_application.pk}/decide/']")
    decide.locator("input[value=decline]").check()
    decide.locator("textarea").fill(DECLINE_REASON)
    decide.get_by_role("button", name="Record decision").click()
    expect(office.get_by_text("The decision is recorded.")).to_be_visible()

    # then: Lucía sees she is accepted and takes up the offer
    lucia.goto("/applications/")
    lucia.locator(f"a[href='/applications/{application.pk}/']").click()
    expect(lucia.locator(".review-status")).not_to_have_text("Submitted")
    lucia.locator("button[value=take_up]").click()
    application.refresh_from_db()
    assert application.status == "taken_up"

    # and: Ben reads the reason he was declined
    ben = _sign_in(fresh_page, "ben")
    ben.goto("/applications/")
    ben.locator(f"a[href='/applications/{ben_application.pk}/']").click()
    expect(ben.locator(".review-status")).to_have_text("Declined")
    expect(ben.locator(".decision-reason")).to_have_text(DECLINE_REASON)
