"""/dashboard/: each role sees its queues with counts, in a bounded number of queries."""

import datetime as dt

import pytest
from django.utils import timezone

from capacityhub.community.models import Membership
from capacityhub.community.tests.factories import OrganizationFactory, UserFactory
from capacityhub.events.models import Event, Registration
from capacityhub.exchange.models import Connection, Need
from capacityhub.knowledge.models import Resource, ResourceReport
from capacityhub.taxonomy.models import CapacityProposal

pytestmark = pytest.mark.django_db

DASHBOARD = "/dashboard/"


def org_need(manager, organization, title="Grant reporting"):
    return Need.objects.create(
        requester=manager, organization=organization, title=title, visibility="public"
    )


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_member_sees_their_inbox_count_and_checklist_but_no_queues(owner_client):
    html = owner_client.get(DASHBOARD).content.decode()

    assert "unread notifications" in html
    assert "Your first steps" in html
    assert "Organizations you manage" not in html
    assert "curation queue" not in html


def test_an_organizer_sees_their_organizations_needs_invitations_and_events(
    manager, manager_client, organization, other
):
    need = org_need(manager, organization)
    org_need(manager, organization, "Another")
    Connection.objects.create(need=need, provider=other, status=Connection.Status.INVITED)
    soon = timezone.now() + dt.timedelta(days=3)
    event = Event.objects.create(
        kind="workshop",
        title="Kano workshop",
        host=manager,
        organization=organization,
        starts_at=soon,
        ends_at=soon + dt.timedelta(hours=2),
        seats=10,
    )
    Registration.objects.create(
        event=event, user=other, status=Registration.Status.CONFIRMED, queued_at=timezone.now()
    )

    html = manager_client.get(DASHBOARD).content.decode()

    assert "Wikimedians of Kano" in html
    assert '<span class="hub-dashboard__count">2</span>' in html  # open needs
    assert "invitation waiting for an answer" in html
    assert "1 registered, 0 on the waitlist" in html


def test_a_member_does_not_see_an_organization_they_do_not_manage(
    owner_client, owner, organization
):
    Membership.objects.create(organization=organization, user=owner, role="member")

    assert "Wikimedians of Kano" not in owner_client.get(DASHBOARD).content.decode()


def test_staff_see_the_curation_queue_and_pending_proposals(staff, staff_client, owner):
    resource = Resource.objects.create(title="Guide", created_by=owner)
    ResourceReport.objects.create(resource=resource, reporter=owner, reason="broken")
    CapacityProposal.objects.create(proposer=owner, label="Podcasting", language="en")

    html = staff_client.get(DASHBOARD).content.decode()

    assert "open report in the curation queue" in html
    assert "capacity proposal to decide" in html


def test_a_course_author_sees_their_courses(owner, owner_client):
    from capacityhub.learning.models import Course

    owner.is_course_author = True
    owner.save()
    course = Course.objects.create(title="Wiki basics", slug="wiki-basics")
    course.authors.add(owner)

    html = owner_client.get(DASHBOARD).content.decode()

    assert "course you author" in html
    assert "1 drafts" in html


def test_the_dashboard_runs_a_bounded_number_of_queries_whatever_the_organizations(
    manager, manager_client, organization, django_assert_max_num_queries
):
    org_need(manager, organization)
    manager_client.get(DASHBOARD)
    for n in range(8):
        extra = OrganizationFactory(slug=f"org-{n}", name=f"Org {n}")
        Membership.objects.create(organization=extra, user=manager, role="manager")
        org_need(manager, extra, f"Need {n}")
        UserFactory(username=f"u{n}")

    with django_assert_max_num_queries(12):
        response = manager_client.get(DASHBOARD)

    assert "Org 7" in response.content.decode()


def test_the_menu_links_the_dashboard_and_shows_the_curation_queue_only_to_curators(
    owner_client, staff_client
):
    member_page = owner_client.get("/").content.decode()
    staff_page = staff_client.get("/").content.decode()

    assert 'href="/dashboard/"' in member_page
    assert 'href="/curation/"' not in member_page
    assert 'href="/curation/"' in staff_page
