"""Declaring interests, and the oversight pages (declarations, decisions, audit) for staff and
the board only."""

import pytest
from django.urls import reverse

from capacityhub.community.tests.factories import UserFactory
from capacityhub.core.models import AuditEntry
from capacityhub.integrity.models import Interest
from capacityhub.integrity.services import decision_record, interest_declare


def test_a_member_declares_an_interest_in_an_organization(owner_client, owner, organization):
    response = owner_client.post(
        reverse("web:interest-list"),
        {
            "kind": "organization_role",
            "organization": organization.slug,
            "description": "Treasurer",
        },
    )

    assert response.status_code == 302
    interest = Interest.objects.get()
    assert interest.declarant == owner and interest.organization == organization
    assert AuditEntry.objects.filter(action="integrity.interest.declare").exists()
    assert "Treasurer" in owner_client.get(reverse("web:interest-list")).content.decode()


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"kind": "personal_relationship"}, "Name the person"),
        ({"kind": "financial", "person": "nobody-here"}, "Nobody has this username"),
        ({"kind": "organization_role", "organization": "nope"}, "No organization has this address"),
        ({"kind": "bribery", "person": "other"}, "Select a valid choice"),
    ],
)
def test_a_bad_declaration_is_a_422_and_nothing_is_saved(owner_client, other, data, field_message):
    response = owner_client.post(reverse("web:interest-list"), data)

    assert response.status_code == 422 and field_message in response.content.decode()
    assert not Interest.objects.exists()


def test_a_declaration_is_withdrawn_by_its_declarant_only(owner, other, owner_client, other_client):
    interest = interest_declare(actor=owner, kind="financial", person=other)
    url = reverse("web:interest-withdraw", args=[interest.pk])

    assert other_client.post(url).status_code == 403
    assert owner_client.post(url).status_code == 302
    interest.refresh_from_db()
    assert interest.withdrawn_at is not None


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(reverse("web:interest-list")).status_code == 302


@pytest.mark.parametrize("name", ["interest-all", "audit-list"])
def test_oversight_pages_are_for_staff_and_board_only(
    name, other_client, manager_client, staff_client
):
    board = UserFactory(is_board_member=True)
    from django.test import Client

    board_client = Client()
    board_client.force_login(board)
    url = reverse(f"web:{name}")
    assert other_client.get(url).status_code == 403
    assert manager_client.get(url).status_code == 403
    assert staff_client.get(url).status_code == 200
    assert board_client.get(url).status_code == 200


def test_staff_see_every_declaration(owner, other, staff_client):
    interest_declare(actor=owner, kind="financial", person=other, description="Loan")

    assert "Loan" in staff_client.get(reverse("web:interest-all")).content.decode()


def test_a_decision_page_links_to_its_audit_rows_and_history(
    staff, staff_client, organization, other_client
):
    first = decision_record(actor=staff, subject=organization, outcome="waitlist", reason="Full")
    second = decision_record(
        actor=staff, subject=organization, outcome="accept", reason="Seat freed", supersedes=first
    )

    page = staff_client.get(reverse("web:integrity-decision", args=[second.pk])).content.decode()

    assert "Seat freed" in page and "waitlist" in page
    assert f"target_type=community.organization&amp;target_id={organization.pk}" in page
    assert other_client.get(reverse("web:integrity-decision", args=[second.pk])).status_code == 403
    assert staff_client.get(reverse("web:integrity-decision", args=[10**9])).status_code == 404


def _rows(response) -> str:
    html = response.content.decode()
    return html.split("<tbody>")[1].split("</tbody>")[0] if "<tbody>" in html else ""


def test_the_audit_log_is_filtered_by_person_object_kind_and_date(
    staff, owner, other, staff_client, organization
):
    decision_record(actor=staff, subject=organization, outcome="eligible")
    interest_declare(actor=owner, kind="financial", person=other)
    url = reverse("web:audit-list")

    by_person = _rows(staff_client.get(url, {"person": "owner"}))
    assert "integrity.interest.declare" in by_person and "integrity.decision" not in by_person
    by_object = _rows(
        staff_client.get(
            url, {"target_type": "community.organization", "target_id": organization.pk}
        )
    )
    assert "integrity.decision" in by_object and "interest.declare" not in by_object
    by_kind = _rows(staff_client.get(url, {"action": "integrity.decision"}))
    assert "integrity.decision" in by_kind and "interest.declare" not in by_kind
    assert _rows(staff_client.get(url, {"since": "2999-01-01"})) == ""


def test_the_audit_log_is_paginated_in_a_bounded_number_of_queries(
    staff, staff_client, organization, django_assert_max_num_queries
):
    AuditEntry.objects.bulk_create(
        AuditEntry(actor=staff, action="test.row", target_type="x", target_id=str(i))
        for i in range(120)
    )
    with django_assert_max_num_queries(10):
        page = staff_client.get(reverse("web:audit-list"), {"page": 2})
    assert page.status_code == 200 and "Page 2 of 3" in page.content.decode()


def test_my_own_profile_links_to_my_declarations_and_staff_see_the_oversight_pages(
    owner_client, staff_client, owner
):
    mine = owner_client.get(reverse("web:profile-me"), follow=True).content.decode()
    assert reverse("web:interest-list") in mine and reverse("web:audit-list") not in mine
    theirs = owner_client.get(reverse("web:profile-detail", args=["staff"])).content.decode()
    assert reverse("web:interest-list") not in theirs
    staff_page = staff_client.get(reverse("web:profile-me"), follow=True).content.decode()
    assert reverse("web:audit-list") in staff_page and reverse("web:formbuilder-list") in staff_page
