"""A cohort is created; participants are admitted through its intake call; mentors are
assigned (the one from a mentee's own organization is avoided); a mentor goes away and her
mentee moves to the backup; a facilitator completes a stage; retention shows."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from capacityhub.community.models import Membership
from capacityhub.community.tests.factories import OrganizationFactory, UserFactory
from capacityhub.exchange.models import Need
from capacityhub.forms.services import form_create
from capacityhub.mentoring.models import Cohort, Mentorship, Participant, StageCompletion
from capacityhub.mentoring.services import mentor_profile_save, programme_create, request_create
from capacityhub.review.models import Application, Call, Criterion
from capacityhub.review.services import application_save, application_screen
from journeys.conftest import login

PASSWORD = "pass-word-1234"  # the factories' password


@pytest.fixture
def hub(transactional_db, starter_taxonomy):
    staff = UserFactory(username="staff", is_staff=True)
    programme = programme_create(
        actor=staff, title="Emerging organizers", capacities=["fundraising"],
        stages=[{"title": "Identify"}, {"title": "Lead"}],
    )  # fmt: skip
    form = form_create(actor=staff, title={"en": "Intake"}, questions=[
        {"key": "motivation", "kind": "long_text", "required": True, "label": {"en": "Why?"}},
    ])  # fmt: skip
    now = timezone.now()
    call = Call.objects.create(
        kind="programme_intake", title={"en": "Join Emerging organizers"}, form=form, seats=5,
        opens_at=now - dt.timedelta(days=2), closes_at=now + dt.timedelta(days=5),
        decisions_by=now + dt.timedelta(days=9), created_by=staff,
    )  # fmt: skip
    Criterion.objects.create(call=call, name={"en": "Impact"}, weight=1, position=0)
    group = OrganizationFactory(slug="wm-lima", name="Wikimedistas de Lima", region="lac")
    lucia, ben = UserFactory(username="lucia"), UserFactory(username="ben")
    Membership.objects.create(organization=group, user=lucia)
    for person in (lucia, ben):
        application_save(actor=person, call=call, submit=True, language="es",
                         answers={"motivation": "Organizar editatones."})  # fmt: skip
    for application in Application.objects.all():
        application_screen(actor=staff, application=application, eligible=True)
    mentors = {}
    for name, capacity in (("carla", "grant-writing"), ("ana", "grant-writing"),
                           ("pablo", "fundraising")):  # fmt: skip
        mentors[name] = UserFactory(username=name)
        mentor_profile_save(actor=mentors[name], user=mentors[name], capacities=[capacity],
                            languages=["es"], max_mentees=1)  # fmt: skip
    Membership.objects.create(organization=group, user=mentors["carla"])  # Lucía's group
    return {"programme": programme, "call": call, "lucia": lucia, "ben": ben, **mentors}


def _sign_in(open_page, username):
    page = open_page()
    login(page, username, PASSWORD)
    return page


def test_a_cohort_from_intake_to_retention(fresh_page, hub):
    programme, call = hub["programme"], hub["call"]
    # given: staff create a cohort on the page, admitting through the intake call
    office = _sign_in(fresh_page, "staff")
    office.goto(f"/mentoring/programmes/{programme.pk}/cohorts/new/")
    office.locator("input[name=title]").fill("Cohort 2027")
    office.locator("input[name=starts_on]").fill(str(dt.date.today()))
    office.locator("input[name=ends_on]").fill(str(dt.date.today() + dt.timedelta(days=200)))
    office.locator("input[name=facilitators]").fill("pablo")
    office.locator("select[name=intake_call]").select_option(str(call.pk))
    office.get_by_role("button", name="Create the cohort").click()
    cohort = Cohort.objects.get()
    expect(office).to_have_url(f"/mentoring/cohorts/{cohort.pk}/")

    # when: staff accept both applications on the call's pages
    for application in Application.objects.order_by("id"):
        office.goto(f"/applications/{application.pk}/")
        decide = office.locator(f"form[action='/applications/{application.pk}/decide/']")
        decide.locator("input[value=accept]").check()
        decide.get_by_role("button", name="Record decision").click()
        expect(office.get_by_text("The decision is recorded.")).to_be_visible()

    # then: both are participants at the first stage
    office.goto(f"/mentoring/cohorts/{cohort.pk}/")
    expect(office.get_by_role("row").filter(has_text="Identify")).to_have_count(2)

    # when: Lucía asks for a mentor and staff assign mentors
    request_create(actor=hub["lucia"], capacities=["grant-writing"], languages=["es"],
                   cohort=cohort)  # fmt: skip
    office.get_by_role("button", name="Assign mentors").click()

    # then: Carla, from Lucía's own group, is avoided; Ana mentors her, Pablo backs her up
    pair = Mentorship.objects.get(mentee=hub["lucia"])
    assert (pair.mentor, pair.backup) == (hub["ana"], hub["pablo"])

    # when: Ana accepts, then goes away from today
    ana = _sign_in(fresh_page, "ana")
    ana.goto(f"/mentoring/mentorships/{pair.pk}/")
    ana.get_by_role("button", name="Accept").click()
    ana.goto("/mentoring/me/")
    ana.locator("input[name=starts_on]").fill(str(dt.date.today()))
    ana.locator("input[name=ends_on]").fill(str(dt.date.today() + dt.timedelta(days=30)))
    ana.get_by_role("button", name="Set away period").click()
    expect(ana.get_by_text("Your away period is saved")).to_be_visible()

    # then: Lucía is told and moves to her backup mentor
    lucia = _sign_in(fresh_page, "lucia")
    lucia.goto(f"/mentoring/mentorships/{pair.pk}/")
    lucia.get_by_role("button", name="Move to my backup mentor").click()
    moved = Mentorship.objects.get(mentee=hub["lucia"], status="accepted")
    assert moved.mentor == hub["pablo"]
    expect(lucia).to_have_url(f"/mentoring/mentorships/{moved.pk}/")

    # when: Pablo, the facilitator, completes Ben's first stage with a note
    ben = Participant.objects.get(user=hub["ben"])
    pablo = _sign_in(fresh_page, "pablo")
    pablo.goto(f"/mentoring/cohorts/{cohort.pk}/")
    pablo.locator(f"#note-{ben.pk}").fill("Ran the kick-off call.")
    pablo.locator(f"form[action='/mentoring/participants/{ben.pk}/complete/'] button").click()
    expect(pablo.get_by_text("is completed")).to_be_visible()
    assert StageCompletion.objects.filter(participant=ben).count() == 1

    # and: five alumni who finished 40 days ago, one of whom asked for help since
    earlier = Cohort.objects.create(
        programme=programme,
        title="Cohort 2026",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 6, 1),
    )
    finished = timezone.now() - dt.timedelta(days=40)
    alumni = [UserFactory(username=f"alum{i}") for i in range(5)]
    for person in alumni:
        Participant.objects.create(cohort=earlier, user=person, status="completed",
                                   completed_at=finished)  # fmt: skip
    need = Need.objects.create(requester=alumni[0], title="Help with a grant report")
    Need.objects.filter(pk=need.pk).update(created_at=finished + dt.timedelta(days=3))

    # then: staff see retention, with its data table
    office.goto(f"/mentoring/programmes/{programme.pk}/retention/")
    row = office.get_by_role("row").filter(has_text="Retained at +30 days")
    expect(row).to_contain_text("20 %")
